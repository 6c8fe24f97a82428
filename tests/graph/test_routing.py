"""Every statement in graph/ says where a cluster should run it (a static check: no
cluster runs here).

With `NEO4J_URI=neo4j://...` the driver routes each query: reads to any member,
writes to the leader. A query that does not say which it is defaults to the leader, so
a read that forgets would load the one member that takes writes. Here every
`execute_query` names its `routing_`, and every `session(...)` its
`default_access_mode`; writes go through managed transactions (`execute_write`), which
the driver retries when the leader changes.
"""

from __future__ import annotations

import ast
from pathlib import Path

GRAPH = Path(__file__).resolve().parents[2] / "graph"


def calls(name: str) -> list[tuple[str, ast.Call]]:
    """Every call of a method ``name`` in graph/, with where it is."""
    found = []
    for path in sorted(GRAPH.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == name
            ):
                found.append((f"{path.name}:{node.lineno}", node))
    return found


def keywords(call: ast.Call) -> set[str | None]:
    return {k.arg for k in call.keywords}


def test_every_execute_query_names_its_routing() -> None:
    queries = calls("execute_query")
    assert len(queries) > 10, "the check found the queries it is about"
    # The bridge forwards its caller's keywords (routing_ among them) unchanged.
    unrouted = [
        where
        for where, call in queries
        if "routing_" not in keywords(call) and None not in keywords(call)
    ]
    assert unrouted == []


def test_every_session_names_its_access_mode() -> None:
    sessions = calls("session")
    assert sessions, "the check found the sessions it is about"
    unnamed = [
        where
        for where, call in sessions
        if "default_access_mode" not in keywords(call) and None not in keywords(call)
    ]
    assert unnamed == []


def test_writes_run_in_managed_transactions() -> None:
    """No write through an explicit transaction the driver would not retry."""
    assert calls("begin_transaction") == []
    assert calls("execute_write"), "writes go through execute_write"
