"""Meetings in the graph: finding the node a new report belongs to, merging duplicates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import neo4j
from neo4j import RoutingControl

from domain.identity import MeetingRef
from graph.connection import SyncDriver, SyncTransaction, graph_errors, read_rows, write_with_retry
from graph.met import resync_pairs

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
MATCH (d)<-[r:ATTENDED]-(p:Person)
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
MATCH (d)<-[r:REPORTS]-(a:Article)
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

MOVE_INVOLVES = """
MATCH (d:Meeting {id: $duplicate})
MATCH (k:Meeting {id: $keep})
MATCH (d)-[r:INVOLVES]->(c:Country)
MERGE (k)-[:INVOLVES]->(c)
DELETE r
"""

# The reporting window is the union of both; an undated side (null) takes nothing away.
ABSORB_DUPLICATE = """
MATCH (d:Meeting {id: $duplicate})
MATCH (k:Meeting {id: $keep})
SET k.date = coalesce(k.date, d.date),
    k.city = coalesce(k.city, d.city),
    k.country = coalesce(k.country, d.country),
    k.status = CASE WHEN k.status = 'held' OR d.status = 'held' THEN 'held' ELSE 'planned' END,
    k.first_reported = CASE WHEN d.first_reported IS NULL THEN k.first_reported
                            WHEN k.first_reported IS NULL OR d.first_reported < k.first_reported
                            THEN d.first_reported ELSE k.first_reported END,
    k.last_reported = CASE WHEN d.last_reported IS NULL THEN k.last_reported
                           WHEN k.last_reported IS NULL OR d.last_reported > k.last_reported
                           THEN d.last_reported ELSE k.last_reported END
WITH d
DETACH DELETE d
"""


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def find_by_signatures(
    driver: SyncDriver, database: str, signatures: Sequence[str]
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


def merge_meetings(driver: SyncDriver, database: str, keep: str, duplicates: list[str]) -> None:
    """Fold duplicate Meeting nodes into ``keep``: every source and fact moves over.

    Raises:
        GraphWriteFailed, GraphUnavailable: nothing was merged.
    """

    def work(tx: SyncTransaction) -> None:
        for duplicate in duplicates:
            for statement in (MOVE_ATTENDED, MOVE_ABOUT, MOVE_REPORTS, MOVE_HELD_IN, MOVE_INVOLVES):
                tx.run(statement, duplicate=duplicate, keep=keep).consume()
            tx.run(ABSORB_DUPLICATE, duplicate=duplicate, keep=keep).consume()
        # Everyone who attended a duplicate now attends the keeper.
        resync_pairs(tx, [keep, *duplicates], people=[])

    if duplicates:
        write_with_retry(driver, database, work)


# -- reads ---------------------------------------------------------------------------

# One meeting in one row: its facts, and every ATTENDED, ABOUT and REPORTS edge with
# the article it came from and its evidence; get_meeting groups them by article.
GET_MEETING = """
MATCH (m:Meeting {id: $id})
RETURN m.id AS id, m.date AS date, m.kind AS kind, m.status AS status,
       m.city AS city, m.country AS country,
       [(m)<-[r:ATTENDED]-(p:Person) | {id: p.id, name: p.name, country: r.country,
        org: r.org, title: r.title, role: r.role, former: r.former, article_id: r.article_id,
        sentence: r.sentence, start: r.start, end: r.end, confidence: r.confidence}] AS attendance,
       [(m)-[r:ABOUT]->(t:Topic) | {id: t.id, article_id: r.article_id, sentence: r.sentence,
        start: r.start, end: r.end, confidence: r.confidence}] AS about,
       [(m)<-[r:REPORTS]-(a:Article) | {id: a.id, url: a.url, title: a.title,
        published: a.published, source: a.source, extractor_version: r.extractor_version,
        sentence: r.sentence, start: r.start, end: r.end, confidence: r.confidence}] AS reports
"""

_EVIDENCE = ("sentence", "start", "end", "confidence")


def _evidence(kind: str, row: dict[str, Any], subject: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"kind": kind, **{k: row[k] for k in _EVIDENCE}}
    if subject is not None:
        found["subject"] = subject
    return found


def _of_article(kind: str, rows: list[dict[str, Any]], article: str) -> list[dict[str, Any]]:
    found = [_evidence(kind, r, r["id"]) for r in rows if r["article_id"] == article]
    return sorted(found, key=lambda e: (e["start"] is None, e["start"] or 0, e["subject"]))


def _sources(meeting: dict[str, Any]) -> list[dict[str, Any]]:
    """Each reporting article with the evidence it gave: the meeting sentence, then
    participant and topic sentences in text order."""
    sources = []
    for report in sorted(meeting["reports"], key=lambda r: (r["published"] or "", r["id"])):
        article = report["id"]
        sources.append(
            {
                **{k: report[k] for k in ("id", "url", "title", "published", "source")},
                "extractor_version": report["extractor_version"],
                "meeting_evidence": _evidence("meeting", report),
                "participant_evidence": sorted(
                    (
                        _evidence("participant", r, r["id"])
                        for r in meeting["attendance"]
                        if r["article_id"] == article
                    ),
                    key=lambda e: (e["start"] is None, e["start"] or 0, e["subject"]),
                ),
                "topic_evidence": sorted(
                    (
                        _evidence("topic", r, r["id"])
                        for r in meeting["about"]
                        if r["article_id"] == article
                    ),
                    key=lambda e: (e["start"] is None, e["start"] or 0, e["subject"]),
                ),
            }
        )
    return sources


async def get_meeting(
    driver: neo4j.AsyncDriver, database: str, meeting_id: str
) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """One meeting and its sources with their evidence; None when there is no such meeting."""
    rows = await read_rows(driver, database, GET_MEETING, id=meeting_id)
    if not rows:
        return None
    meeting = rows[0]
    sources = _sources(meeting)
    meeting["topics"] = [r["id"] for r in meeting.pop("about")]
    meeting["sources"] = len(meeting.pop("reports"))
    return meeting, sources
