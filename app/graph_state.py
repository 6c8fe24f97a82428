"""The API's handle on the graph: one async driver per process, schema ensured once."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Literal

import neo4j

from domain.errors import DiplographError, GraphUnavailable
from extractors.taxonomy import topic_labels
from graph import stats
from graph.bridge import BlockingDriver
from graph.connection import GraphTarget, open_async_driver, wait_until_ready
from graph.local_server import LocalGraphServer
from graph.meeting_lists import MeetingStats, load_meeting_stats
from graph.schema import ensure_schema

log = logging.getLogger(__name__)

# How long meeting statistics serve before they are counted again (in the background).
STATS_MAX_AGE = 120.0

GraphHealth = Literal["up", "restarting", "down"]


@dataclass
class GraphState:
    """The process's one driver (async), and the blocking view worker threads use."""

    target: GraphTarget
    driver: neo4j.AsyncDriver
    blocking: BlockingDriver
    backend_label: str
    schema_ready: bool = False
    local_server: LocalGraphServer | None = None  # the embedded server, when used
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _stats: MeetingStats | None = None
    _stats_at: float = 0.0
    _stats_task: asyncio.Task[None] | None = None

    @property
    def database(self) -> str:
        return self.target.database

    async def ensure_ready(self) -> None:
        """Check the graph answers; the first time it does, make sure the schema exists.

        Raises:
            GraphUnavailable: the graph cannot be reached now.
        """
        if self.schema_ready:
            # Queries report an unreachable graph themselves; no extra round trip.
            return
        await stats.ping(self.driver, self.database)
        async with self._lock:
            if not self.schema_ready:
                await asyncio.to_thread(prepare_graph, self.blocking, self.target, 10.0)
                agent = (await self.driver.get_server_info()).agent
                self.backend_label = backend_label(self.target, agent)
                self.schema_ready = True

    def health(self, answers: bool) -> GraphHealth:
        """The graph's state for /health: ``answers`` says whether it just answered.

        The embedded server says when it is being restarted after a crash; any graph
        that answers is up, one that does not is down.
        """
        if self.local_server is not None and self.local_server.state == "restarting":
            return "restarting"
        return "up" if answers else "down"

    def meeting_stats(self) -> MeetingStats | None:
        """The latest meeting statistics, for planning lists; None until first counted.

        Never waits: when they are missing or older than STATS_MAX_AGE a background
        count starts and this request plans with what there is (plans are exact with
        any statistics; fresher ones only make them cheaper).
        """
        stale = time.monotonic() - self._stats_at > STATS_MAX_AGE
        if (self._stats is None or stale) and (self._stats_task is None or self._stats_task.done()):
            self._stats_task = asyncio.create_task(self._count_meetings())
        return self._stats

    async def _count_meetings(self) -> None:
        try:
            self._stats = await load_meeting_stats(self.driver, self.database)
            self._stats_at = time.monotonic()
        except DiplographError as exc:  # the graph is away; requests report it themselves
            log.warning("could not count meetings for list planning: %s", exc)

    async def close(self) -> None:
        if self._stats_task is not None:
            self._stats_task.cancel()
        await self.driver.close()


def prepare_graph(driver: BlockingDriver, target: GraphTarget, wait_seconds: float) -> None:
    """Wait for the graph (bounded), create constraints, indexes and topics.

    Runs in a worker thread: the blocking driver hands each call to the event loop.

    Raises:
        GraphUnavailable: not reachable within ``wait_seconds``.
    """
    wait_until_ready(driver, target, timeout=wait_seconds)
    ensure_schema(driver, target.database, topic_labels())


def backend_label(target: GraphTarget, agent: str | None = None) -> str:
    """Human name of the backend; ArcadeDB announces itself in its Bolt agent string."""
    if target.backend == "arcadedb-local":
        return "local ArcadeDB"
    if agent and "arcadedb" in agent.lower():
        return "ArcadeDB"
    return "Neo4j"


async def open_graph_state(
    target: GraphTarget, wait_seconds: float, local_server: LocalGraphServer | None = None
) -> GraphState:
    """Open the driver; if the graph is down, start anyway and recover when it returns."""
    driver = open_async_driver(target)
    state = GraphState(
        target=target,
        driver=driver,
        blocking=BlockingDriver(driver, asyncio.get_running_loop()),
        backend_label=backend_label(target),
        local_server=local_server,
    )
    try:
        await asyncio.to_thread(prepare_graph, state.blocking, target, wait_seconds)
        state.backend_label = backend_label(target, (await driver.get_server_info()).agent)
        state.schema_ready = True
    except GraphUnavailable as exc:
        log.error("starting without the graph (queries answer 503 until it is back): %s", exc)
    return state
