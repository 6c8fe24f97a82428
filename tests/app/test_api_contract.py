"""The OpenAPI contract, checked by schemathesis against the API under a real uvicorn.

Every operation, reads and writes (with a key), gets generated requests; no answer
may be a 5xx or differ from what the schema declares (status, content type, body).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
from tests.conftest import running_api, wipe

TESTS = Path(__file__).parents[1]
KEY = "contract-key"


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
    log = tmp_path_factory.mktemp("uvicorn") / "api.log"
    with running_api(graph_target, log, DIPLOGRAPH_API_KEYS=KEY) as base:
        yield base


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
