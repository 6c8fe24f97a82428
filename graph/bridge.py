"""The synchronous graph API on top of the process's one async driver.

The API process owns exactly one driver, the async one. The ingestion pipeline and
the writer are synchronous (the CLI runs them as plain code); in the API they run
in worker threads, and this bridge hands each call to the event loop that owns the
driver and waits for the answer. It implements only what ``graph/`` uses of
``neo4j.Driver``: ``execute_query``, and sessions with ``run`` and
``execute_write``. It must never be called from the loop's own thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType
from typing import Any, TypeVar

import neo4j

T = TypeVar("T")


class BlockingDriver:
    """Blocking calls over an ``AsyncDriver`` that lives on ``loop``."""

    def __init__(self, driver: neo4j.AsyncDriver, loop: asyncio.AbstractEventLoop) -> None:
        self._driver = driver
        self._loop = loop
        # Where a write transaction's synchronous work runs while the loop holds the
        # transaction. Not the loop's default executor: the callers themselves run
        # there, and waiting on a slot their own calls occupy would deadlock.
        self._work_threads = ThreadPoolExecutor(thread_name_prefix="graph-write-work")

    def _call(self, awaitable: Awaitable[T]) -> T:
        async def wrapped() -> T:
            return await awaitable

        if _running_loop() is self._loop:
            raise RuntimeError("BlockingDriver used from its own event loop thread")
        return asyncio.run_coroutine_threadsafe(wrapped(), self._loop).result()

    def execute_query(
        self, query_: str, parameters_: dict[str, Any] | None = None, **kwargs: Any
    ) -> neo4j.EagerResult:
        result: neo4j.EagerResult = self._call(
            self._driver.execute_query(query_, parameters_, **kwargs)
        )
        return result

    def session(
        self, *, database: str, default_access_mode: str = neo4j.WRITE_ACCESS
    ) -> BlockingSession:
        return BlockingSession(self, database, default_access_mode)


class BlockingSession:
    def __init__(self, bridge: BlockingDriver, database: str, access_mode: str) -> None:
        self._bridge = bridge
        self._database = database
        self._access_mode = access_mode

    def __enter__(self) -> BlockingSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        return None

    def run(self, query: str, **parameters: Any) -> _Consumed:
        async def auto_commit() -> neo4j.ResultSummary:
            async with self._bridge._driver.session(
                database=self._database, default_access_mode=self._access_mode
            ) as session:
                result = await session.run(query, parameters)
                return await result.consume()

        return _Consumed(self._bridge._call(auto_commit()))

    def execute_write(self, work: Callable[[BlockingTransaction], T]) -> T:
        """Run ``work`` in one managed write transaction: committed on success, rolled
        back on error, and run again by the driver on transient failures such as a
        cluster's leader changing. Conflicts on ArcadeDB (ConstraintError) are not
        transient to the driver: ``write_with_retry`` retries those.

        ``work`` is synchronous: it runs in a worker thread while the event loop awaits
        it, and its statements come back to the loop through the bridge.
        """

        async def managed(tx: neo4j.AsyncManagedTransaction) -> T:
            loop = asyncio.get_running_loop()
            threads = self._bridge._work_threads
            return await loop.run_in_executor(threads, work, BlockingTransaction(self._bridge, tx))

        async def write() -> T:
            async with self._bridge._driver.session(
                database=self._database, default_access_mode=neo4j.WRITE_ACCESS
            ) as session:
                return await session.execute_write(managed)

        return self._bridge._call(write())


class BlockingTransaction:
    def __init__(
        self, bridge: BlockingDriver, tx: neo4j.AsyncTransaction | neo4j.AsyncManagedTransaction
    ) -> None:
        self._bridge = bridge
        self._tx = tx

    def run(self, query: str, **parameters: Any) -> BlockingResult:
        return BlockingResult(self._bridge, self._bridge._call(self._tx.run(query, parameters)))


class BlockingResult:
    def __init__(self, bridge: BlockingDriver, result: neo4j.AsyncResult) -> None:
        self._bridge = bridge
        self._result = result

    def consume(self) -> neo4j.ResultSummary:
        return self._bridge._call(self._result.consume())

    def single(self) -> neo4j.Record | None:
        return self._bridge._call(self._result.single())

    def data(self) -> list[dict[str, Any]]:
        return self._bridge._call(self._result.data())


class _Consumed:
    def __init__(self, summary: neo4j.ResultSummary) -> None:
        self.summary = summary

    def consume(self) -> neo4j.ResultSummary:
        return self.summary


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
