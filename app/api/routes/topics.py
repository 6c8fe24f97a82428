"""Topics: the taxonomy with counts, a topic's meetings, and counts over time."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from app.api.pagination import Page
from app.api.routes.meetings import MeetingQuery, page_of_meetings
from app.api.schemas import MeetingSummary, TopicSummary, TopicTrendPoint
from app.deps import ReadyGraph
from app.problems import READ_ERRORS, ProblemError
from app.security import ReadKey
from graph import topics

router = APIRouter(prefix="/topics", tags=["topics"], dependencies=[ReadKey], responses=READ_ERRORS)

TopicPath = Annotated[str, Path(max_length=64)]
Interval = Annotated[Literal["month", "year"], Query()]


@router.get("", response_model=Page[TopicSummary], summary="The topic taxonomy with counts")
async def list_topics(graph: ReadyGraph) -> Page[TopicSummary]:
    rows = await topics.list_topics(graph.driver, graph.database)
    data = [TopicSummary.model_validate(r) for r in rows]
    return Page(data=data, total=len(data))


@router.get(
    "/trends",
    response_model=Page[TopicTrendPoint],
    summary="Meetings per topic per month or year",
)
async def topic_trends(graph: ReadyGraph, interval: Interval = "month") -> Page[TopicTrendPoint]:
    return Page(data=await _trend(graph, None, interval))


@router.get(
    "/{topic_id}/meetings", response_model=Page[MeetingSummary], summary="A topic's meetings"
)
async def topic_meetings(
    topic_id: TopicPath, graph: ReadyGraph, query: MeetingQuery
) -> Page[MeetingSummary]:
    await _require(graph, topic_id)
    query.topic = topic_id
    return await page_of_meetings(graph, query)


@router.get(
    "/{topic_id}/trend",
    response_model=Page[TopicTrendPoint],
    summary="One topic's meetings per month or year",
)
async def topic_trend(
    topic_id: TopicPath, graph: ReadyGraph, interval: Interval = "month"
) -> Page[TopicTrendPoint]:
    await _require(graph, topic_id)
    return Page(data=await _trend(graph, topic_id, interval))


async def _require(graph: ReadyGraph, topic_id: str) -> None:
    if await topics.get_topic(graph.driver, graph.database, topic_id) is None:
        raise ProblemError(404, "not-found", "No such topic", topic_id)


async def _trend(graph: ReadyGraph, topic: str | None, interval: str) -> list[TopicTrendPoint]:
    width = 7 if interval == "month" else 4
    counts: dict[tuple[str, str], int] = {}
    for topic_id, date in await topics.topic_dates(graph.driver, graph.database, topic):
        key = (date[:width], topic_id)
        counts[key] = counts.get(key, 0) + 1
    return [
        TopicTrendPoint(period=period, topic=topic_id, meetings=n)
        for (period, topic_id), n in sorted(counts.items())
    ]
