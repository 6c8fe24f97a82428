"""POST /api/v1/articles over HTTP: keyed, bounded, per-article outcomes."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

ARTICLES = Path(__file__).parents[1] / "ingest" / "articles"


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
