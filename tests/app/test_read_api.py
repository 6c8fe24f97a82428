"""The read API over HTTP against the real graph, loaded by the ingestion pipeline.

The graph holds the test articles of tests/extractors, tests/ingest and tests/app:
14 meetings. Every assertion is an answer an analyst would check by hand.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from fastapi.testclient import TestClient

from app.ingest import Ingestor
from app.main import create_app
from app.settings import Settings
from app.sources import read_sources
from extractors.pipeline import SpacyExtractor
from graph.connection import GraphTarget
from tests.conftest import graph_env, wipe

TESTS = Path(__file__).parents[1]
SOURCES = [
    TESTS / "extractors" / "articles",
    TESTS / "ingest" / "articles",
    TESTS / "app" / "articles",
]
TOTAL_MEETINGS = 14


@pytest.fixture(scope="module")
def api(
    driver: neo4j.Driver, graph_target: GraphTarget, extractor: SpacyExtractor
) -> Iterator[TestClient]:
    wipe(driver, graph_target.database)
    ingestor = Ingestor(driver, graph_target.database, extractor)
    outcomes = list(ingestor.ingest(read_sources(SOURCES)))
    assert {o.status for o in outcomes} == {"new"}
    with pytest.MonkeyPatch.context() as mp:
        for key, value in graph_env(graph_target).items():
            mp.setenv(key, value)
        mp.setenv("DIPLOGRAPH_API_KEYS", "reader-key")
        with TestClient(create_app(Settings())) as client:
            yield client


def get(api: TestClient, path: str, **params: object) -> dict:
    response = api.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def all_pages(api: TestClient, path: str, **params: object) -> list[dict]:
    items, cursor, pages = [], None, 0
    while True:
        body = get(api, path, **params, **({"cursor": cursor} if cursor else {}))
        items += body["data"]
        pages += 1
        cursor = body["next_cursor"]
        if not cursor:
            return items
        assert pages < 50


# -- persons ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("kwon", ["kwon-taejin"]),
        ("Kwon Tae-jin", ["kwon-taejin"]),
        ("ZAI", ["pavel-zaitsev"]),
        ("jose", ["jose-manuel-albares"]),  # diacritics folded: José
        ("taejin", ["kwon-taejin"]),  # hyphenated part fused
        ("stubb", ["alexander-stubb"]),
    ],
)
def test_read_api_person_search(api: TestClient, q: str, expected: list[str]) -> None:
    body = get(api, "/api/v1/persons", q=q)
    assert [p["id"] for p in body["data"]] == expected


def test_read_api_person_search_by_country_with_title(api: TestClient) -> None:
    body = get(api, "/api/v1/persons", country="kr")
    (kwon,) = body["data"]
    assert (kwon["name"], kwon["countries"], kwon["latest_title"]) == (
        "Kwon Tae-jin",
        ["KR"],
        "Foreign Minister",
    )


def test_read_api_person_pagination_visits_everyone_once(api: TestClient) -> None:
    everyone = all_pages(api, "/api/v1/persons", limit=4)
    ids = [p["id"] for p in everyone]
    assert len(ids) == len(set(ids)) == 24
    assert ids == sorted(ids)


def test_read_api_person_detail(api: TestClient) -> None:
    body = get(api, "/api/v1/persons/graham-ashworth")
    assert body["meetings"] == 1
    assert body["titles"] == [
        {
            "title": "former Prime Minister",
            "country": "GB",
            "org": None,
            "former": True,
            "first_seen": "2024-06-12",
            "last_seen": "2024-06-12",
        }
    ]
    moretti = get(api, "/api/v1/persons/esteban-moretti")
    assert moretti["titles"][0]["org"] == "IAEA"


def test_read_api_person_meetings_newest_first(api: TestClient) -> None:
    body = get(api, "/api/v1/persons/kwon-taejin/meetings")
    assert [m["date"] for m in body["data"]] == ["2024-09-23", "2024-05-16"]
    assert len(body["data"][0]["participants"]) == 3


def test_read_api_counterparts_who_met_whom(api: TestClient) -> None:
    body = get(api, "/api/v1/persons/alexander-stubb/counterparts")
    (michal,) = body["data"]
    assert michal["id"] == "kristen-michal"
    assert michal["meetings"] == 2
    assert (michal["first_date"], michal["last_date"]) == ("2025-03-10", "2025-04-14")
    assert michal["countries"] == ["EE"]
    assert {"security-defense", "energy-climate", "economy-trade"} <= set(michal["topics"])

    kwon = get(api, "/api/v1/persons/kwon-taejin/counterparts", sort="recent")
    assert [c["id"] for c in kwon["data"]] == [
        "daniel-whitfield",
        "hiroshi-kanemura",
        "michael-caldwell",
    ]
    assert kwon["total"] == 3


# -- meetings -----------------------------------------------------------------------


def test_read_api_meetings_pages_are_newest_first_and_complete(api: TestClient) -> None:
    meetings = all_pages(api, "/api/v1/meetings", limit=5)
    assert len(meetings) == TOTAL_MEETINGS
    assert len({m["id"] for m in meetings}) == TOTAL_MEETINGS
    dates = [m["date"] for m in meetings]
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == "2025-04-14"


@pytest.mark.parametrize(
    ("params", "expected_dates"),
    [
        ({"country": "KR"}, ["2024-09-23", "2024-05-16"]),
        ({"countries": "JP,KR"}, ["2024-09-23"]),
        ({"countries": "EE,FI", "from": "2025-04-01"}, ["2025-04-14"]),
        ({"kind": "call"}, ["2024-02-15"]),
        ({"status": "planned"}, ["2024-07-05"]),
        ({"from": "2024-07-01", "to": "2024-07-31"}, ["2024-07-26", "2024-07-26", "2024-07-05"]),
        ({"place": "tallinn"}, ["2025-03-10"]),
        ({"topic": "nuclear-nonproliferation"}, ["2024-09-23", "2024-05-16", "2024-05-06"]),
        ({"person": "pavel-zaitsev", "status": "held"}, ["2024-10-10"]),
    ],
)
def test_read_api_meeting_filters(api: TestClient, params: dict, expected_dates: list) -> None:
    body = get(api, "/api/v1/meetings", **params)
    assert [m["date"] for m in body["data"]] == expected_dates


def test_read_api_meeting_detail_with_sources_and_evidence(api: TestClient) -> None:
    (listed,) = get(api, "/api/v1/meetings", place="Tallinn")["data"]
    detail = get(api, f"/api/v1/meetings/{listed['id']}")
    assert detail["sources"] == 3
    assert {p["name"] for p in detail["participants"]} == {"Alexander Stubb", "Kristen Michal"}
    michal = next(p for p in detail["participants"] if p["name"] == "Kristen Michal")
    assert (michal["country"], michal["title"], michal["role"]) == ("EE", "Prime Minister", "host")
    texts = {}
    for path in (TESTS / "ingest" / "articles" / "same-meeting").glob("*.json"):
        article = json.loads(path.read_text())
        texts[article["url"]] = article["text"]
    assert {s["url"] for s in detail["sources_detail"]} == set(texts)
    for source in detail["sources_detail"]:
        kinds = {e["kind"] for e in source["evidence"]}
        assert kinds == {"meeting", "participant", "topic"}
        for evidence in source["evidence"]:
            text = texts[source["url"]]
            assert text[evidence["start"] : evidence["end"]] == evidence["sentence"]


# -- countries, relations, topics --------------------------------------------------------


def test_read_api_countries_and_partners(api: TestClient) -> None:
    countries = {c["code"]: c for c in get(api, "/api/v1/countries")["data"]}
    assert countries["KR"]["meetings"] == 2
    assert countries["FI"]["name"] == "Finland"
    detail = get(api, "/api/v1/countries/fi")
    assert (detail["meetings"], detail["people"]) == (2, 1)
    partners = get(api, "/api/v1/countries/KR/partners")["data"]
    assert [(p["code"], p["meetings"], p["last_date"]) for p in partners] == [
        ("US", 2, "2024-09-23"),
        ("JP", 1, "2024-09-23"),
    ]


def test_read_api_bilateral_timeline(api: TestClient) -> None:
    monthly = get(api, "/api/v1/relations/FI/EE", interval="month")
    assert monthly["total"] == 2
    assert [(b["period"], b["meetings"]) for b in monthly["timeline"]] == [
        ("2025-03", 1),
        ("2025-04", 1),
    ]
    assert [p["id"] for p in monthly["timeline"][0]["people"]] == [
        "alexander-stubb",
        "kristen-michal",
    ]
    yearly = get(api, "/api/v1/relations/ee/fi", interval="year")
    assert [(b["period"], b["meetings"]) for b in yearly["timeline"]] == [("2025", 2)]
    assert yearly["timeline"][0]["topics"]["economy-trade"] == 2


def test_read_api_topics_meetings_and_trends(api: TestClient) -> None:
    topics = {t["id"]: t for t in get(api, "/api/v1/topics")["data"]}
    assert len(topics) == 12
    assert topics["nuclear-nonproliferation"]["meetings"] == 3
    meetings = get(api, "/api/v1/topics/nuclear-nonproliferation/meetings", limit=2)
    assert len(meetings["data"]) == 2 and meetings["next_cursor"]
    trend = get(api, "/api/v1/topics/nuclear-nonproliferation/trend", interval="year")
    assert trend["data"] == [{"period": "2024", "topic": "nuclear-nonproliferation", "meetings": 3}]
    everything = get(api, "/api/v1/topics/trends", interval="month")["data"]
    assert {"period": "2025-03", "topic": "energy-climate", "meetings": 1} in everything


# -- graph, exports, stats -----------------------------------------------------------------


def test_read_api_subgraph_cytoscape_and_graphml(api: TestClient) -> None:
    body = get(api, "/api/v1/graph", center="person:alexander-stubb", depth=1)
    nodes = {n["data"]["id"]: n["data"] for n in body["elements"]["nodes"]}
    assert body["center"] == "person:alexander-stubb"
    assert "country:FI" in nodes
    assert sum(1 for n in nodes.values() if n["label"] == "Meeting") == 2
    for edge in body["elements"]["edges"]:
        assert edge["data"]["source"] in nodes and edge["data"]["target"] in nodes

    graphml = api.get(
        "/api/v1/graph", params={"center": "country:fi", "depth": 2, "format": "graphml"}
    )
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    root = ET.fromstring(graphml.text)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    ids = {n.get("id") for n in root.findall(".//g:node", ns)}
    assert {"country:FI", "person:alexander-stubb"} <= ids

    small = get(api, "/api/v1/graph", center="country:FI", depth=3, limit=3)
    assert len(small["elements"]["nodes"]) <= 3 and small["truncated"] is True


def test_read_api_exports_one_row_per_participant(api: TestClient) -> None:
    meetings = all_pages(api, "/api/v1/meetings", limit=50)
    expected_rows = sum(len(m["participants"]) for m in meetings)
    csv_text = api.get("/api/v1/export/meetings.csv").text
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert len(rows) == expected_rows
    assert list(rows[0])[:4] == ["meeting_id", "date", "kind", "status"]
    tallinn = [r for r in rows if r["city"] == "Tallinn"]
    assert {r["person_name"] for r in tallinn} == {"Alexander Stubb", "Kristen Michal"}
    assert all(r["sources"] == "3" for r in tallinn)
    lines = api.get("/api/v1/export/meetings.jsonl").text.splitlines()
    assert len(lines) == expected_rows
    assert json.loads(lines[0])["meeting_id"] == rows[0]["meeting_id"]


def test_read_api_stats(api: TestClient) -> None:
    body = get(api, "/api/v1/stats")
    assert body["nodes"]["Meeting"] == TOTAL_MEETINGS
    assert body["nodes"]["Article"] == 17
    assert body["relationships"]["REPORTS"] == 16
    assert body["last_ingestion"]


# -- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status", "kind"),
    [
        ("/api/v1/persons/nobody", 404, "not-found"),
        ("/api/v1/persons/nobody/counterparts", 404, "not-found"),
        ("/api/v1/meetings/nothing", 404, "not-found"),
        ("/api/v1/countries/ZZ", 404, "not-found"),
        ("/api/v1/topics/weather/meetings", 404, "not-found"),
        ("/api/v1/graph?center=person:nobody", 404, "not-found"),
        ("/api/v1/meetings?limit=100000", 422, "validation-error"),
        ("/api/v1/meetings?cursor=not-a-cursor", 422, "invalid-cursor"),
        ("/api/v1/meetings?cursor=WyJ4Il0", 422, "invalid-cursor"),
        ("/api/v1/meetings?from=2025-01-01&to=2024-01-01", 422, "validation-error"),
        ("/api/v1/meetings?country=China", 422, "validation-error"),
        ("/api/v1/persons/kwon-taejin/counterparts?cursor=WyJhYmMiXQ", 422, "invalid-cursor"),
        ("/api/v1/relations/CN/CN", 422, "validation-error"),
        ("/api/v1/graph?center=planet:mars", 422, "validation-error"),
        ("/api/v1/persons/' OR 1=1 RETURN n //", 404, "not-found"),
    ],
)
def test_read_api_errors_are_problem_json(
    api: TestClient, path: str, status: int, kind: str
) -> None:
    response = api.get(path)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/" + kind)


def test_read_api_reads_can_require_a_key(
    graph_target: GraphTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in graph_env(graph_target).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("DIPLOGRAPH_API_KEYS", "reader-key")
    monkeypatch.setenv("DIPLOGRAPH_READ_REQUIRES_KEY", "true")
    with TestClient(create_app(Settings())) as client:
        assert client.get("/api/v1/meetings").status_code == 401
        ok = client.get("/api/v1/meetings", headers={"X-API-Key": "reader-key"})
        assert ok.status_code == 200
        assert client.get("/health").status_code == 200  # liveness stays open
