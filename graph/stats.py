"""Counts of what the graph holds, by fixed label and relationship type."""

from __future__ import annotations

import neo4j
from neo4j import RoutingControl

from graph.connection import SyncDriver, graph_errors
from graph.schema import DERIVED_RELATIONSHIPS, RECORDED_RELATIONSHIPS

NODE_LABELS = ("Article", "Meeting", "Person", "Country", "Topic", "Place", "Organization")
RELATIONSHIP_TYPES = (*RECORDED_RELATIONSHIPS, *DERIVED_RELATIONSHIPS)

# One statement per label keeps the label in the query text (never a parameter)
# and lets both servers answer from their label statistics.
COUNT_NODES = {label: f"MATCH (n:{label}) RETURN count(n) AS count" for label in NODE_LABELS}
COUNT_RELATIONSHIPS = {
    rel: f"MATCH ()-[r:{rel}]->() RETURN count(r) AS count" for rel in RELATIONSHIP_TYPES
}
LAST_INGESTION = "MATCH (a:Article) RETURN max(a.ingested_at) AS last"
PING = "RETURN 1 AS ok"


async def _count(driver: neo4j.AsyncDriver, database: str, statement: str) -> int:
    records, _, _ = await driver.execute_query(
        statement, database_=database, routing_=RoutingControl.READ
    )
    return int(records[0]["count"]) if records else 0


async def count_nodes(driver: neo4j.AsyncDriver, database: str) -> dict[str, int]:
    """Node count per label.

    Raises:
        GraphUnavailable: the graph cannot be reached.
    """
    with graph_errors():
        return {label: await _count(driver, database, q) for label, q in COUNT_NODES.items()}


async def count_relationships(driver: neo4j.AsyncDriver, database: str) -> dict[str, int]:
    """Relationship count per type.

    Raises:
        GraphUnavailable: the graph cannot be reached.
    """
    with graph_errors():
        return {rel: await _count(driver, database, q) for rel, q in COUNT_RELATIONSHIPS.items()}


async def last_ingestion(driver: neo4j.AsyncDriver, database: str) -> str | None:
    with graph_errors():
        records, _, _ = await driver.execute_query(
            LAST_INGESTION, database_=database, routing_=RoutingControl.READ
        )
    return records[0]["last"] if records else None


async def ping(driver: neo4j.AsyncDriver, database: str) -> None:
    """Raise GraphUnavailable unless the graph answers a trivial query."""
    with graph_errors():
        await driver.execute_query(PING, database_=database, routing_=RoutingControl.READ)


def count_nodes_now(driver: SyncDriver, database: str) -> dict[str, int]:
    """Node count per label, for commands that use the synchronous driver."""
    counts = {}
    with graph_errors():
        for label, statement in COUNT_NODES.items():
            records, _, _ = driver.execute_query(
                statement, database_=database, routing_=RoutingControl.READ
            )
            counts[label] = int(records[0]["count"]) if records else 0
    return counts
