"""POST /api/v1/articles over HTTP: keyed, bounded, per-article outcomes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from graph.connection import GraphTarget
from tests.conftest import graph_env

ARTICLES = Path(__file__).parents[1] / "ingest" / "articles"
KEY = {"X-API-Key": "short-key-8e4d"}
SHORTEST_LIMIT = 1_000  # DIPLOGRAPH_MAX_ARTICLE_CHARS cannot go lower


@pytest.fixture
def short_client(
    graph_target: GraphTarget, clean_graph: neo4j.Driver, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    """The app with the shortest article limit: a longer article fails on its own."""
    for key, value in graph_env(graph_target).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("DIPLOGRAPH_API_KEYS", KEY["X-API-Key"])
    monkeypatch.setenv("DIPLOGRAPH_MAX_ARTICLE_CHARS", str(SHORTEST_LIMIT))
    with TestClient(create_app(Settings())) as test_client:
        yield test_client


def too_long(n: int) -> dict[str, str]:
    """An article over the limit; ``n`` makes each one's text (and id) its own."""
    return {"text": f"Bulletin {n}. " + "Nothing else happened that day. " * 40}


def report(name: str) -> dict:
    return json.loads(next(ARTICLES.rglob(name)).read_text())


def test_articles_api_requires_a_valid_key(client: TestClient) -> None:
    body = report("report-a.json")
    assert client.post("/api/v1/articles", json=body).status_code == 401
    wrong = client.post("/api/v1/articles", json=body, headers={"X-API-Key": "nope"})
    assert wrong.status_code == 401
    assert wrong.headers["content-type"] == "application/problem+json"
    assert client.get("/health").json()["nodes"]["Article"] == 0


def test_articles_api_ingests_and_reports_each_article(client: TestClient) -> None:
    key = {"X-API-Key": "test-key-2"}
    batch = [report("report-a.json"), report("report-b.json"), {"text": "   "}]
    response = client.post("/api/v1/articles", json=batch[:2], headers=key)
    assert response.status_code == 200
    data = response.json()["data"]
    assert [d["status"] for d in data] == ["new", "new"]
    assert data[0]["meetings"] == data[1]["meetings"] and len(data[0]["meetings"]) == 1

    again = client.post("/api/v1/articles", json=report("report-a.json"), headers=key)
    assert again.status_code == 200  # already stored is not a failure
    assert again.json()["data"][0]["status"] == "unchanged"
    assert again.json()["data"][0]["id"] == data[0]["id"]
    nodes = client.get("/health").json()["nodes"]
    assert (nodes["Article"], nodes["Meeting"]) == (2, 1)

    bad = client.post("/api/v1/articles", json=batch, headers=key)
    assert bad.status_code == 422  # an empty text is refused before anything is stored


def test_articles_api_bounds_the_batch(client: TestClient) -> None:
    many = [{"text": f"Article number {n}."} for n in range(101)]
    response = client.post("/api/v1/articles", json=many, headers={"X-API-Key": "test-key-1"})
    assert response.status_code == 413
    assert response.json()["type"].endswith("/payload-too-large")


def test_articles_api_some_stored_some_failed_is_207(short_client: TestClient) -> None:
    batch = [report("report-a.json"), too_long(1)]
    response = short_client.post("/api/v1/articles", json=batch, headers=KEY)
    assert response.status_code == 207
    data = response.json()["data"]
    assert [d["status"] for d in data] == ["new", "failed"]
    assert f"the limit is {SHORTEST_LIMIT:,}" in data[1]["error"]
    assert short_client.get("/health").json()["nodes"]["Article"] == 1


def test_articles_api_nothing_stored_is_422_with_each_result(short_client: TestClient) -> None:
    response = short_client.post("/api/v1/articles", json=[too_long(1), too_long(2)], headers=KEY)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("/articles-not-stored")
    assert [(e["index"], e["status"]) for e in problem["errors"]] == [(0, "failed"), (1, "failed")]
    assert all(f"the limit is {SHORTEST_LIMIT:,}" in e["error"] for e in problem["errors"])
    assert short_client.get("/health").json()["nodes"]["Article"] == 0

    one = short_client.post("/api/v1/articles", json=too_long(3), headers=KEY)
    assert one.status_code == 422


def test_articles_api_documents_its_statuses(client: TestClient) -> None:
    responses = client.get("/openapi.json").json()["paths"]["/api/v1/articles"]["post"]["responses"]
    assert {"200", "207", "422"} <= set(responses)
    assert "application/problem+json" in responses["422"]["content"]
    assert "articles-not-stored" in responses["422"]["description"]
