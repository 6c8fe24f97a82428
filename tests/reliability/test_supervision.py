"""The embedded graph crashes under a running API and a running ingest: it comes back by
itself, the API recovers without a restart, and a re-run of the ingest completes it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import neo4j
import pytest

from bench.synthetic import write_corpus
from graph.connection import GraphTarget, open_driver
from tests.conftest import (
    clean_env,
    free_port,
    graph_counts,
    graph_env,
    wait_for,
    wait_for_articles,
    wipe,
)

pytestmark = pytest.mark.slow


def get(url: str, timeout: float = 5) -> httpx.Response | None:
    try:
        return httpx.get(url, timeout=timeout)
    except httpx.HTTPError:
        return None


def ingest(env: dict[str, str], corpus: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "ingest", "--batch-size", "4", str(corpus)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_crashed_graph_server_comes_back_under_the_api_and_an_ingest(
    tmp_path: Path, driver: neo4j.Driver, graph_target: GraphTarget
) -> None:
    (corpus,) = write_corpus(tmp_path / "corpus", 100, seed=33, jsonl=True)
    # The undisturbed run, on the session graph, gives the counts to match.
    wipe(driver, graph_target.database)
    undisturbed = ingest(clean_env() | graph_env(graph_target), corpus)
    _, err = undisturbed.communicate(timeout=600)
    assert undisturbed.returncode == 0, err
    expected = graph_counts(driver, graph_target.database)

    data = tmp_path / "data"
    port = free_port()
    env = clean_env() | {
        "DIPLOGRAPH_DATA_DIR": str(data),
        "DIPLOGRAPH_GRAPH_HEAP": "512m",
        "DIPLOGRAPH_LOAD_SAMPLES": "false",
    }
    log = tmp_path / "api.log"
    with log.open("wb") as out:  # the API owns the embedded server
        api = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve"],
            env=env | {"DIPLOGRAPH_PORT": str(port)},
            stdout=out,
            stderr=out,
        )
    base = f"http://127.0.0.1:{port}"
    running: subprocess.Popen[str] | None = None
    try:
        wait_for(lambda: (r := get(f"{base}/ready")) is not None and r.status_code == 200,
                 120, "the API is ready")  # fmt: skip
        runtime = json.loads((data / "graph" / "server.json").read_text())
        credentials = json.loads((data / "graph" / "credentials.json").read_text())
        target = GraphTarget(
            f"bolt://127.0.0.1:{runtime['bolt_port']}",
            credentials["user"],
            credentials["password"],
            "diplograph",
            "arcadedb-local",
        )
        running = ingest(env, corpus)  # attaches to the API's server
        with open_driver(target) as probe:
            wait_for_articles(probe, target.database, at_least=20)
        os.kill(int(runtime["pid"]), signal.SIGKILL)  # the JVM dies under both

        # Short timeouts: a request that meets the dead server before the supervisor
        # notices waits on the driver, and the restart must not slip past unseen.
        wait_for(lambda: (r := get(f"{base}/health", timeout=1)) is not None
                 and r.json()["status"] == "restarting", 20, "/health says restarting")  # fmt: skip
        wait_for(lambda: (r := get(f"{base}/ready")) is not None and r.status_code == 200,
                 180, "reads recover without restarting the API")  # fmt: skip
        assert api.poll() is None
        assert get(f"{base}/health").json()["status"] == "up"  # type: ignore[union-attr]
        assert get(f"{base}/api/v1/meetings").status_code == 200  # type: ignore[union-attr]

        # The ingest rode the restart out or stopped with its documented exit code (3,
        # "the graph went away"); either way a re-run finishes what is missing.
        _, err = running.communicate(timeout=600)
        assert running.returncode in (0, 3), err
        assert "Traceback" not in err
        rerun = ingest(env, corpus)
        _, err = rerun.communicate(timeout=600)
        assert rerun.returncode == 0, err
        with open_driver(target) as check:
            assert graph_counts(check, target.database) == expected
    finally:
        if running is not None and running.poll() is None:
            running.kill()
            running.communicate()
        api.send_signal(signal.SIGTERM)
        api.wait(timeout=60)
    written = log.read_text()
    assert "exited unexpectedly" in written and "is back" in written
    assert "listening on 127.0.0.1: Bolt port" in written


def test_serve_exits_when_the_graph_server_cannot_be_kept_up(tmp_path: Path) -> None:
    data = tmp_path / "data"
    port = free_port()
    env = clean_env() | {
        "DIPLOGRAPH_DATA_DIR": str(data),
        "DIPLOGRAPH_GRAPH_HEAP": "512m",
        "DIPLOGRAPH_PORT": str(port),
        "DIPLOGRAPH_GRAPH_MAX_RESTARTS": "0",  # the first crash is one too many
    }
    api = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(lambda: (r := get(f"http://127.0.0.1:{port}/ready")) is not None
                 and r.status_code == 200, 120, "the API is ready")  # fmt: skip
        runtime = json.loads((data / "graph" / "server.json").read_text())
        os.kill(int(runtime["pid"]), signal.SIGKILL)
        output, _ = api.communicate(timeout=60)
    finally:
        if api.poll() is None:
            api.kill()
    assert api.returncode == 1, output
    assert "not restarting it again" in output and "Traceback" not in output
