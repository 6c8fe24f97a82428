"""Load: concurrent readers and writers on a real uvicorn; no 5xx, no lost write.

`make test` runs it for DIPLOGRAPH_LOAD_SECONDS (10 by default); `make load-test`
runs the full 60 seconds. Loopback only, bounded in time.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import neo4j
import pytest

from bench.synthetic import generate
from graph.connection import GraphTarget
from tests.conftest import running_api, wipe

KEY = "load-key"
READERS, WRITERS = 12, 4


@pytest.fixture
def live(driver: neo4j.Driver, graph_target: GraphTarget, tmp_path: Path) -> Iterator[str]:
    wipe(driver, graph_target.database)
    log = tmp_path / "api.log"
    settings = {"DIPLOGRAPH_API_KEYS": KEY, "DIPLOGRAPH_LOG_LEVEL": "WARNING"}
    with running_api(graph_target, log, **settings) as base:
        yield base
    assert KEY not in log.read_text(), "the API key was logged"


async def _load(base: str, seconds: float) -> dict[str, object]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    accepted: list[str] = []
    articles = iter(generate(100_000, seed=int(time.time())))
    deadline = time.monotonic() + seconds
    reads = [
        "/api/v1/meetings?limit=20", "/api/v1/persons?q=a", "/api/v1/countries",
        "/api/v1/topics", "/api/v1/stats", "/api/v1/meetings?country=FR",
    ]  # fmt: skip
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:

        async def timed(request: object) -> httpx.Response:
            started = time.perf_counter()
            response = await request  # type: ignore[misc]
            latencies.append((time.perf_counter() - started) * 1000)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            return response

        async def reader(k: int) -> None:
            while time.monotonic() < deadline:
                await timed(client.get(reads[k % len(reads)]))
                k += 1

        async def writer() -> None:
            while time.monotonic() < deadline:
                batch = [next(articles).article for _ in range(2)]
                response = await timed(
                    client.post("/api/v1/articles", json=batch, headers={"X-API-Key": KEY})
                )
                if response.status_code == 200:
                    accepted.extend(d["id"] for d in response.json()["data"] if d["id"])

        await asyncio.gather(
            *(reader(k) for k in range(READERS)), *(writer() for _ in range(WRITERS))
        )
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "statuses": statuses,
        "accepted": accepted,
        "p50_ms": statistics.median(ordered),
        "p99_ms": ordered[int(0.99 * (len(ordered) - 1))],
    }


@pytest.mark.slow
def test_load_mixed_reads_and_writes_lose_nothing(
    live: str, driver: neo4j.Driver, graph_target: GraphTarget, capsys: pytest.CaptureFixture[str]
) -> None:
    seconds = float(os.environ.get("DIPLOGRAPH_LOAD_SECONDS", "10"))
    result = asyncio.run(_load(live, seconds))
    statuses: dict[int, int] = result["statuses"]  # type: ignore[assignment]
    accepted: list[str] = result["accepted"]  # type: ignore[assignment]
    assert not [s for s in statuses if s >= 500], statuses
    assert accepted, "some writes were accepted"
    records, _, _ = driver.execute_query(
        "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN count(a) AS c",
        ids=sorted(set(accepted)),
        database_=graph_target.database,
    )
    assert records[0]["c"] == len(set(accepted)), "an accepted article is missing"
    with capsys.disabled():
        summary = {k: v for k, v in result.items() if k != "accepted"}
        print(f"\nload {READERS} readers + {WRITERS} writers, {seconds:.0f}s: "
              f"{json.dumps(summary)}, accepted articles {len(set(accepted))}")  # fmt: skip
