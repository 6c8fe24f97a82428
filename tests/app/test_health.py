"""/health and /ready over HTTP against the session's real graph."""

from __future__ import annotations

import neo4j
from fastapi.testclient import TestClient

from graph.connection import GraphTarget


def test_health_names_backend_and_counts_nodes(
    client: TestClient, clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    clean_graph.execute_query(
        "UNWIND ['CN', 'KR', 'US'] AS code MERGE (:Country {code: code})",
        database_=graph_target.database,
    )
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "up"
    assert body["backend"] in {"ArcadeDB", "Neo4j"}
    assert body["nodes"]["Country"] == 3
    assert body["nodes"]["Topic"] == 12
    assert body["nodes"]["Meeting"] == 0


def test_health_ready_when_graph_answers(client: TestClient) -> None:
    response = client.get("/ready")
    assert response.status_code == 200
    assert response.json()["status"] == "ready"


def test_health_unknown_path_is_problem_json(client: TestClient) -> None:
    response = client.get("/no-such-thing")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/not-found")
