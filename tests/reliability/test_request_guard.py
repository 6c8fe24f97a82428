"""Bad requests get a 4xx problem each, before they cost anything; nothing is written."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import neo4j
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from graph.connection import GraphTarget
from tests.conftest import graph_env

KEY = "guard-key-9f2c"
GOOD = {"title": "t", "text": "Finnish President Alexander Stubb met Estonian Prime Minister "
        "Kristen Michal in Tallinn on Monday.", "published": "2025-03-10"}  # fmt: skip


@pytest.fixture
def guarded(
    graph_target: GraphTarget, clean_graph: neo4j.Driver, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    for key, value in graph_env(graph_target).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("DIPLOGRAPH_API_KEYS", KEY)
    monkeypatch.setenv("DIPLOGRAPH_MAX_BODY_BYTES", "20000")
    monkeypatch.setenv("DIPLOGRAPH_WRITES_PER_MINUTE", "5")
    with TestClient(create_app(Settings())) as client:
        yield client


def articles_stored(client: TestClient) -> int:
    return int(client.get("/health").json()["nodes"]["Article"])


def assert_problem(response, status: int, kind: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/" + kind)


def test_guard_oversized_body_refused_from_its_length(guarded: TestClient) -> None:
    big = {"text": "x" * 30_000}
    assert_problem(
        guarded.post("/api/v1/articles", json=big, headers={"X-API-Key": KEY}),
        413,
        "payload-too-large",
    )
    assert articles_stored(guarded) == 0


def test_guard_oversized_streamed_body_refused_while_streaming(guarded: TestClient) -> None:
    sent = {"chunks": 0}

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(1_000):  # 1 MB if read to the end
            sent["chunks"] += 1
            yield b"x" * 1_000
        yield b'"}'

    response = guarded.post(
        "/api/v1/articles",
        content=chunks(),
        headers={"X-API-Key": KEY, "content-type": "application/json"},
    )
    assert_problem(response, 413, "payload-too-large")
    assert articles_stored(guarded) == 0


@pytest.mark.parametrize(
    ("body", "headers", "status", "kind"),
    [
        (b"text=hello", {"content-type": "application/x-www-form-urlencoded"}, 415,
         "unsupported-media-type"),
        (b"hello", {"content-type": "text/plain"}, 415, "unsupported-media-type"),
        (b'{"text": ', {"content-type": "application/json"}, 422, "validation-error"),
        (b"[1, 2, 3]", {"content-type": "application/json"}, 422, "validation-error"),
        (b'"just a string"', {"content-type": "application/json"}, 422, "validation-error"),
        (b'{"text": 42}', {"content-type": "application/json"}, 422, "validation-error"),
        (b'{"text": "x", "published": "yesterday"}', {"content-type": "application/json"}, 422,
         "validation-error"),
    ],
)  # fmt: skip
def test_guard_bad_bodies_are_4xx_and_write_nothing(
    guarded: TestClient, body: bytes, headers: dict[str, str], status: int, kind: str
) -> None:
    response = guarded.post("/api/v1/articles", content=body, headers={"X-API-Key": KEY, **headers})
    assert_problem(response, status, kind)
    assert articles_stored(guarded) == 0


def test_guard_write_rate_limit_answers_429_with_retry_after(guarded: TestClient) -> None:
    statuses = [
        guarded.post("/api/v1/extract", json=GOOD, headers={"X-API-Key": KEY}).status_code
        for _ in range(7)
    ]
    assert statuses[:5] == [200] * 5
    limited = guarded.post("/api/v1/extract", json=GOOD, headers={"X-API-Key": KEY})
    assert_problem(limited, 429, "rate-limited")
    assert int(limited.headers["retry-after"]) >= 1
    # Reads are not rate-limited.
    assert all(guarded.get("/api/v1/meetings").status_code == 200 for _ in range(10))


def test_guard_api_key_is_never_logged(
    guarded: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    guarded.post("/api/v1/articles", json=GOOD, headers={"X-API-Key": KEY})
    guarded.post("/api/v1/articles", json=GOOD, headers={"X-API-Key": KEY + "-wrong"})
    assert caplog.records, "the requests were logged at all"
    assert all(KEY not in record.getMessage() for record in caplog.records)
