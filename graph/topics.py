"""Topics in the graph: the fixed taxonomy with meeting counts and counts over time."""

from __future__ import annotations

from typing import Any

import neo4j
from neo4j import RoutingControl

from graph.connection import graph_errors

LIST_TOPICS = """
MATCH (t:Topic)
OPTIONAL MATCH (t)<-[:ABOUT]-(m:Meeting)
WITH t, count(DISTINCT m) AS meetings
RETURN t.id AS id, t.label AS label, meetings
ORDER BY id
"""

TOPIC_MEETING_DATES = """
MATCH (t:Topic)<-[:ABOUT]-(m:Meeting)
WHERE $topic IS NULL OR t.id = $topic
WITH DISTINCT t, m
WHERE m.date IS NOT NULL
RETURN t.id AS topic, m.date AS date
"""

GET_TOPIC = """
MATCH (t:Topic {id: $id})
RETURN t.id AS id, t.label AS label
"""


async def list_topics(driver: neo4j.AsyncDriver, database: str) -> list[dict[str, Any]]:
    with graph_errors():
        records, _, _ = await driver.execute_query(
            LIST_TOPICS, database_=database, routing_=RoutingControl.READ
        )
    return [r.data() for r in records]


async def get_topic(
    driver: neo4j.AsyncDriver, database: str, topic_id: str
) -> dict[str, Any] | None:
    with graph_errors():
        records, _, _ = await driver.execute_query(
            GET_TOPIC, id=topic_id, database_=database, routing_=RoutingControl.READ
        )
    return records[0].data() if records else None


async def topic_dates(
    driver: neo4j.AsyncDriver, database: str, topic: str | None
) -> list[tuple[str, str]]:
    """(topic, date) for every dated meeting about ``topic`` (or any topic)."""
    with graph_errors():
        records, _, _ = await driver.execute_query(
            TOPIC_MEETING_DATES, topic=topic, database_=database, routing_=RoutingControl.READ
        )
    return [(r["topic"], r["date"]) for r in records]
