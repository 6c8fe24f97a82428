"""POST /api/v1/extract over HTTP."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

ARTICLES = Path(__file__).parents[1] / "extractors" / "articles"


def test_extract_api_returns_meetings_and_writes_nothing(client: TestClient) -> None:
    article = json.loads((ARTICLES / "phone-call.json").read_text())
    response = client.post("/api/v1/extract", json=article)
    assert response.status_code == 200
    body = response.json()
    (meeting,) = body["meetings"]
    assert meeting["kind"] == "call"
    assert {p["name"] for p in meeting["participants"]} == {
        "Sophie Lachance",
        "Katharina Vogelsang",
    }
    assert body["extractor_version"].startswith("diplograph-rules-")
    assert len(body["article_id"]) == 24
    assert client.get("/health").json()["nodes"]["Meeting"] == 0


def test_extract_api_rejects_unknown_fields_and_empty_text(client: TestClient) -> None:
    response = client.post("/api/v1/extract", json={"text": "x", "colour": "blue"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    response = client.post("/api/v1/extract", json={"title": "t", "text": "   "})
    assert response.status_code == 422


def test_extract_api_too_long_article_is_a_clear_error(client: TestClient) -> None:
    response = client.post("/api/v1/extract", json={"text": "Talks were held. " * 20_000})
    assert response.status_code == 422
    assert "limit" in response.json()["detail"]


def test_extract_api_invalid_json_is_problem_json(client: TestClient) -> None:
    response = client.post(
        "/api/v1/extract", content=b'{"text": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
