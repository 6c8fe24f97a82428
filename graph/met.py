"""Who met whom, kept as one MET relationship per pair of people.

Counting a person's counterparts from ATTENDED means walking every meeting they
attended and every co-attendee, on every request: 350 ms for a person with 500
meetings on a 100k-meeting graph. So the writer also keeps, for each pair of people
who attended at least one meeting together, ``(a:Person)-[:MET]->(b:Person)`` with
``a.key < b.key`` and

- ``meetings``: the ids of the meetings both attended,
- ``count``: how many,
- ``first`` / ``last``: the earliest and latest dated of them,
- ``topics``: the topics of those meetings.

MET is derived data: ATTENDED stays the record with provenance, and every write path
that changes attendance refreshes the pairs of the meetings it touched, in the same
transaction:

- adding reports only ever adds attendance (and a date to an undated meeting), so
  :func:`add_pairs` merges the touched meetings into their pairs;
- replacing an article and merging duplicate meetings can take attendance away, so
  :func:`resync_pairs` recomputes every pair that lists a touched meeting.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import combinations
from typing import Any

from neo4j import RoutingControl

from graph.connection import SyncDriver, SyncTransaction, write_with_retry

ATTENDEES = """
UNWIND $ids AS id
MATCH (m:Meeting {id: id})
MATCH (m)<-[:ATTENDED]-(p:Person)
WITH m, collect(DISTINCT p.key) AS people
RETURN m.id AS id, m.date AS date, people, [(m)-[:ABOUT]->(t:Topic) | t.id] AS topics
"""

MEETING_FACTS = """
UNWIND $ids AS id
MATCH (m:Meeting {id: id})
RETURN m.id AS id, m.date AS date, [(m)-[:ABOUT]->(t:Topic) | t.id] AS topics
"""

# Adding only: the pair keeps what it had and gains the meetings it did not list.
ADD_PAIRS = """
UNWIND $rows AS row
MATCH (a:Person {key: row.a})
MATCH (b:Person {key: row.b})
MERGE (a)-[r:MET]->(b)
ON CREATE SET r.meetings = []
WITH r, row, coalesce(r.meetings, []) AS had
WITH r, row, had + [id IN row.meetings WHERE NOT id IN had] AS merged,
     coalesce(r.topics, []) AS known
SET r.meetings = merged,
    r.count = size(merged),
    r.topics = known + [t IN row.topics WHERE NOT t IN known],
    r.first = CASE WHEN row.first IS NOT NULL AND (r.first IS NULL OR row.first < r.first)
                   THEN row.first ELSE r.first END,
    r.last = CASE WHEN row.last IS NOT NULL AND (r.last IS NULL OR row.last > r.last)
                  THEN row.last ELSE r.last END
"""

# The MET relationships of these people that list any of these meetings.
PAIRS_LISTING = """
UNWIND $keys AS key
MATCH (a:Person {key: key})-[r:MET]->(b:Person)
WHERE any(id IN r.meetings WHERE id IN $ids)
RETURN a.key AS a, b.key AS b, r.meetings AS meetings
UNION
UNWIND $keys AS key
MATCH (b:Person {key: key})<-[r:MET]-(a:Person)
WHERE any(id IN r.meetings WHERE id IN $ids)
RETURN a.key AS a, b.key AS b, r.meetings AS meetings
"""

# Recomputed: the pair's list, count and dates are replaced outright.
SET_PAIRS = """
UNWIND $rows AS row
MATCH (a:Person {key: row.a})
MATCH (b:Person {key: row.b})
MERGE (a)-[r:MET]->(b)
SET r.meetings = row.meetings, r.count = size(row.meetings),
    r.first = row.first, r.last = row.last, r.topics = row.topics
"""

DROP_PAIRS = """
UNWIND $rows AS row
MATCH (a:Person {key: row.a})-[r:MET]->(b:Person)
WHERE b.key = row.b
DELETE r
"""

MEETING_PAGE = """
MATCH (m:Meeting)
WHERE m.id > $after
RETURN m.id AS id
ORDER BY m.id
LIMIT $limit
"""

Pair = tuple[str, str]


@dataclass
class _PairUpdate:
    meetings: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    topics: set[str] = field(default_factory=set)

    def add(self, meeting: dict[str, Any]) -> None:
        self.meetings.append(meeting["id"])
        if meeting["date"]:
            self.dates.append(meeting["date"])
        self.topics.update(meeting["topics"] or ())

    def row(self, pair: Pair) -> dict[str, Any]:
        return {
            "a": pair[0],
            "b": pair[1],
            "meetings": self.meetings,
            "first": min(self.dates, default=None),
            "last": max(self.dates, default=None),
            "topics": sorted(self.topics),
        }


def _attendance(tx: SyncTransaction, meeting_ids: Iterable[str]) -> list[dict[str, Any]]:
    ids = sorted(set(meeting_ids))
    if not ids:
        return []
    return tx.run(ATTENDEES, ids=ids).data()


def _pairs_of(people: Iterable[str]) -> Iterable[Pair]:
    return combinations(sorted(set(people)), 2)


def add_pairs(tx: SyncTransaction, meeting_ids: Iterable[str]) -> None:
    """Inside ``tx``: every pair attending one of these meetings lists it (adding only)."""
    _add(tx, _attendance(tx, meeting_ids))


def _add(tx: SyncTransaction, attendance: list[dict[str, Any]]) -> None:
    updates: dict[Pair, _PairUpdate] = {}
    for meeting in attendance:
        for pair in _pairs_of(meeting["people"]):
            updates.setdefault(pair, _PairUpdate()).add(meeting)
    if updates:
        rows = [update.row(pair) for pair, update in sorted(updates.items())]
        tx.run(ADD_PAIRS, rows=rows).consume()


def resync_pairs(tx: SyncTransaction, meeting_ids: Iterable[str], people: Iterable[str]) -> None:
    """Inside ``tx``: recompute every pair that lists, or should list, these meetings.

    Args:
        meeting_ids: meetings whose attendance may have changed (deleted ones too).
        people: everyone who attended them before the change; their pairs that
            still list a meeting they no longer share with the other are corrected.
    """
    touched = sorted(set(meeting_ids))
    if not touched:
        return
    current = _attendance(tx, touched)
    attendance = {m["id"]: set(m["people"]) for m in current}
    candidates = sorted(set(people).union(*attendance.values()))
    listed: dict[Pair, list[str]] = {}
    for record in tx.run(PAIRS_LISTING, keys=candidates, ids=touched).data():
        listed[(record["a"], record["b"])] = list(record["meetings"])

    # Pairs that list a touched meeting keep it only if both still attend it.
    touched_set = set(touched)
    wanted: dict[Pair, list[str]] = {}
    for (a, b), meetings in listed.items():
        wanted[(a, b)] = sorted(
            {m for m in meetings if m not in touched_set}
            | {m for m in touched if {a, b} <= attendance.get(m, set())}
        )
    all_ids = sorted({m for meetings in wanted.values() for m in meetings})
    facts = {r["id"]: r for r in tx.run(MEETING_FACTS, ids=all_ids).data()} if all_ids else {}
    keep = []
    drop = []
    for pair, meetings in sorted(wanted.items()):
        if meetings:
            update = _PairUpdate()
            for meeting_id in meetings:
                update.add(facts[meeting_id])
            keep.append(update.row(pair))
        else:
            drop.append({"a": pair[0], "b": pair[1]})
    if keep:
        tx.run(SET_PAIRS, rows=keep).consume()
    if drop:
        tx.run(DROP_PAIRS, rows=drop).consume()
    # Pairs that share a touched meeting and did not list it gain it.
    _add(tx, current)


def backfill_pairs(driver: SyncDriver, database: str, page: int = 1000) -> int:
    """Build MET for every stored meeting, a page of meetings per transaction.

    For graphs written before MET existed; safe to run again (adding only).

    Returns:
        The number of meetings visited.
    """
    after = ""
    visited = 0
    while True:
        records, _, _ = driver.execute_query(
            MEETING_PAGE,
            after=after,
            limit=page,
            database_=database,
            routing_=RoutingControl.READ,
        )
        ids: Sequence[str] = [r["id"] for r in records]
        if not ids:
            return visited
        write_with_retry(driver, database, partial(add_pairs, meeting_ids=ids))
        visited += len(ids)
        after = ids[-1]
