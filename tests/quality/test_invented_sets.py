"""Extraction quality on the invented articles in ``tests/quality/invented``.

Rules written against the readouts and wire copy must not slide back there, and the
held-out folder says whether they carry over to text nobody tuned them on. Scored by
the evaluation's own scorer, so it runs under ``make eval`` (marker ``eval``) beside
the dev-set gate; see ``invented/README.md`` for what each folder is.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytestmark = pytest.mark.eval

ROOT = Path(__file__).resolve().parents[2]
INVENTED = Path(__file__).resolve().parent / "invented"
# Pairs F1 floors, a few points under what each folder scores today (readouts 0.92,
# wires 0.97, mixed 0.80, plans 0.79, tours 0.83, ministries 0.77, long 0.76, week 0.88):
# developed folders guard
# against regressions, the held-out ones against rules that stop carrying over. Share of
# a folder's negatives that may get a meeting: none anywhere but in the held-out `long`,
# where 2 of 5 do today (it is not tuned on).
FLOORS = {
    "readouts": 0.88,
    "wires": 0.93,
    "mixed": 0.76,
    "plans": 0.74,
    "tours": 0.78,
    "ministries": 0.72,
    "long": 0.70,
    "week": 0.84,
}
MAX_NEGATIVES_WITH_A_MEETING = dict.fromkeys(FLOORS, 0.0) | {"long": 0.4}


def _score_split() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_split", ROOT / "tools/eval/score_split.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_quality_invented_articles(folder: str) -> None:
    gold = INVENTED / folder
    cases = [json.loads(p.read_text()) for p in sorted(gold.glob("*.json"))]
    assert cases, f"no invented articles in {gold}"
    tool = _score_split()
    preds = tool.predict(cases, tool.DEFAULT_CMD)
    scored: dict[str, Any] = tool.score_parts(tool.load_scorer(gold), cases, preds)
    print(f"\n{folder}\n" + tool.table(scored))
    assert scored["all"]["pairs"]["f1"] >= FLOORS[folder]
    negatives = scored["all"]["negatives_false_positive_rate"]
    assert negatives <= MAX_NEGATIVES_WITH_A_MEETING[folder]
