"""The exports take the filters of GET /meetings and export exactly what it lists.

Invented ministers of Germany, France, China, Russia and Kazakhstan meet in person, by
call and by video, in Berlin, Paris, Astana and Geneva, one meeting planned and one
undated. For every filter the CSV and JSON Lines exports must hold one row per
participant of exactly the meetings /meetings lists for the same query string.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import json
from collections.abc import Iterator

import neo4j
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from domain.models import ArticleFacts
from graph.connection import GraphTarget, open_async_driver
from graph.exports import export_rows
from graph.meeting_lists import MeetingFilter
from graph.writer import write_articles
from tests.builders import facts
from tests.conftest import graph_env, wipe

VOSS = ("Mara Voss", "DE", None)
PERRIN = ("Luc Perrin", "FR", None)
CHEN = ("Chen Hao", "CN", None)
SOROKIN = ("Ilya Sorokin", "RU", None)
NURLANOVA = ("Aida Nurlanova", "KZ", None)

BERLIN, PARIS, ASTANA, GENEVA = (
    ("Berlin", "DE"),
    ("Paris", "FR"),
    ("Astana", "KZ"),
    ("Geneva", "CH"),
)
NOWHERE = (None, None)
TRADE, SECURITY, CLIMATE, UN = "economy-trade", "security-defense", "energy-climate", "multilateral"

# meeting id, people, day, (city, country), topics, kind, status
MEETINGS = [
    ("berlin", [VOSS, PERRIN], "2024-02-10", BERLIN, (TRADE,), "in_person", "held"),
    ("call", [CHEN, SOROKIN], "2024-03-05", NOWHERE, (SECURITY,), "call", "held"),
    ("paris", [CHEN, PERRIN], "2024-05-20", PARIS, (TRADE, CLIMATE), "in_person", "held"),
    ("video", [VOSS, NURLANOVA], "2024-07-01", NOWHERE, (CLIMATE,), "video", "held"),
    ("astana-planned", [CHEN, NURLANOVA], "2024-09-15", ASTANA, (TRADE,), "in_person", "planned"),
    ("astana", [SOROKIN, NURLANOVA], "2024-11-30", ASTANA, (SECURITY,), "in_person", "held"),
    ("geneva", [VOSS, PERRIN, CHEN], "2025-01-12", GENEVA, (CLIMATE, UN), "in_person", "held"),
    ("undated", [VOSS, SOROKIN], None, BERLIN, ("conflict-crisis",), "call", "held"),
]  # fmt: skip

# Each filter of /meetings alone, then combined; every one keeps some meetings and
# drops others, but the last, which keeps none.
FILTERS = [
    {"country": "CN"},
    {"country": "kz"},
    {"countries": "DE,FR"},
    {"person": "chen-hao"},
    {"topic": "energy-climate"},
    {"kind": "call"},
    {"kind": "video"},
    {"status": "planned"},
    {"from": "2024-07-01"},
    {"to": "2024-05-20"},
    {"from": "2024-03-01", "to": "2024-09-30"},
    {"place": "astana"},
    {"place": "DE"},
    {"country": "CN", "topic": "economy-trade", "status": "held"},
    {"person": "mara-voss", "kind": "call"},
    {"country": "RU", "place": "Paris"},
]


def _article(meeting_id: str, people: list, day: str | None, place: tuple, topics: tuple,
             kind: str, status: str) -> ArticleFacts:  # fmt: skip
    city, country = place
    item = facts(
        f"Ministers met ({meeting_id}).", meeting_id, people,
        day=dt.date.fromisoformat(day) if day else None, city=city, country=country,
        topics=topics, status=status,
    )  # fmt: skip
    item.meetings[0].meeting.kind = kind  # type: ignore[assignment]
    return item


@pytest.fixture(scope="module")
def api(driver: neo4j.Driver, graph_target: GraphTarget) -> Iterator[TestClient]:
    wipe(driver, graph_target.database)
    write_articles(driver, graph_target.database, [_article(*m) for m in MEETINGS])
    with pytest.MonkeyPatch.context() as mp:
        for key, value in graph_env(graph_target).items():
            mp.setenv(key, value)
        with TestClient(create_app(Settings())) as client:
            yield client
    wipe(driver, graph_target.database)


def listed(api: TestClient, params: dict) -> dict[str, set[str]]:
    """What /meetings lists for ``params``: each meeting's participant ids, by meeting."""
    found: dict[str, set[str]] = {}
    cursor = None
    while True:
        page = {"limit": 2, **params, **({"cursor": cursor} if cursor else {})}
        response = api.get("/api/v1/meetings", params=page)
        assert response.status_code == 200, response.text
        body = response.json()
        found |= {m["id"]: {p["id"] for p in m["participants"]} for m in body["data"]}
        cursor = body["next_cursor"]
        if not cursor:
            return found


def exported_csv(api: TestClient, params: dict) -> dict[str, set[str]]:
    response = api.get("/api/v1/export/meetings.csv", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    return _by_meeting([(r["meeting_id"], r["person_id"]) for r in rows])


def exported_jsonl(api: TestClient, params: dict) -> dict[str, set[str]]:
    response = api.get("/api/v1/export/meetings.jsonl", params=params)
    assert response.status_code == 200, response.text
    rows = [json.loads(line) for line in response.text.splitlines()]
    return _by_meeting([(r["meeting_id"], r["person_id"]) for r in rows])


def _by_meeting(pairs: list[tuple[str, str]]) -> dict[str, set[str]]:
    assert len(pairs) == len(set(pairs)), "a participant exported twice"
    found: dict[str, set[str]] = {}
    for meeting_id, person_id in pairs:
        found.setdefault(meeting_id, set()).add(person_id)
    return found


def test_export_filters_none_exports_every_meeting(api: TestClient) -> None:
    everything = listed(api, {})
    assert len(everything) == len(MEETINGS)
    assert exported_csv(api, {}) == exported_jsonl(api, {}) == everything


@pytest.mark.parametrize(
    "params", FILTERS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items())
)
@pytest.mark.parametrize("export", [exported_csv, exported_jsonl], ids=["csv", "jsonl"])
def test_export_filters_narrow_as_the_meeting_list_does(
    api: TestClient, export: object, params: dict
) -> None:
    expected = listed(api, params)
    if params != FILTERS[-1]:
        assert 0 < len(expected) < len(MEETINGS), "the filter should keep some, drop some"
    else:
        assert expected == {}
    assert export(api, params) == expected  # type: ignore[operator]


def test_export_filters_csv_rows_keep_their_columns(api: TestClient) -> None:
    response = api.get("/api/v1/export/meetings.csv", params={"place": "Paris"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["meeting_id"], r["person_name"], r["city"], r["topics"]) for r in rows] == [
        ("paris", "Chen Hao", "Paris", "economy-trade;energy-climate"),
        ("paris", "Luc Perrin", "Paris", "economy-trade;energy-climate"),
    ]


@pytest.mark.parametrize(
    "query",
    [
        "country=China",
        "countries=CN",
        "kind=visit",
        "status=done",
        "from=2024-13-01",
        "from=2025-01-01&to=2024-01-01",
        "place=" + "x" * 101,
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/export/meetings.csv", "/api/v1/export/meetings.jsonl"])
def test_export_filters_bad_value_is_a_problem_like_on_meetings(
    api: TestClient, path: str, query: str
) -> None:
    for url in (f"/api/v1/meetings?{query}", f"{path}?{query}"):
        response = api.get(url)
        assert response.status_code == 422, (url, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"].endswith("/validation-error")


def test_export_filters_pages_of_meetings_add_up(
    api: TestClient, graph_target: GraphTarget
) -> None:
    """Pages of two meetings give the rows one page gives, each once."""

    async def rows(f: MeetingFilter, page: int) -> list[tuple[str, str]]:
        async with open_async_driver(graph_target) as driver:
            return [
                (r["meeting_id"], r["person_id"])
                async for r in export_rows(driver, graph_target.database, f, page=page)
            ]

    for f in (MeetingFilter(), MeetingFilter(country="DE"), MeetingFilter(topic="economy-trade")):
        whole = asyncio.run(rows(f, 500))
        assert asyncio.run(rows(f, 2)) == whole
        assert whole == sorted(whole)


def test_export_filters_documented_in_openapi(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    meeting_params = {p["name"] for p in spec["paths"]["/api/v1/meetings"]["get"]["parameters"]}
    for path in ("/api/v1/export/meetings.csv", "/api/v1/export/meetings.jsonl"):
        params = {p["name"] for p in spec["paths"][path]["get"]["parameters"]}
        assert params == meeting_params - {"limit", "cursor"}
