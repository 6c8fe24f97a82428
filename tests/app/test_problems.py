"""Validation problems say in words what a parameter expects, never its regex."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from graph.connection import GraphTarget
from tests.conftest import graph_env

BAD = "!!"  # fits no pattern the API uses
FILLER = "CN"  # fits every path parameter: a country code, or an id
REGEX_MARKS = ("^", "$", "[", "]", "{", "}", "\\", "|", "pattern")


def pattern_parameters() -> list[tuple[str, dict[str, Any]]]:
    """(path, parameter) for every parameter the published API constrains by a pattern."""
    schema = create_app(Settings()).openapi()
    return [
        (path, parameter)
        for path, operations in schema["paths"].items()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if '"pattern"' in json.dumps(parameter["schema"])
    ]


PATTERN_PARAMETERS = pattern_parameters()


@pytest.fixture(scope="module")
def api(graph_target: GraphTarget) -> Iterator[TestClient]:
    """One app for the module: the bad values are refused before the graph is read."""
    with pytest.MonkeyPatch.context() as patch:
        for key, value in graph_env(graph_target).items():
            patch.setenv(key, value)
        with TestClient(create_app(Settings())) as client:
            yield client


def request_with_bad(path: str, parameter: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """The URL and query that give ``parameter`` a bad value and everything else a good one."""
    filled = {"{" + parameter["name"] + "}": BAD} if parameter["in"] == "path" else {}
    url = path
    for placeholder, value in filled.items():
        url = url.replace(placeholder, value)
    while "{" in url:
        start, end = url.index("{"), url.index("}")
        url = url[:start] + FILLER + url[end + 1 :]
    query = {parameter["name"]: BAD} if parameter["in"] == "query" else {}
    return url, query


def test_problems_every_kind_of_pattern_is_covered() -> None:
    described = {p["description"] for _, p in PATTERN_PARAMETERS}
    assert len(PATTERN_PARAMETERS) >= 8
    assert len(described) == 3  # one country code, a list of them, a graph node


@pytest.mark.parametrize(
    ("path", "parameter"),
    PATTERN_PARAMETERS,
    ids=[f"{path}:{p['name']}" for path, p in PATTERN_PARAMETERS],
)
def test_problems_pattern_mismatch_says_what_is_expected(
    api: TestClient, path: str, parameter: dict[str, Any]
) -> None:
    url, query = request_with_bad(path, parameter)
    response = api.get(url, params=query)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"].endswith("/validation-error")
    (error,) = [e for e in problem["errors"] if e["loc"] == [parameter["in"], parameter["name"]]]
    assert error["msg"] == "should be " + parameter["description"]
    assert "e.g." in error["msg"]
    assert not [mark for mark in REGEX_MARKS if mark in error["msg"]]
    assert not [mark for mark in REGEX_MARKS if mark in problem["detail"]]


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/api/v1/countries/C1", "a two-letter country code (ISO 3166-1 alpha-2), e.g. CN"),
        ("/api/v1/meetings?country=CHN", "a two-letter country code"),
        ("/api/v1/meetings?countries=CN;US", "two-letter country codes separated by commas"),
        ("/api/v1/relations/CN/U5", "a two-letter country code"),
        ("/api/v1/graph?center=wang-yi", "written kind:id"),
    ],
)
def test_problems_pattern_errors_read_as_words(api: TestClient, url: str, words: str) -> None:
    response = api.get(url)
    assert response.status_code == 422
    assert words in response.text
    assert "should match pattern" not in response.text
    assert not [mark for mark in ("^", "$", "A-Za-z", "\\s") if mark in response.text]
