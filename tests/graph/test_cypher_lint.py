"""Every Cypher statement the project defines passes Neo4j's own linter."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

import graph

LINTER = Path(__file__).resolve().parents[2] / "tools" / "cypher-lint"
CYPHER_START = re.compile(
    r"^\s*(MATCH|OPTIONAL|UNWIND|MERGE|CREATE|RETURN|WITH|CALL|SHOW|DROP)\b", re.IGNORECASE
)
PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)


def project_statements() -> dict[str, str]:
    """Every UPPER_SNAKE constant in graph/ that holds Cypher, plus builder examples.

    Private constants (leading underscore) are fragments that builders assemble;
    the builders' ``cypher_examples`` cover the statements they end up in.
    """
    found: dict[str, str] = {}
    for info in pkgutil.walk_packages(graph.__path__, "graph."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if not name.isupper() or name.startswith("_"):
                continue
            for k, text in enumerate(_strings(value)):
                if CYPHER_START.match(text):
                    found[f"{info.name}.{name}[{k}]"] = text
        examples = getattr(module, "cypher_examples", None)
        if callable(examples):
            for k, text in enumerate(examples()):
                found[f"{info.name}.cypher_examples[{k}]"] = text
    return found


def lint(statements: dict[str, str]) -> list[dict[str, object]]:
    payload = [
        {
            "name": name,
            "query": query,
            # Declare every parameter so only real problems are reported.
            "parameters": dict.fromkeys(PARAMETER.findall(query)),
        }
        for name, query in statements.items()
    ]
    node = shutil.which("node")
    assert node, "node is required for the Cypher linter"
    proc = subprocess.run(
        [node, str(LINTER / "lint.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report: list[dict[str, object]] = json.loads(proc.stdout)
    return report


def test_cypher_lint_finds_the_project_statements() -> None:
    statements = project_statements()
    # The writer alone defines a statement per label and relationship type.
    assert any("MERGE_ATTENDED" in name for name in statements)
    assert any("CONSTRAINTS" in name for name in statements)
    assert len(statements) >= 25


def test_cypher_lint_reports_a_broken_statement() -> None:
    report = lint({"broken": "MATCH (n:Person RETURN n", "undeclared": "RETURN $x AS x"})
    assert report[0]["diagnostics"], "the linter must flag a syntax error"


@cache
def lint_project() -> dict[str, object]:
    # One node process for all statements: starting the language service is the slow part.
    return {str(r["name"]): r["diagnostics"] for r in lint(project_statements())}


@pytest.mark.parametrize("name", sorted(project_statements()))
def test_cypher_lint_statement_is_valid_neo4j_cypher(name: str) -> None:
    assert lint_project()[name] == [], f"{name}:\n{project_statements()[name]}"
