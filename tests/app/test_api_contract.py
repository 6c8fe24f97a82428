"""The OpenAPI contract, checked by schemathesis against the API under a real uvicorn.

Every operation, reads and writes (with a key), gets generated requests; no answer
may be a 5xx or differ from what the schema declares (status, content type, body).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import neo4j
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from app.ingest import Ingestor
from app.main import create_app
from app.settings import Settings
from app.sources import read_sources
from extractors.pipeline import SpacyExtractor
from graph.connection import GraphTarget
from tests.conftest import graph_env, wipe

TESTS = Path(__file__).parents[1]
KEY = "contract-key"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def live_api(
    driver: neo4j.Driver,
    graph_target: GraphTarget,
    extractor: SpacyExtractor,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    wipe(driver, graph_target.database)
    ingestor = Ingestor(driver, graph_target.database, extractor)
    list(ingestor.ingest(read_sources([TESTS / "ingest" / "articles"])))
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "DIPLOGRAPH_"))}
    env |= graph_env(graph_target) | {"DIPLOGRAPH_API_KEYS": KEY, "DIPLOGRAPH_PORT": str(port)}
    log = tmp_path_factory.mktemp("uvicorn") / "api.log"
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
        process.wait(timeout=30)


# The schema as the app publishes it, read in-process to name one test per operation.
SCHEMA = schemathesis.openapi.from_dict(create_app(Settings()).openapi())
OPERATIONS = {op.ok().label: op.ok() for op in SCHEMA.get_all_operations()}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.slow
@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_api_contract_holds_for_generated_requests(live_api: str, label: str) -> None:
    operation = OPERATIONS[label]
    served = schemathesis.openapi.from_url(f"{live_api}/openapi.json")
    assert served.raw_schema == SCHEMA.raw_schema, "the running API publishes the same schema"

    @given(case=operation.as_strategy())
    @settings(
        max_examples=15,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(base_url=live_api, headers={"X-API-Key": KEY}, checks=CHECKS)

    run()
