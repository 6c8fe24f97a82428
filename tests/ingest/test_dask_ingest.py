"""`diplograph ingest --scheduler` on a Dask cluster: two worker processes started here
(`LocalCluster`), the command in its own process as users run it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from distributed import Client, LocalCluster, Scheduler

from bench.synthetic import write_corpus
from graph.connection import GraphTarget
from tests.conftest import graph_counts, wait_for_articles, wipe
from tests.ingest.test_ingest_cli import (
    cli_env,
    run_ingest,
    who_met_whom,
    write_corpus_with_repeats,
)

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[str, Client]]:
    """A scheduler and two single-threaded worker processes (restarted by their nanny
    when killed), and a client of the test's own to reach the workers."""
    with (
        LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as local,
        Client(local) as client,
    ):
        yield local.scheduler_address, client


def _batches_held(dask_scheduler: Scheduler) -> dict[str, int]:
    """Per worker address, the tasks it runs or holds the result of (on the scheduler)."""
    return {
        address: len(state.processing) + len(state.has_what)
        for address, state in dask_scheduler.workers.items()
    }


def start_on_cluster(target: GraphTarget, corpus: Path, scheduler: str) -> subprocess.Popen[str]:
    args = ["ingest", "--batch-size", "4", "--scheduler", scheduler, str(corpus)]
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", *args],
        env=cli_env(target),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_dask_ingest_gives_the_graph_of_a_local_run(
    clean_graph: neo4j.Driver,
    graph_target: GraphTarget,
    tmp_path: Path,
    cluster: tuple[str, Client],
) -> None:
    scheduler, _ = cluster
    corpus = write_corpus_with_repeats(tmp_path / "corpus")

    runs = []
    for options in (("--workers", "1"), ("--scheduler", scheduler)):
        wipe(clean_graph, graph_target.database)
        # --workers 1 given as well would be refused: the two are exclusive.
        args = ("ingest", "--batch-size", "4", *options, str(corpus))
        proc = subprocess.run(
            [sys.executable, "-m", "app.cli", *args],
            env=cli_env(graph_target),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
        assert "new 44, unchanged 1, updated 1, failed 0" in proc.stdout
        runs.append(
            (
                proc.stdout.splitlines()[-1],  # the "created: ..." line
                graph_counts(clean_graph, graph_target.database),
                who_met_whom(clean_graph, graph_target.database),
            )
        )
    assert runs[0] == runs[1]


def test_dask_ingest_worker_killed_midway_loses_nothing(
    clean_graph: neo4j.Driver,
    graph_target: GraphTarget,
    tmp_path: Path,
    cluster: tuple[str, Client],
) -> None:
    scheduler, client = cluster
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 120, seed=5, jsonl=True)
    assert run_ingest(graph_target, corpus, batch=4).returncode == 0
    expected = graph_counts(clean_graph, graph_target.database)

    wipe(clean_graph, graph_target.database)
    pids = client.run(os.getpid)
    proc = start_on_cluster(graph_target, corpus, scheduler)
    wait_for_articles(clean_graph, graph_target.database, at_least=20)
    # The worker with the most batches, extracting or extracted but not yet fetched:
    # killing one with none would test nothing.
    held = client.run_on_scheduler(_batches_held)
    victim = max(held, key=held.__getitem__)
    assert held[victim] > 0, held
    os.kill(pids[victim], signal.SIGKILL)
    out, err = proc.communicate(timeout=300)
    # Its tasks, and the results it held, are extracted again by the other worker.
    assert proc.returncode == 0, err
    assert "articles read 120: new 120, unchanged 0, updated 0, failed 0" in out
    assert graph_counts(clean_graph, graph_target.database) == expected
    client.wait_for_workers(2, timeout=120)  # the nanny's replacement, for later tests
