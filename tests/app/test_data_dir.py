"""One graph per user: where a command starts does not choose its graph."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.settings import Settings
from tests.conftest import clean_env

# Invented report: the ministers are fictional, the countries real.
ARTICLE = (
    "Ferreira and Lund meet in Oslo\n"
    "Date: 2024-05-14\n\n"
    "Portuguese Foreign Minister Ana Ferreira held talks with Norwegian Foreign Minister "
    "Erik Lund in Oslo on Tuesday. The two ministers discussed energy and fisheries, "
    "officials said after the meeting.\n"
)


def test_data_dir_default_is_the_per_user_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("DIPLOGRAPH_DATA_DIR", raising=False)
    for start in ("one", "two"):
        (tmp_path / start).mkdir()
        monkeypatch.chdir(tmp_path / start)
        assert Settings().graph_dir == tmp_path / "xdg" / "diplograph" / "graph"


def test_data_dir_relative_value_is_read_against_the_start_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIPLOGRAPH_DATA_DIR", "graphs/mine")
    settings = Settings()
    monkeypatch.chdir("/")
    assert settings.graph_dir == tmp_path / "graphs" / "mine" / "graph"


@pytest.mark.slow
def test_data_dir_commands_from_two_directories_share_one_graph(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE)
    xdg = tmp_path / "xdg"
    env = clean_env() | {"XDG_DATA_HOME": str(xdg), "DIPLOGRAPH_GRAPH_HEAP": "512m"}

    def ingest_from(start: str) -> subprocess.CompletedProcess[str]:
        (tmp_path / start).mkdir()
        return subprocess.run(
            [sys.executable, "-m", "app.cli", "ingest", str(article)],
            cwd=tmp_path / start,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    first = ingest_from("one")
    assert first.returncode == 0, first.stderr
    assert "articles read 1: new 1," in first.stdout
    second = ingest_from("two")
    assert second.returncode == 0, second.stderr
    assert "articles read 1: new 0, unchanged 1," in second.stdout  # the first run's graph

    graph = xdg / "diplograph" / "graph"
    for proc in (first, second):
        assert f"diplograph: graph: the embedded local server, data in {graph} (" in proc.stderr
        assert "diplograph: graph: reached at bolt://127.0.0.1:" in proc.stderr
    assert not (tmp_path / "one" / "data").exists()
    assert not (tmp_path / "two" / "data").exists()
