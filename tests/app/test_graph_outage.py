"""The graph goes away under a running API: 503 problem+json, then recovery by itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from graph.local_server import LocalGraphServer
from tests.conftest import free_port


@pytest.mark.slow
def test_graph_outage_answers_503_and_recovers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    server = LocalGraphServer(tmp_path / "graph", heap="512m", bolt_port=port)
    info = server.start()
    monkeypatch.setenv("NEO4J_URI", info.bolt_uri)
    monkeypatch.setenv("NEO4J_USER", info.user)
    monkeypatch.setenv("NEO4J_PASSWORD", info.password)
    monkeypatch.setenv("NEO4J_DATABASE", info.database)
    try:
        with TestClient(create_app(Settings())) as client:
            assert client.get("/ready").status_code == 200
            assert client.get("/api/v1/meetings").status_code == 200

            server.kill()  # the graph dies under the running API
            for path in ("/ready", "/api/v1/meetings", "/api/v1/persons?q=wang", "/api/v1/stats"):
                response = client.get(path)
                assert response.status_code == 503, (path, response.text)
                assert response.headers["content-type"] == "application/problem+json"
                assert response.headers["retry-after"] == "5"
            health = client.get("/health")
            assert health.status_code == 200  # alive, and says the graph is not
            assert health.json()["status"] == "down" and health.json()["nodes"] is None

            server.stop()
            server = LocalGraphServer(tmp_path / "graph", heap="512m", bolt_port=port)
            server.start()  # back on the same port; the API was not restarted
            assert client.get("/ready").status_code == 200
            assert client.get("/api/v1/meetings").json()["data"] == []
            assert client.get("/api/v1/topics").json()["total"] == 12
    finally:
        server.stop()


@pytest.mark.slow
def test_graph_outage_api_starts_without_graph_and_recovers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    server = LocalGraphServer(tmp_path / "graph", heap="512m", bolt_port=port)
    info = server.start()
    server.stop()  # credentials exist, the server does not run
    monkeypatch.setenv("NEO4J_URI", info.bolt_uri)
    monkeypatch.setenv("NEO4J_USER", info.user)
    monkeypatch.setenv("NEO4J_PASSWORD", info.password)
    monkeypatch.setenv("NEO4J_DATABASE", info.database)
    monkeypatch.setenv("DIPLOGRAPH_GRAPH_START_TIMEOUT", "2")
    server = LocalGraphServer(tmp_path / "graph", heap="512m", bolt_port=port)
    try:
        with TestClient(create_app(Settings())) as client:
            assert client.get("/ready").status_code == 503
            assert client.get("/api/v1/topics").status_code == 503
            server.start()
            assert client.get("/ready").status_code == 200
            # The schema and the topic taxonomy were created on recovery.
            assert client.get("/api/v1/topics").json()["total"] == 12
    finally:
        server.stop()
