"""The project's sample articles, loaded into an empty graph so a fresh start has data."""

from __future__ import annotations

import logging

from app.ingest import Ingestor, IngestSummary
from app.settings import Settings
from app.sources import read_sources
from graph.stats import count_nodes_now

log = logging.getLogger(__name__)


def load_samples_once(ingestor: Ingestor, settings: Settings) -> IngestSummary | None:
    """Ingest ``samples_dir`` if the graph holds no article yet; later starts do nothing."""
    if count_nodes_now(ingestor.driver, ingestor.database)["Article"] > 0:
        return None
    if not settings.samples_dir.is_dir():
        log.warning("no sample folder at %s; starting with an empty graph", settings.samples_dir)
        return None
    summary = IngestSummary()
    for outcome in ingestor.ingest(read_sources([settings.samples_dir])):
        summary.add(outcome)
    log.info(
        "loaded %d sample articles (%d failed) from %s",
        summary.new,
        summary.failed,
        settings.samples_dir,
    )
    return summary
