"""Text from articles and requests reaches Cypher only as parameter values."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient
from neo4j._async.driver import AsyncDriver
from neo4j._async.work.session import AsyncSession
from neo4j._async.work.transaction import AsyncTransactionBase
from neo4j._sync.driver import Driver
from neo4j._sync.work.session import Session
from neo4j._sync.work.transaction import TransactionBase

from app.main import create_app
from app.settings import Settings
from graph.connection import GraphTarget
from tests.conftest import graph_env

MARK = "Zq7Inj"  # appears in every attack string, so it can be traced
ATTACKS = [
    f"{MARK}'}}) MATCH (n) DETACH DELETE n //",
    f'{MARK}"}}) RETURN 1 UNION MATCH (n) RETURN n //',
    f"{MARK}` DETACH DELETE n //",
    f"{MARK} $rows {{}} :Person",
]


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every statement text sent to the graph by any driver API, sync or async."""
    seen: list[str] = []

    def record(cls: type, name: str, is_async: bool) -> None:
        original = getattr(cls, name)

        if is_async:

            @functools.wraps(original)
            async def wrapper(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
                seen.append(str(getattr(query, "text", query)))
                return await original(self, query, *args, **kwargs)

        else:

            @functools.wraps(original)
            def wrapper(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
                seen.append(str(getattr(query, "text", query)))
                return original(self, query, *args, **kwargs)

        monkeypatch.setattr(cls, name, wrapper)

    record(Driver, "execute_query", False)
    record(Session, "run", False)
    record(TransactionBase, "run", False)
    record(AsyncDriver, "execute_query", True)
    record(AsyncSession, "run", True)
    record(AsyncTransactionBase, "run", True)
    yield seen


def test_injection_text_never_becomes_cypher(
    statements: list[str],
    graph_target: GraphTarget,
    clean_graph: neo4j.Driver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for key, value in graph_env(graph_target).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("DIPLOGRAPH_API_KEYS", "k")
    with TestClient(create_app(Settings())) as client:
        for n, attack in enumerate(ATTACKS):
            article = {
                "title": attack,
                "text": (
                    f"Finnish President Alexander Stubb met Estonian Prime Minister Kristen "
                    f"Michal in Tallinn on Monday. They discussed {attack} and trade."
                ),
                "published": "2025-03-10",
                "url": f"https://example.test/{n}?q={attack}",
                "source": attack,
            }
            assert (
                client.post(
                    "/api/v1/articles", json=article, headers={"X-API-Key": "k"}
                ).status_code
                == 200
            )
            for path, params in [
                (f"/api/v1/persons/{attack}", {}),
                (f"/api/v1/meetings/{attack}", {}),
                ("/api/v1/persons", {"q": attack}),
                ("/api/v1/meetings", {"place": attack, "topic": attack, "person": attack}),
                ("/api/v1/graph", {"center": f"person:{attack.replace(' ', '')}"}),
                (f"/api/v1/topics/{attack}/meetings", {}),
            ]:
                assert client.get(path, params=params).status_code < 500
        nodes = client.get("/health").json()["nodes"]

    assert len(statements) > 50
    assert not [s for s in statements if MARK in s], "request or article text in a statement"
    # The attacks arrived as data: stored as values, and the graph is intact.
    records, _, _ = clean_graph.execute_query(
        "MATCH (a:Article) WHERE a.title STARTS WITH $mark RETURN count(a) AS c",
        mark=MARK,
        database_=graph_target.database,
    )
    assert records[0]["c"] == len(ATTACKS)
    assert nodes["Person"] == 2 and nodes["Topic"] == 12 and nodes["Meeting"] == 1
