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
from tests.builders import facts

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
# Filters matching enough of the 400 meetings for the first page to come from a window.
BROAD = [MeetingFilter(), MeetingFilter(country="CN"), MeetingFilter(topic="economy-trade")]


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
    assert sum(n for _, n in stats.per_day) == 400  # the undated three are not in it
    assert [d for d, _ in stats.per_day] == sorted({d for d, _ in stats.per_day})
    assert stats.countries["CN"] >= 3  # the undated Wang Yi meetings at least
    assert sum(stats.countries.values()) >= stats.total  # a meeting involves 1+ countries
    assert set(stats.topics) >= {"economy-trade", "security-defense"}


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: repr(f)[13:60])
def test_windowed_pages_equal_the_walk(synthetic_graph: GraphTarget, f: MeetingFilter) -> None:
    stats = asyncio.run(_stats(synthetic_graph))
    # walk_below=1 forces date windows wherever the statistics allow them.
    plan = plan_for(f, stats, 8, None, walk_below=1)
    if f in BROAD:
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
        total=real.total * 100, per_day=real.per_day,
        countries={code: n * 100 for code, n in real.countries.items()}, topics=real.topics,
    )  # fmt: skip
    f = MeetingFilter(country="KE")
    assert asyncio.run(_pages(synthetic_graph, f, wrong, walk_below=1)) == asyncio.run(
        _pages(synthetic_graph, f, None, walk_below=1)
    )


def _even(first: str, days: int, per_day: int) -> tuple[tuple[str, int], ...]:
    start = dt.date.fromisoformat(first)
    return tuple(((start + dt.timedelta(days=k)).isoformat(), per_day) for k in range(days))


def test_window_bounds_follow_the_counts_the_cursor_and_the_filter() -> None:
    # 731 days of 100 meetings, CN in a tenth of them: 10 CN meetings a day.
    stats = MeetingStats(total=73_100, per_day=_even("2024-01-01", 731, 100),
                         countries={"CN": 7_310}, topics={})  # fmt: skip
    first = plan_for(MeetingFilter(country="CN"), stats, 21, None)
    assert first.anchor == "window" and first.fallback is not None
    assert first.fallback.anchor == "country" and first.fallback.country == "CN"
    # Twice 21 is 42 expected matches: 5 days back from the newest day (2025-12-31).
    assert first.windows[0] == "2025-12-27"
    assert first.windows == tuple(sorted(first.windows, reverse=True))
    later = plan_for(MeetingFilter(country="CN"), stats, 21, "2025-06-30")
    assert later.windows[0] == "2025-06-26"
    # A quiet last month: the window reaches back past it instead of coming up short.
    quiet_days = stats.per_day[:-30] + _even("2025-12-02", 30, 1)
    quiet = MeetingStats(total=stats.total, per_day=quiet_days, countries=stats.countries)
    assert plan_for(MeetingFilter(country="CN"), quiet, 21, None).windows[0] < "2025-12-01"
    # Bounded by the filter's own lower date: nothing to gain from a window.
    bounded = MeetingFilter(country="CN", date_from="2025-12-30")
    assert plan_for(bounded, stats, 21, None).anchor == "country"
    assert plan_for(MeetingFilter(country="CN"), stats, 21, "").anchor == "country"
    rare = MeetingStats(total=73_100, per_day=stats.per_day, countries={"KE": 40}, topics={})
    assert plan_for(MeetingFilter(country="KE"), rare, 21, None).anchor == "country"
    assert (
        plan_for(MeetingFilter(person="wang-yi", country="CN"), stats, 21, None).anchor == "person"
    )
    assert plan_for(MeetingFilter(), stats, 21, None).anchor == "window"
    assert plan_for(MeetingFilter(), None, 21, None).anchor == "scan"
