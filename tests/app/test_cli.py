"""`--published` on `diplograph extract` and `ingest`, run as users run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import clean_env

# Invented report: the ministers are fictional, the countries real. "On Tuesday" has a
# day only when the publication date is known.
TITLE = "Castellanos and Arrieta meet in Lima"
TEXT = (
    "Chilean Foreign Minister Mira Castellanos held talks with Peruvian Foreign Minister "
    "Tomas Arrieta in Lima on Tuesday. The two ministers discussed trade and border "
    "security, officials said after the meeting."
)


def run_cli(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        env=clean_env() | {"DIPLOGRAPH_DATA_DIR": str(data)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def meeting_dates(proc: subprocess.CompletedProcess[str]) -> dict[str, list[str | None]]:
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    return {Path(line["file"]).name: [m["date"] for m in line["meetings"]] for line in lines}


@pytest.mark.slow
def test_cli_extract_published_dates_only_files_without_their_own(tmp_path: Path) -> None:
    undated = tmp_path / "undated.txt"
    undated.write_text(f"{TITLE}\n\n{TEXT}\n")
    dated = tmp_path / "dated.txt"
    dated.write_text(f"{TITLE}\nDate: 2024-04-11\n\n{TEXT}\n")  # a Thursday

    plain = run_cli("extract", str(undated), str(dated), data=tmp_path)
    assert plain.returncode == 0, plain.stderr
    assert meeting_dates(plain) == {"undated.txt": [None], "dated.txt": ["2024-04-09"]}

    given = run_cli("extract", "--published", "2024-03-07", str(undated), str(dated), data=tmp_path)
    assert given.returncode == 0, given.stderr
    assert meeting_dates(given) == {"undated.txt": ["2024-03-05"], "dated.txt": ["2024-04-09"]}


@pytest.mark.parametrize("command", ["extract", "ingest"])
@pytest.mark.parametrize("value", ["2024-13-01", "2024-02-30", "5 March 2024", "today", ""])
def test_cli_published_invalid_is_a_usage_error(command: str, value: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(f"{TITLE}\n\n{TEXT}\n")
    # Should the value pass, ingest would start a graph of its own in tmp_path, not ./data.
    proc = run_cli(command, "--published", value, str(article), data=tmp_path / "data")
    assert proc.returncode == 2
    assert f"argument --published: {value!r} is not a date written YYYY-MM-DD" in proc.stderr
    assert proc.stdout == ""
