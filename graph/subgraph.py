"""Subgraphs around a node, for dashboards and graph tools, and the flat meeting export."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import neo4j

from graph.connection import read_rows
from graph.schema import RECORDED_RELATIONSHIPS

# The node a subgraph starts from, by kind; the key is always a parameter.
_CENTERS = {
    "person": "MATCH (c:Person {id: $key})",
    "country": "MATCH (c:Country {code: $key})",
    "meeting": "MATCH (c:Meeting {id: $key})",
    "topic": "MATCH (c:Topic {id: $key})",
}
DEPTHS = (1, 2, 3)

# The recorded facts only: MET (graph/met.py) is derived from ATTENDED and would
# put every counterpart one hop from a person, doubling the paths at each depth.
_TRAVERSED = "|".join(RECORDED_RELATIONSHIPS)

_NODE_FIELDS = ".id, .code, .name, .label, .date, .kind, .status, .city, .country, .title, .url"


def build_subgraph(center: str, depth: int) -> str:
    """Paths of up to ``depth`` hops from the center (depth is fixed text: 1, 2 or 3).

    Raises:
        ValueError: unknown center kind or depth outside 1..3.
    """
    if center not in _CENTERS or depth not in DEPTHS:
        raise ValueError(f"no subgraph for center {center!r} at depth {depth}")
    return f"""
{_CENTERS[center]}
OPTIONAL MATCH path = (c)-[:{_TRAVERSED}*1..{depth}]-(n)
WITH c, path LIMIT $paths
WITH c, [r IN CASE WHEN path IS NULL THEN [] ELSE relationships(path) END | r] AS rels
UNWIND CASE WHEN size(rels) = 0 THEN [null] ELSE rels END AS r
WITH DISTINCT c, r
WITH c, r, startNode(r) AS s, endNode(r) AS e
RETURN labels(c)[0] AS center_label, c {{{_NODE_FIELDS}}} AS center,
       type(r) AS type, labels(s)[0] AS source_label, s {{{_NODE_FIELDS}}} AS source,
       labels(e)[0] AS target_label, e {{{_NODE_FIELDS}}} AS target
"""


def cypher_examples() -> list[str]:
    return [build_subgraph(center, depth) for center in _CENTERS for depth in DEPTHS]


async def subgraph(
    driver: neo4j.AsyncDriver, database: str, center: str, key: str, depth: int, paths: int
) -> list[dict[str, Any]]:
    """Edge rows of the subgraph (one row with no edge when the center stands alone).

    Raises:
        GraphUnavailable: the graph cannot be reached.
    """
    return await read_rows(driver, database, build_subgraph(center, depth), key=key, paths=paths)


# One row per meeting and participant, a page of meetings at a time, in id order.
EXPORT_PAGE = """
MATCH (m:Meeting)
WHERE m.id > $after
WITH m ORDER BY m.id LIMIT $limit
MATCH (m)<-[r:ATTENDED]-(p:Person)
WITH m, p, collect(r) AS rows
WITH m, p, rows[0] AS r
RETURN m.id AS meeting_id, m.date AS date, m.kind AS kind, m.status AS status,
       m.city AS city, m.country AS place_country, p.id AS person_id, p.name AS person_name,
       r.country AS person_country, r.org AS person_org, r.title AS title, r.role AS role,
       [(m)-[:ABOUT]->(t:Topic) | t.id] AS topics,
       size([(m)<-[:REPORTS]-(a:Article) | a.id]) AS sources
ORDER BY meeting_id, person_id
"""


async def export_rows(
    driver: neo4j.AsyncDriver, database: str, page: int = 500
) -> AsyncIterator[dict[str, Any]]:
    """Every meeting-participant row, fetched a page of meetings at a time."""
    after = ""
    while True:
        rows = await read_rows(driver, database, EXPORT_PAGE, after=after, limit=page)
        if not rows:
            return
        for row in rows:
            row["topics"] = sorted(set(row["topics"]))
            yield row
        after = str(rows[-1]["meeting_id"])
