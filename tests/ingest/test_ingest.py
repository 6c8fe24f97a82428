"""Ingestion into the real graph: one Meeting per real meeting, idempotent, provenance kept."""

from __future__ import annotations

import json
from pathlib import Path

import neo4j

from app.ingest import Ingestor
from app.sources import read_sources
from graph.connection import GraphTarget
from tests.conftest import graph_counts
from tests.ingest.conftest import ARTICLES


def ingest(ingestor: Ingestor, *paths: Path) -> dict[str, int]:
    statuses: dict[str, int] = {}
    for outcome in ingestor.ingest(read_sources(list(paths))):
        statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
    return statuses


def meetings(driver: neo4j.Driver, database: str) -> list[dict]:
    records, _, _ = driver.execute_query(
        "MATCH (m:Meeting) OPTIONAL MATCH (a:Article)-[:REPORTS]->(m) "
        "RETURN m.id AS id, m.date AS date, m.city AS city, count(a) AS sources "
        "ORDER BY date",
        database_=database,
    )
    return [r.data() for r in records]


def test_ingest_three_reports_make_one_meeting_with_three_sources(
    ingestor: Ingestor, graph_target: GraphTarget
) -> None:
    assert ingest(ingestor, ARTICLES / "same-meeting") == {"new": 3}
    (meeting,) = meetings(ingestor.driver, graph_target.database)
    assert meeting["sources"] == 3
    assert meeting["date"] == "2025-03-10"  # the report saying Tuesday is one day off
    assert meeting["city"] == "Tallinn"
    # Topics are the union over the reports.
    records, _, _ = ingestor.driver.execute_query(
        "MATCH (m:Meeting)-[r:ABOUT]->(t:Topic) RETURN DISTINCT t.id AS topic",
        database_=graph_target.database,
    )
    assert {r["topic"] for r in records} >= {
        "security-defense",
        "energy-climate",
        "economy-trade",
        "conflict-crisis",
    }
    nodes, _ = graph_counts(ingestor.driver, graph_target.database)
    assert nodes["Person"] == 2


def test_ingest_follow_up_a_month_later_is_a_second_meeting(
    ingestor: Ingestor, graph_target: GraphTarget
) -> None:
    ingest(ingestor, ARTICLES)
    found = meetings(ingestor.driver, graph_target.database)
    assert [(m["date"], m["city"], m["sources"]) for m in found] == [
        ("2025-03-10", "Tallinn", 3),
        ("2025-04-14", "Helsinki", 1),
    ]


def test_ingest_same_reports_in_one_batch_or_many_give_one_meeting(
    clean_graph: neo4j.Driver, graph_target: GraphTarget, extractor
) -> None:
    one_by_one = Ingestor(clean_graph, graph_target.database, extractor, batch_size=1)
    ingest(one_by_one, ARTICLES / "same-meeting")
    assert [m["sources"] for m in meetings(clean_graph, graph_target.database)] == [3]


def test_ingest_again_changes_nothing(ingestor: Ingestor, graph_target: GraphTarget) -> None:
    ingest(ingestor, ARTICLES)
    before = graph_counts(ingestor.driver, graph_target.database)
    assert ingest(ingestor, ARTICLES) == {"unchanged": 4}
    assert graph_counts(ingestor.driver, graph_target.database) == before


def test_ingest_provenance_on_every_fact(ingestor: Ingestor, graph_target: GraphTarget) -> None:
    ingest(ingestor, ARTICLES / "follow-up")
    records, _, _ = ingestor.driver.execute_query(
        "MATCH (a:Article) MATCH ()-[r:ATTENDED|ABOUT|REPORTS]->() "
        "RETURN a.id AS article, a.text AS text, type(r) AS type, r.article_id AS rid, "
        "r.sentence AS sentence, r.start AS start, r.end AS end, "
        "r.extractor_version AS version",
        database_=graph_target.database,
    )
    assert {r["type"] for r in records} == {"ATTENDED", "ABOUT", "REPORTS"}
    for r in records:
        assert r["text"][r["start"] : r["end"]] == r["sentence"]
        assert r["version"].startswith("diplograph-rules-")
        if r["type"] != "REPORTS":
            assert r["rid"] == r["article"]


def test_ingest_new_version_of_a_url_replaces_its_facts(
    ingestor: Ingestor, graph_target: GraphTarget, tmp_path: Path
) -> None:
    original = json.loads((ARTICLES / "follow-up" / "report-d.json").read_text())
    (tmp_path / "v1.json").write_text(json.dumps(original))
    assert ingest(ingestor, tmp_path / "v1.json") == {"new": 1}

    corrected = dict(original)
    corrected["text"] = (
        "HELSINKI, April 14 (Wire) -- Finnish President Alexander Stubb met Swedish "
        "Prime Minister Ulf Kristersson in Helsinki on Monday.\n\nStubb and Kristersson "
        "discussed defence cooperation."
    )
    (tmp_path / "v2.json").write_text(json.dumps(corrected))
    assert ingest(ingestor, tmp_path / "v2.json") == {"updated": 1}

    driver, database = ingestor.driver, graph_target.database
    records, _, _ = driver.execute_query(
        "MATCH (p:Person) RETURN p.name AS name ORDER BY name", database_=database
    )
    assert [r["name"] for r in records] == ["Alexander Stubb", "Ulf Kristersson"]
    nodes, rels = graph_counts(driver, database)
    assert nodes["Article"] == 1
    assert nodes["Meeting"] == 1
    assert rels["REPORTS"] == 1
    assert rels["ATTENDED"] == 2
    # Nothing of the first version is left: no evidence pointing at its id.
    old_id = json.loads(json.dumps(original))  # same URL, different text, different id
    records, _, _ = driver.execute_query(
        "MATCH ()-[r]->() WHERE r.article_id IS NOT NULL RETURN DISTINCT r.article_id AS id",
        database_=database,
    )
    assert len(records) == 1
    assert old_id["url"] == corrected["url"]


def test_ingest_reextract_replaces_facts_of_stale_articles(
    ingestor: Ingestor, graph_target: GraphTarget
) -> None:
    ingest(ingestor, ARTICLES)
    before = graph_counts(ingestor.driver, graph_target.database)
    ingestor.driver.execute_query(
        "MATCH (a:Article) SET a.extractor_version = 'old'", database_=graph_target.database
    )
    items = list(read_sources([ARTICLES]))
    statuses = [o.status for o in ingestor.ingest(items, reextract=True)]
    assert statuses == ["updated"] * 4
    assert graph_counts(ingestor.driver, graph_target.database) == before
    records, _, _ = ingestor.driver.execute_query(
        "MATCH (a:Article) RETURN DISTINCT a.extractor_version AS v",
        database_=graph_target.database,
    )
    assert [r["v"] for r in records] == [ingestor.extractor.version]


def test_ingest_failed_write_leaves_nothing_half_written(
    ingestor: Ingestor, graph_target: GraphTarget
) -> None:
    driver, database = ingestor.driver, graph_target.database
    # A stored person holds the id the new article's Stubb would get: writing that
    # article breaks a uniqueness constraint halfway through its statements.
    driver.execute_query(
        "CREATE (:Person {key: 'someoneelse', id: 'alexander-stubb', name: 'X', aliases: []})",
        database_=database,
    )
    outcomes = list(ingestor.ingest(read_sources([ARTICLES / "same-meeting"])))
    assert [o.status for o in outcomes] == ["failed"] * 3
    assert all(o.error for o in outcomes)
    nodes, rels = graph_counts(driver, database)
    assert nodes.get("Article", 0) == 0
    assert nodes.get("Meeting", 0) == 0
    assert rels.get("ATTENDED", 0) == 0
    assert nodes["Person"] == 1  # only the one that was there
