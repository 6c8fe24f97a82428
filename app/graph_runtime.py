"""Which graph a process talks to: Neo4j when NEO4J_URI is set, else the local server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from app.settings import Settings
from extractors.taxonomy import topic_labels
from graph.connection import GraphTarget, SyncDriver, open_driver, wait_until_ready
from graph.local_server import LocalGraphServer
from graph.schema import ensure_schema


def local_server(
    settings: Settings, on_give_up: Callable[[], None] | None = None
) -> LocalGraphServer:
    return LocalGraphServer(
        settings.graph_dir,
        heap=settings.graph_heap,
        bolt_port=settings.graph_bolt_port,
        start_timeout=settings.graph_start_timeout,
        max_restarts=settings.graph_max_restarts,
        on_give_up=on_give_up,
    )


@dataclass(frozen=True)
class RunningGraph:
    """The graph a process uses, and the embedded server behind it if there is one."""

    target: GraphTarget
    server: LocalGraphServer | None


@contextmanager
def running_graph(
    settings: Settings, on_give_up: Callable[[], None] | None = None
) -> Iterator[RunningGraph]:
    """Yield the graph to use; start (or attach to) the local server when needed.

    A local server this process started is stopped when the block exits.

    Args:
        on_give_up: called when the local server this process owns keeps crashing and
            is not restarted again.
    """
    if settings.neo4j_uri:
        password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
        target = GraphTarget(
            uri=settings.neo4j_uri,
            user=settings.neo4j_user,
            password=password,
            database=settings.neo4j_database or "neo4j",
            backend="neo4j",
        )
        yield RunningGraph(target, None)
        return
    server = local_server(settings, on_give_up)
    with server as info:
        target = GraphTarget(
            uri=info.bolt_uri,
            user=info.user,
            password=info.password,
            database=settings.neo4j_database or info.database,
            backend="arcadedb-local",
        )
        yield RunningGraph(target, server)


@contextmanager
def graph_target(settings: Settings) -> Iterator[GraphTarget]:
    """The graph to use, for code that needs only where it is (see running_graph)."""
    with running_graph(settings) as running:
        yield running.target


@contextmanager
def command_graph(settings: Settings) -> Iterator[tuple[GraphTarget, SyncDriver]]:
    """The graph for a CLI command: reachable (bounded wait) and with its schema.

    Raises:
        GraphUnavailable: not reachable within DIPLOGRAPH_GRAPH_START_TIMEOUT.
        LocalServerError: the embedded server could not start.
    """
    with graph_target(settings) as target, open_driver(target) as driver:
        wait_until_ready(driver, target, timeout=settings.graph_start_timeout)
        ensure_schema(driver, target.database, topic_labels())
        yield target, driver
