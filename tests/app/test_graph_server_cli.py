"""`diplograph graph-server` keeps one graph up; other commands find and use it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.local_server import _pid_alive

ARTICLES = Path(__file__).parents[1] / "ingest" / "articles"


@pytest.mark.slow
def test_graph_server_cli_is_shared_by_other_commands(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "DIPLOGRAPH_"))} | {
        "DIPLOGRAPH_DATA_DIR": str(tmp_path / "data"),
        "DIPLOGRAPH_GRAPH_HEAP": "512m",
    }
    log = tmp_path / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "graph-server"], env=env, stdout=out, stderr=out
        )
    try:
        deadline = time.monotonic() + 90
        while "Bolt URI" not in log.read_text() and time.monotonic() < deadline:
            assert server.poll() is None, log.read_text()
            time.sleep(0.2)
        printed = log.read_text()
        assert "bolt://127.0.0.1:" in printed
        assert str(tmp_path / "data" / "graph" / "credentials.json") in printed
        java_pid = json.loads((tmp_path / "data/graph/server.json").read_text())["pid"]

        ingest = subprocess.run(
            [sys.executable, "-m", "app.cli", "ingest", str(ARTICLES / "follow-up")],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert ingest.returncode == 0, ingest.stderr
        assert "new 1" in ingest.stdout
        assert "using the local graph server already running" in ingest.stderr
        # The ingest command attached: the same JVM still serves, nothing new started.
        assert json.loads((tmp_path / "data/graph/server.json").read_text())["pid"] == java_pid

        again = subprocess.run(
            [sys.executable, "-m", "app.cli", "ingest", str(ARTICLES / "follow-up")],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert "unchanged 1" in again.stdout  # it saw what the first command wrote
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    deadline = time.monotonic() + 10
    while _pid_alive(java_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _pid_alive(java_pid)
