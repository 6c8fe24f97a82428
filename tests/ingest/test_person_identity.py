"""One Person node per real person across articles, on the real graph server.

Each test resolves invented reports (app/person_resolution.py) and writes them as
ingestion does; the names are invented, the countries real.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import neo4j

from app.ingest import Ingestor
from app.person_resolution import PersonResolver
from app.sources import SourceItem
from domain.models import ArticleFacts, ArticleIn
from graph.connection import GraphTarget
from graph.writer import write_articles
from tests.builders import facts

Person = tuple[str, str | None, str | None]


def report(n: int, people: list[Person], *, meeting: str | None = None, **kw: Any) -> ArticleFacts:
    return facts(f"Invented report {n}.", meeting or f"m{n}", people, **kw)


def ingest(driver: neo4j.Driver, database: str, *reports: ArticleFacts) -> None:
    """Resolve and write each report as a batch of its own, as separate runs would."""
    for one in reports:
        PersonResolver(driver, database).resolve([one])
        write_articles(driver, database, [one])


def people(driver: neo4j.Driver, database: str) -> dict[str, dict[str, Any]]:
    """Every person by canonical name, with aliases and countries."""
    records, _, _ = driver.execute_query(
        "MATCH (p:Person) RETURN p.name AS name, p.aliases AS aliases, p.countries AS countries",
        database_=database,
    )
    return {
        r["name"]: {"aliases": sorted(r["aliases"]), "countries": sorted(r["countries"] or [])}
        for r in records
    }


def test_a_romanised_given_name_with_the_same_country_is_one_person(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    db = graph_target.database
    ingest(
        clean_graph, db,
        report(1, [("Sergei Volkov", "RU", None), ("Anil Rao", "IN", None)]),
        report(2, [("Sergey Volkov", "RU", None), ("Jonas Osei", "GH", None)]),
    )  # fmt: skip
    found = people(clean_graph, db)
    assert len(found) == 3
    volkov = next(p for name, p in found.items() if "Volkov" in name)
    assert volkov["aliases"] == ["Sergei Volkov", "Sergey Volkov"]


def test_each_kind_of_variant_joins_its_person(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    db = graph_target.database
    pairs = [
        ("Jonas Kofi Osei", "J. Osei", "GH"),
        ("Elizabeth Harlow", "Liz Harlow", "GB"),
        ("Vikram Desai", "Shri Vikram Desai", "IN"),
        ("Zhou Mingde", "Mingde Zhou", "CN"),
        ("Hamad bin Khalid Al Noor", "Hamad bin Khalid", "QA"),
    ]
    reports = []
    for n, (first, second, code) in enumerate(pairs):
        reports.append(report(2 * n, [(first, code, None), ("Anil Rao", "IN", None)]))
        reports.append(report(2 * n + 1, [(second, code, None), ("Anil Rao", "IN", None)]))
    ingest(clean_graph, db, *reports)
    assert len(people(clean_graph, db)) == len(pairs) + 1


def test_a_variant_nothing_else_confirms_stays_apart(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    db = graph_target.database
    ingest(
        clean_graph, db,
        report(1, [("Sergei Volkov", "RU", None), ("Anil Rao", "IN", None)]),
        report(2, [("Sergey Volkov", None, None), ("Anil Rao", "IN", None)]),  # no country
        report(3, [("Sergey Volkov", "BY", None), ("Anil Rao", "IN", None)]),  # another one
    )  # fmt: skip
    assert len(people(clean_graph, db)) == 3


def test_namesakes_and_relatives_stay_apart(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    db = graph_target.database
    ingest(
        clean_graph, db,
        report(1, [("Jonas Osei", "GH", None), ("Kwame Osei", "GH", None)]),
        report(2, [("George H. W. Lind", "US", None), ("Anil Rao", "IN", None)]),
        report(3, [("George W. Lind", "US", None), ("Anil Rao", "IN", None)]),
        # Either Lind could be meant: neither is chosen.
        report(4, [("George Lind", "US", None), ("Anil Rao", "IN", None)]),
    )  # fmt: skip
    names = set(people(clean_graph, db))
    assert names == {
        "Jonas Osei", "Kwame Osei", "George H. W. Lind", "George W. Lind", "George Lind",
        "Anil Rao",
    }  # fmt: skip


def test_titles_and_groups_never_become_people(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    db = graph_target.database
    ingest(
        clean_graph, db,
        report(1, [("Foreign Ministers", "FR", None), ("Anil Rao", "IN", None),
                   ("Claire Dumas", "FR", None)]),
        report(2, [("Chairperson", None, "AU"), ("Sheikh", "QA", None)]),  # nobody left
    )  # fmt: skip
    assert set(people(clean_graph, db)) == {"Anil Rao", "Claire Dumas"}
    records, _, _ = clean_graph.execute_query(
        "MATCH (m:Meeting) RETURN count(m) AS meetings", database_=db
    )
    assert records[0]["meetings"] == 1


def test_one_contradicting_article_does_not_add_a_country(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    db = graph_target.database
    says = ["IN", "IN", "IN", "PK"]
    ingest(
        clean_graph,
        db,
        *[report(n, [("Anil Rao", code, None), ("Jonas Osei", "GH", None)]) for n, code in
          enumerate(says)],
    )  # fmt: skip
    assert people(clean_graph, db)["Anil Rao"]["countries"] == ["IN"]
    # Every attribution stays on record, with the article that made it.
    records, _, _ = clean_graph.execute_query(
        "MATCH (:Person {name: 'Anil Rao'})-[:REPRESENTS]->(c:Country) RETURN c.code AS code",
        database_=db,
    )
    assert sorted(r["code"] for r in records) == ["IN", "PK"]
    # A second article for the other country: the person represents both.
    ingest(clean_graph, db, report(9, [("Anil Rao", "PK", None), ("Jonas Osei", "GH", None)]))
    assert people(clean_graph, db)["Anil Rao"]["countries"] == ["IN", "PK"]


def test_batches_not_yet_written_are_remembered(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    """Ingestion resolves batch k+1 while batch k is still being written."""
    db = graph_target.database
    first = report(1, [("Sergei Volkov", "RU", None), ("Anil Rao", "IN", None)])
    second = report(2, [("Sergey Volkov", "RU", None), ("Anil Rao", "IN", None)])
    resolver = PersonResolver(clean_graph, db)
    resolver.resolve([first])
    resolver.resolve([second])
    assert first.person("Sergei Volkov").person == second.person("Sergey Volkov").person
    write_articles(clean_graph, db, [first, second])
    assert len(people(clean_graph, db)) == 2


def test_a_name_form_keeps_the_person_it_was_first_resolved_to(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    db = graph_target.database
    ingest(clean_graph, db, report(1, [("Anil Rao", "IN", None), ("Jonas Osei", "GH", None)]))
    # A write that claims the form for someone else (two processes racing) adds no
    # second owner: the form still names the first person.
    racing = report(2, [("Anil Rao", "IN", None), ("Jonas Osei", "GH", None)])
    PersonResolver(clean_graph, db).resolve([racing])
    claim = {"person": "other", "id": "anil-rao-2"}
    racing.people["Anil Rao"] = racing.people["Anil Rao"].model_copy(update=claim)
    write_articles(clean_graph, db, [racing])
    records, _, _ = clean_graph.execute_query(
        "MATCH (n:PersonName {key: 'anilrao'})-[:NAMES]->(p:Person) RETURN p.key AS key",
        database_=db,
    )
    assert [r["key"] for r in records] == ["anilrao"]


def _article(n: int, text: str) -> SourceItem:
    article = ArticleIn(title=f"Talks {n}", text=text, published=dt.date(2024, 5, 8))
    return SourceItem(origin=f"invented-{n}", article=article)


def test_two_reports_with_name_variants_are_one_meeting_of_two_people(
    ingestor: Ingestor, clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    """End to end with the real extractor: one meeting, reported with two writings."""
    db = graph_target.database
    items = [
        _article(1, "Russian Foreign Minister Sergei Volkov met Ghanaian Foreign Minister "
                    "Jonas Osei in Accra on May 7, 2024. They discussed trade."),
        _article(2, "Ghana's Foreign Minister Jonas Osei held talks with Russia's Foreign "
                    "Minister Sergey Volkov in Accra on May 7, 2024, on trade and energy."),
    ]  # fmt: skip
    outcomes = list(ingestor.ingest(items))
    assert [o.status for o in outcomes] == ["new", "new"]
    assert outcomes[0].meetings == outcomes[1].meetings and len(outcomes[0].meetings) == 1
    assert len(people(clean_graph, db)) == 2


def test_a_family_name_alone_joins_the_one_person_of_that_country_it_can_be(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    db = graph_target.database
    ingest(
        clean_graph, db,
        report(1, [("Jonas Osei", "GH", None), ("Anil Rao", "IN", None)]),
        report(2, [("Osei", "GH", None), ("Claire Dumas", "FR", None)]),  # joins
        report(3, [("Dumas", None, None), ("Anil Rao", "IN", None)]),  # no country: apart
    )  # fmt: skip
    assert set(people(clean_graph, db)) == {"Jonas Osei", "Anil Rao", "Claire Dumas", "Dumas"}
    # Two of that family and country: either could be meant, so neither is chosen.
    ingest(
        clean_graph, db,
        report(4, [("Kwame Osei", "GH", None), ("Anil Rao", "IN", None)]),
        report(5, [("Osei", "GH", None), ("Anil Rao", "IN", None)]),
    )  # fmt: skip
    found = people(clean_graph, db)
    assert "Kwame Osei" in found and "Osei" in found
    assert found["Jonas Osei"]["aliases"] == ["Jonas Osei", "Osei"]


def test_a_family_name_alone_takes_the_same_office_too(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    db = graph_target.database
    ingest(clean_graph, db, report(1, [("Jonas Osei", "GH", None), ("Anil Rao", "IN", None)]))
    # Another of the family, of that country, in an office the first never held.
    relative = report(2, [("Osei", "GH", None), ("Claire Dumas", "FR", None)])
    relative.meetings[0].meeting.participants[0].title = "Governor of the Central Bank"
    ingest(clean_graph, db, relative)
    found = people(clean_graph, db)
    assert "Osei" in found and found["Jonas Osei"]["aliases"] == ["Jonas Osei"]
