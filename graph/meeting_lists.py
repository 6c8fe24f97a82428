"""Filtered pages of meetings, newest first, planned so a page costs about a page.

Sorting every meeting of a country to return 20 costs 30-50 ms on a 100k-meeting
graph (10k meetings per country), and neither ArcadeDB nor the Cypher we share with
Neo4j can walk a country's meetings in date order. The date index, though, answers
a date range directly. So a page is read from a window of recent dates first
(``m.date >= $since``): when the window already holds a full page, that page is
exact, because everything outside the window is older than everything in it. When
it does not, the window grows, and in the end the page is read the plain way.

How big the first window should be comes from :class:`MeetingStats` (meetings per
country, topic and day), counted now and then; stale statistics only
make a plan slower, never a page wrong. Rare filters (a few thousand meetings or
fewer) are cheaper to walk from their node, and are.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import neo4j

from graph.connection import read_list, read_rows

# Below this many candidate meetings, walking them from the anchor node is cheaper
# than probing date windows. Measured on 100k meetings: walking a country's 10k
# meetings costs 60-90 ms (6-9 microseconds each), a window holding a page about 9 ms.
WALK_BELOW = 1_000
# Each window is this many times the last; after MAX_WINDOWS the page is read whole.
WINDOW_GROWTH = 4
MAX_WINDOWS = 3

Anchor = Literal["person", "topic", "country", "window", "scan"]


@dataclass(frozen=True)
class MeetingFilter:
    """The filters of GET /meetings; every value reaches Cypher as a parameter."""

    person: str | None = None
    country: str | None = None
    countries: tuple[str, ...] = ()
    topic: str | None = None
    kind: str | None = None
    status: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class MeetingStats:
    """How many meetings there are: per country, per topic, and per day."""

    total: int
    per_day: tuple[tuple[str, int], ...]  # dated meetings per day, oldest first
    countries: Mapping[str, int] = field(default_factory=dict)
    topics: Mapping[str, int] = field(default_factory=dict)

    @property
    def newest(self) -> str | None:
        return self.per_day[-1][0] if self.per_day else None

    def since_for(self, upper: str, expected: float, share: float) -> str | None:
        """The latest day such that [day, upper] should hold ``expected`` matches when
        ``share`` of each day's meetings match; None when the whole history would not.

        Walks the per-day counts back from ``upper``: news is not spread evenly (a
        quiet week, a summit season), so a window sized from the average would
        often come up short.
        """
        days = [d for d, _ in self.per_day]
        k = bisect.bisect_right(days, upper)
        total = 0.0
        while k > 0:
            k -= 1
            total += self.per_day[k][1] * share
            if total >= expected:
                return self.per_day[k][0]
        return None


STATS_TOTAL = """
MATCH (m:Meeting)
RETURN count(m) AS total
"""

STATS_PER_DAY = """
MATCH (m:Meeting)
WHERE m.date IS NOT NULL
WITH m.date AS day, count(*) AS meetings
RETURN collect([day, meetings]) AS rows
"""

STATS_COUNTRIES = """
MATCH (c:Country)
RETURN collect([c.code, size([(c)<-[:INVOLVES]-(m:Meeting) | m.id])]) AS rows
"""

STATS_TOPICS = """
MATCH (t:Topic)
RETURN collect([t.id, size([(t)<-[:ABOUT]-(m:Meeting) | m.id])]) AS rows
"""


async def load_meeting_stats(driver: neo4j.AsyncDriver, database: str) -> MeetingStats:
    """Count meetings (about 1.4 s on 100k meetings: for a cache, not for a request).

    ABOUT edges are per reporting article, so topic counts are an upper bound;
    planning only needs the order of magnitude.
    """
    total = (await read_rows(driver, database, STATS_TOTAL))[0]["total"]
    per_day = await read_list(driver, database, STATS_PER_DAY) or []
    countries = await read_list(driver, database, STATS_COUNTRIES) or []
    topics = await read_list(driver, database, STATS_TOPICS) or []
    return MeetingStats(
        total=int(total),
        per_day=tuple(sorted((str(day), int(n)) for day, n in per_day)),
        countries={code: int(n) for code, n in countries},
        topics={topic: int(n) for topic, n in topics},
    )


@dataclass(frozen=True)
class Plan:
    """Where a page starts: an anchor node to walk from, or date windows to probe."""

    anchor: Anchor
    country: str | None = None  # the country walked from, for anchor "country"
    windows: tuple[str, ...] = ()  # lower date bounds, narrowest first, for "window"
    fallback: Plan | None = None  # for "window": the walk when no window holds a page


def plan_for(
    f: MeetingFilter,
    stats: MeetingStats | None,
    limit: int,
    after_date: str | None,
    walk_below: int = WALK_BELOW,
) -> Plan:
    """The cheapest plan for a page of ``limit`` meetings matching ``f``.

    Args:
        after_date: the date of the last meeting of the previous page ("" once the
            pages have reached undated meetings), None for the first page.
    """
    codes = sorted({c for c in (f.country, *f.countries) if c})
    if f.person:
        return Plan("person")
    candidates: list[tuple[int, Anchor, str | None]] = []
    if stats is not None:
        if f.topic:
            candidates.append((stats.topics.get(f.topic, 0), "topic", None))
        candidates += [(stats.countries.get(code, 0), "country", code) for code in codes]
    elif f.topic:
        candidates.append((0, "topic", None))
    elif codes:
        candidates.append((0, "country", codes[0]))
    walk = min(candidates, default=None)
    if stats is None or after_date == "" or (walk is not None and walk[0] < walk_below):
        return _walk(walk)
    matching = walk[0] if walk else stats.total
    if matching < walk_below or matching == 0:
        return _walk(walk)

    upper = after_date or stats.newest
    if f.date_to and (upper is None or f.date_to < upper):
        upper = f.date_to
    if upper is None:
        return _walk(walk)
    share = min(1.0, matching / max(stats.total, 1))
    windows: list[str] = []
    expected = 2.0 * limit  # twice what the counts predict, for filters they ignore
    for _ in range(MAX_WINDOWS):
        since = stats.since_for(upper, expected, share)
        if since is None or (f.date_from and since <= f.date_from):
            break  # the window would hold everything the walk reads anyway
        if not windows or since < windows[-1]:
            windows.append(since)
        expected *= WINDOW_GROWTH
    if not windows:
        return _walk(walk)
    return Plan("window", windows=tuple(windows), fallback=_walk(walk))


def _walk(walk: tuple[int, Anchor, str | None] | None) -> Plan:
    if walk is None:
        return Plan("scan")
    return Plan(walk[1], country=walk[2])


# What a meeting looks like in a list: attendance rows carry one row per reporting
# article; the API folds them into one participant each. One row of maps (read_list).
_MEETING_ROWS = """
RETURN collect({
  id: m.id, date: m.date, kind: m.kind, status: m.status, city: m.city, country: m.country,
  attendance: [(m)<-[r:ATTENDED]-(p:Person) | {id: p.id, name: p.name, country: r.country,
               org: r.org, title: r.title, role: r.role, former: r.former}],
  topics: [(m)-[:ABOUT]->(t:Topic) | t.id],
  sources: size([(m)<-[:REPORTS]-(a:Article) | a.id])
}) AS rows
"""

_STARTS: dict[Anchor, str] = {
    "person": "MATCH (:Person {id: $person})-[:ATTENDED]->(m:Meeting)\nWITH DISTINCT m",
    "topic": "MATCH (:Topic {id: $topic})<-[:ABOUT]-(m:Meeting)\nWITH DISTINCT m",
    "country": "MATCH (:Country {code: $anchor_country})<-[:INVOLVES]-(m:Meeting)\nWITH DISTINCT m",
    "window": "MATCH (m:Meeting)\nWHERE m.date >= $since\nWITH m",
    "scan": "MATCH (m:Meeting)\nWITH m",
}


# Filters that are one clause on the meeting whatever the plan: (field, clause).
_PLAIN_FILTERS = (
    ("countries", "all(code IN $countries WHERE code IN m.countries)"),
    ("kind", "m.kind = $kind"),
    ("status", "m.status = $status"),
    ("date_from", "m.date >= $date_from"),
    ("date_to", "m.date <= $date_to"),
    ("place", "(toLower(m.city) = toLower($place) OR m.country = toUpper($place))"),
)


def match_meetings(f: MeetingFilter, plan: Plan, *also: str) -> str:
    """The meetings matching ``f`` under ``plan``, one row each as ``m``, unordered.

    Every reader of filtered meetings starts here (the lists below, the exports in
    graph/exports.py), so a filter narrows them all alike. ``also`` are further fixed
    clauses (paging). Patterns start from a bound node: ArcadeDB plans a pattern from
    its first node, so "(p:Person)-[:ATTENDED]->(m)" scans every person where
    "(m)<-[:ATTENDED]-(p)" walks m's edges (116 ms against 15 ms on 1,000 meetings).
    Only fixed clause text is chosen here; all values are parameters
    (:func:`filter_params`).
    """
    lines = [_STARTS[plan.anchor]]
    where: list[str] = []
    if f.person and plan.anchor != "person":
        where.append("(m)<-[:ATTENDED]-(:Person {id: $person})")
    if f.topic and plan.anchor != "topic":
        where.append("(m)-[:ABOUT]->(:Topic {id: $topic})")
    if f.country and not (plan.anchor == "country" and plan.country == f.country):
        where.append("$country IN m.countries")
    where += [clause for field, clause in _PLAIN_FILTERS if getattr(f, field)]
    where += also
    if where:
        lines.append("WHERE " + "\n  AND ".join(where))
    return "\n".join(lines)


def build_meeting_list(f: MeetingFilter, plan: Plan, *, after: tuple[str, str] | None) -> str:
    """The statement for one page of meetings under ``plan``, newest first (undated last)."""
    paging = []
    if after:
        paging.append(
            "(coalesce(m.date, '') < $after_date "
            "OR (coalesce(m.date, '') = $after_date AND m.id < $after_id))"
        )
    return (
        match_meetings(f, plan, *paging)
        + "\nWITH m ORDER BY coalesce(m.date, '') DESC, m.id DESC LIMIT $limit"
        + _MEETING_ROWS
    )


def cypher_examples() -> list[str]:
    """Every shape the builder produces, for the Neo4j linter test."""
    full = MeetingFilter(
        person="p", country="CN", countries=("CN", "US"), topic="t", kind="call",
        status="held", date_from="2024-01-01", date_to="2024-12-31", place="Beijing",
    )  # fmt: skip
    plans = [Plan("person"), Plan("topic"), Plan("country", country="US"), Plan("scan"),
             Plan("window", windows=("2024-01-01",), fallback=Plan("scan"))]  # fmt: skip
    return [build_meeting_list(full, plan, after=("2024-01-01", "x")) for plan in plans] + [
        build_meeting_list(MeetingFilter(), Plan("scan"), after=None),
        build_meeting_list(MeetingFilter(country="CN"), Plan("country", country="CN"), after=None),
    ]


def filter_params(f: MeetingFilter) -> dict[str, Any]:
    """The parameters of :func:`match_meetings` (``anchor_country`` and ``since`` aside)."""
    return {
        "person": f.person,
        "country": f.country,
        "countries": list(f.countries),
        "topic": f.topic,
        "kind": f.kind,
        "status": f.status,
        "date_from": f.date_from,
        "date_to": f.date_to,
        "place": f.place,
    }


def _params(f: MeetingFilter, after: tuple[str, str] | None, limit: int) -> dict[str, Any]:
    params = filter_params(f) | {"limit": limit}
    if after:
        params["after_date"], params["after_id"] = after
    return params


def _newest_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # collect() keeps the ORDER BY in practice; the contract is restated here.
    return sorted(rows, key=lambda r: (r["date"] or "", r["id"]), reverse=True)


async def list_meetings(
    driver: neo4j.AsyncDriver,
    database: str,
    f: MeetingFilter,
    *,
    limit: int,
    after: tuple[str, str] | None = None,
    stats: MeetingStats | None = None,
    walk_below: int = WALK_BELOW,
) -> list[dict[str, Any]]:
    """A page of meetings matching ``f``, newest first.

    Raises:
        GraphUnavailable: the graph cannot be reached.
    """
    plan = plan_for(f, stats, limit, after[0] if after else None, walk_below)
    params = _params(f, after, limit)
    for since in plan.windows:
        statement = build_meeting_list(f, plan, after=after)
        window = await read_list(driver, database, statement, **params, since=since) or []
        if len(window) >= limit:
            return _newest_first(window)
    plan = plan.fallback or plan
    statement = build_meeting_list(f, plan, after=after)
    rows = await read_list(driver, database, statement, **params, anchor_country=plan.country)
    return _newest_first(rows or [])
