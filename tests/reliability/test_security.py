"""Where secrets and listeners are: loopback only, 0600 credentials, no default passwords."""

from __future__ import annotations

import re
from pathlib import Path

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
