"""Countries in the graph: meeting counts, partners, bilateral timelines."""

from __future__ import annotations

from typing import Any

import neo4j

from graph.connection import read_rows

LIST_COUNTRIES = """
MATCH (c:Country)
RETURN c.code AS code, c.name AS name,
       size([(c)<-[:INVOLVES]-(m:Meeting) | m.id]) AS meetings
ORDER BY meetings DESC, code
"""

GET_COUNTRY = """
MATCH (c:Country {code: $code})
RETURN c.code AS code, c.name AS name,
       size([(c)<-[:INVOLVES]-(m:Meeting) | m.id]) AS meetings,
       size([(c)<-[:REPRESENTS]-(p:Person) | p.id]) AS people
"""

PARTNERS = """
MATCH (c:Country {code: $code})<-[:INVOLVES]-(m:Meeting)-[:INVOLVES]->(o:Country)
WHERE o.code <> c.code
RETURN o.code AS code, o.name AS name, count(DISTINCT m) AS meetings,
       max(m.date) AS last_date
ORDER BY meetings DESC, last_date DESC, code
LIMIT $limit
"""

# Meetings both states took part in, with who attended and what was discussed.
BILATERAL = """
MATCH (:Country {code: $a})<-[:INVOLVES]-(m:Meeting)-[:INVOLVES]->(:Country {code: $b})
RETURN m.id AS id, m.date AS date, m.kind AS kind, m.status AS status,
       [(m)<-[:ATTENDED]-(p:Person) | {id: p.id, name: p.name}] AS people,
       [(m)-[:ABOUT]->(t:Topic) | t.id] AS topics
ORDER BY coalesce(m.date, '') , m.id
"""


async def list_countries(driver: neo4j.AsyncDriver, database: str) -> list[dict[str, Any]]:
    return await read_rows(driver, database, LIST_COUNTRIES)


async def get_country(driver: neo4j.AsyncDriver, database: str, code: str) -> dict[str, Any] | None:
    rows = await read_rows(driver, database, GET_COUNTRY, code=code)
    return rows[0] if rows else None


async def partners(
    driver: neo4j.AsyncDriver, database: str, code: str, limit: int
) -> list[dict[str, Any]]:
    """The states ``code`` meets most, with counts and the last date."""
    return await read_rows(driver, database, PARTNERS, code=code, limit=limit)


async def bilateral_meetings(
    driver: neo4j.AsyncDriver, database: str, a: str, b: str
) -> list[dict[str, Any]]:
    """Every meeting in which both ``a`` and ``b`` took part, oldest first."""
    return await read_rows(driver, database, BILATERAL, a=a, b=b)
