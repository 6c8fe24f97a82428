"""Driver lifecycle and the one place driver errors become the project's errors."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import neo4j
from neo4j import exceptions as neo4j_errors

from domain.errors import GraphQueryFailed, GraphUnavailable, GraphWriteFailed
from graph.bridge import BlockingDriver, BlockingTransaction
from graph.version import mark_changed

log = logging.getLogger(__name__)

Backend = Literal["neo4j", "arcadedb-local"]
T = TypeVar("T")

# Errors that mean "the server is not there right now": a later try may succeed.
UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (
    neo4j_errors.ServiceUnavailable,
    neo4j_errors.SessionExpired,
    neo4j_errors.AuthError,
    OSError,
)
# Errors a concurrent writer can cause and a retry resolves. ArcadeDB reports two
# transactions MERGEing one unique key as ConstraintError instead of serialising
# them as Neo4j does (Neo4j raises TransientError for its deadlocks).
CONFLICT_ERRORS: tuple[type[Exception], ...] = (
    neo4j_errors.ConstraintError,
    neo4j_errors.TransientError,
)
MAX_WRITE_ATTEMPTS = 8

# What the synchronous graph code runs on: a driver of its own (CLI), or the API's
# async driver through the blocking bridge.
SyncDriver = neo4j.Driver | BlockingDriver
SyncTransaction = neo4j.ManagedTransaction | BlockingTransaction


@dataclass(frozen=True)
class GraphTarget:
    """Where the graph is and how to log in."""

    uri: str
    user: str
    password: str
    database: str
    backend: Backend


def open_driver(target: GraphTarget) -> neo4j.Driver:
    return neo4j.GraphDatabase.driver(
        target.uri,
        auth=(target.user, target.password),
        connection_timeout=5.0,
        max_transaction_retry_time=15.0,
        notifications_min_severity="OFF",
    )


def open_async_driver(target: GraphTarget) -> neo4j.AsyncDriver:
    # The API answers 503 quickly rather than hold a request while the driver retries:
    # clients retry after Retry-After, and the pool reconnects by itself.
    return neo4j.AsyncGraphDatabase.driver(
        target.uri,
        auth=(target.user, target.password),
        connection_timeout=3.0,
        connection_acquisition_timeout=5.0,
        max_transaction_retry_time=1.0,
        notifications_min_severity="OFF",
    )


def wait_until_ready(driver: SyncDriver, target: GraphTarget, timeout: float = 60.0) -> None:
    """Block until the graph answers a query, retrying with backoff up to ``timeout``.

    Raises:
        GraphUnavailable: the graph did not answer in time (the last error is chained).
    """
    deadline = time.monotonic() + timeout
    delay = 0.2
    while True:
        try:
            # An auto-commit query: no driver-side retries inside our own bounded loop.
            with driver.session(
                database=target.database, default_access_mode=neo4j.READ_ACCESS
            ) as session:
                session.run("RETURN 1 AS ok").consume()
            return
        except UNAVAILABLE_ERRORS as exc:
            if time.monotonic() + delay > deadline:
                raise GraphUnavailable(
                    f"graph at {target.uri} (database {target.database!r}) not reachable "
                    f"after {timeout:.0f}s: {exc}"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 2.0)


@contextmanager
def graph_errors() -> Iterator[None]:
    """Convert driver errors raised inside the block into the project's errors."""
    try:
        yield
    except UNAVAILABLE_ERRORS as exc:
        raise GraphUnavailable(f"graph unavailable: {exc}") from exc
    except neo4j_errors.Neo4jError as exc:
        raise GraphQueryFailed(f"graph rejected the statement: {exc.message}") from exc
    except neo4j_errors.DriverError as exc:
        raise GraphUnavailable(f"graph driver failed: {exc}") from exc


async def read_rows(
    driver: neo4j.AsyncDriver, database: str, query: str, **parameters: Any
) -> list[dict[str, Any]]:
    """Run a read statement and return its rows as dicts.

    An auto-commit query: one round trip (RUN and PULL pipelined) where a managed
    transaction adds BEGIN and COMMIT, half the latency of a small read (0.9 ms
    against 2.0 ms for RETURN 1 on the local server). Reads are not retried here:
    the API answers 503 and the client retries after Retry-After.

    Raises:
        GraphUnavailable: the graph cannot be reached.
        GraphQueryFailed: the graph rejected the statement.
    """
    with graph_errors():
        async with driver.session(
            database=database, default_access_mode=neo4j.READ_ACCESS
        ) as session:
            result = await session.run(query, parameters)
            # dict(zip(...)), not Record.data(): data() walks every nested value to
            # convert graph entities, a third of the API's CPU on large list answers;
            # statements here return only plain values.
            keys = result.keys()
            return [dict(zip(keys, record.values(), strict=True)) async for record in result]


async def read_list(
    driver: neo4j.AsyncDriver, database: str, query: str, **parameters: Any
) -> list[Any] | None:
    """Run a statement that answers one row holding a list in ``rows``; return that list.

    Bolt servers send every row as its own message, and the driver pays about 50
    microseconds per row: 286 rows take 16 ms where the same rows collected into one
    list take 4 ms. Hot reads therefore end in ``RETURN collect(...) AS rows``.

    Returns:
        The list, or None when the statement returned no row at all (for example a
        MATCH on an id that does not exist, before the collect).
    """
    rows = await read_rows(driver, database, query, **parameters)
    if not rows:
        return None
    return list(rows[0]["rows"] or [])


def _backoff(attempt: int) -> float:
    return float(min(0.02 * 2**attempt, 1.0) * (0.5 + random.random()))


def write_with_retry(driver: SyncDriver, database: str, work: Callable[[SyncTransaction], T]) -> T:
    """Run ``work`` in one write transaction, retrying concurrent-write conflicts, then
    change the graph's version token (graph/version.py) so cached answers expire.

    Raises:
        GraphWriteFailed: still conflicting after MAX_WRITE_ATTEMPTS, or rejected.
        GraphUnavailable: the server went away.
    """
    result = _write_retrying(driver, database, work)
    _write_retrying(driver, database, mark_changed)
    return result


def _write_retrying(driver: SyncDriver, database: str, work: Callable[[SyncTransaction], T]) -> T:
    for attempt in range(MAX_WRITE_ATTEMPTS):
        try:
            with (
                graph_errors(),
                driver.session(
                    database=database, default_access_mode=neo4j.WRITE_ACCESS
                ) as session,
            ):
                return session.execute_write(work)
        except GraphQueryFailed as exc:
            if not isinstance(exc.__cause__, CONFLICT_ERRORS):
                raise GraphWriteFailed(str(exc)) from exc.__cause__
            if attempt == MAX_WRITE_ATTEMPTS - 1:
                raise GraphWriteFailed(
                    f"write kept conflicting with concurrent writers after "
                    f"{MAX_WRITE_ATTEMPTS} attempts"
                ) from exc.__cause__
            log.debug("write conflict (%s); retrying", exc.__cause__)
            time.sleep(_backoff(attempt))
    raise AssertionError("unreachable")
