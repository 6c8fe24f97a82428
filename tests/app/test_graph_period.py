"""The graph and a person's counterparts as they were in a period (`from`, `to`).

Invented ministers: Li Wen (China) meets Pavel Orlov (Russia) in Astana in January
and in Beijing in May, and Aigul Sadykova (Kazakhstan) in Beijing in March and once
on a day no report gives. A period keeps the meetings dated within it, and only what
is reached through them.
"""

from __future__ import annotations

import datetime as dt

import neo4j
import pytest
from fastapi.testclient import TestClient

from graph.connection import GraphTarget
from graph.writer import write_articles
from tests.builders import facts

LI = ("Li Wen", "CN", None)
ORLOV = ("Pavel Orlov", "RU", None)
SADYKOVA = ("Aigul Sadykova", "KZ", None)

# text, meeting id, people, day, city, country, topic
MEETINGS = [
    ("Li Wen met Pavel Orlov in Astana.", "jan", [LI, ORLOV], "2025-01-20", "Astana", "KZ",
     "economy-trade"),
    ("Li Wen received Aigul Sadykova.", "mar", [LI, SADYKOVA], "2025-03-11", "Beijing", "CN",
     "security-defense"),
    ("Li Wen hosted Pavel Orlov again.", "may", [LI, ORLOV], "2025-05-02", "Beijing", "CN",
     "energy-climate"),
    ("Li Wen spoke with Aigul Sadykova.", "undated", [LI, SADYKOVA], None, None, None,
     "economy-trade"),
]  # fmt: skip


def get(client: TestClient, path: str, **params: object) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def counterparts(client: TestClient, **params: object) -> dict[str, tuple]:
    body = get(client, "/api/v1/persons/li-wen/counterparts", **params)
    return {
        c["id"]: (c["meetings"], c["first_date"], c["last_date"], c["topics"]) for c in body["data"]
    }


def drawn(client: TestClient, center: str, **params: object) -> dict[str, dict]:
    body = get(client, "/api/v1/graph", center=center, **params)
    nodes = {n["data"]["id"]: n["data"] for n in body["elements"]["nodes"]}
    for edge in body["elements"]["edges"]:
        assert {edge["data"]["source"], edge["data"]["target"]} <= nodes.keys()
    return nodes


def meetings_in(nodes: dict[str, dict]) -> set[str]:
    return {key.removeprefix("meeting:") for key, n in nodes.items() if n["label"] == "Meeting"}


@pytest.fixture
def year(client: TestClient, clean_graph: neo4j.Driver, graph_target: GraphTarget) -> TestClient:
    batch = [
        facts(
            text,
            meeting_id,
            people,
            day=dt.date.fromisoformat(day) if day else None,
            city=city,
            country=code,
            topics=(topic,),
        )
        for text, meeting_id, people, day, city, code, topic in MEETINGS
    ]
    write_articles(clean_graph, graph_target.database, batch)
    return client


def test_graph_period_counterparts_count_only_meetings_in_the_period(year: TestClient) -> None:
    assert counterparts(year, **{"from": "2025-02-01", "to": "2025-04-30"}) == {
        "aigul-sadykova": (1, "2025-03-11", "2025-03-11", ["security-defense"]),
    }
    # The undated call is in no period; all time, it counts.
    assert counterparts(year, **{"from": "2025-01-01"}) == {
        "pavel-orlov": (2, "2025-01-20", "2025-05-02", ["economy-trade", "energy-climate"]),
        "aigul-sadykova": (1, "2025-03-11", "2025-03-11", ["security-defense"]),
    }
    assert counterparts(year)["aigul-sadykova"][0] == 2
    assert counterparts(year, to="2025-01-31") == {
        "pavel-orlov": (1, "2025-01-20", "2025-01-20", ["economy-trade"]),
    }
    assert counterparts(year, **{"from": "2026-01-01"}) == {}


def test_graph_period_counterparts_sorted_and_paged(year: TestClient) -> None:
    period = {"from": "2025-01-01", "to": "2025-12-31"}
    recent = get(year, "/api/v1/persons/li-wen/counterparts", sort="recent", **period)
    assert [c["id"] for c in recent["data"]] == ["pavel-orlov", "aigul-sadykova"]
    first = get(year, "/api/v1/persons/li-wen/counterparts", sort="recent", limit=1, **period)
    assert (first["total"], [c["id"] for c in first["data"]]) == (2, ["pavel-orlov"])
    second = get(
        year,
        "/api/v1/persons/li-wen/counterparts",
        sort="recent",
        limit=1,
        cursor=first["next_cursor"],
        **period,
    )
    assert [c["id"] for c in second["data"]] == ["aigul-sadykova"]
    assert second["next_cursor"] is None


def test_graph_period_keeps_only_meetings_dated_within(year: TestClient) -> None:
    assert meetings_in(drawn(year, "person:li-wen")) == {"jan", "mar", "may", "undated"}
    spring = drawn(year, "person:li-wen", **{"from": "2025-02-01", "to": "2025-04-30"})
    assert meetings_in(spring) == {"mar"}
    # Orlov is reached only through January and May: not in spring, at any depth.
    assert "person:aigul-sadykova" in drawn(
        year, "person:li-wen", depth=2, **{"from": "2025-02-01", "to": "2025-04-30"}
    )
    assert "person:pavel-orlov" not in drawn(
        year, "person:li-wen", depth=2, **{"from": "2025-02-01", "to": "2025-04-30"}
    )
    assert meetings_in(drawn(year, "country:RU", depth=2, to="2025-03-31")) == {"jan"}
    # Any node drawn can be the next centre, a place as well.
    assert meetings_in(drawn(year, "place:beijing|CN", to="2025-04-30")) == {"mar"}
    # A meeting outside the period stands alone.
    alone = drawn(year, "meeting:may", to="2025-03-31")
    assert list(alone) == ["meeting:may"]


def test_graph_period_rejects_a_reversed_or_malformed_period(year: TestClient) -> None:
    for path in ("/api/v1/graph?center=person:li-wen&", "/api/v1/persons/li-wen/counterparts?"):
        reversed_ = year.get(path + "from=2025-05-01&to=2025-01-01")
        assert reversed_.status_code == 422
        assert reversed_.json()["detail"] == "'from' is after 'to'"
        assert year.get(path + "from=May").status_code == 422
    missing = year.get("/api/v1/persons/nobody/counterparts", params={"from": "2025-01-01"})
    assert missing.status_code == 404


def test_graph_period_nodes_say_what_they_are_and_read_well(year: TestClient) -> None:
    nodes = drawn(year, "person:li-wen", depth=2)
    topic = nodes["topic:security-defense"]
    assert (topic["label"], topic["name"], topic["caption"]) == (
        "Topic",
        "Security and defense",
        "Security and defense",
    )
    assert nodes["place:astana|KZ"]["caption"] == "Astana, KZ"
    # The name resolver's bookkeeping is not part of the picture.
    assert {n["label"] for n in nodes.values()} <= {
        "Person", "Meeting", "Country", "Topic", "Place", "Organization", "Article",
    }  # fmt: skip


def test_graph_period_parameters_are_documented(year: TestClient) -> None:
    paths = get(year, "/openapi.json")["paths"]
    for path in ("/api/v1/graph", "/api/v1/persons/{person_id}/counterparts"):
        params = {p["name"]: p for p in paths[path]["get"]["parameters"]}
        assert {"from", "to"} <= params.keys()
        assert "period" in params["from"]["description"]
        assert "undated" in params["to"]["description"]
