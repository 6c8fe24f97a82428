"""Liveness and readiness, outside /api/v1 so orchestrators find them at fixed paths."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.deps import Graph
from app.graph_state import GraphHealth
from app.problems import RETRY_AFTER_SECONDS, problem_response
from domain.errors import GraphError
from graph import stats

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: GraphHealth = Field(
        description="The graph's state: `up` (it answers), `restarting` (the embedded "
        "server crashed and is being started again), `down` (it does not answer). "
        "The API itself is alive whenever this endpoint answers 200."
    )
    backend: str
    nodes: dict[str, int] | None = Field(description="Nodes per label; null while down")


class Ready(BaseModel):
    status: Literal["ready"]
    backend: str


@router.get("/health", response_model=Health, summary="Liveness, the graph's state and node counts")
async def health(graph: Graph) -> Health:
    """Always 200 while the process runs; node counts when the graph answers."""
    if graph.health(answers=False) == "restarting":  # no query to wait on: answer now
        return Health(status="restarting", backend=graph.backend_label, nodes=None)
    try:
        nodes: dict[str, int] | None = await stats.count_nodes(graph.driver, graph.database)
    except GraphError:
        nodes = None
    return Health(
        status=graph.health(answers=nodes is not None),
        backend=graph.backend_label,
        nodes=nodes,
    )


@router.get(
    "/ready",
    response_model=Ready,
    summary="Readiness: the graph answers",
    responses={
        503: {"description": "Graph unreachable", "content": {"application/problem+json": {}}}
    },
)
async def ready(graph: Graph) -> Ready | JSONResponse:
    try:
        await stats.ping(graph.driver, graph.database)
        await graph.ensure_ready()
    except GraphError as exc:
        return problem_response(
            503,
            "graph-unavailable",
            "The graph is not reachable",
            str(exc),
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return Ready(status="ready", backend=graph.backend_label)
