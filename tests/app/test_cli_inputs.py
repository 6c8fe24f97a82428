"""A command given nothing it can read stops at once, before any graph or model."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import created_line
from tests.conftest import clean_env

# Root reads any file whatever its mode; without these two capabilities it reads as an
# ordinary user does, so the unreadable-file case means the same for everyone.
AS_ORDINARY_USER = (
    ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
)


def missing(tmp_path: Path) -> list[Path]:
    return [tmp_path / "no-such-article.json"]


def missing_beside_a_good_file(tmp_path: Path) -> list[Path]:
    good = tmp_path / "good.txt"
    good.write_text("Talks in Lima\n\nTwo ministers met in Lima on Tuesday.\n")
    return [good, tmp_path / "typo.txt"]


def empty_folder(tmp_path: Path) -> list[Path]:
    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / "notes.md").write_text("not an article type")
    return [tmp_path / "feed"]


def unreadable_file(tmp_path: Path) -> list[Path]:
    locked = tmp_path / "locked.txt"
    locked.write_text("Talks in Lima\n\nTwo ministers met in Lima on Tuesday.\n")
    locked.chmod(0)
    return [locked]


@pytest.mark.parametrize("command", ["ingest", "extract"])
@pytest.mark.parametrize(
    ("given", "message"),
    [
        (missing, "no such file or directory: {tmp}/no-such-article.json"),
        (missing_beside_a_good_file, "no such file or directory: {tmp}/typo.txt"),
        (empty_folder, "no readable input ({tmp}/feed: no article file (.txt .json"),
        (unreadable_file, "no readable input ({tmp}/locked.txt: cannot read file: Permission"),
    ],
)
def test_cli_inputs_nothing_readable_exits_2_before_graph_and_model(
    command: str,
    given: Callable[[Path], list[Path]],
    message: str,
    tmp_path: Path,
    user_data_home: Path,
) -> None:
    if AS_ORDINARY_USER and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: every file is readable")
    paths = given(tmp_path)
    data = tmp_path / "data"
    env = clean_env() | {
        "DIPLOGRAPH_DATA_DIR": str(data),
        # A model that does not exist: a command that got as far as loading one would
        # fail on it instead, with another message.
        "DIPLOGRAPH_SPACY_MODEL": "no_such_spacy_model",
    }
    proc = subprocess.run(
        [*AS_ORDINARY_USER, sys.executable, "-m", "app.cli", command, *map(str, paths)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert f"diplograph: error: {message.format(tmp=tmp_path)}" in proc.stderr
    assert proc.stdout == ""  # no article line, no summary counting a missing file
    assert not data.exists()  # no graph server was started
    assert not (user_data_home / "diplograph").exists()


@pytest.mark.parametrize(
    ("created", "line"),
    [
        ({"Meeting": 1, "Person": 1, "Country": 1}, "created: 1 meeting, 1 person, 1 country"),
        (
            {"Meeting": 2, "Person": 4, "Country": 3},
            "created: 2 meetings, 4 people, 3 countries",
        ),
        ({}, "created: 0 meetings, 0 people, 0 countries"),
    ],
)
def test_cli_created_line_speaks_plurals(created: dict[str, int], line: str) -> None:
    assert created_line(created) == line
