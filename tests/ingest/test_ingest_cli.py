"""`diplograph ingest` as users run it: formats, bad files, concurrency, interruption,
in this process (`--workers 1`) and in extraction worker processes (`--workers 2`)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import neo4j
import pytest

from bench.synthetic import write_corpus
from graph.connection import GraphTarget
from tests.conftest import graph_counts, graph_env, wait_for_articles, wipe
from tests.ingest.conftest import ARTICLES

pytestmark = pytest.mark.slow


def cli_env(target: GraphTarget) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "DIPLOGRAPH_"))}
    return env | graph_env(target)


def run_ingest(
    target: GraphTarget,
    *paths: Path,
    batch: int = 8,
    workers: int = 1,
    options: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    args = ["ingest", "--batch-size", str(batch), "--workers", str(workers), *options]
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args, *map(str, paths)],
        env=cli_env(target),
        capture_output=True,
        text=True,
        timeout=600,
    )


def start_ingest(
    target: GraphTarget, *paths: Path, batch: int = 8, workers: int = 1
) -> subprocess.Popen[str]:
    args = ["ingest", "--batch-size", str(batch), "--workers", str(workers), *map(str, paths)]
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", *args],
        env=cli_env(target),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def extraction_workers(parent: int) -> list[int]:
    """The pids of the extraction worker processes that ``parent`` started."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if ppid == parent and b"spawn_main" in cmdline:
            found.append(int(stat.parent.name))
    return found


def wait_gone(pids: list[int], timeout: float = 60) -> list[int]:
    """Wait until none of ``pids`` runs; return those still running after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        alive = [pid for pid in pids if Path(f"/proc/{pid}").exists() and not _zombie(pid)]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return False


def who_met_whom(driver: neo4j.Driver, database: str) -> list[tuple[str, str | None, int]]:
    records, _, _ = driver.execute_query(
        "MATCH (m:Meeting) OPTIONAL MATCH (a:Article)-[:REPORTS]->(m) "
        "RETURN m.signature AS s, m.date AS d, count(a) AS n ORDER BY s, d",
        database_=database,
    )
    return [(r["s"], r["d"], r["n"]) for r in records]


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_cli_formats_bad_files_and_summary(
    clean_graph: neo4j.Driver, graph_target: GraphTarget, tmp_path: Path, workers: int
) -> None:
    folder = tmp_path / "feed"
    (folder / "nested").mkdir(parents=True)
    report = json.loads((ARTICLES / "follow-up" / "report-d.json").read_text())
    (folder / "nested" / "article.txt").write_text(f"{report['title']}\n\n{report['text']}\n")
    lines = [json.dumps(json.loads((ARTICLES / "same-meeting" / f).read_text())) for f in (
        "report-a.json", "report-b.json")]  # fmt: skip
    (folder / "feed.jsonl").write_text(lines[0] + "\n{not json\n\n" + lines[1] + "\n")
    (folder / "page.html").write_text(
        "<html><head><title>Stubb meets Michal</title>"
        '<meta name="date" content="2025-03-11"></head><body><nav>Home | News</nav>'
        "<article><h1>Stubb meets Michal</h1><p>Finnish President Alexander Stubb held talks "
        "with Estonian Prime Minister Kristen Michal in Tallinn on Tuesday.</p><p>They "
        "discussed migration and support for Ukraine, officials said after the meeting in "
        "the Estonian capital.</p></article><footer>Copyright</footer></body></html>"
    )
    (folder / "empty.json").write_text("")
    (folder / "latin1.txt").write_bytes("Titre\n\nRencontr\xe9 hier.".encode("latin-1"))
    (folder / "notes.md").write_text("ignored: not an article type")

    proc = run_ingest(graph_target, folder, workers=workers)
    assert proc.returncode == 1, proc.stderr  # something failed, and says so
    out = proc.stdout
    assert "articles read 7: new 4, unchanged 0, updated 0, failed 3" in out
    assert "feed.jsonl:2: invalid JSON" in out
    assert "empty.json: invalid JSON" in out
    assert "latin1.txt: not UTF-8" in out
    nodes, _ = graph_counts(clean_graph, graph_target.database)
    assert nodes["Article"] == 4
    assert nodes["Meeting"] == 2  # Tallinn (jsonl and html reports) and Helsinki (txt)
    assert "created: 2 meetings, 2 people, 2 countries" in out

    again = run_ingest(graph_target, folder, workers=workers)
    assert "new 0, unchanged 4" in again.stdout
    assert graph_counts(clean_graph, graph_target.database)[0] == nodes


def test_ingest_cli_two_processes_over_overlapping_folders(
    clean_graph: neo4j.Driver, graph_target: GraphTarget, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 40, seed=11)
    for folder in (ARTICLES / "same-meeting", ARTICLES / "follow-up"):
        for path in folder.glob("*.json"):
            (corpus / path.name).write_text(path.read_text())
    files = sorted(corpus.glob("*.json"))
    left, right = tmp_path / "left", tmp_path / "right"
    left.mkdir()
    right.mkdir()
    for k, path in enumerate(files):
        if k % 3 != 2:
            (left / path.name).write_text(path.read_text())
        if k % 3 != 0:
            (right / path.name).write_text(path.read_text())

    assert run_ingest(graph_target, corpus).returncode == 0
    expected = graph_counts(clean_graph, graph_target.database)
    expected_meetings = who_met_whom(clean_graph, graph_target.database)

    wipe(clean_graph, graph_target.database)
    first, second = (
        start_ingest(graph_target, left, batch=4),
        start_ingest(graph_target, right, batch=4),
    )
    for proc in (first, second):
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    assert graph_counts(clean_graph, graph_target.database) == expected
    assert who_met_whom(clean_graph, graph_target.database) == expected_meetings


@pytest.mark.parametrize(
    ("workers", "stop"), [(1, signal.SIGKILL), (2, signal.SIGKILL), (2, signal.SIGINT)]
)
def test_ingest_cli_killed_midway_then_rerun_completes(
    clean_graph: neo4j.Driver,
    graph_target: GraphTarget,
    tmp_path: Path,
    workers: int,
    stop: signal.Signals,
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 120, seed=5, jsonl=True)
    assert run_ingest(graph_target, corpus, batch=4).returncode == 0
    expected = graph_counts(clean_graph, graph_target.database)

    wipe(clean_graph, graph_target.database)
    proc = start_ingest(graph_target, corpus, batch=4, workers=workers)
    wait_for_articles(clean_graph, graph_target.database, at_least=20)
    pool = extraction_workers(proc.pid)
    assert len(pool) == (workers if workers > 1 else 0)
    proc.send_signal(stop)
    proc.communicate(timeout=120)
    assert proc.returncode != 0
    # No extraction worker outlives the command, however it was stopped.
    assert wait_gone(pool) == []
    partial = graph_counts(clean_graph, graph_target.database)[0]["Article"]
    assert 20 <= partial < 120

    rerun = run_ingest(graph_target, corpus, batch=4, workers=workers)
    assert rerun.returncode == 0, rerun.stderr
    assert f"unchanged {partial}" in rerun.stdout
    assert graph_counts(clean_graph, graph_target.database) == expected


def test_ingest_cli_worker_killed_midway_loses_nothing(
    clean_graph: neo4j.Driver, graph_target: GraphTarget, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 120, seed=5, jsonl=True)
    assert run_ingest(graph_target, corpus, batch=4).returncode == 0
    expected = graph_counts(clean_graph, graph_target.database)

    wipe(clean_graph, graph_target.database)
    proc = start_ingest(graph_target, corpus, batch=4, workers=2)
    wait_for_articles(clean_graph, graph_target.database, at_least=20)
    victim, _ = extraction_workers(proc.pid)
    os.kill(victim, signal.SIGKILL)
    out, err = proc.communicate(timeout=600)
    # The batches that worker held are extracted again by fresh workers.
    assert proc.returncode == 0, err
    assert "articles read 120: new 120, unchanged 0, updated 0, failed 0" in out
    assert graph_counts(clean_graph, graph_target.database) == expected


def write_corpus_with_repeats(corpus: Path) -> Path:
    """40 synthetic articles, two reports of one meeting and a follow-up, then (sorted
    last, so in a batch read before the one ahead is written) the same text again and
    a second text under an earlier article's URL."""
    write_corpus(corpus, 40, seed=11)
    for folder in (ARTICLES / "same-meeting", ARTICLES / "follow-up"):
        for path in folder.glob("*.json"):
            (corpus / path.name).write_text(path.read_text())
    (corpus / "zz-again.json").write_text((corpus / "report-b.json").read_text())
    update = json.loads((corpus / "report-a.json").read_text())
    update["text"] += " The two leaders will meet again in the autumn."
    (corpus / "zz-update.json").write_text(json.dumps(update))
    return corpus


def test_ingest_cli_one_and_two_workers_give_the_same_graph(
    clean_graph: neo4j.Driver, graph_target: GraphTarget, tmp_path: Path
) -> None:
    corpus = write_corpus_with_repeats(tmp_path / "corpus")

    runs = []
    for workers in (1, 2):
        wipe(clean_graph, graph_target.database)
        proc = run_ingest(graph_target, corpus, batch=4, workers=workers)
        assert proc.returncode == 0, proc.stderr
        assert "new 44, unchanged 1, updated 1, failed 0" in proc.stdout
        summary = proc.stdout.splitlines()[-1]  # the "created: ..." line
        runs.append(
            (
                summary,
                graph_counts(clean_graph, graph_target.database),
                who_met_whom(clean_graph, graph_target.database),
            )
        )
    assert runs[0] == runs[1]


def test_ingest_cli_published_dates_articles_without_their_own(
    clean_graph: neo4j.Driver, graph_target: GraphTarget, tmp_path: Path
) -> None:
    # Invented reports: fictional ministers of real countries, each meeting "on Tuesday".
    (tmp_path / "undated.txt").write_text(
        "Castellanos meets Arrieta\n\nChilean Foreign Minister Mira Castellanos held talks "
        "with Peruvian Foreign Minister Tomas Arrieta in Lima on Tuesday. They discussed "
        "trade and border security.\n"
    )
    (tmp_path / "dated.txt").write_text(
        "Ferreyra meets Olmedo\nPublished: April 11, 2024\n\nArgentine Foreign Minister "
        "Lucas Ferreyra held talks with Uruguayan Foreign Minister Ines Olmedo in "
        "Montevideo on Tuesday. They discussed river transport and energy.\n"
    )
    proc = run_ingest(graph_target, tmp_path, options=("--published", "2024-03-07"))
    assert proc.returncode == 0, proc.stderr
    assert "new 2" in proc.stdout

    records, _, _ = clean_graph.execute_query(
        "MATCH (a:Article)-[:REPORTS]->(m:Meeting)<-[:ATTENDED]-(p:Person)-[r:REPRESENTS]->() "
        "RETURN a.title AS title, a.published AS published, m.date AS date, "
        "collect(DISTINCT r.first_seen) AS seen ORDER BY title",
        database_=graph_target.database,
    )
    assert [r.data() for r in records] == [
        # The file's own date wins; --published dates only the other.
        {"title": "Castellanos meets Arrieta", "published": "2024-03-07",
         "date": "2024-03-05", "seen": ["2024-03-05"]},
        {"title": "Ferreyra meets Olmedo", "published": "2024-04-11",
         "date": "2024-04-09", "seen": ["2024-04-09"]},
    ]  # fmt: skip
