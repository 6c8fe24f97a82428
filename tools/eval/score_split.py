"""Score the extractor on the annotated dev set, per part of the fixed split.

The extractor runs once over every case (one model load) through the same
``diplograph extract`` command a user runs; the predictions are then scored with the
evaluation's own scorer (``score.py`` beside the gold cases) on the ``develop`` part,
the ``check`` part and all cases, so a rule that helps one part and not the other
shows at once.

    python tools/eval/score_split.py [--gold ../shared/eval/dev] [--json out.json]
                                     [--details develop] [--predictions preds.jsonl]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_GOLD = HERE.parents[2] / "shared" / "eval" / "dev"
DEFAULT_CMD = f"{sys.executable} -m app.cli extract"
METRICS = (
    ("pairs F1", lambda r: r["pairs"]["f1"]),
    ("pairs P", lambda r: r["pairs"]["p"]),
    ("pairs R", lambda r: r["pairs"]["r"]),
    ("meetings F1", lambda r: r["meetings"]["f1"]),
    ("participants F1", lambda r: r["participants"]["f1"]),
    ("planned F1", lambda r: r["planned"]["f1"]),
    ("topics F1", lambda r: r["topics"]["f1"]),
    ("participant country", lambda r: r["participant_country_acc"]),
    ("city", lambda r: r["city_acc"]),
    ("date", lambda r: r["date_acc"]),
    ("kind", lambda r: r["kind_acc"]),
    ("negatives with a meeting", lambda r: r["negatives_false_positive_rate"]),
)


def load_split() -> dict[str, list[str]]:
    raw = json.loads((HERE / "split.json").read_text())
    return {"develop": raw["develop"], "check": raw["check"]}


def load_scorer(gold_dir: Path) -> ModuleType:
    """The evaluation's own scorer, ``score.py`` in the folder above the gold cases (for
    the invented sets in the repository, the one beside the dev set)."""
    path = gold_dir.parent / "score.py"
    if not path.exists():
        path = DEFAULT_GOLD.parent / "score.py"
    spec = importlib.util.spec_from_file_location("eval_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(cases: list[dict[str, Any]], cmd: str) -> list[dict[str, Any]]:
    """Run the extractor command on the cases as score.py does: title, text, published, url."""
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for k, case in enumerate(cases):
            path = Path(tmp) / f"case-{k:03d}.json"
            fields = {key: case.get(key) for key in ("title", "text", "published")}
            path.write_text(json.dumps(fields | {"url": case.get("source_url")}))
            files.append(str(path))
        proc = subprocess.run(
            [*shlex.split(cmd), *files], capture_output=True, text=True, check=False
        )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if len(lines) != len(cases):
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"extractor printed {len(lines)} lines for {len(cases)} cases")
    return [json.loads(line) for line in lines]


def score_parts(
    scorer: ModuleType, cases: list[dict[str, Any]], preds: list[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    by_id = {case["id"]: (case, pred) for case, pred in zip(cases, preds, strict=True)}
    split = load_split()
    # The split is the dev set's; any other gold folder (the invented sets) is one part.
    parts = split if any(i in by_id for ids in split.values() for i in ids) else {}
    parts = parts | {"all": sorted(by_id)}
    results = {}
    for part, ids in parts.items():
        chosen = [by_id[i] for i in ids if i in by_id]
        results[part] = scorer.score([c for c, _ in chosen], [p for _, p in chosen])
    return results


def table(results: dict[str, dict[str, Any]]) -> str:
    parts = list(results)
    head = "| metric | " + " | ".join(f"{p} ({results[p]['cases']})" for p in parts) + " |"
    rule = "|---" * (len(parts) + 1) + "|"
    rows = [
        f"| {name} | " + " | ".join(f"{value(results[p]):.2f}" for p in parts) + " |"
        for name, value in METRICS
    ]
    return "\n".join([head, rule, *rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--cmd", default=DEFAULT_CMD)
    parser.add_argument("--json", type=Path, help="write every part's full scores here")
    parser.add_argument("--predictions", type=Path, help="write the predictions (JSONL) here")
    parser.add_argument("--details", choices=("develop", "check", "all"), help="per-case pairs")
    args = parser.parse_args()
    if not args.gold.is_dir():
        raise SystemExit(f"no gold cases at {args.gold}")
    scorer = load_scorer(args.gold)
    cases = [json.loads(p.read_text()) for p in sorted(args.gold.glob("*.json"))]
    preds = predict(cases, args.cmd)
    if args.predictions:
        args.predictions.write_text("".join(json.dumps(p) + "\n" for p in preds))
    results = score_parts(scorer, cases, preds)
    print(table(results))
    if args.details:
        for case in results[args.details]["per_case"]:
            if case["missed"] or case["spurious"]:
                print(case["id"], "missed", case["missed"], "spurious", case["spurious"])
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
