"""Topics in the graph: the fixed taxonomy with meeting counts and counts over time."""

from __future__ import annotations

from typing import Any

import neo4j

from graph.connection import read_rows

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
    return await read_rows(driver, database, LIST_TOPICS)


async def get_topic(
    driver: neo4j.AsyncDriver, database: str, topic_id: str
) -> dict[str, Any] | None:
    rows = await read_rows(driver, database, GET_TOPIC, id=topic_id)
    return rows[0] if rows else None


async def topic_dates(
    driver: neo4j.AsyncDriver, database: str, topic: str | None
) -> list[tuple[str, str]]:
    """(topic, date) for every dated meeting about ``topic`` (or any topic)."""
    rows = await read_rows(driver, database, TOPIC_MEETING_DATES, topic=topic)
    return [(r["topic"], r["date"]) for r in rows]
