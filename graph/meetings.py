"""Meetings in the graph: finding the node a new report belongs to, merging duplicates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import neo4j
from neo4j import RoutingControl

from domain.identity import MeetingRef
from graph.connection import graph_errors, write_with_retry

FIND_BY_SIGNATURES = """
UNWIND $signatures AS signature
MATCH (m:Meeting {signature: signature})
RETURN m.id AS id, m.signature AS signature, m.date AS date, m.city AS city,
       m.first_reported AS first_reported, m.last_reported AS last_reported
"""

# Moving a duplicate's relationships onto the meeting that is kept, one type each.
MOVE_ATTENDED = """
MATCH (d:Meeting {id: $duplicate})
MATCH (k:Meeting {id: $keep})
MATCH (p:Person)-[r:ATTENDED]->(d)
MERGE (p)-[moved:ATTENDED {article_id: r.article_id}]->(k)
SET moved += properties(r)
DELETE r
"""

MOVE_ABOUT = """
MATCH (d:Meeting {id: $duplicate})
MATCH (k:Meeting {id: $keep})
MATCH (d)-[r:ABOUT]->(t:Topic)
MERGE (k)-[moved:ABOUT {article_id: r.article_id}]->(t)
SET moved += properties(r)
DELETE r
"""

MOVE_REPORTS = """
MATCH (d:Meeting {id: $duplicate})
MATCH (k:Meeting {id: $keep})
MATCH (a:Article)-[r:REPORTS]->(d)
MERGE (a)-[moved:REPORTS]->(k)
SET moved += properties(r)
DELETE r
"""

MOVE_HELD_IN = """
MATCH (d:Meeting {id: $duplicate})
MATCH (k:Meeting {id: $keep})
MATCH (d)-[r:HELD_IN]->(pl:Place)
MERGE (k)-[:HELD_IN]->(pl)
DELETE r
"""

ABSORB_DUPLICATE = """
MATCH (d:Meeting {id: $duplicate})
MATCH (k:Meeting {id: $keep})
SET k.date = coalesce(k.date, d.date),
    k.city = coalesce(k.city, d.city),
    k.country = coalesce(k.country, d.country),
    k.status = CASE WHEN k.status = 'held' OR d.status = 'held' THEN 'held' ELSE 'planned' END,
    k.first_reported = CASE WHEN d.first_reported < k.first_reported
                            THEN d.first_reported ELSE k.first_reported END,
    k.last_reported = CASE WHEN d.last_reported > k.last_reported
                           THEN d.last_reported ELSE k.last_reported END
WITH d
DETACH DELETE d
"""


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def find_by_signatures(
    driver: neo4j.Driver, database: str, signatures: Sequence[str]
) -> list[MeetingRef]:
    """Stored meetings with exactly these participant sets."""
    if not signatures:
        return []
    with graph_errors():
        records, _, _ = driver.execute_query(
            FIND_BY_SIGNATURES,
            signatures=sorted(set(signatures)),
            database_=database,
            routing_=RoutingControl.READ,
        )
    return [
        MeetingRef(
            id=r["id"],
            signature=r["signature"],
            date=_day(r["date"]),
            city=r["city"],
            first_reported=_day(r["first_reported"]),
            last_reported=_day(r["last_reported"]),
        )
        for r in records
    ]


def merge_meetings(driver: neo4j.Driver, database: str, keep: str, duplicates: list[str]) -> None:
    """Fold duplicate Meeting nodes into ``keep``: every source and fact moves over.

    Raises:
        GraphWriteFailed, GraphUnavailable: nothing was merged.
    """

    def work(tx: neo4j.ManagedTransaction) -> None:
        for duplicate in duplicates:
            for statement in (MOVE_ATTENDED, MOVE_ABOUT, MOVE_REPORTS, MOVE_HELD_IN):
                tx.run(statement, duplicate=duplicate, keep=keep).consume()
            tx.run(ABSORB_DUPLICATE, duplicate=duplicate, keep=keep).consume()

    if duplicates:
        write_with_retry(driver, database, work)
