"""Faults: the graph dies under an ingest; the data directory is unusable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import neo4j
import pytest

from bench.synthetic import write_corpus
from graph.connection import GraphTarget, open_driver
from graph.local_server import LocalGraphServer
from tests.conftest import free_port, graph_counts, graph_env, wait_for_articles, wipe

pytestmark = pytest.mark.slow


def env_for(target: GraphTarget) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "DIPLOGRAPH_"))}
    return env | graph_env(target)


def target_of(server: LocalGraphServer) -> GraphTarget:
    info = server.info
    return GraphTarget(info.bolt_uri, info.user, info.password, info.database, "arcadedb-local")


def ingest(target: GraphTarget, path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "ingest", "--batch-size", "4", str(path)],
        env=env_for(target),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_faults_graph_killed_during_ingest_then_rerun_is_exact(
    tmp_path: Path, driver: neo4j.Driver, graph_target: GraphTarget
) -> None:
    (corpus,) = write_corpus(tmp_path / "corpus", 100, seed=21, jsonl=True)
    # The undisturbed run, on the session graph, gives the counts to match.
    wipe(driver, graph_target.database)
    proc = ingest(graph_target, corpus)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    expected = graph_counts(driver, graph_target.database)

    port = free_port()
    server = LocalGraphServer(tmp_path / "graph", heap="512m", bolt_port=port)
    server.start()
    target = target_of(server)
    try:
        proc = ingest(target, corpus)
        with open_driver(target) as probe:
            wait_for_articles(probe, target.database, at_least=20)
        server.kill()  # the graph server dies mid-run
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 3, err
        assert "the graph went away" in err
        assert "Traceback" not in err

        server.stop()
        server = LocalGraphServer(tmp_path / "graph", heap="512m", bolt_port=port)
        server.start()
        rerun = ingest(target, corpus)
        _, err = rerun.communicate(timeout=600)
        assert rerun.returncode == 0, err
        with open_driver(target) as check:
            assert graph_counts(check, target.database) == expected
    finally:
        server.stop()


def test_faults_full_filesystem_is_a_clear_error(tmp_path: Path) -> None:
    mount = tmp_path / "tiny"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"this machine does not let a test mount a small filesystem: {made.stderr!r}")
    try:
        article = tmp_path / "article.json"
        article.write_text('{"title": "t", "text": "Ministers met in Paris on Monday."}')
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "DIPLOGRAPH_"))}
        env |= {"DIPLOGRAPH_DATA_DIR": str(mount / "data"), "DIPLOGRAPH_GRAPH_HEAP": "256m",
                "DIPLOGRAPH_GRAPH_START_TIMEOUT": "60"}  # fmt: skip
        proc = subprocess.run(
            [sys.executable, "-m", "app.cli", "ingest", str(article)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode != 0
        assert "diplograph: error:" in proc.stderr
        assert "Traceback" not in proc.stderr
        assert "new 1" not in proc.stdout  # never reported as stored
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
