"""Liveness and readiness, outside /api/v1 so orchestrators find them at fixed paths."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from app.deps import Graph
from app.problems import RETRY_AFTER_SECONDS, problem_response
from domain.errors import GraphError
from graph import stats

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["ok"]
    backend: str
    graph: Literal["reachable", "unreachable"]
    nodes: dict[str, int] | None


class Ready(BaseModel):
    status: Literal["ready"]
    backend: str


@router.get("/health", response_model=Health, summary="Liveness, backend and node counts")
async def health(graph: Graph) -> Health:
    """Always 200 while the process runs; node counts when the graph answers."""
    try:
        nodes: dict[str, int] | None = await stats.count_nodes(graph.driver, graph.database)
    except GraphError:
        nodes = None
    return Health(
        status="ok",
        backend=graph.backend_label,
        graph="reachable" if nodes is not None else "unreachable",
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
