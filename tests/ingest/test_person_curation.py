"""An analyst's corrections of who is who, on the real graph server.

``persons merge`` and ``persons split`` must leave MET, meeting identity and countries
exactly what the attendance says, and hold for articles ingested afterwards;
``persons resolve`` brings a graph written before resolution existed to the same
people. Names are invented, countries real.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import neo4j
import pytest

from app.person_curation import CurationError, merge, resolve_graph, split
from graph.connection import GraphTarget
from graph.writer import write_articles
from tests.conftest import clean_env, graph_counts, graph_env, running_api
from tests.graph.test_derived import countries_agree, derived, stored
from tests.ingest.test_person_identity import ingest, people, report

VOLKOV_RU = ("Sergei Volkov", "RU", None)
VOLKOV_UNSTATED = ("Sergey Volkov", None, None)
RAO = ("Anil Rao", "IN", None)


def person_ids(driver: neo4j.Driver, database: str) -> dict[str, str]:
    """Canonical name -> id, as the API shows them."""
    records, _, _ = driver.execute_query(
        "MATCH (p:Person) RETURN p.name AS name, p.id AS id", database_=database
    )
    return {r["name"]: r["id"] for r in records}


def meetings(driver: neo4j.Driver, database: str) -> list[str]:
    records, _, _ = driver.execute_query(
        "MATCH (m:Meeting) RETURN m.signature AS s ORDER BY s", database_=database
    )
    return [r["s"] for r in records]


def assert_derived_exact(driver: neo4j.Driver, database: str) -> None:
    assert stored(driver, database) == derived(driver, database)
    assert countries_agree(driver, database)


def two_writings_kept_apart(driver: neo4j.Driver, database: str) -> None:
    """One meeting reported twice; the second report gives the name another spelling
    and no country, so resolution keeps the two writings apart."""
    ingest(
        driver, database,
        report(1, [VOLKOV_RU, RAO], meeting="a"),
        report(2, [VOLKOV_UNSTATED, RAO], meeting="b"),
    )  # fmt: skip


def test_a_merge_joins_people_and_the_meetings_they_made_two(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    db = graph_target.database
    two_writings_kept_apart(clean_graph, db)
    ids = person_ids(clean_graph, db)
    assert len(ids) == 3 and len(meetings(clean_graph, db)) == 2

    joined = merge(clean_graph, db, ids["Sergei Volkov"], [ids["Sergey Volkov"]])

    assert joined == 1
    found = people(clean_graph, db)
    assert set(found) == {"Sergei Volkov", "Anil Rao"}
    assert found["Sergei Volkov"]["aliases"] == ["Sergei Volkov", "Sergey Volkov"]
    assert found["Sergei Volkov"]["countries"] == ["RU"]
    assert len(meetings(clean_graph, db)) == 1
    assert_derived_exact(clean_graph, db)
    (pair,) = stored(clean_graph, db).values()
    assert pair[0] == 1  # one meeting between them, however many reports

    # The decision holds for later articles written the merged way.
    ingest(clean_graph, db, report(3, [VOLKOV_UNSTATED, ("Jonas Osei", "GH", None)]))
    assert set(people(clean_graph, db)) == {"Sergei Volkov", "Anil Rao", "Jonas Osei"}
    assert_derived_exact(clean_graph, db)


def test_a_split_moves_one_writing_and_later_articles_follow_it(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    db = graph_target.database
    ingest(
        clean_graph, db,
        report(1, [VOLKOV_RU, RAO]),
        report(2, [("Sergey Volkov", "RU", None), ("Jonas Osei", "GH", None)]),
    )  # fmt: skip
    assert set(people(clean_graph, db)) == {"Sergei Volkov", "Anil Rao", "Jonas Osei"}
    volkov = person_ids(clean_graph, db)["Sergei Volkov"]

    new_id = split(clean_graph, db, volkov, ["Sergey Volkov"])

    found = people(clean_graph, db)
    assert found["Sergei Volkov"]["aliases"] == ["Sergei Volkov"]
    assert found["Sergey Volkov"]["aliases"] == ["Sergey Volkov"]
    assert person_ids(clean_graph, db)["Sergey Volkov"] == new_id
    records, _, _ = clean_graph.execute_query(
        "MATCH (a:Person)-[:NOT_SAME]-(b:Person) RETURN a.name AS a, b.name AS b",
        database_=db,
    )
    assert {(r["a"], r["b"]) for r in records} == {
        ("Sergei Volkov", "Sergey Volkov"), ("Sergey Volkov", "Sergei Volkov"),
    }  # fmt: skip
    assert_derived_exact(clean_graph, db)
    assert set(stored(clean_graph, db)) == {
        ("anilrao", "sergeivolkov"), ("jonasosei", "sergeyvolkov"),
    }  # fmt: skip

    # Later articles: each writing goes where the analyst put it; the resolver never
    # joins the two again, not even through a writing neither has had.
    ingest(
        clean_graph, db,
        report(3, [("Sergey Volkov", "RU", None), RAO]),
        report(4, [("Sergei Volkov", "RU", None), ("Jonas Osei", "GH", None)]),
    )  # fmt: skip
    assert set(people(clean_graph, db)) == {
        "Sergei Volkov", "Sergey Volkov", "Anil Rao", "Jonas Osei",
    }  # fmt: skip
    assert_derived_exact(clean_graph, db)
    # And `persons resolve` respects the decision too.
    assert resolve_graph(clean_graph, db) == []


def test_corrections_that_cannot_be_done_change_nothing(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    db = graph_target.database
    ingest(clean_graph, db, report(1, [VOLKOV_RU, RAO]))
    before = graph_counts(clean_graph, db)
    ids = person_ids(clean_graph, db)
    volkov, rao = ids["Sergei Volkov"], ids["Anil Rao"]
    attempts = [
        (lambda: merge(clean_graph, db, volkov, ["nobody-at-all"]), "no person with id"),
        (lambda: merge(clean_graph, db, volkov, [volkov]), "themself"),
        (lambda: split(clean_graph, db, "nobody-at-all", ["X Y"]), "no person with id"),
        (lambda: split(clean_graph, db, volkov, ["Jonas Osei"]), "'Sergei Volkov'"),
        (lambda: split(clean_graph, db, rao, ["Anil Rao"]), "all the names"),
    ]
    for attempt, message in attempts:
        with pytest.raises(CurationError, match=message):
            attempt()
    assert graph_counts(clean_graph, db) == before


def test_resolve_joins_the_people_of_a_graph_written_before_resolution(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    db = graph_target.database
    lind = [("George H. W. Lind", "US", None), ("George W. Lind", "US", None)]
    # Written as earlier versions did: every folded name its own person, no name index.
    write_articles(
        clean_graph, db,
        [report(1, [VOLKOV_RU, RAO], meeting="a"),
         report(2, [("Sergey Volkov", "RU", None), RAO], meeting="b"),
         report(3, [("Sergey Volkov", "RU", None), ("Jonas Osei", "GH", None)], meeting="c"),
         report(4, [*lind, RAO], meeting="d"),
         report(5, [("George Lind", "US", None), RAO], meeting="e")],
    )  # fmt: skip
    clean_graph.execute_query(
        "MATCH (n) WHERE n:PersonName OR n:NameBlock DETACH DELETE n", database_=db
    )
    before = people(clean_graph, db)
    assert len(before) == 7  # both spellings of Volkov and all three Linds apart

    planned = resolve_graph(clean_graph, db, dry_run=True)
    assert people(clean_graph, db) == before  # a dry run changes nothing
    # Volkov is one person; "George Lind" could be either Lind, so stays alone.
    assert [(m.keep, m.others) for m in planned] == [("sergeyvolkov", ("sergeivolkov",))]

    assert resolve_graph(clean_graph, db) == planned
    after = people(clean_graph, db)
    assert set(after) == set(before) - {"Sergei Volkov"}
    assert after["Sergey Volkov"]["aliases"] == ["Sergei Volkov", "Sergey Volkov"]
    # Reports 1 and 2 (same day, same place) now have one participant set: one meeting.
    assert len(meetings(clean_graph, db)) == 4
    assert_derived_exact(clean_graph, db)
    assert resolve_graph(clean_graph, db) == []  # nothing left to do
    # The graph now has its name index: a later article with either writing finds him.
    ingest(clean_graph, db, report(6, [("Sergei Volkov", None, None), RAO]))
    assert set(people(clean_graph, db)) == set(after)


def cli(target: GraphTarget, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "persons", *args],
        env=clean_env() | graph_env(target),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_the_cli_corrects_the_graph_the_api_serves(
    clean_graph: neo4j.Driver, graph_target: GraphTarget, tmp_path: Path
) -> None:
    """Over HTTP with the response cache on: answers change the moment a merge lands."""
    db = graph_target.database
    two_writings_kept_apart(clean_graph, db)
    ids = person_ids(clean_graph, db)
    rao = ids["Anil Rao"]
    with running_api(graph_target, tmp_path / "api.log") as base:
        url = f"{base}/api/v1/persons/{rao}/counterparts"
        before = httpx.get(url, timeout=30).json()
        assert len(before["data"]) == 2

        done = cli(graph_target, "merge", ids["Sergei Volkov"], ids["Sergey Volkov"])
        assert done.returncode == 0, done.stderr
        assert "1 meeting reported twice became one" in done.stdout

        after = httpx.get(url, timeout=30).json()
        (only,) = after["data"]
        assert only["id"] == ids["Sergei Volkov"] and only["meetings"] == 1
        detail = httpx.get(f"{base}/api/v1/persons/{ids['Sergei Volkov']}", timeout=30).json()
        # Each writing with the article it came from: how the node became one person.
        assert [(n["name"], len(n["articles"])) for n in detail["names"]] == [
            ("Sergei Volkov", 1), ("Sergey Volkov", 1),
        ]  # fmt: skip
        assert detail["merged"] == [ids["Sergey Volkov"]] and detail["countries"] == ["RU"]

        refused = cli(graph_target, "split", ids["Sergei Volkov"], "--name", "Jonas Osei")
        assert refused.returncode == 2 and "Sergey Volkov" in refused.stderr

        parted = cli(graph_target, "split", ids["Sergei Volkov"], "--name", "Sergey Volkov")
        assert parted.returncode == 0, parted.stderr
        assert len(httpx.get(url, timeout=30).json()["data"]) == 2
