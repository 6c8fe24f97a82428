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
