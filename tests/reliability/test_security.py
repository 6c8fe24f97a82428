"""Where secrets and listeners are: loopback only, 0600 credentials, no default passwords."""

from __future__ import annotations

import logging
import re
import stat
from pathlib import Path

import pytest

from domain.errors import LocalServerError
from graph.local_server import LocalGraphServer

ROOT = Path(__file__).resolve().parents[2]


def listening_addresses(port: int) -> set[str]:
    """Local IPv4/IPv6 addresses in LISTEN state on ``port`` (from /proc/net)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == "0A":
                found.add(address)
    return found


def test_security_local_server_listens_on_loopback_only(tmp_path: Path) -> None:
    server = LocalGraphServer(tmp_path / "graph", heap="512m")
    info = server.start()
    try:
        port = int(info.bolt_uri.rsplit(":", 1)[1])
        addresses = listening_addresses(port) | listening_addresses(info.http_port)
        assert addresses, "the server listens"
        loopback = {
            "0100007F",
            "0000000000000000FFFF00000100007F",
            "00000000000000000000000001000000",
        }
        assert addresses <= loopback, addresses
    finally:
        server.stop()


def test_security_compose_takes_the_neo4j_password_from_the_environment() -> None:
    compose = (ROOT / "docker-compose.yml").read_text()
    assert re.search(r"NEO4J_AUTH:\s*neo4j/\$\{NEO4J_PASSWORD:\?", compose)
    for line in compose.splitlines():
        if "PASSWORD" in line and ":" in line and not line.strip().startswith("#"):
            value = line.split(":", 1)[1]
            assert "${NEO4J_PASSWORD:?" in value or "$$NEO4J_PASSWORD" in value, line


def files_holding(root: Path, secret: str) -> list[Path]:
    """Every file under ``root`` whose bytes contain ``secret``."""
    return [
        path for path in root.rglob("*") if path.is_file() and secret.encode() in path.read_bytes()
    ]


def test_security_the_graph_password_is_only_in_the_credentials_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """After a start, a restart and a failed start: no log, file or message but the
    0600 credentials file holds the root password."""
    root = tmp_path / "graph"
    caplog.set_level(logging.DEBUG)
    server = LocalGraphServer(root, heap="512m")
    info = server.start()
    password = info.password
    try:
        assert files_holding(root, password) == [info.credentials_file]
        assert password not in Path(f"/proc/{info.pid}/cmdline").read_text()
        assert password not in Path(f"/proc/{info.pid}/environ").read_bytes().decode(
            errors="replace"
        )
    finally:
        server.stop()
    again = LocalGraphServer(root, heap="512m")
    again.start()
    again.stop()
    # A start that fails: a heap too small for the JVM to start at all.
    with pytest.raises(LocalServerError) as failed:
        LocalGraphServer(root, heap="1m").start()
    assert "exited" in str(failed.value)
    assert password not in str(failed.value)

    assert files_holding(root, password) == [info.credentials_file]
    assert all(password not in r.getMessage() for r in caplog.records)
    # Only its user reads the graph's data and logs.
    for private in (root, root / "log"):
        assert stat.S_IMODE(private.stat().st_mode) == 0o700, private
    assert stat.S_IMODE((root / "log" / "server.out").stat().st_mode) == 0o600
