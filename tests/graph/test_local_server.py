"""The embedded local graph server: ownership, sharing, durability, clean shutdown."""

from __future__ import annotations

import json
import os
import signal
import stat
import threading
import time
from pathlib import Path

import pytest

from domain.errors import LocalServerError
from graph.connection import GraphTarget, open_driver, wait_until_ready
from graph.local_server import LocalGraphServer, LocalServerInfo
from tests.conftest import wait_for


def target(info: LocalServerInfo) -> GraphTarget:
    return GraphTarget(
        uri=info.bolt_uri,
        user=info.user,
        password=info.password,
        database=info.database,
        backend="arcadedb-local",
    )


def java_running(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return False
    return b"ArcadeDBServer" in cmdline


def test_local_server_owner_and_attacher_share_one_graph(tmp_path: Path) -> None:
    owner = LocalGraphServer(tmp_path / "graph", heap="512m")
    info = owner.start()
    try:
        assert owner.owner
        creds = info.credentials_file
        assert stat.S_IMODE(creds.stat().st_mode) == 0o600
        assert json.loads(creds.read_text())["password"] == info.password
        assert "rootPassword" not in Path(f"/proc/{info.pid}/cmdline").read_text()

        attacher = LocalGraphServer(tmp_path / "graph", heap="512m")
        attached = attacher.start()
        assert not attacher.owner
        assert attached.bolt_uri == info.bolt_uri

        with open_driver(target(info)) as one, open_driver(target(attached)) as two:
            wait_until_ready(one, target(info))
            one.execute_query("CREATE (:Probe {v: 42})", database_=info.database)
            records, _, _ = two.execute_query(
                "MATCH (p:Probe) RETURN p.v AS v", database_=attached.database
            )
            assert [r["v"] for r in records] == [42]
        attacher.stop()
        assert java_running(info.pid), "an attacher must not stop the owner's server"
    finally:
        owner.stop()
    assert not java_running(info.pid)
    assert not (tmp_path / "graph" / "server.json").exists()


def test_local_server_keeps_data_after_hard_kill(tmp_path: Path) -> None:
    server = LocalGraphServer(tmp_path / "graph", heap="512m")
    info = server.start()
    try:
        with open_driver(target(info)) as driver:
            wait_until_ready(driver, target(info))
            driver.execute_query(
                "UNWIND range(1, 500) AS i CREATE (:Probe {v: i})", database_=info.database
            )
        server.kill()
    finally:
        server.stop()

    restarted = LocalGraphServer(tmp_path / "graph", heap="512m")
    info2 = restarted.start()
    try:
        assert info2.password == info.password
        with open_driver(target(info2)) as driver:
            wait_until_ready(driver, target(info2))
            records, _, _ = driver.execute_query(
                "MATCH (p:Probe) RETURN count(p) AS c, sum(p.v) AS s", database_=info2.database
            )
            assert (records[0]["c"], records[0]["s"]) == (500, 500 * 501 // 2)
    finally:
        restarted.stop()


def test_local_server_unusable_directory_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a regular file where the data directory should be")
    with pytest.raises(LocalServerError, match="not usable"):
        LocalGraphServer(blocker / "graph").start()


def test_local_server_restarts_a_crashed_jvm_with_its_data(tmp_path: Path) -> None:
    server = LocalGraphServer(tmp_path / "graph", heap="512m")
    info = server.start()
    try:
        with open_driver(target(info)) as driver:
            wait_until_ready(driver, target(info))
            driver.execute_query("UNWIND range(1, 50) AS i CREATE (:Probe {v: i})",
                                 database_=info.database)  # fmt: skip
            assert server.state == "up"
            os.kill(info.pid, signal.SIGKILL)  # as the kernel's OOM killer would
            wait_for(lambda: server.state == "restarting", 10, "the crash is noticed")
            wait_for(lambda: server.state == "up", 120, "the server is back")
            assert server.info.pid != info.pid and java_running(server.info.pid)
            assert server.info.bolt_uri == info.bolt_uri  # same port: clients reconnect
            # The same driver, reconnecting by itself, finds everything written before.
            wait_until_ready(driver, target(info))
            records, _, _ = driver.execute_query(
                "MATCH (p:Probe) RETURN count(p) AS c", database_=info.database
            )
            assert records[0]["c"] == 50
        published = json.loads((tmp_path / "graph" / "server.json").read_text())
        assert published["pid"] == server.info.pid and published["state"] == "up"
    finally:
        server.stop()
    assert not java_running(server.info.pid)


def test_local_server_gives_up_after_repeated_crashes(tmp_path: Path) -> None:
    gave_up = threading.Event()
    server = LocalGraphServer(
        tmp_path / "graph", heap="512m", max_restarts=1, on_give_up=gave_up.set
    )
    info = server.start()
    attacher = LocalGraphServer(tmp_path / "graph", heap="512m")
    attacher.start()
    try:
        os.kill(info.pid, signal.SIGKILL)
        wait_for(lambda: server.state == "up" and server.info.pid != info.pid, 120, "restart")
        os.kill(server.info.pid, signal.SIGKILL)  # a second crash in the window: enough
        assert gave_up.wait(30)
        assert server.state == "down" and attacher.state == "down"
        time.sleep(2)  # nothing starts it again
        assert not java_running(server.info.pid) and server.state == "down"
    finally:
        attacher.stop()
        server.stop()
