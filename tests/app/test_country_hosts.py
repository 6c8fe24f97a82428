"""A meeting held in a country is a meeting of that country, on every country endpoint.

Invented ministers of China, Russia and Kazakhstan meet in Astana, Beijing and Geneva;
nobody from Switzerland attends anything, and Kazakhstan hosts one meeting it sends
nobody to. Counts, partners, bilateral timelines and the meeting lists must tell the
same story.
"""

from __future__ import annotations

import datetime as dt
from itertools import permutations

import neo4j
import pytest
from fastapi.testclient import TestClient

from graph.connection import GraphTarget
from graph.meetings import merge_meetings
from graph.writer import write_articles
from tests.builders import facts

LI = ("Li Wen", "CN", None)
ORLOV = ("Pavel Orlov", "RU", None)
SADYKOVA = ("Aigul Sadykova", "KZ", None)
ASTANA, BEIJING, GENEVA = ("Astana", "KZ"), ("Beijing", "CN"), ("Geneva", "CH")

# text, meeting id, people, day, place (city, country)
MEETINGS = [
    ("Li Wen and Pavel Orlov met in Astana.", "astana", [LI, ORLOV], "2025-03-04", ASTANA),
    ("Li Wen received Pavel Orlov in Beijing.", "beijing", [LI, ORLOV], "2025-05-10", BEIJING),
    ("Aigul Sadykova received Li Wen.", "astana-2", [LI, SADYKOVA], "2025-06-01", ASTANA),
    ("Orlov and Sadykova met in Geneva.", "geneva", [ORLOV, SADYKOVA], "2025-07-01", GENEVA),
    ("Li Wen spoke with Pavel Orlov.", "call", [LI, ORLOV], "2025-08-01", (None, None)),
]


def get(client: TestClient, path: str, **params: object) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def partners_of(client: TestClient, code: str) -> list[dict]:
    return list(get(client, f"/api/v1/countries/{code}/partners")["data"])


@pytest.fixture
def hosts(client: TestClient, clean_graph: neo4j.Driver, graph_target: GraphTarget) -> TestClient:
    batch = [
        facts(text, meeting_id, people, day=dt.date.fromisoformat(day), city=city, country=code)
        for text, meeting_id, people, day, (city, code) in MEETINGS
    ]
    write_articles(clean_graph, graph_target.database, batch)
    return client


def test_country_hosts_count_once_whether_hosting_taking_part_or_both(hosts: TestClient) -> None:
    listed = get(hosts, "/api/v1/countries")
    counts = {c["code"]: (c["meetings"], c["took_part"], c["hosted"]) for c in listed["data"]}
    assert counts == {
        "CN": (4, 4, 1),
        "RU": (4, 4, 0),
        "KZ": (3, 2, 2),  # Astana without Kazakhs, Astana with, Geneva
        "CH": (1, 0, 1),  # sent nobody: listed with 0 before hosts counted
    }
    assert [c["code"] for c in listed["data"]] == ["CN", "RU", "KZ", "CH"]
    assert listed["total"] == get(hosts, "/api/v1/stats")["nodes"]["Country"] == 4
    for code, (meetings, took_part, hosted) in counts.items():
        detail = get(hosts, f"/api/v1/countries/{code.lower()}")
        assert (detail["meetings"], detail["took_part"], detail["hosted"]) == (
            meetings,
            took_part,
            hosted,
        )


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("CH", [("KZ", 1, "2025-07-01"), ("RU", 1, "2025-07-01")]),
        ("KZ", [("RU", 2, "2025-07-01"), ("CN", 2, "2025-06-01"), ("CH", 1, "2025-07-01")]),
        ("CN", [("RU", 3, "2025-08-01"), ("KZ", 2, "2025-06-01")]),
        ("RU", [("CN", 3, "2025-08-01"), ("KZ", 2, "2025-07-01"), ("CH", 1, "2025-07-01")]),
    ],
)
def test_country_hosts_partners_include_hosts_and_their_guests(
    hosts: TestClient, code: str, expected: list[tuple[str, int, str]]
) -> None:
    partners = partners_of(hosts, code)
    assert [(p["code"], p["meetings"], p["last_date"]) for p in partners] == expected


def test_country_hosts_endpoints_agree(hosts: TestClient) -> None:
    countries = {c["code"]: c for c in get(hosts, "/api/v1/countries")["data"]}
    partners = {
        code: {p["code"]: p["meetings"] for p in partners_of(hosts, code)} for code in countries
    }
    for a, b in permutations(countries, 2):
        shared = get(hosts, f"/api/v1/relations/{a}/{b}")["total"]
        assert partners[a].get(b, 0) == partners[b].get(a, 0) == shared, (a, b)
    for code, country in countries.items():
        took_part = get(hosts, "/api/v1/meetings", country=code, limit=50)["data"]
        held_there = get(hosts, "/api/v1/meetings", place=code, limit=50)["data"]
        assert len(took_part) == country["took_part"], code
        assert len(held_there) == country["hosted"], code
        assert len({m["id"] for m in took_part + held_there}) == country["meetings"], code


def test_country_hosts_follow_the_place_when_duplicates_merge(
    client: TestClient, clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    # Two nodes for one meeting: the one kept knew no place, the duplicate did.
    write_articles(
        clean_graph,
        graph_target.database,
        [
            facts("Li Wen met Pavel Orlov.", "kept", [LI, ORLOV], city=None, country=None),
            facts("They met in Astana.", "dup", [LI, ORLOV], city="Astana", country="KZ"),
        ],
    )
    merge_meetings(clean_graph, graph_target.database, "kept", ["dup"])
    kz = get(client, "/api/v1/countries/KZ")
    assert (kz["meetings"], kz["took_part"], kz["hosted"]) == (1, 0, 1)
    assert [p["code"] for p in partners_of(client, "KZ")] == ["CN", "RU"]
