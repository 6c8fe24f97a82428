from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from graph.connection import GraphTarget
from tests.conftest import graph_env


@pytest.fixture
def client(
    graph_target: GraphTarget, clean_graph: neo4j.Driver, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    """The app over HTTP (TestClient), on the session's graph, emptied first."""
    for key, value in graph_env(graph_target).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("DIPLOGRAPH_API_KEYS", "test-key-1,test-key-2")
    with TestClient(create_app(Settings())) as test_client:
        yield test_client
