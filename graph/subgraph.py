"""Subgraphs around a node, for dashboards and graph tools, and the flat meeting export."""

from __future__ import annotations

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
    "place": "MATCH (c:Place {id: $key})",
    "organization": "MATCH (c:Organization {code: $key})",
    "article": "MATCH (c:Article {id: $key})",
}
DEPTHS = (1, 2, 3)

# The recorded facts only: MET (graph/met.py) is derived from ATTENDED and would
# put every counterpart one hop from a person, doubling the paths at each depth.
# NAMES and BLOCKED_AS are the name resolver's bookkeeping (PersonName, NameBlock):
# through them every person who shares a name part would be two hops apart, and
# their nodes have no id, so every one of them would be drawn as the same node.
_BOOKKEEPING = ("NAMES", "BLOCKED_AS")
_TRAVERSED = "|".join(r for r in RECORDED_RELATIONSHIPS if r not in _BOOKKEEPING)

# A period keeps the paths whose meetings are all dated within it (undated meetings
# are in no period); other nodes carry no date and pass. $date_from and $date_to are
# ISO days, either may be null for an open end.
_IN_PERIOD = """
WHERE all(x IN nodes(path) WHERE NOT x:Meeting
          OR (x.date IS NOT NULL AND ($date_from IS NULL OR x.date >= $date_from)
              AND ($date_to IS NULL OR x.date <= $date_to)))"""

_NODE_FIELDS = ".id, .code, .name, .label, .date, .kind, .status, .city, .country, .title, .url"


def build_subgraph(center: str, depth: int, period: bool = False) -> str:
    """Paths of up to ``depth`` hops from the center (depth is fixed text: 1, 2 or 3);
    with ``period``, only paths whose meetings are dated from ``$date_from`` to ``$date_to``.

    Raises:
        ValueError: unknown center kind or depth outside 1..3.
    """
    if center not in _CENTERS or depth not in DEPTHS:
        raise ValueError(f"no subgraph for center {center!r} at depth {depth}")
    return f"""
{_CENTERS[center]}
OPTIONAL MATCH path = (c)-[:{_TRAVERSED}*1..{depth}]-(n){_IN_PERIOD if period else ""}
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
    return [
        build_subgraph(center, depth, period)
        for center in _CENTERS
        for depth in DEPTHS
        for period in (False, True)
    ]


async def subgraph(
    driver: neo4j.AsyncDriver,
    database: str,
    center: str,
    key: str,
    depth: int,
    paths: int,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
) -> list[dict[str, Any]]:
    """Edge rows of the subgraph (one row with no edge when the center stands alone).

    Args:
        date_from, date_to: ISO days; with either, the graph as it was in that period:
            only meetings dated within it (an out-of-period meeting as the center
            stands alone).

    Raises:
        GraphUnavailable: the graph cannot be reached.
    """
    period = date_from is not None or date_to is not None
    return await read_rows(
        driver,
        database,
        build_subgraph(center, depth, period),
        key=key,
        paths=paths,
        date_from=date_from,
        date_to=date_to,
    )
