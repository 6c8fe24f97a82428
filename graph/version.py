"""A token that changes with every write, so readers can tell the graph changed.

Every successful write transaction (graph.connection.write_with_retry) is followed by
a small one that sets a new random token on the one GraphVersion node. A reader that
cached an answer together with the token it saw can reuse the answer for as long as
the token is the same: one keyed lookup instead of the query.

A token, not a counter: wiping the graph and writing again must not bring back an
old value. A transaction of its own, not part of the write: concurrent writers would
otherwise all conflict on this one node and retry whole batches; they now retry only
this statement. A reader that runs between the write's commit and the token's may
still be served the answer from before the write; the writer is told "stored" only
after the token changed.
"""

from __future__ import annotations

import datetime as dt
import uuid

import neo4j

from graph.bridge import BlockingTransaction

MARK_CHANGED = """
MERGE (v:GraphVersion {id: 'graph'})
SET v.token = $token, v.changed_at = $at
"""

CURRENT_TOKEN = """
MATCH (v:GraphVersion {id: 'graph'})
RETURN v.token AS token
"""


def mark_changed(tx: neo4j.ManagedTransaction | BlockingTransaction) -> None:
    """Inside a transaction of its own: give the graph a new version token."""
    at = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
    tx.run(MARK_CHANGED, token=uuid.uuid4().hex, at=at).consume()


async def current_token(driver: neo4j.AsyncDriver, database: str) -> str | None:
    """The graph's version token; "" for a graph never written since it was versioned.

    Raises:
        neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError: as the
        driver does; callers that only optimise (caches) treat any as "unknown".
    """
    async with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as s:
        result = await s.run(CURRENT_TOKEN)
        record = await result.single()
    return str(record["token"]) if record is not None else ""
