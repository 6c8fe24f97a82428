"""Derived data (MET pairs, Person.countries) stays exactly what the recorded facts say."""

from __future__ import annotations

import datetime as dt
import random

import neo4j
import pytest

from app.person_curation import merge, split
from domain.models import ArticleFacts, person_key
from graph.articles import delete_articles
from graph.connection import GraphTarget
from graph.meetings import merge_meetings
from graph.schema import ensure_schema
from graph.writer import write_articles
from tests.builders import facts

# The definition MET must agree with, computed the slow way from ATTENDED.
DERIVED = """
MATCH (a:Person)-[:ATTENDED]->(m:Meeting)<-[:ATTENDED]-(b:Person)
WHERE a.key < b.key
WITH a, b, collect(DISTINCT m) AS meetings
UNWIND meetings AS m
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
WITH a, b, meetings, collect(DISTINCT t.id) AS topics
RETURN a.key AS a, b.key AS b, size(meetings) AS count,
       [x IN meetings | x.id] AS ids, [x IN meetings WHERE x.date IS NOT NULL | x.date] AS dates,
       topics
"""

STORED = """
MATCH (a:Person)-[r:MET]->(b:Person)
RETURN a.key AS a, b.key AS b, r.count AS count, r.meetings AS ids, r.first AS first,
       r.last AS last, r.topics AS topics
"""

Pairs = dict[tuple[str, str], tuple[int, list[str], str | None, str | None, list[str]]]


def derived(driver: neo4j.Driver, database: str) -> Pairs:
    records, _, _ = driver.execute_query(DERIVED, database_=database)
    return {
        (r["a"], r["b"]): (
            r["count"],
            sorted(r["ids"]),
            min(r["dates"], default=None),
            max(r["dates"], default=None),
            sorted(r["topics"]),
        )
        for r in records
    }


COUNTRIES = """
MATCH (p:Person)
OPTIONAL MATCH (p)-[r:ATTENDED]->(:Meeting)
RETURN p.key AS key, p.countries AS stored, collect([r.country, r.article_id]) AS attended
"""


def countries_by_majority(attended: list[list[str | None]]) -> set[str]:
    """The rule, the slow way: the countries most articles give, and any two give."""
    articles: dict[str, set[str]] = {}
    for code, article in attended:
        if code is not None and article is not None:
            articles.setdefault(code, set()).add(article)
    top = max((len(a) for a in articles.values()), default=0)
    return {code for code, a in articles.items() if len(a) == top or len(a) >= 2}


def countries_agree(driver: neo4j.Driver, database: str) -> bool:
    records, _, _ = driver.execute_query(COUNTRIES, database_=database)
    assert records, "no people to compare"
    return all(
        len(r["stored"] or []) == len(set(r["stored"] or []))
        and set(r["stored"] or []) == countries_by_majority(r["attended"])
        for r in records
    )


def stored(driver: neo4j.Driver, database: str) -> Pairs:
    records, _, _ = driver.execute_query(STORED, database_=database)
    pairs: Pairs = {}
    for r in records:
        key = (r["a"], r["b"])
        assert key not in pairs, f"two MET relationships for {key}"
        assert r["a"] < r["b"], f"MET not in key order: {key}"
        pairs[key] = (r["count"], sorted(r["ids"]), r["first"], r["last"], sorted(r["topics"]))
    return pairs


def test_met_counts_dates_and_direction(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    wang, cho, guterres = (
        ("Wang Yi", "CN", None),
        ("Cho Tae-yul", "KR", None),
        ("Antonio Guterres", None, "UN"),
    )
    write_articles(
        clean_graph,
        graph_target.database,
        [
            facts("One.", "m1", [wang, cho], day=dt.date(2025, 3, 4)),
            facts("Two.", "m2", [cho, wang], day=dt.date(2025, 6, 1)),
            facts("Three.", "m3", [wang, guterres], day=None),
        ],
    )
    pairs = stored(clean_graph, graph_target.database)
    with_cho = tuple(sorted([person_key("Cho Tae-yul"), person_key("Wang Yi")]))
    with_guterres = tuple(sorted([person_key("Antonio Guterres"), person_key("Wang Yi")]))
    assert pairs == {
        with_cho: (2, ["m1", "m2"], "2025-03-04", "2025-06-01", ["economy-trade"]),
        with_guterres: (1, ["m3"], None, None, ["economy-trade"]),
    }
    # A later report dates the undated meeting: the pair picks the date up.
    write_articles(
        clean_graph,
        graph_target.database,
        [
            facts(
                "Three again.", "m3", [wang, guterres], day=dt.date(2025, 1, 2), topics=("health",)
            )
        ],
    )
    assert stored(clean_graph, graph_target.database)[with_guterres] == (
        1, ["m3"], "2025-01-02", "2025-01-02", ["economy-trade", "health"],
    )  # fmt: skip


NAMES = [
    ("Wang Yi", "CN", None),
    ("Wang Yi", "TW", None),  # one person, two countries in one batch
    ("Cho Tae-yul", "KR", None),
    ("Penny Wong", "AU", None),
    ("Antonio Guterres", None, "UN"),
    ("Kaja Kallas", "EE", None),
]


def _random_report(rng: random.Random, k: int) -> ArticleFacts:
    people = rng.sample(NAMES, rng.randint(2, 4))
    day = (
        None if rng.random() < 0.2 else dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
    )
    topics = tuple(rng.sample(["economy-trade", "health", "security-defense"], rng.randint(0, 2)))
    meeting = f"m{rng.randint(1, 6)}"
    return facts(f"Report {k} {rng.random()}.", meeting, people, day=day, topics=topics)


# People with more than one written name, and those names: what a split can undo.
WRITTEN_TWO_WAYS = """
MATCH (p:Person)-[r:ATTENDED]->(:Meeting)
WITH p, collect(DISTINCT r.name) AS names
WHERE size(names) >= 2
RETURN p.id AS id, names
ORDER BY id
"""


def _merge_two_people(driver: neo4j.Driver, database: str, rng: random.Random) -> bool:
    records, _, _ = driver.execute_query("MATCH (p:Person) RETURN p.id AS id", database_=database)
    ids = sorted(r["id"] for r in records)
    if len(ids) < 2:
        return False
    keep, other = rng.sample(ids, 2)
    merge(driver, database, keep, [other])
    return True


def _split_one_person(driver: neo4j.Driver, database: str, rng: random.Random) -> bool:
    records, _, _ = driver.execute_query(WRITTEN_TWO_WAYS, database_=database)
    if not records:
        return False
    chosen = rng.choice(records)
    split(driver, database, chosen["id"], [rng.choice(sorted(chosen["names"]))])
    return True


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_met_agrees_with_attended_after_every_write_path(
    clean_graph: neo4j.Driver, graph_target: GraphTarget, seed: int
) -> None:
    """Random writes, replacements, meeting and person merges, person splits and
    deletions; after each, MET == ATTENDED and countries follow the majority rule."""
    db = graph_target.database
    rng = random.Random(seed)
    written: list[ArticleFacts] = []
    operations = dict.fromkeys(["write", "replace", "merge", "delete", "people", "split"], 0)
    for k in range(40):
        roll = rng.random()
        if roll < 0.12 and written:
            operations["people"] += _merge_two_people(clean_graph, db, rng)
        elif roll < 0.24 and written:
            operations["split"] += _split_one_person(clean_graph, db, rng)
        elif roll < 0.5 or len(written) < 2:
            report = _random_report(rng, k)
            write_articles(clean_graph, db, [report])
            written.append(report)
            operations["write"] += 1
        elif roll < 0.7:
            old = written.pop(rng.randrange(len(written)))
            new = _random_report(rng, k)
            write_articles(clean_graph, db, [new], replacing=[old.id])
            written.append(new)
            operations["replace"] += 1
        elif roll < 0.85:
            ids = sorted({f.meetings[0].id for f in written})
            if len(ids) >= 2:
                keep, duplicate = rng.sample(ids, 2)
                merge_meetings(clean_graph, db, keep, [duplicate])
                for f in written:
                    if f.meetings[0].id == duplicate:
                        f.meetings[0].id = keep
                operations["merge"] += 1
        else:
            gone = written.pop(rng.randrange(len(written)))
            delete_articles(clean_graph, db, [gone.id])
            operations["delete"] += 1
        assert stored(clean_graph, db) == derived(clean_graph, db), (k, operations)
        assert countries_agree(clean_graph, db), (k, operations)
    assert derived(clean_graph, db), "the sequence left no pair to compare"
    assert all(operations.values()), f"seed {seed} did not try every write path: {operations}"


def test_migration_builds_met_for_a_graph_written_without_it(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    db = graph_target.database
    rng = random.Random(7)
    write_articles(clean_graph, db, [_random_report(rng, k) for k in range(12)])
    expected = stored(clean_graph, db)
    assert expected == derived(clean_graph, db) and expected
    # What an older Diplograph left: no MET and no migration marker.
    clean_graph.execute_query("MATCH ()-[r:MET]->() DELETE r", database_=db)
    clean_graph.execute_query("MATCH (p:Person) REMOVE p.countries", database_=db)
    clean_graph.execute_query("MATCH (s:SchemaMigration) DELETE s", database_=db)
    assert stored(clean_graph, db) == {}
    assert not countries_agree(clean_graph, db)
    ensure_schema(clean_graph, db)
    assert stored(clean_graph, db) == expected
    assert countries_agree(clean_graph, db)
    # Done once: a second start does not run it again (a removed pair stays removed).
    clean_graph.execute_query("MATCH ()-[r:MET]->() DELETE r", database_=db)
    ensure_schema(clean_graph, db)
    assert stored(clean_graph, db) == {}
