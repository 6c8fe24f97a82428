from __future__ import annotations

from pathlib import Path

import neo4j
import pytest

from app.ingest import Ingestor
from extractors.pipeline import SpacyExtractor
from graph.connection import GraphTarget

ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture
def ingestor(
    clean_graph: neo4j.Driver, graph_target: GraphTarget, extractor: SpacyExtractor
) -> Ingestor:
    return Ingestor(clean_graph, graph_target.database, extractor, batch_size=8)


def graph_counts(driver: neo4j.Driver, database: str) -> tuple[dict[str, int], dict[str, int]]:
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS c", database_=database
    )
    rels, _, _ = driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c", database_=database
    )
    return {r["label"]: r["c"] for r in nodes}, {r["t"]: r["c"] for r in rels}
