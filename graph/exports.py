"""The flat meeting export for BI tools: one row per meeting and participant.

The export reads the meetings GET /meetings would list for the same filters
(graph/meeting_lists.py: :func:`match_meetings`), in id order rather than newest first,
so a page is resumed from the last id and a long export never sorts the whole graph.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import neo4j

from graph.connection import read_rows
from graph.meeting_lists import MeetingFilter, Plan, filter_params, match_meetings, plan_for

# A page of meetings (after ``m`` is bound and filtered) as participant rows. An
# attendance is one ATTENDED edge per reporting article; the first one stands for all.
# A meeting nobody attended gives one row without a person, so that the page's last
# id is known even when the page holds no participant at all.
_EXPORT_ROWS = """
WITH m ORDER BY m.id LIMIT $limit
OPTIONAL MATCH (m)<-[r:ATTENDED]-(p:Person)
WITH m, p, collect(r) AS rows
WITH m, p, rows[0] AS r
RETURN m.id AS meeting_id, m.date AS date, m.kind AS kind, m.status AS status,
       m.city AS city, m.country AS place_country, p.id AS person_id, p.name AS person_name,
       r.country AS person_country, r.org AS person_org, r.title AS title, r.role AS role,
       [(m)-[:ABOUT]->(t:Topic) | t.id] AS topics,
       size([(m)<-[:REPORTS]-(a:Article) | a.id]) AS sources
ORDER BY meeting_id, person_id
"""


def build_export_page(f: MeetingFilter, plan: Plan) -> str:
    """The statement for the participant rows of the next ``$limit`` meetings matching
    ``f`` with an id above ``$after``.

    Raises:
        ValueError: a date-window plan (windows serve newest-first pages only).
    """
    if plan.anchor == "window":
        raise ValueError("the export walks its anchor or every meeting, never a date window")
    return match_meetings(f, plan, "m.id > $after") + _EXPORT_ROWS


def cypher_examples() -> list[str]:
    """Every shape the builder produces, for the Neo4j linter test."""
    full = MeetingFilter(
        person="p", country="CN", countries=("CN", "US"), topic="t", kind="call",
        status="held", date_from="2024-01-01", date_to="2024-12-31", place="Beijing",
    )  # fmt: skip
    plans = [Plan("person"), Plan("topic"), Plan("country", country="US"), Plan("scan")]
    return [build_export_page(full, plan) for plan in plans] + [
        build_export_page(MeetingFilter(), Plan("scan")),
        build_export_page(MeetingFilter(country="CN"), Plan("country", country="CN")),
    ]


async def export_rows(
    driver: neo4j.AsyncDriver, database: str, f: MeetingFilter, page: int = 500
) -> AsyncIterator[dict[str, Any]]:
    """Every meeting-participant row of the meetings matching ``f``, in meeting id
    order, fetched ``page`` meetings at a time.

    Raises:
        GraphUnavailable: the graph cannot be reached.
    """
    # Without statistics the plan walks from the rarest anchor the filter names
    # (person, topic, a country) or reads every meeting: no date windows.
    plan = plan_for(f, None, page, None)
    statement = build_export_page(f, plan)
    params = filter_params(f) | {"anchor_country": plan.country, "limit": page}
    after = ""
    while True:
        rows = await read_rows(driver, database, statement, **params, after=after)
        if not rows:
            return
        for row in rows:
            if row["person_id"] is not None:
                row["topics"] = sorted(set(row["topics"]))
                yield row
        after = str(rows[-1]["meeting_id"])
