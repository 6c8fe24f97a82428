"""The benchmark's HTTP load generator against a live server: it counts what it sees."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest

from bench.load import hammer
from graph.connection import GraphTarget
from graph.writer import write_articles
from tests.builders import facts
from tests.conftest import running_api


def test_hammer_counts_requests_errors_and_reads_chunked_bodies(
    clean_graph: neo4j.Driver, graph_target: GraphTarget, tmp_path: Path
) -> None:
    people = [("Wang Yi", "CN", None), ("Penny Wong", "AU", None)]
    write_articles(clean_graph, graph_target.database, [facts("One.", "m1", people)])
    with running_api(graph_target, tmp_path / "api.log") as base:
        ok = f"{base}/api/v1/persons/wang-yi/counterparts"
        missing = f"{base}/api/v1/persons/nobody"
        mixed = hammer([ok, missing], clients=1, seconds=1.0)
        assert mixed.requests > 10
        # One client goes round the two URLs: every other request is the 404.
        assert mixed.errors in (mixed.requests // 2, (mixed.requests + 1) // 2)
        assert 0 < mixed.p50_ms <= mixed.p95_ms <= mixed.p99_ms
        # The export streams with chunked transfer encoding; each body is read whole,
        # or the next request on the connection would fail.
        streamed = hammer([f"{base}/api/v1/export/meetings.csv"], clients=2, seconds=1.0)
        assert streamed.requests > 5 and streamed.errors == 0


def test_hammer_refuses_urls_it_cannot_speak() -> None:
    with pytest.raises(ValueError, match="plain http"):
        hammer(["https://127.0.0.1:1/x"], clients=1, seconds=0.1)
    with pytest.raises(ValueError, match="share host and port"):
        hammer(["http://127.0.0.1:1/a", "http://127.0.0.1:2/b"], clients=1, seconds=0.1)
