"""docs/queries.cypher: the analysts' queries for Neo4j Browser return what they promise.

Each query is run on the session graph over invented meetings and linted with Neo4j's
own linter, so the file stays valid on both servers the project supports.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import neo4j
import pytest

from domain.models import ArticleFacts, Evidence
from graph.connection import GraphTarget
from graph.writer import write_articles
from tests.builders import facts
from tests.graph.test_cypher_lint import PARAMETER, lint

QUERIES = Path(__file__).resolve().parents[2] / "docs" / "queries.cypher"
SET_PARAMETER = re.compile(r"^:param (\w+) => (.+)$")


@dataclass(frozen=True)
class Query:
    title: str
    comments: str
    text: str

    @property
    def parameters(self) -> set[str]:
        return set(PARAMETER.findall(self.text))


@cache
def read_queries() -> tuple[dict[str, str], dict[str, Query]]:
    """The file's ``:param`` lines (name -> Cypher value) and its queries by title.

    Neo4j Browser splits a favourite at ``;`` and names it by its first ``//`` line;
    the test reads it the same way.
    """
    parameters: dict[str, str] = {}
    queries: dict[str, Query] = {}
    for block in QUERIES.read_text().split(";\n"):
        lines = [line for line in block.strip().splitlines() if line.strip()]
        comments = [line for line in lines if line.startswith("//")]
        commands = [line for line in lines if line.startswith(":")]
        cypher = [line for line in lines if not line.startswith(("//", ":"))]
        for command in commands:
            match = SET_PARAMETER.match(command)
            assert match, f"not a :param line: {command}"
            parameters[match[1]] = match[2]
        if cypher:
            assert not commands, f"a :param line inside the query {comments[0]}"
            title = comments[0].removeprefix("//").strip()
            queries[title] = Query(title, "\n".join(comments), "\n".join(cypher))
    return parameters, queries


def run(driver: neo4j.Driver, database: str, title: str, **params: Any) -> list[dict[str, Any]]:
    query = read_queries()[1][title]
    assert set(params) == query.parameters
    records, _, _ = driver.execute_query(query.text, params, database_=database)
    return [dict(record.items()) for record in records]


def reported(
    text: str,
    meeting: str,
    people: list[tuple[str, str | None, str | None]],
    sentence: str,
    **kwargs: Any,
) -> ArticleFacts:
    """An article reporting one meeting, its participants' evidence being ``sentence``."""
    found = facts(text, meeting, people, **kwargs)
    evidence = Evidence(sentence=sentence, start=0, end=len(sentence), confidence=0.8)
    first = found.meetings[0]
    participants = [p.model_copy(update={"evidence": evidence}) for p in first.meeting.participants]
    return found.model_copy(
        update={
            "article": found.article.model_copy(
                update={"title": f"Report {meeting}", "url": f"https://news.example/{meeting}"}
            ),
            "meetings": [
                first.model_copy(
                    update={
                        "meeting": first.meeting.model_copy(update={"participants": participants})
                    }
                )
            ],
        }
    )


# Invented ministers of real countries.
MIRA = ("Mira Castellanos", "CL", None)
TOMAS = ("Tomas Ekberg", "SE", None)
AIKO = ("Aiko Tanabe", "JP", None)
LENA = ("Lena Okafor", "NG", None)


@pytest.fixture
def meetings(clean_graph: neo4j.Driver, graph_target: GraphTarget) -> neo4j.Driver:
    write_articles(
        clean_graph,
        graph_target.database,
        [
            reported(
                "Castellanos met Ekberg in Santiago.",
                "m-santiago",
                [MIRA, TOMAS],
                "Castellanos received Ekberg in Santiago.",
                day=dt.date(2024, 11, 20),
                city="Santiago",
                country="CL",
                topics=("health",),
            ),
            reported(
                "Castellanos met Ekberg in Beijing.",
                "m-beijing",
                [MIRA, TOMAS],
                "Castellanos and Ekberg met on the sidelines.",
                day=dt.date(2025, 3, 4),
                city="Beijing",
                country="CN",
                topics=("economy-trade",),
            ),
            # A second article on the Beijing meeting, in its own words.
            reported(
                "Ekberg and Castellanos held talks.",
                "m-beijing",
                [TOMAS, MIRA],
                "Ekberg held talks with Castellanos.",
                day=dt.date(2025, 3, 4),
                city="Beijing",
                country="CN",
                topics=("economy-trade",),
                published=dt.date(2025, 3, 6),
            ),
            reported(
                "Ekberg met Tanabe in Tokyo.",
                "m-tokyo",
                [TOMAS, AIKO],
                "Ekberg called on Tanabe.",
                day=dt.date(2025, 6, 10),
                city="Tokyo",
                country="JP",
                topics=("economy-trade", "energy-climate"),
            ),
            # Sweden hosts a Chilean and a Japanese minister: a meeting of Chile and Sweden.
            reported(
                "Castellanos met Tanabe in Stockholm.",
                "m-stockholm",
                [MIRA, AIKO],
                "Castellanos met Tanabe in Stockholm.",
                day=dt.date(2025, 7, 1),
                city="Stockholm",
                country="SE",
                topics=("energy-climate",),
            ),
            reported(
                "Tanabe met Okafor in Lagos.",
                "m-lagos",
                [AIKO, LENA],
                "Tanabe met Okafor.",
                day=dt.date(2026, 1, 15),
                city="Lagos",
                country="NG",
                topics=("health",),
            ),
        ],
    )
    return clean_graph


TITLES = [
    "Who met whom",
    "A person's counterparts",
    "Bilateral timeline of two countries",
    "Topics of a period",
    "Path between two people",
    "A person's meetings with their sources",
]


def test_analyst_queries_file_names_each_query_and_shows_its_parameters() -> None:
    parameters, queries = read_queries()
    assert list(queries) == TITLES
    for query in queries.values():
        # Set at the top of the file, and shown above the query for whoever copies one.
        assert query.parameters <= set(parameters), query.title
        for name in query.parameters:
            assert f"// :param {name} => {parameters[name]}" in query.comments, query.title


def test_analyst_queries_parameter_values_are_cypher(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    parameters, _ = read_queries()
    for name, value in parameters.items():
        records, _, _ = clean_graph.execute_query(
            f"RETURN {value} AS value", database_=graph_target.database
        )
        assert isinstance(records[0]["value"], str), name


def test_analyst_queries_pass_the_neo4j_linter() -> None:
    _, queries = read_queries()
    report = lint({title: query.text for title, query in queries.items()})
    assert {str(r["name"]): r["diagnostics"] for r in report} == {title: [] for title in queries}


def test_analyst_queries_who_met_whom(meetings: neo4j.Driver, graph_target: GraphTarget) -> None:
    rows = run(meetings, graph_target.database, "Who met whom", since="2025-01-01")
    pairs = [
        (frozenset((r["person"], r["counterpart"])), r["meetings"], r["first"], r["last"])
        for r in rows
    ]
    assert pairs[0] == (
        frozenset(("Mira Castellanos", "Tomas Ekberg")),
        2,
        "2024-11-20",
        "2025-03-04",
    )
    assert set(pairs[1:]) == {
        (frozenset(("Tomas Ekberg", "Aiko Tanabe")), 1, "2025-06-10", "2025-06-10"),
        (frozenset(("Mira Castellanos", "Aiko Tanabe")), 1, "2025-07-01", "2025-07-01"),
        (frozenset(("Aiko Tanabe", "Lena Okafor")), 1, "2026-01-15", "2026-01-15"),
    }
    # A pair whose last meeting is before the period is left out.
    later = run(meetings, graph_target.database, "Who met whom", since="2025-06-01")
    assert {frozenset((r["person"], r["counterpart"])) for r in later} == {p[0] for p in pairs[1:]}


def test_analyst_queries_counterparts(meetings: neo4j.Driver, graph_target: GraphTarget) -> None:
    rows = run(
        meetings, graph_target.database, "A person's counterparts", person="mira-castellanos"
    )
    assert [(r["id"], r["countries"], r["meetings"], r["first"], r["last"]) for r in rows] == [
        ("tomas-ekberg", ["SE"], 2, "2024-11-20", "2025-03-04"),
        ("aiko-tanabe", ["JP"], 1, "2025-07-01", "2025-07-01"),
    ]
    assert sorted(rows[0]["topics"]) == ["economy-trade", "health"]


def test_analyst_queries_bilateral_timeline(
    meetings: neo4j.Driver, graph_target: GraphTarget
) -> None:
    rows = run(
        meetings,
        graph_target.database,
        "Bilateral timeline of two countries",
        country_a="CL",
        country_b="SE",
    )
    assert [(r["meeting"], r["date"], r["held_in"]) for r in rows] == [
        ("m-santiago", "2024-11-20", "CL"),
        ("m-beijing", "2025-03-04", "CN"),
        ("m-stockholm", "2025-07-01", "SE"),  # Sweden hosted it
    ]
    assert sorted(rows[1]["people"]) == ["Mira Castellanos", "Tomas Ekberg"]
    assert rows[1]["topics"] == ["Economy, trade and investment"]
    # Either order of the two countries gives the same timeline.
    swapped = run(
        meetings,
        graph_target.database,
        "Bilateral timeline of two countries",
        country_a="SE",
        country_b="CL",
    )
    assert [r["meeting"] for r in swapped] == [r["meeting"] for r in rows]


def test_analyst_queries_topics_of_a_period(
    meetings: neo4j.Driver, graph_target: GraphTarget
) -> None:
    rows = run(
        meetings,
        graph_target.database,
        "Topics of a period",
        since="2025-01-01",
        until="2025-12-31",
    )
    assert [(r["topic"], r["meetings"], r["first"], r["last"]) for r in rows] == [
        ("economy-trade", 2, "2025-03-04", "2025-06-10"),
        ("energy-climate", 2, "2025-06-10", "2025-07-01"),
    ]
    assert all(r["label"] for r in rows)


def test_analyst_queries_path_between_two_people(
    meetings: neo4j.Driver, graph_target: GraphTarget
) -> None:
    rows = run(
        meetings,
        graph_target.database,
        "Path between two people",
        person="mira-castellanos",
        other="lena-okafor",
    )
    assert [(r["people"], r["hops"]) for r in rows] == [
        (["Mira Castellanos", "Aiko Tanabe", "Lena Okafor"], 2)
    ]
    # The path itself, for Neo4j Browser's graph view.
    assert isinstance(rows[0]["path"], neo4j.graph.Path)
    assert [n["id"] for n in rows[0]["path"].nodes] == [
        "mira-castellanos",
        "aiko-tanabe",
        "lena-okafor",
    ]


def test_analyst_queries_meetings_with_sources(
    meetings: neo4j.Driver, graph_target: GraphTarget
) -> None:
    rows = run(
        meetings,
        graph_target.database,
        "A person's meetings with their sources",
        person="tomas-ekberg",
    )
    assert [
        (r["meeting"], r["date"], r["city"], r["article"], r["url"], r["written_as"], r["evidence"])
        for r in rows
    ] == [
        (
            "m-santiago",
            "2024-11-20",
            "Santiago",
            "Report m-santiago",
            "https://news.example/m-santiago",
            "Tomas Ekberg",
            "Castellanos received Ekberg in Santiago.",
        ),
        (
            "m-beijing",
            "2025-03-04",
            "Beijing",
            "Report m-beijing",
            "https://news.example/m-beijing",
            "Tomas Ekberg",
            "Castellanos and Ekberg met on the sidelines.",
        ),
        (
            "m-beijing",
            "2025-03-04",
            "Beijing",
            "Report m-beijing",
            "https://news.example/m-beijing",
            "Tomas Ekberg",
            "Ekberg held talks with Castellanos.",
        ),
        (
            "m-tokyo",
            "2025-06-10",
            "Tokyo",
            "Report m-tokyo",
            "https://news.example/m-tokyo",
            "Tomas Ekberg",
            "Ekberg called on Tanabe.",
        ),
    ]
