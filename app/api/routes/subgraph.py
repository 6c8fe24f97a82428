"""GET /graph: a subgraph around a node as Cytoscape.js elements or GraphML."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from xml.sax.saxutils import escape, quoteattr

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel

from app.deps import ReadyGraph
from app.problems import READ_ERRORS, ProblemError
from app.security import ReadKey
from graph import subgraph

router = APIRouter(prefix="/graph", tags=["graph"], dependencies=[ReadKey], responses=READ_ERRORS)

_KEY_FIELD = {"Country": "code", "Organization": "code"}
_CAPTION = ("name", "title", "code", "date", "id")


class Element(BaseModel):
    data: dict[str, Any]


class Elements(BaseModel):
    nodes: list[Element]
    edges: list[Element]


class CytoscapeGraph(BaseModel):
    elements: Elements
    center: str
    truncated: bool


def _node_id(label: str, props: dict[str, Any]) -> str:
    return f"{label.lower()}:{props.get(_KEY_FIELD.get(label, 'id'))}"


def _node(label: str, props: dict[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in props.items() if v is not None}
    # `label` says what kind of node this is; a Topic's own label is its name.
    if "label" in data:
        data.setdefault("name", data.pop("label"))
    if label == "Place":
        caption = ", ".join(str(data[k]) for k in ("city", "country") if data.get(k))
    else:
        caption = next((str(data[k]) for k in _CAPTION if data.get(k)), label)
    return {**data, "id": _node_id(label, props), "label": label, "caption": caption or label}


@router.get(
    "",
    response_model=CytoscapeGraph,
    summary="Subgraph around a node (Cytoscape.js or GraphML)",
    description="Nodes carry `label` (what they are: Person, Meeting, Country, Topic, "
    "Place, Organization, Article), `caption` (what to write on them) and their "
    "properties. With `from` and/or `to`, the graph as it was in that period: only "
    "meetings dated within it, and what is reached through them.",
    responses={200: {"content": {"application/graphml+xml": {}}}},
)
async def get_subgraph(
    graph: ReadyGraph,
    center: Annotated[
        str,
        Query(
            pattern=r"^(person|country|meeting|topic|place|organization|article):[^\s]{1,200}$",
            description="the node to start from, written kind:id with kind one of person, "
            "country, meeting, topic, place, organization or article and an id without "
            "spaces, e.g. person:wang-yi or country:CN: any node's `id` in an answer",
            examples=["person:wang-yi"],
        ),
    ],
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    limit: Annotated[int, Query(ge=1, le=2000, description="at most this many nodes")] = 200,
    format: Literal["cytoscape", "graphml"] = "cytoscape",
    from_: Annotated[
        dt.date | None,
        Query(
            alias="from",
            description="first day of a period, e.g. 2024-01-01: the graph as it was then, "
            "with only the meetings dated from this day (undated meetings are left out)",
        ),
    ] = None,
    to: Annotated[
        dt.date | None,
        Query(
            description="last day of a period, e.g. 2024-12-31: only the meetings dated up "
            "to this day (undated meetings are left out)",
        ),
    ] = None,
) -> CytoscapeGraph | Response:
    if from_ and to and from_ > to:
        raise ProblemError(422, "validation-error", "Invalid request", "'from' is after 'to'")
    kind, key = center.split(":", 1)
    if kind == "country":
        key = key.upper()
    rows = await subgraph.subgraph(
        graph.driver,
        graph.database,
        kind,
        key,
        depth,
        paths=limit * 4,
        date_from=from_.isoformat() if from_ else None,
        date_to=to.isoformat() if to else None,
    )
    if not rows:
        raise ProblemError(404, "not-found", "No such center node", center)
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[str, dict[str, Any]] = {}
    first = rows[0]
    center_node = _node(first["center_label"], first["center"])
    nodes[center_node["id"]] = center_node
    truncated = False
    for row in rows:
        if row["type"] is None:
            continue
        source = _node(row["source_label"], row["source"])
        target = _node(row["target_label"], row["target"])
        new = [n for n in (source, target) if n["id"] not in nodes]
        if len(nodes) + len(new) > limit:
            truncated = True
            continue
        for n in new:
            nodes[n["id"]] = n
        edge_id = f"{source['id']}-{row['type']}->{target['id']}"
        edges[edge_id] = {
            "id": edge_id,
            "source": source["id"],
            "target": target["id"],
            "label": row["type"],
        }
    if format == "graphml":
        return Response(_graphml(nodes, edges), media_type="application/graphml+xml")
    return CytoscapeGraph(
        elements=Elements(
            nodes=[Element(data=n) for n in nodes.values()],
            edges=[Element(data=e) for e in edges.values()],
        ),
        center=center_node["id"],
        truncated=truncated,
    )


def _graphml(nodes: dict[str, dict[str, Any]], edges: dict[str, dict[str, Any]]) -> str:
    keys = sorted({k for n in nodes.values() for k in n if k != "id"})
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        *(f'  <key id="{k}" for="node" attr.name="{k}" attr.type="string"/>' for k in keys),
        '  <key id="type" for="edge" attr.name="type" attr.type="string"/>',
        '  <graph id="diplograph" edgedefault="directed">',
    ]
    for node in nodes.values():
        lines.append(f"    <node id={quoteattr(node['id'])}>")
        for k in keys:
            if k in node:
                lines.append(f'      <data key="{k}">{escape(str(node[k]))}</data>')
        lines.append("    </node>")
    for edge in edges.values():
        lines.append(
            f"    <edge id={quoteattr(edge['id'])} source={quoteattr(edge['source'])} "
            f'target={quoteattr(edge["target"])}><data key="type">'
            f"{escape(edge['label'])}</data></edge>"
        )
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"
