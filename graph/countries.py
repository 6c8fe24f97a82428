"""Countries in the graph: meeting counts, partners, bilateral timelines."""

from __future__ import annotations

from typing import Any

import neo4j
from neo4j import RoutingControl

from graph.connection import graph_errors

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
    with graph_errors():
        records, _, _ = await driver.execute_query(
            LIST_COUNTRIES, database_=database, routing_=RoutingControl.READ
        )
    return [r.data() for r in records]


async def get_country(driver: neo4j.AsyncDriver, database: str, code: str) -> dict[str, Any] | None:
    with graph_errors():
        records, _, _ = await driver.execute_query(
            GET_COUNTRY, code=code, database_=database, routing_=RoutingControl.READ
        )
    return records[0].data() if records else None


async def partners(
    driver: neo4j.AsyncDriver, database: str, code: str, limit: int
) -> list[dict[str, Any]]:
    """The states ``code`` meets most, with counts and the last date."""
    with graph_errors():
        records, _, _ = await driver.execute_query(
            PARTNERS, code=code, limit=limit, database_=database, routing_=RoutingControl.READ
        )
    return [r.data() for r in records]


async def bilateral_meetings(
    driver: neo4j.AsyncDriver, database: str, a: str, b: str
) -> list[dict[str, Any]]:
    """Every meeting in which both ``a`` and ``b`` took part, oldest first."""
    with graph_errors():
        records, _, _ = await driver.execute_query(
            BILATERAL, a=a, b=b, database_=database, routing_=RoutingControl.READ
        )
    return [r.data() for r in records]
