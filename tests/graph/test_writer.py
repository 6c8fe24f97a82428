"""The batched writer against the real graph: idempotent, concurrent-safe, provenance kept."""

from __future__ import annotations

import datetime as dt
import threading

import neo4j
import pytest

from domain.models import ArticleFacts
from graph.connection import GraphTarget
from graph.writer import write_articles
from tests.builders import VERSION, facts
from tests.conftest import graph_counts


def test_writer_same_input_twice_changes_nothing(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    batch = [
        facts("A met B.", "m1", [("Wang Yi", "CN", None), ("Cho Tae-yul", "KR", None)]),
        facts("A met C.", "m2", [("Wang Yi", "CN", None), ("Antonio Guterres", None, "UN")]),
    ]
    write_articles(clean_graph, graph_target.database, batch)
    first = graph_counts(clean_graph, graph_target.database)
    write_articles(clean_graph, graph_target.database, batch)
    second = graph_counts(clean_graph, graph_target.database)

    assert first == second
    nodes, rels = first
    assert nodes["Article"] == 2
    assert nodes["Meeting"] == 2
    assert nodes["Person"] == 3
    assert nodes["Country"] == 2
    assert nodes["Organization"] == 1
    assert nodes["Place"] == 1
    assert rels["ATTENDED"] == 4
    assert rels["REPORTS"] == 2
    assert rels["ABOUT"] == 2
    assert rels["REPRESENTS"] == 2
    assert rels["MEMBER_OF"] == 1
    assert rels["HELD_IN"] == 2
    assert rels["IN"] == 1
    assert rels["INVOLVES"] == 3  # CN and KR; CN (the UN is no state)


def test_writer_relationships_carry_provenance(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    item = facts("Provenance.", "m1", [("Wang Yi", "CN", None), ("Penny Wong", "AU", None)])
    write_articles(clean_graph, graph_target.database, [item])
    records, _, _ = clean_graph.execute_query(
        "MATCH ()-[r:ATTENDED|ABOUT|REPORTS]->() "
        "RETURN r.article_id AS aid, r.sentence AS s, r.start AS st, r.end AS en, "
        "r.extractor_version AS v, type(r) AS t",
        database_=graph_target.database,
    )
    assert len(records) == 4
    for r in records:
        assert r["v"] == VERSION
        assert r["s"] == "They met."
        assert (r["st"], r["en"]) == (0, 9)
        if r["t"] != "REPORTS":
            assert r["aid"] == item.id


def test_writer_person_names_fold_romanisation(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    write_articles(
        clean_graph,
        graph_target.database,
        [
            facts("One.", "m1", [("Lee Hae-chan", "KR", None), ("Wang Yi", "CN", None)]),
            facts("Two.", "m2", [("Lee Haechan", "KR", None), ("Wang Yi", "CN", None)]),
        ],
    )
    records, _, _ = clean_graph.execute_query(
        "MATCH (p:Person) WHERE p.key = 'leehaechan' RETURN p.aliases AS aliases, p.id AS id",
        database_=graph_target.database,
    )
    assert len(records) == 1
    assert set(records[0]["aliases"]) == {"Lee Hae-chan", "Lee Haechan"}
    assert records[0]["id"] == "lee-haechan"


def test_writer_planned_then_held_meeting_is_held(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    people = [("Wang Yi", "CN", None), ("Penny Wong", "AU", None)]
    write_articles(
        clean_graph,
        graph_target.database,
        [facts("Will meet.", "m1", people, status="planned", day=None, city=None)],
    )
    write_articles(clean_graph, graph_target.database, [facts("Met.", "m1", people)])
    records, _, _ = clean_graph.execute_query(
        "MATCH (m:Meeting {id: 'm1'}) RETURN m.status AS s, m.date AS d, m.city AS c",
        database_=graph_target.database,
    )
    assert [(r["s"], r["d"], r["c"]) for r in records] == [("held", "2025-03-04", "Beijing")]


@pytest.mark.parametrize("writers", [4])
def test_writer_concurrent_writers_produce_exact_graph(
    clean_graph: neo4j.Driver, graph_target: GraphTarget, writers: int
) -> None:
    # Every writer shares Wang Yi, China and the UN, and writes its own partners.
    per_writer = 10
    batches = [
        [
            facts(
                f"writer {w} article {i}",
                f"m-{w}-{i}",
                [
                    ("Wang Yi", "CN", None),
                    (f"Partner {w} {i}", ["KR", "JP", "US", "FR"][i % 4], None),
                    ("Antonio Guterres", None, "UN"),
                ],
            )
            for i in range(per_writer)
        ]
        for w in range(writers)
    ]
    errors: list[BaseException] = []

    def run(batch: list[ArticleFacts]) -> None:
        try:
            for item in batch:
                write_articles(clean_graph, graph_target.database, [item])
        except BaseException as exc:  # collected and re-raised in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(b,)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []

    nodes, rels = graph_counts(clean_graph, graph_target.database)
    total = writers * per_writer
    assert nodes["Article"] == total
    assert nodes["Meeting"] == total
    assert nodes["Person"] == total + 2
    assert nodes["Country"] == 5
    assert nodes["Organization"] == 1
    assert nodes["Place"] == 1
    assert rels["ATTENDED"] == 3 * total
    assert rels["HELD_IN"] == total
    assert rels["IN"] == 1
    # Wang Yi holds one REPRESENTS (same title), as does the UN chief's MEMBER_OF.
    assert rels["REPRESENTS"] == total + 1
    assert rels["MEMBER_OF"] == 1


def titles_seen(driver: neo4j.Driver, database: str) -> dict[str, tuple[str | None, str | None]]:
    records, _, _ = driver.execute_query(
        "MATCH (p:Person)-[r:REPRESENTS|MEMBER_OF]->() "
        "RETURN p.key AS key, r.first_seen AS first, r.last_seen AS last",
        database_=database,
    )
    return {r["key"]: (r["first"], r["last"]) for r in records}


def test_writer_title_dates_come_from_reports_never_the_clock(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    # Fictional officials: one represents Chile, one the UN.
    people = [("Mira Castellanos", "CL", None), ("Adaeze Okafor", None, "UN")]
    keys = ("miracastellanos", "adaezeokafor")

    def report(
        text: str, day: dt.date | None, published: dt.date | None = None
    ) -> dict[str, tuple[str | None, str | None]]:
        item = facts(text, f"m-{text}", people, day=day, published=published)
        write_articles(clean_graph, graph_target.database, [item])
        return titles_seen(clean_graph, graph_target.database)

    # Neither the meeting nor the article has a date: unknown, not the day of ingestion.
    assert report("Undated.", None) == dict.fromkeys(keys, (None, None))
    # A dated report of the same titles fills them in...
    assert report("Dated.", dt.date(2025, 3, 4)) == dict.fromkeys(keys, ("2025-03-04",) * 2)
    # ... and a later undated one erases nothing.
    assert report("Undated again.", None) == dict.fromkeys(keys, ("2025-03-04",) * 2)
    # The article's date stands in for an undated meeting; the span widens both ways.
    assert report("Published.", None, published=dt.date(2025, 5, 2)) == dict.fromkeys(
        keys, ("2025-03-04", "2025-05-02")
    )
    assert report("Earlier.", dt.date(2025, 1, 10)) == dict.fromkeys(
        keys, ("2025-01-10", "2025-05-02")
    )
