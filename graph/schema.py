"""Constraints, indexes and the fixed Topic nodes, created idempotently at startup."""

from __future__ import annotations

from collections.abc import Mapping

from neo4j import RoutingControl

from graph.connection import SyncDriver, graph_errors
from graph.migrations import migrate

# A uniqueness constraint on every MERGE key: without one ArcadeDB's MERGE scans
# the label (20k meetings: 48 s instead of 1 s), and Neo4j cannot serialise MERGEs.
CONSTRAINTS = (
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (n:Meeting) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT person_key IF NOT EXISTS FOR (n:Person) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT person_name_key IF NOT EXISTS FOR (n:PersonName) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT name_block_token IF NOT EXISTS FOR (n:NameBlock) REQUIRE n.token IS UNIQUE",
    "CREATE CONSTRAINT country_code IF NOT EXISTS FOR (n:Country) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT organization_code IF NOT EXISTS "
    "FOR (n:Organization) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT migration_id IF NOT EXISTS FOR (n:SchemaMigration) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (n:GraphVersion) REQUIRE n.id IS UNIQUE",
)

# Relationship types: what extraction recorded (with provenance), and what the writer
# derives from it (graph/met.py).
RECORDED_RELATIONSHIPS = (
    "ATTENDED", "REPRESENTS", "MEMBER_OF", "ABOUT", "HELD_IN", "IN", "REPORTS", "INVOLVES",
    "NAMES", "BLOCKED_AS",
)  # fmt: skip
DERIVED_RELATIONSHIPS = ("MET",)

# Indexes for the filters the API offers. Meeting.country finds the meetings held in a
# country (graph/countries.py) without a scan of every meeting.
INDEXES = (
    "CREATE INDEX meeting_date IF NOT EXISTS FOR (n:Meeting) ON (n.date)",
    "CREATE INDEX meeting_country IF NOT EXISTS FOR (n:Meeting) ON (n.country)",
    "CREATE INDEX meeting_signature IF NOT EXISTS FOR (n:Meeting) ON (n.signature)",
    "CREATE INDEX article_url IF NOT EXISTS FOR (n:Article) ON (n.url)",
    "CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)",
)

MERGE_TOPICS = """
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
SET t.label = row.label
"""


def ensure_schema(
    driver: SyncDriver, database: str, topics: Mapping[str, str] | None = None
) -> None:
    """Create every constraint and index (no-op when present) and the Topic nodes,
    then bring data an older Diplograph wrote up to date (graph/migrations.py).

    Args:
        topics: taxonomy id -> label; Topic nodes are fixed, not created by extraction.

    Raises:
        GraphUnavailable, GraphWriteFailed: the graph refused or could not be reached.
    """
    with graph_errors():
        for statement in (*CONSTRAINTS, *INDEXES):
            driver.execute_query(statement, database_=database, routing_=RoutingControl.WRITE)
        if topics:
            rows = [{"id": topic_id, "label": label} for topic_id, label in topics.items()]
            driver.execute_query(
                MERGE_TOPICS, rows=rows, database_=database, routing_=RoutingControl.WRITE
            )
        migrate(driver, database)
