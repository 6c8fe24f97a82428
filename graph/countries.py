"""Countries in the graph: meeting counts, partners, bilateral timelines.

A country's meetings are those it took part in (``(Meeting)-[:INVOLVES]->(Country)``,
from the participants) and those held on its soil (``Meeting.country``, the place the
meeting page shows), each counted once. A meeting between a Peruvian and a Chilean
minister held in Quito is a meeting of Peru, Chile and Ecuador. Every count, partner
list and bilateral timeline below uses that one definition, so partners are symmetric
and a partner's count is the length of the bilateral timeline of the two.

Meetings held in a country are found through the index on ``Meeting.country``
(graph/schema.py): a scalar ArcadeDB can index, unlike the participants' list that
INVOLVES stands in for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import neo4j

from graph.connection import read_list, read_rows

# Per country c: how many meetings were held there (hosted), how many it took part in,
# and the union of the two. A meeting it took part in and hosted is in both counts
# (INVOLVES is one edge per meeting and country), so it is subtracted once.
_COUNTS = """
OPTIONAL MATCH (h:Meeting {country: c.code})
WITH c, count(h) AS hosted
WITH c, hosted, [(c)<-[:INVOLVES]-(m:Meeting) | m.country] AS places
WITH c, hosted, size(places) AS took_part,
     size(places) + hosted - size([place IN places WHERE place = c.code]) AS meetings
"""

LIST_COUNTRIES = f"""
MATCH (c:Country)
{_COUNTS.strip()}
RETURN collect([c.code, c.name, meetings, took_part, hosted]) AS rows
"""

GET_COUNTRY = f"""
MATCH (c:Country {{code: $code}})
{_COUNTS.strip()}
RETURN c.code AS code, c.name AS name, meetings, took_part, hosted,
       size([(c)<-[:REPRESENTS]-(p:Person) | p.id]) AS people
"""

# The meetings of country c (taken part in or held there), one row each as ``m``.
_OWN_MEETINGS = """
OPTIONAL MATCH (h:Meeting {country: c.code})
WITH c, collect(h) + [(c)<-[:INVOLVES]-(m:Meeting) | m] AS own
UNWIND own AS m
WITH DISTINCT m
"""

# The other countries of each of its meetings: those taking part, and the host.
PARTNERS = f"""
MATCH (c:Country {{code: $code}})
{_OWN_MEETINGS.strip()}
UNWIND [(m)-[:INVOLVES]->(o:Country) | o.code] + [host IN [m.country] WHERE host IS NOT NULL]
       AS other
WITH DISTINCT m, other
WHERE other <> $code
WITH other, count(m) AS meetings, max(m.date) AS last_date
MATCH (o:Country {{code: other}})
RETURN o.code AS code, o.name AS name, meetings, last_date
ORDER BY meetings DESC, last_date DESC, code
LIMIT $limit
"""

# Meetings of both states (each took part or hosted), with who attended and what was
# discussed.
BILATERAL = f"""
MATCH (c:Country {{code: $a}})
{_OWN_MEETINGS.strip()}
WHERE m.country = $b OR EXISTS {{ MATCH (m)-[:INVOLVES]->(:Country {{code: $b}}) }}
RETURN m.id AS id, m.date AS date, m.kind AS kind, m.status AS status,
       [(m)<-[:ATTENDED]-(p:Person) | {{id: p.id, name: p.name}}] AS people,
       [(m)-[:ABOUT]->(t:Topic) | t.id] AS topics
ORDER BY coalesce(m.date, ''), m.id
"""


@dataclass(frozen=True)
class CountryCounts:
    """A country and its meetings: ``meetings`` = took part or hosted, each once."""

    code: str
    name: str
    meetings: int
    took_part: int  # the meetings GET /meetings?country= lists
    hosted: int  # held in the country: the meetings GET /meetings?place= lists


@dataclass(frozen=True)
class CountryProfile(CountryCounts):
    people: int  # people who represented it


@dataclass(frozen=True)
class PartnerCount:
    """Another country sharing ``meetings`` meetings with the one asked about."""

    code: str
    name: str
    meetings: int
    last_date: str | None


async def list_countries(driver: neo4j.AsyncDriver, database: str) -> list[CountryCounts]:
    """Every country, most meetings first (then by code).

    Raises:
        GraphUnavailable: the graph cannot be reached.
    """
    rows = await read_list(driver, database, LIST_COUNTRIES) or []
    counted = [CountryCounts(*row) for row in rows]
    return sorted(counted, key=lambda c: (-c.meetings, c.code))


async def get_country(driver: neo4j.AsyncDriver, database: str, code: str) -> CountryProfile | None:
    """One country's counts; None when the graph has no such country.

    Raises:
        GraphUnavailable: the graph cannot be reached.
    """
    rows = await read_rows(driver, database, GET_COUNTRY, code=code)
    return CountryProfile(**rows[0]) if rows else None


async def partners(
    driver: neo4j.AsyncDriver, database: str, code: str, limit: int
) -> list[PartnerCount]:
    """The states ``code`` shares most meetings with (either side taking part or
    hosting), with counts and the last date.

    Raises:
        GraphUnavailable: the graph cannot be reached.
    """
    rows = await read_rows(driver, database, PARTNERS, code=code, limit=limit)
    return [PartnerCount(**row) for row in rows]


async def bilateral_meetings(
    driver: neo4j.AsyncDriver, database: str, a: str, b: str
) -> list[dict[str, Any]]:
    """Every meeting of both ``a`` and ``b`` (each took part or hosted), oldest first.

    Raises:
        GraphUnavailable: the graph cannot be reached.
    """
    return await read_rows(driver, database, BILATERAL, a=a, b=b)
