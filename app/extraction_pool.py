"""Extraction in worker processes: every core parses, the ingesting process writes.

Each worker loads the spaCy model once and extracts whole batches; the ingesting
process keeps everything with state (the graph driver, person resolution, the writer)
and takes the results back in the order it asked for them.

Workers are started with ``spawn``: a fresh interpreter, not a copy of the ingesting
process. That process holds the graph driver's sockets and pool locks and runs a writer
thread; a ``fork`` taken while another thread holds a lock copies the lock held, with
nobody left to release it. ``spawn`` costs an import and a model load per worker, paid
once per run before the clock of the summary starts.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import wait
from multiprocessing.synchronize import Barrier
from types import TracebackType

from domain.errors import DiplographError
from domain.models import ArticleIn, Extraction
from extractors.pipeline import SpacyExtractor

Result = Extraction | DiplographError

# A batch is tried on a second set of workers when its worker died (killed, out of
# memory); one that kills a worker again fails, and a re-run of the command retries it.
ATTEMPTS = 2
READY_TIMEOUT = 300.0  # seconds for every worker to load the model


def default_workers() -> int:
    """One extraction process per core but one: the writes and, with the embedded
    default, the graph server need a core as well. Measured on 2 cores
    (docs/benchmarks.md): two workers ingested 44 articles/s against 55 for one (in
    the command's own process), the cores being shared four ways."""
    return max(1, (os.cpu_count() or 1) - 1)


class ExtractionWorkerDied(DiplographError):
    """A worker process died while extracting a batch, on every attempt."""


class WorkersUnavailable(DiplographError):
    """The extraction workers could not be started (e.g. the model does not load)."""


# -- in the worker ------------------------------------------------------------------------

_extractor: SpacyExtractor | None = None
_ready: Barrier | None = None


def _start_worker(model: str, max_chars: int, ready: Barrier) -> None:
    global _extractor, _ready
    # Ctrl-C reaches the whole process group; the ingesting process alone decides what
    # stops, and shuts its workers down in order.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch_parent()
    _extractor = SpacyExtractor.load(model, max_chars=max_chars)
    _ready = ready


def _watch_parent() -> None:
    """Exit when the ingesting process is gone (killed with SIGKILL, say): a worker
    holds both ends of its task queue, so it would otherwise wait on it forever."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        wait([sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _wait_for_all() -> int:
    # Each worker blocks here until every worker has loaded its model, so N of these
    # tasks occupy N distinct workers.
    assert _ready is not None
    _ready.wait(timeout=READY_TIMEOUT)
    return os.getpid()


def _extract(articles: list[ArticleIn]) -> list[Result]:
    assert _extractor is not None
    return list(_extractor.extract_many(articles))


# -- in the ingesting process ---------------------------------------------------------------


class ExtractionPool:
    """``workers`` processes with the model loaded, extracting batches in parallel.

    Use as a context manager: entering starts the workers and waits until each has
    loaded the model; leaving stops them (a batch being extracted is finished first).
    """

    def __init__(self, model: str, max_chars: int, workers: int) -> None:
        if workers < 2:
            raise ValueError("a pool needs at least 2 workers; extract in-process instead")
        self.model = model
        self.max_chars = max_chars
        self.workers = workers
        # Batches submitted ahead of the one being resolved and written: enough for
        # every worker to have the next batch queued when it finishes one.
        self.lookahead = 2 * workers
        self._context = multiprocessing.get_context("spawn")
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> ExtractionPool:
        self._executor = self._start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _start(self) -> ProcessPoolExecutor:
        ready = self._context.Barrier(self.workers)
        executor = ProcessPoolExecutor(
            self.workers,
            mp_context=self._context,
            initializer=_start_worker,
            initargs=(self.model, self.max_chars, ready),
        )
        try:
            pids = {f.result() for f in [executor.submit(_wait_for_all)
                                         for _ in range(self.workers)]}  # fmt: skip
        except (BrokenProcessPool, threading.BrokenBarrierError) as exc:
            executor.shutdown(wait=False, cancel_futures=True)
            raise WorkersUnavailable(
                f"the extraction workers could not load the model {self.model!r}: {exc}"
            ) from exc
        if len(pids) != self.workers:  # pragma: no cover - the barrier makes this impossible
            raise WorkersUnavailable(f"{len(pids)} of {self.workers} extraction workers started")
        return executor

    def submit(self, articles: list[ArticleIn]) -> Callable[[], list[Result]]:
        """Start extracting ``articles``; the returned call waits for their results,
        in order (a batch whose worker died is tried again on fresh workers)."""
        if not articles:
            return lambda: []
        executor, future = self._send(articles)
        attempts = 1

        def result() -> list[Result]:
            nonlocal executor, future, attempts
            while True:
                try:
                    return future.result()
                except BrokenProcessPool:
                    if attempts >= ATTEMPTS:
                        died = ExtractionWorkerDied(
                            "the extraction worker died (killed, or out of memory) on "
                            f"{attempts} attempts; run the command again to retry"
                        )
                        return [died] * len(articles)
                    self._replace(executor)
                    executor, future = self._send(articles)
                    attempts += 1

        return result

    def _send(self, articles: list[ArticleIn]) -> tuple[ProcessPoolExecutor, Future[list[Result]]]:
        assert self._executor is not None, "use ExtractionPool as a context manager"
        try:
            return self._executor, self._executor.submit(_extract, articles)
        except BrokenProcessPool:
            # Broken since the last batch was sent: the result() of that batch replaces
            # the workers; this one is sent to the new ones when its turn comes.
            broken: Future[list[Result]] = Future()
            broken.set_exception(BrokenProcessPool("workers died before the batch was sent"))
            return self._executor, broken

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        """New workers instead of ``broken``, unless that was done for another batch."""
        if self._executor is broken:
            broken.shutdown(wait=True, cancel_futures=True)
            self._executor = self._start()
