"""`diplograph serve` on the embedded default: starts the local graph, stops it on exit.

SIGKILL included: the kernel stops the JVM when its parent dies (PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx
import pytest

from graph.local_server import _pid_alive
from tests.conftest import free_port


def wait_for_health(
    port: int, process: subprocess.Popen[bytes], log: Path, timeout: float = 90
) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            response = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
            if response.status_code == 200 and response.json()["status"] == "up":
                return dict(response.json())
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError("the API did not become healthy")


@pytest.mark.slow
@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_serve_embedded_default_leaves_no_process_behind(
    tmp_path: Path, stop_signal: signal.Signals
) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "DIPLOGRAPH_"))} | {
        "DIPLOGRAPH_DATA_DIR": str(tmp_path / "data"),
        "DIPLOGRAPH_PORT": str(port),
        "DIPLOGRAPH_GRAPH_HEAP": "512m",
    }
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve"], env=env, stdout=out, stderr=out
        )
    try:
        body = wait_for_health(port, process, log)
        assert body["backend"] == "local ArcadeDB"
        assert body["nodes"]["Topic"] == 12
        java_pid = int(json.loads((tmp_path / "data/graph/server.json").read_text())["pid"])
        assert _pid_alive(java_pid)
        process.send_signal(stop_signal)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    deadline = time.monotonic() + 10
    while _pid_alive(java_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _pid_alive(java_pid), "the graph server outlived the API"
