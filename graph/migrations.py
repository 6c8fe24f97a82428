"""Data an older Diplograph did not write and the current one derives on write.

Each migration runs once per graph, to completion, before its marker node is set;
an interrupted run starts over, so every step must be safe to repeat.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from functools import partial

from neo4j import RoutingControl

from graph.connection import SyncDriver, SyncTransaction, write_with_retry
from graph.met import backfill_pairs
from graph.person_countries import recount_countries

log = logging.getLogger(__name__)

MIGRATION_DONE = """
MATCH (s:SchemaMigration {id: $id})
RETURN s.done AS done
"""

MARK_MIGRATION_DONE = """
MERGE (s:SchemaMigration {id: $id})
SET s.done = true, s.at = $at
"""

PERSON_PAGE = """
MATCH (p:Person)
WHERE p.key > $after
RETURN p.key AS key
ORDER BY p.key
LIMIT $limit
"""


def backfill_person_countries(driver: SyncDriver, database: str, page: int = 1000) -> int:
    """Set Person.countries by the articles' majority (graph/person_countries.py), a
    page of people per transaction."""
    after = ""
    visited = 0
    while True:
        records, _, _ = driver.execute_query(
            PERSON_PAGE,
            after=after,
            limit=page,
            database_=database,
            routing_=RoutingControl.READ,
        )
        keys = [r["key"] for r in records]
        if not keys:
            return visited
        write_with_retry(driver, database, partial(recount_countries, person_keys=keys))
        visited += len(keys)
        after = keys[-1]


MIGRATIONS: tuple[tuple[str, Callable[[SyncDriver, str], object]], ...] = (
    ("met-pairs-v2", backfill_pairs),  # v2: pairs carry their topics
    ("person-countries-v2", backfill_person_countries),  # v2: by the articles' majority
)


def _mark_done(tx: SyncTransaction, migration_id: str, at: str) -> None:
    tx.run(MARK_MIGRATION_DONE, id=migration_id, at=at).consume()


def migrate(driver: SyncDriver, database: str) -> list[str]:
    """Run the migrations this graph has not had; return their ids."""
    ran = []
    for migration_id, step in MIGRATIONS:
        records, _, _ = driver.execute_query(
            MIGRATION_DONE, id=migration_id, database_=database, routing_=RoutingControl.READ
        )
        if records and records[0]["done"]:
            continue
        log.info("bringing the graph up to date: %s (once per graph)", migration_id)
        step(driver, database)
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        write_with_retry(driver, database, partial(_mark_done, migration_id=migration_id, at=at))
        ran.append(migration_id)
    return ran
