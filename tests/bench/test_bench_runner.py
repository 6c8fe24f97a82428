"""The benchmark runner's code path on a tiny corpus, so `make bench` cannot rot.

No timing is asserted: benchmarks measure speed, tests check behaviour.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.run import TINY, run
from bench.synthetic import generate


def test_bench_generator_is_deterministic_and_carries_truth() -> None:
    first = [a.article for a in generate(20, seed=3)]
    again = [a.article for a in generate(20, seed=3)]
    other = [a.article for a in generate(20, seed=4)]
    assert first == again
    assert first != other
    for item in generate(20, seed=3):
        (truth,) = item.truth
        for person in truth["participants"]:
            assert person["name"] in item.article["text"]


@pytest.mark.slow
def test_bench_runner_writes_results_and_report(tmp_path: Path) -> None:
    results = run(TINY, tmp_path / "results", tmp_path / "docs" / "benchmarks.md", heap="1g")
    (saved,) = (tmp_path / "results").glob("*-tiny.json")
    assert json.loads(saved.read_text()) == json.loads(json.dumps(results))
    ingest = results["ingest"]
    assert ingest["articles"] == TINY.articles
    for figure in ("raw_nlp_pipe_articles_per_s", "ingest_1_process_articles_per_s",
                   "ingest_2_workers_articles_per_s", "ingest_2_processes_articles_per_s",
                   "ingest_to_raw_ratio", "ingest_2_workers_to_raw_ratio"):  # fmt: skip
        assert ingest[figure]["min"] <= ingest[figure]["median"] <= ingest[figure]["max"]
        assert ingest[figure]["min"] > 0
    (step,) = results["scaling"]
    assert step["meetings"] == TINY.scales[0]
    endpoints = step["queries"]["endpoints"]
    assert len(endpoints) == 10  # five endpoints at 1 and 8 clients
    assert all(e["errors"] == 0 and e["requests"] > 0 for e in endpoints.values())
    report = (tmp_path / "docs" / "benchmarks.md").read_text()
    assert "ingest / raw" in report and "`--workers 2`" in report
    assert "counterparts" in report and "graph server MiB" in report
