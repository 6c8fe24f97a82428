"""GET /stats: what the graph holds and when it was last fed."""

from __future__ import annotations

from fastapi import APIRouter

from app.api.schemas import Stats
from app.deps import ReadyGraph
from app.problems import READ_ERRORS
from app.security import ReadKey
from graph import stats

router = APIRouter(prefix="/stats", tags=["stats"], dependencies=[ReadKey], responses=READ_ERRORS)


@router.get(
    "", response_model=Stats, summary="Nodes by label, relationships by type, last ingestion"
)
async def get_stats(graph: ReadyGraph) -> Stats:
    return Stats(
        nodes=await stats.count_nodes(graph.driver, graph.database),
        relationships=await stats.count_relationships(graph.driver, graph.database),
        last_ingestion=await stats.last_ingestion(graph.driver, graph.database),
    )
