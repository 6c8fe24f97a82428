"""People in the graph: search, detail with titles over time, counterparts."""

from __future__ import annotations

from typing import Any, Literal

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
       coalesce(p.countries, []) AS countries, coalesce(p.merged, []) AS merged,
       [(p)-[r:ATTENDED]->(:Meeting) WHERE r.name IS NOT NULL
        | {name: r.name, article: r.article_id}] AS written
"""

PERSON_EXISTS = """
MATCH (p:Person {id: $id})
RETURN p.id AS id
"""

PERSON_MEETING_COUNT = """
MATCH (p:Person {id: $id})-[:ATTENDED]->(m:Meeting)
RETURN count(DISTINCT m) AS meetings
"""

# Who met whom, from the MET pairs the writer keeps (graph/met.py): one page, sorted
# by the server, in one row of lists (see read_list). No row when there is no such
# person, or when the page starts past the end.
_COUNTERPART_PAGE = """
MATCH (p:Person {{id: $id}})
WITH p, size([(p)-[:MET]-(:Person) | 1]) AS total
MATCH (p)-[r:MET]-(o:Person)
WITH total, o, r ORDER BY {order} SKIP $offset LIMIT $limit
RETURN total, collect([o.id, o.name, r.count, r.first, r.last, o.countries, r.topics]) AS rows
"""
# Most meetings first, or most recent first; undated last, ties by id.
COUNTERPARTS_BY_COUNT = _COUNTERPART_PAGE.format(
    order="r.count DESC, coalesce(r.last, '') DESC, o.id"
)
COUNTERPARTS_BY_RECENCY = _COUNTERPART_PAGE.format(
    order="coalesce(r.last, '') DESC, r.count DESC, o.id"
)

# Who met whom in a period: MET is all-time, so walk the person's attendance to the
# meetings dated within it (either end may be null: open). One row per counterpart,
# in the order of `sort` (the same keys as above); one row with a null id when the
# person met nobody then, none when there is no such person.
_COUNTERPARTS_IN_PERIOD = """
MATCH (p:Person {{id: $id}})
OPTIONAL MATCH (p)-[:ATTENDED]->(m:Meeting)<-[:ATTENDED]-(o:Person)
WHERE o.id <> p.id AND m.date IS NOT NULL
  AND ($date_from IS NULL OR m.date >= $date_from) AND ($date_to IS NULL OR m.date <= $date_to)
WITH DISTINCT o, m
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
WITH o, m, collect(DISTINCT t.id) AS topics
WITH o, count(m) AS meetings, min(m.date) AS first_date, max(m.date) AS last_date,
     collect(topics) AS topics
RETURN o.id AS id, o.name AS name, meetings, first_date, last_date,
       o.countries AS countries, topics
ORDER BY {order}
"""
COUNTERPARTS_IN_PERIOD_BY_COUNT = _COUNTERPARTS_IN_PERIOD.format(
    order="meetings DESC, coalesce(last_date, '') DESC, id"
)
COUNTERPARTS_IN_PERIOD_BY_RECENCY = _COUNTERPARTS_IN_PERIOD.format(
    order="coalesce(last_date, '') DESC, meetings DESC, id"
)

COUNTERPART_TOTAL = """
MATCH (p:Person {id: $id})
RETURN size([(p)-[:MET]-(:Person) | 1]) AS total
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


async def person_exists(driver: neo4j.AsyncDriver, database: str, person_id: str) -> bool:
    return bool(await read_rows(driver, database, PERSON_EXISTS, id=person_id))


async def get_person(
    driver: neo4j.AsyncDriver, database: str, person_id: str
) -> dict[str, Any] | None:
    rows = await read_rows(driver, database, GET_PERSON, id=person_id)
    if not rows:
        return None
    counts = await read_rows(driver, database, PERSON_MEETING_COUNT, id=person_id)
    person = rows[0]
    person["meetings"] = int(counts[0]["meetings"]) if counts else 0
    person["names"] = _articles_by_name(person.pop("written"))
    return person


def _articles_by_name(written: list[dict[str, str]]) -> dict[str, list[str]]:
    """Each way the articles wrote the person's name -> those articles' ids."""
    found: dict[str, set[str]] = {}
    for w in written:
        found.setdefault(w["name"], set()).add(w["article"])
    return {name: sorted(ids) for name, ids in sorted(found.items())}


async def counterparts(
    driver: neo4j.AsyncDriver,
    database: str,
    person_id: str,
    *,
    sort: Literal["count", "recent"],
    offset: int,
    limit: int,
    date_from: str | None = None,
    date_to: str | None = None,
) -> tuple[int, list[dict[str, Any]]] | None:
    """A page of everyone ``person_id`` met, with the count, first and last date and
    topics of their meetings and the counterpart's countries, and how many there are
    in all; None when there is no such person.

    Args:
        date_from, date_to: ISO days; with either, only the meetings dated within that
            period count (undated ones are in none).

    Raises:
        GraphUnavailable: the graph cannot be reached.
    """
    if date_from is not None or date_to is not None:
        return await _counterparts_in_period(
            driver, database, person_id, sort, offset, limit, date_from, date_to
        )
    statement = COUNTERPARTS_BY_COUNT if sort == "count" else COUNTERPARTS_BY_RECENCY
    found = await read_rows(driver, database, statement, id=person_id, offset=offset, limit=limit)
    if not found:  # no such person, or a page past the end
        totals = await read_rows(driver, database, COUNTERPART_TOTAL, id=person_id)
        return (int(totals[0]["total"]), []) if totals else None
    rows = [
        {
            "id": pid, "name": name, "count": count, "first_date": first, "last_date": last,
            "countries": sorted(set(countries or ())), "topics": sorted(set(topics or ())),
        }
        for pid, name, count, first, last, countries, topics in found[0]["rows"]
    ]  # fmt: skip
    return int(found[0]["total"]), rows


async def _counterparts_in_period(
    driver: neo4j.AsyncDriver,
    database: str,
    person_id: str,
    sort: Literal["count", "recent"],
    offset: int,
    limit: int,
    date_from: str | None,
    date_to: str | None,
) -> tuple[int, list[dict[str, Any]]] | None:
    # One person's counterparts in a period are few (the people at their meetings):
    # all of them in one read, the page cut here.
    statement = (
        COUNTERPARTS_IN_PERIOD_BY_COUNT if sort == "count" else COUNTERPARTS_IN_PERIOD_BY_RECENCY
    )
    found = await read_rows(
        driver, database, statement, id=person_id, date_from=date_from, date_to=date_to
    )
    if not found:
        return None
    everyone = [r for r in found if r["id"] is not None]
    rows = [
        {
            "id": r["id"],
            "name": r["name"],
            "count": r["meetings"],
            "first_date": r["first_date"],
            "last_date": r["last_date"],
            "countries": sorted(set(r["countries"] or ())),
            "topics": sorted({t for topics in r["topics"] for t in topics}),
        }
        for r in everyone[offset : offset + limit]
    ]
    return len(everyone), rows
