"""Reading article files: streamed JSONL, folders, and every kind of bad file."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from app.sources import count_sources, read_sources


def test_sources_jsonl_streams_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    line = json.dumps({"title": "t", "text": "Ministers met in Paris on Monday. " * 8}) + "\n"
    with path.open("w") as handle:
        for _ in range(100_000):
            handle.write(line)
    assert path.stat().st_size > 25_000_000
    assert count_sources([path]) == 100_000

    tracemalloc.start()
    read = sum(1 for item in read_sources([path]) if item.article is not None)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert read == 100_000
    assert peak < 5_000_000, f"peak {peak:,} bytes: the file was not streamed"


def test_sources_report_each_problem_with_its_origin(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "fine"}\n[1, 2]\n{"title": "no text"}\n')
    (tmp_path / "b.txt").write_text("Only a title\n")
    (tmp_path / "c.json").write_text(json.dumps({"text": "x", "published": "not a date"}))
    (tmp_path / "d.html").write_text("<html><head><title>x</title></head><body></body></html>")
    items = list(read_sources([tmp_path, tmp_path / "missing.json"]))
    problems = {Path(i.origin).name: i.error for i in items if i.error}
    assert problems["a.jsonl:2"] == "JSON article must be an object with at least 'text'"
    assert "text" in problems["a.jsonl:3"]
    assert problems["b.txt"] == "file has a title line but no text"
    assert "published" in problems["c.json"]
    assert problems["d.html"] == "no article text found in the HTML"
    assert problems["missing.json"] == "no such file or directory"
    assert [i.article.text for i in items if i.article] == ["fine"]
