"""API keys over HTTP: a server without keys says so, at start-up and in every 401."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from graph.connection import GraphTarget
from tests.conftest import graph_env

ARTICLE = {"text": "Foreign Minister Ana Ruiz met her counterpart Jonas Osei in Lima."}


@contextmanager
def started_app(
    target: GraphTarget, monkeypatch: pytest.MonkeyPatch, **env: str
) -> Iterator[TestClient]:
    """The app on the session's graph, with start-up run inside the ``with``."""
    for key, value in (graph_env(target) | env).items():
        monkeypatch.setenv(key, value)
    with TestClient(create_app(Settings())) as client:
        yield client


def warnings_about_keys(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and "DIPLOGRAPH_API_KEYS" in r.getMessage()
    ]


def test_security_without_keys_writes_are_refused_saying_why(
    graph_target: GraphTarget,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    with started_app(graph_target, monkeypatch, DIPLOGRAPH_API_KEYS="") as client:
        assert warnings_about_keys(caplog) == [
            "writes are disabled until DIPLOGRAPH_API_KEYS is set"
        ]
        refused = client.post("/api/v1/articles", json=ARTICLE, headers={"X-API-Key": "any"})
        assert client.get("/api/v1/meetings").status_code == 200  # reads stay open
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["detail"] == (
        "writes are disabled on this server until DIPLOGRAPH_API_KEYS is set"
    )


def test_security_without_keys_and_keyed_reads_both_are_refused_saying_why(
    graph_target: GraphTarget,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    env = {"DIPLOGRAPH_API_KEYS": "", "DIPLOGRAPH_READ_REQUIRES_KEY": "true"}
    with started_app(graph_target, monkeypatch, **env) as client:
        assert warnings_about_keys(caplog) == [
            "writes and reads are disabled until DIPLOGRAPH_API_KEYS is set"
        ]
        refused = client.get("/api/v1/meetings")
    assert refused.status_code == 401
    assert "reads are disabled" in refused.json()["detail"]


def test_security_with_keys_a_wrong_key_is_told_to_send_a_valid_one(
    graph_target: GraphTarget,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    with started_app(graph_target, monkeypatch, DIPLOGRAPH_API_KEYS="right-key") as client:
        refused = client.post("/api/v1/articles", json=ARTICLE, headers={"X-API-Key": "wrong"})
    assert warnings_about_keys(caplog) == []
    assert refused.status_code == 401
    assert refused.json()["detail"] == "send a valid X-API-Key header"
