"""Planned meeting pages (date windows) give exactly the pages of the plain walk."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator

import neo4j
import pytest

from bench.graphs import synthetic_facts
from graph.connection import GraphTarget, open_async_driver
from graph.meeting_lists import (
    MeetingFilter,
    MeetingStats,
    list_meetings,
    load_meeting_stats,
    plan_for,
)
from graph.writer import write_articles
from tests.graph.test_writer import facts

FILTERS = [
    MeetingFilter(),
    MeetingFilter(country="CN"),
    MeetingFilter(topic="economy-trade"),
    MeetingFilter(country="DE", topic="security-defense"),
    MeetingFilter(countries=("CN", "JP")),
    MeetingFilter(kind="call"),
    MeetingFilter(status="planned", country="FR"),
    MeetingFilter(date_from="2024-06-01", date_to="2024-09-30"),
    MeetingFilter(date_to="2024-03-31", country="IN"),
    MeetingFilter(country="ZZ"),
]


@pytest.fixture(scope="module")
def synthetic_graph(driver: neo4j.Driver, graph_target: GraphTarget) -> Iterator[GraphTarget]:
    from tests.conftest import wipe

    wipe(driver, graph_target.database)
    batch = list(synthetic_facts(400, seed=11))
    # Undated meetings come last in every list; a windowed plan must still reach them.
    pair = [("Wang Yi", "CN", None), ("Penny Wong", "AU", None)]
    batch += [facts(f"Undated {k}.", f"undated-{k}", pair, day=None) for k in range(3)]
    for k in range(0, len(batch), 100):
        write_articles(driver, graph_target.database, batch[k : k + 100])
    yield graph_target
    wipe(driver, graph_target.database)


async def _pages(
    target: GraphTarget, f: MeetingFilter, stats: MeetingStats | None, walk_below: int
) -> list[list[str]]:
    pages: list[list[str]] = []
    async with open_async_driver(target) as driver:
        after: tuple[str, str] | None = None
        while True:
            rows = await list_meetings(
                driver, target.database, f, limit=8, after=after, stats=stats,
                walk_below=walk_below,
            )  # fmt: skip
            pages.append([r["id"] for r in rows])
            if len(rows) < 8:
                return pages
            after = (rows[-1]["date"] or "", rows[-1]["id"])


async def _stats(target: GraphTarget) -> MeetingStats:
    async with open_async_driver(target) as driver:
        return await load_meeting_stats(driver, target.database)


def test_stats_count_meetings_per_country_and_topic(synthetic_graph: GraphTarget) -> None:
    stats = asyncio.run(_stats(synthetic_graph))
    assert stats.total == 403
    assert stats.oldest is not None and stats.newest is not None and stats.oldest < stats.newest
    assert stats.countries["CN"] >= 3  # the undated Wang Yi meetings at least
    assert sum(stats.countries.values()) >= stats.total  # a meeting involves 1+ countries
    assert set(stats.topics) >= {"economy-trade", "security-defense"}


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: repr(f)[13:60])
def test_windowed_pages_equal_the_walk(synthetic_graph: GraphTarget, f: MeetingFilter) -> None:
    stats = asyncio.run(_stats(synthetic_graph))
    # walk_below=1 forces date windows wherever the statistics allow them.
    plan = plan_for(f, stats, 8, None, walk_below=1)
    if f.country != "ZZ" and not (f.date_from and f.date_to):
        assert plan.anchor == "window", plan
    walked = asyncio.run(_pages(synthetic_graph, f, None, walk_below=1))
    windowed = asyncio.run(_pages(synthetic_graph, f, stats, walk_below=1))
    assert windowed == walked
    everything = [m for page in walked for m in page]
    assert len(everything) == len(set(everything))
    if f == MeetingFilter():
        assert len(everything) == 403 and everything[-3:] == ["undated-2", "undated-1", "undated-0"]


def test_stale_statistics_still_give_exact_pages(synthetic_graph: GraphTarget) -> None:
    """Statistics that say a country is busy when it is not: slower, never wrong."""
    real = asyncio.run(_stats(synthetic_graph))
    wrong = MeetingStats(
        total=real.total * 100, oldest=real.oldest, newest=real.newest,
        countries={code: n * 100 for code, n in real.countries.items()}, topics=real.topics,
    )  # fmt: skip
    f = MeetingFilter(country="KE")
    assert asyncio.run(_pages(synthetic_graph, f, wrong, walk_below=1)) == asyncio.run(
        _pages(synthetic_graph, f, None, walk_below=1)
    )


def test_window_bounds_follow_the_cursor_and_the_filter() -> None:
    stats = MeetingStats(total=100_000, oldest="2024-01-01", newest="2025-12-31",
                         countries={"CN": 10_000}, topics={})  # fmt: skip
    first = plan_for(MeetingFilter(country="CN"), stats, 21, None)
    assert first.anchor == "window" and first.fallback is not None
    assert first.fallback.anchor == "country" and first.fallback.country == "CN"
    # 10k meetings over 731 days: 13.7 a day; twice what 21 need is 4 days.
    assert first.windows[0] == "2025-12-27"
    assert first.windows == tuple(sorted(first.windows, reverse=True))
    later = plan_for(MeetingFilter(country="CN"), stats, 21, "2025-06-30")
    assert later.windows[0] == (dt.date(2025, 6, 30) - dt.timedelta(days=4)).isoformat()
    assert plan_for(MeetingFilter(country="CN"), stats, 21, "").anchor == "country"
    rare = MeetingStats(total=100_000, oldest="2024-01-01", newest="2025-12-31",
                        countries={"KE": 40}, topics={})  # fmt: skip
    assert plan_for(MeetingFilter(country="KE"), rare, 21, None).anchor == "country"
    assert (
        plan_for(MeetingFilter(person="wang-yi", country="CN"), stats, 21, None).anchor == "person"
    )
