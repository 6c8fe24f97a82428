"""Extraction quality on the annotated dev set: the gate that keeps it from sliding back.

Runs under ``make eval`` only (marker ``eval``): the gold articles live outside the
repository, in ``../shared/eval/dev`` (or ``DIPLOGRAPH_EVAL_DIR``). Missing gold fails
the run rather than skipping it: ``make eval`` exists to measure.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytestmark = pytest.mark.eval

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(os.environ.get("DIPLOGRAPH_EVAL_DIR", ROOT.parent / "shared" / "eval" / "dev"))
MIN_PAIRS_F1 = 0.80
MAX_NEGATIVES_WITH_A_MEETING = 0.15


def _score_split() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_split", ROOT / "tools/eval/score_split.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    """The evaluation's own scorer over the extractor's CLI output, per part of the split."""
    assert GOLD.is_dir(), f"no gold cases at {GOLD} (set DIPLOGRAPH_EVAL_DIR)"
    tool = _score_split()
    cases = [json.loads(p.read_text()) for p in sorted(GOLD.glob("*.json"))]
    preds = tool.predict(cases, tool.DEFAULT_CMD)
    scored: dict[str, dict[str, Any]] = tool.score_parts(tool.load_scorer(GOLD), cases, preds)
    print("\n" + tool.table(scored))
    return scored


def test_quality_who_met_whom_holds_on_the_whole_dev_set(results: dict[str, Any]) -> None:
    assert results["all"]["pairs"]["f1"] >= MIN_PAIRS_F1


def test_quality_articles_without_a_meeting_rarely_get_one(results: dict[str, Any]) -> None:
    assert results["all"]["negatives_false_positive_rate"] <= MAX_NEGATIVES_WITH_A_MEETING


def test_quality_every_case_is_scored(results: dict[str, Any]) -> None:
    """The split covers the dev set exactly: a case missing from it would go unmeasured."""
    assert results["all"]["cases"] == results["develop"]["cases"] + results["check"]["cases"]
