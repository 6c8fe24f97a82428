"""Cached answers over HTTP on a live server: reused until any process writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx2 as httpx
import neo4j

from domain.models import person_key
from graph.connection import GraphTarget
from graph.writer import write_articles
from tests.builders import facts
from tests.conftest import running_api

WANG, WONG, CHO = ("Wang Yi", "CN", None), ("Penny Wong", "AU", None), ("Cho Tae-yul", "KR", None)
COUNTERPARTS = "/api/v1/persons/wang-yi/counterparts"


def _get(base: str, path: str, **headers: str) -> httpx.Response:
    return httpx.get(base + path, headers=headers, timeout=30)


def _names(response: httpx.Response) -> list[str]:
    return [c["name"] for c in response.json()["data"]]


def test_answers_are_reused_until_another_process_writes(
    clean_graph: neo4j.Driver, graph_target: GraphTarget, tmp_path: Path
) -> None:
    db = graph_target.database
    write_articles(clean_graph, db, [facts("Wang met Wong.", "m1", [WANG, WONG])])
    with running_api(graph_target, tmp_path / "api.log") as base:
        first = _get(base, COUNTERPARTS)
        again = _get(base, COUNTERPARTS)
        assert first.status_code == again.status_code == 200
        assert first.headers["x-diplograph-cache"] == "miss"
        assert again.headers["x-diplograph-cache"] == "hit"
        assert again.content == first.content and _names(again) == ["Penny Wong"]
        assert again.headers["content-type"] == first.headers["content-type"]

        # This test process is not the API: the API learns of the write from the graph.
        write_articles(
            clean_graph, db, [facts("Wang met Cho.", "m2", [WANG, CHO], day=dt.date(2025, 5, 1))]
        )
        after = _get(base, COUNTERPARTS)
        assert after.headers["x-diplograph-cache"] == "miss"
        assert sorted(_names(after)) == ["Cho Tae-yul", "Penny Wong"]

        # An edit by hand does not change the token; deleting the token node (as the
        # README says to) expires every cached answer.
        assert _get(base, COUNTERPARTS).headers["x-diplograph-cache"] == "hit"
        clean_graph.execute_query(
            "MATCH (p:Person {key: $key}) SET p.name = 'Cho T.'",
            key=person_key("Cho Tae-yul"),
            database_=db,
        )
        assert _names(_get(base, COUNTERPARTS)) == ["Cho Tae-yul", "Penny Wong"]  # stale
        clean_graph.execute_query("MATCH (v:GraphVersion) DELETE v", database_=db)
        fresh = _get(base, COUNTERPARTS)
        assert fresh.headers["x-diplograph-cache"] == "miss"
        assert sorted(_names(fresh)) == ["Cho T.", "Penny Wong"]

        # Errors and streamed exports are never kept.
        assert [_get(base, "/api/v1/persons/nobody").headers["x-diplograph-cache"]
                for _ in range(2)] == ["miss", "miss"]  # fmt: skip
        assert "x-diplograph-cache" not in _get(base, "/api/v1/export/meetings.csv").headers
        # Different query strings are different answers.
        recent = _get(base, COUNTERPARTS + "?sort=recent")
        assert recent.headers["x-diplograph-cache"] == "miss"
        assert _names(recent) == ["Cho T.", "Penny Wong"]


def test_a_write_through_the_api_expires_answers_at_once(
    clean_graph: neo4j.Driver, graph_target: GraphTarget, tmp_path: Path
) -> None:
    write_articles(clean_graph, graph_target.database, [facts("One.", "m1", [WANG, WONG])])
    with running_api(graph_target, tmp_path / "api.log", DIPLOGRAPH_API_KEYS="k") as base:
        assert _get(base, "/api/v1/stats").headers["x-diplograph-cache"] == "miss"
        before = _get(base, "/api/v1/stats")
        assert before.headers["x-diplograph-cache"] == "hit"
        text = (
            "BEIJING, March 3, 2025 - Chinese Foreign Minister Wang Yi met South Korean "
            "Foreign Minister Cho Tae-yul in Beijing on Monday to discuss trade."
        )
        posted = httpx.post(
            base + "/api/v1/articles", json={"text": text, "published": "2025-03-04"},
            headers={"X-API-Key": "k"}, timeout=60,
        )  # fmt: skip
        assert posted.status_code in (200, 201), posted.text
        after = _get(base, "/api/v1/stats")
        assert after.headers["x-diplograph-cache"] == "miss"
        assert after.json()["nodes"]["Article"] == before.json()["nodes"]["Article"] + 1


def test_cached_answers_still_need_the_key_when_reads_do(
    clean_graph: neo4j.Driver, graph_target: GraphTarget, tmp_path: Path
) -> None:
    write_articles(clean_graph, graph_target.database, [facts("One.", "m1", [WANG, WONG])])
    settings = {"DIPLOGRAPH_API_KEYS": "k", "DIPLOGRAPH_READ_REQUIRES_KEY": "true"}
    with running_api(graph_target, tmp_path / "api.log", **settings) as base:
        assert _get(base, COUNTERPARTS, **{"X-API-Key": "k"}).status_code == 200
        assert _get(base, COUNTERPARTS, **{"X-API-Key": "k"}).headers["x-diplograph-cache"] == "hit"
        assert _get(base, COUNTERPARTS).status_code == 401
        assert _get(base, COUNTERPARTS, **{"X-API-Key": "wrong"}).status_code == 401


def test_the_cache_can_be_turned_off(
    clean_graph: neo4j.Driver, graph_target: GraphTarget, tmp_path: Path
) -> None:
    write_articles(clean_graph, graph_target.database, [facts("One.", "m1", [WANG, WONG])])
    with running_api(graph_target, tmp_path / "api.log", DIPLOGRAPH_RESPONSE_CACHE_MB="0") as base:
        answers = [_get(base, COUNTERPARTS) for _ in range(2)]
        assert all(a.status_code == 200 for a in answers)
        assert all("x-diplograph-cache" not in a.headers for a in answers)
