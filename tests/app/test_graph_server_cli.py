"""`diplograph graph-server` keeps one graph up; other commands find and use it."""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.local_server import _pid_alive
from tests.conftest import clean_env, free_port

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


def _websocket_upgrade(port: int) -> bytes:
    """The status line the Bolt port answers to a browser's WebSocket handshake."""
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request.encode())
        return sock.recv(1024).split(b"\r\n", 1)[0]


def test_graph_server_cli_prints_ports_and_credentials(tmp_path: Path) -> None:
    bolt_port = free_port()
    env = clean_env() | {
        "DIPLOGRAPH_DATA_DIR": str(tmp_path / "data"),
        "DIPLOGRAPH_GRAPH_HEAP": "512m",
        "DIPLOGRAPH_GRAPH_BOLT_PORT": str(bolt_port),
    }
    log = tmp_path / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "graph-server"], env=env, stdout=out, stderr=out
        )
    try:
        deadline = time.monotonic() + 90
        while "Press Ctrl-C" not in log.read_text():
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        printed = log.read_text()
        assert f"Bolt URI:         bolt://127.0.0.1:{bolt_port}" in printed
        assert re.search(rf"^Bolt port: +{bolt_port} ", printed, re.MULTILINE), printed
        http = re.search(r"^HTTP port: +(\d+) ", printed, re.MULTILINE)
        assert http, printed
        credentials = tmp_path / "data" / "graph" / "credentials.json"
        assert f"Credentials file: {credentials}" in printed
        # With the port fixed there is nothing to say about ports changing.
        assert "DIPLOGRAPH_GRAPH_BOLT_PORT" not in printed
        assert json.loads(credentials.read_text())["password"] not in printed

        # What it printed is true: HTTP answers there, and browser tools get WebSocket.
        with socket.create_connection(("127.0.0.1", int(http[1])), timeout=10) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert sock.recv(1024).startswith(b"HTTP/1.1 ")
        assert _websocket_upgrade(bolt_port) == b"HTTP/1.1 101 Switching Protocols"
        java_pid = json.loads((tmp_path / "data/graph/server.json").read_text())["pid"]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    deadline = time.monotonic() + 10
    while _pid_alive(java_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _pid_alive(java_pid)
