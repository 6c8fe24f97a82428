"""Extraction on an existing Dask cluster: its workers parse, the ingesting process writes.

The same division of work as :mod:`app.extraction_pool`, over machines instead of
cores: each Dask worker loads the spaCy model once (a worker plugin, installed again
on workers that join or are restarted later) and extracts whole batches; the results
come back to the ingesting process, which alone resolves persons and writes, in input
order. Workers never touch the graph, so one writer keeps the ordering and meeting
identity logic in one place, and the cluster needs no route to the graph server.

A worker that dies takes its tasks, and the results it still held, with it; the
scheduler runs them again on the others (up to its ``allowed-failures``). A batch that
kills workers every time fails with :class:`ExtractionWorkerDied`, and a re-run of the
command extracts what is missing: article ids are content hashes, nothing is written
twice.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any

from distributed import Client, Future, KilledWorker, WorkerPlugin, get_worker

from app.extraction_pool import (
    READY_TIMEOUT,
    ExtractionPool,
    ExtractionWorkerDied,
    Result,
    WorkersUnavailable,
)
from domain.models import ArticleIn
from extractors.pipeline import SpacyExtractor

PLUGIN = "diplograph-extractor"
# Retries of a batch whose task raised (the scheduler, not these, reruns tasks of lost
# workers). Extraction reports an article's own failure as a result, so an exception
# here is the worker's trouble (a model that failed to load, memory), worth one more try.
RETRIES = 2
CONNECT_TIMEOUT = 30.0  # seconds to reach the scheduler


class ModelOnWorker(WorkerPlugin):
    """Loads the model once per Dask worker, when the worker starts or joins."""

    def __init__(self, model: str, max_chars: int) -> None:
        self.model = model
        self.max_chars = max_chars
        self.extractor: SpacyExtractor | None = None

    def setup(self, worker: Any) -> None:
        self.extractor = SpacyExtractor.load(self.model, max_chars=self.max_chars)


def _extract(articles: list[ArticleIn]) -> list[Result]:
    plugin = get_worker().plugins[PLUGIN]
    assert isinstance(plugin, ModelOnWorker) and plugin.extractor is not None
    return list(plugin.extractor.extract_many(articles))


class ClusterExtraction(ExtractionPool):
    """Batches extracted by the workers of the Dask scheduler at ``scheduler``.

    An :class:`ExtractionPool` to its caller (``submit`` and ``lookahead``), so the
    ingest code does not tell them apart. Use as a context manager: entering connects,
    waits for a worker and installs the model on every worker; leaving disconnects
    (the cluster itself stays up: it is not ours).
    """

    def __init__(self, model: str, max_chars: int, scheduler: str) -> None:
        # Not ExtractionPool.__init__: there are no local processes to count or start.
        self.model = model
        self.max_chars = max_chars
        self.scheduler = scheduler
        self.lookahead = 2  # until the workers are counted on entering
        self._client: Client | None = None

    def __enter__(self) -> ClusterExtraction:
        try:
            client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
        except OSError as exc:
            raise WorkersUnavailable(
                f"no Dask scheduler answered at {self.scheduler}: {exc}"
            ) from exc
        try:
            client.wait_for_workers(1, timeout=READY_TIMEOUT)
            # Raises what the setup of a worker raised, e.g. the model is not installed.
            client.register_plugin(ModelOnWorker(self.model, self.max_chars), name=PLUGIN)
        except Exception as exc:
            client.close()
            raise WorkersUnavailable(
                f"the Dask workers at {self.scheduler} could not load the model "
                f"{self.model!r}: {exc}"
            ) from exc
        # Enough batches ahead for every worker thread to have the next one queued.
        self.lookahead = 2 * max(1, sum(client.nthreads().values()))
        self._client = client
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def submit(self, articles: list[ArticleIn]) -> Callable[[], list[Result]]:
        """Start extracting ``articles`` on the cluster; the returned call waits for
        their results, in order."""
        if not articles:
            return lambda: []
        assert self._client is not None, "use ClusterExtraction as a context manager"
        # pure=False: a batch is sent once; hashing its texts for a key would be waste.
        future: Future[list[Result]] = self._client.submit(
            _extract, articles, retries=RETRIES, pure=False
        )

        def result() -> list[Result]:
            try:
                return future.result()
            except KilledWorker as exc:
                died = ExtractionWorkerDied(
                    f"Dask workers died extracting this batch ({exc}); "
                    "run the command again to retry"
                )
                return [died] * len(articles)
            finally:
                future.release()

        return result
