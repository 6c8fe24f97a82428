"""People in the graph: search, detail with titles over time, counterparts."""

from __future__ import annotations

from typing import Any

import neo4j

from graph.connection import read_rows

# Prefix search on folded names and their words (written by the writer as
# search_terms), so "lee", "Haechan" and "hae-chan" all find Lee Hae-chan.
SEARCH_PERSONS = """
MATCH (p:Person)
WHERE ($q IS NULL OR any(term IN p.search_terms WHERE term STARTS WITH $q))
  AND ($country IS NULL OR (p)-[:REPRESENTS]->(:Country {code: $country}))
  AND p.id > $after
WITH p ORDER BY p.id LIMIT $limit
RETURN p.id AS id, p.name AS name, p.aliases AS aliases,
       [(p)-[r:REPRESENTS]->(c:Country) | {code: c.code, title: r.title,
        former: r.former, last_seen: r.last_seen}] AS represents,
       [(p)-[r:MEMBER_OF]->(o:Organization) | {code: o.code, title: r.title,
        former: r.former, last_seen: r.last_seen}] AS memberships
"""

GET_PERSON = """
MATCH (p:Person {id: $id})
RETURN p.id AS id, p.name AS name, p.aliases AS aliases,
       [(p)-[r:REPRESENTS]->(c:Country) | {country: c.code, org: null, title: r.title,
        former: r.former, first_seen: r.first_seen, last_seen: r.last_seen}]
     + [(p)-[r:MEMBER_OF]->(o:Organization) | {country: null, org: o.code, title: r.title,
        former: r.former, first_seen: r.first_seen, last_seen: r.last_seen}] AS titles,
       size([(p)-[:ATTENDED]->(m:Meeting) | m.id]) AS attendance_rows
"""

PERSON_MEETING_COUNT = """
MATCH (p:Person {id: $id})-[:ATTENDED]->(m:Meeting)
RETURN count(DISTINCT m) AS meetings
"""

# Who met whom: everyone who attended a meeting this person attended.
COUNTERPARTS = """
MATCH (p:Person {id: $id})-[:ATTENDED]->(m:Meeting)<-[:ATTENDED]-(o:Person)
WHERE o.id <> p.id
WITH o, collect(DISTINCT m) AS meetings
WITH o, meetings, size(meetings) AS count,
     reduce(first = null, x IN meetings |
            CASE WHEN x.date IS NOT NULL AND (first IS NULL OR x.date < first)
                 THEN x.date ELSE first END) AS first_date,
     reduce(last = null, x IN meetings |
            CASE WHEN x.date IS NOT NULL AND (last IS NULL OR x.date > last)
                 THEN x.date ELSE last END) AS last_date
RETURN o.id AS id, o.name AS name, count, first_date, last_date,
       [(o)-[:REPRESENTS]->(c:Country) | c.code] AS countries,
       reduce(ids = [], x IN meetings | ids + [x.id]) AS meeting_ids
"""

MEETING_TOPICS = """
UNWIND $ids AS id
MATCH (m:Meeting {id: id})-[:ABOUT]->(t:Topic)
RETURN DISTINCT m.id AS meeting, t.id AS topic
"""


async def search_persons(
    driver: neo4j.AsyncDriver,
    database: str,
    *,
    q: str | None,
    country: str | None,
    limit: int,
    after: str = "",
) -> list[dict[str, Any]]:
    """People whose name or an alias starts with ``q`` (folded), ordered by id."""
    return await read_rows(
        driver, database, SEARCH_PERSONS, q=q, country=country, limit=limit, after=after
    )


async def get_person(
    driver: neo4j.AsyncDriver, database: str, person_id: str
) -> dict[str, Any] | None:
    rows = await read_rows(driver, database, GET_PERSON, id=person_id)
    if not rows:
        return None
    counts = await read_rows(driver, database, PERSON_MEETING_COUNT, id=person_id)
    person = rows[0]
    person["meetings"] = int(counts[0]["meetings"]) if counts else 0
    return person


async def counterparts(
    driver: neo4j.AsyncDriver, database: str, person_id: str
) -> list[dict[str, Any]]:
    """Everyone ``person_id`` met, with counts, first and last dates and topics discussed."""
    rows = await read_rows(driver, database, COUNTERPARTS, id=person_id)
    ids = sorted({m for row in rows for m in row["meeting_ids"]})
    topics_of: dict[str, set[str]] = {}
    if ids:
        for t in await read_rows(driver, database, MEETING_TOPICS, ids=ids):
            topics_of.setdefault(t["meeting"], set()).add(t["topic"])
    for row in rows:
        meeting_ids = row.pop("meeting_ids")
        row["topics"] = sorted({t for m in meeting_ids for t in topics_of.get(m, set())})
    return rows
