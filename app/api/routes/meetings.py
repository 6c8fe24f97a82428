"""Meetings: filtered lists, newest first, and one meeting with its sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query

from app.api.pagination import Cursor, Limit, Page, decode_cursor, encode_cursor
from app.api.schemas import MeetingDetail, MeetingSummary
from app.api.views import meeting_detail, meeting_summary
from app.deps import ReadyGraph
from app.graph_state import GraphState
from app.problems import READ_ERRORS, ProblemError
from app.security import ReadKey
from graph import meeting_lists, meetings
from graph.meeting_lists import MeetingFilter

router = APIRouter(
    prefix="/meetings", tags=["meetings"], dependencies=[ReadKey], responses=READ_ERRORS
)

Code = Annotated[
    str | None,
    Query(
        pattern=r"^[A-Za-z]{2}$",
        description="a two-letter country code (ISO 3166-1 alpha-2), e.g. CN",
    ),
]


@dataclass
class MeetingFilters:
    """The filters every meeting list and export accepts (the person aside: a path
    parameter on /persons/{id}/meetings, a query parameter elsewhere)."""

    country: Code = None
    countries: Annotated[
        str | None,
        Query(
            pattern=r"^[A-Za-z]{2}(,[A-Za-z]{2}){1,9}$",
            description="two to ten two-letter country codes separated by commas, e.g. CN,US: "
            "the meetings involving all of them",
        ),
    ] = None
    topic: Annotated[str | None, Query(max_length=64)] = None
    kind: Literal["in_person", "call", "video"] | None = None
    status: Literal["held", "planned"] | None = None
    from_: Annotated[dt.date | None, Query(alias="from")] = None
    to: dt.date | None = None
    place: Annotated[str | None, Query(max_length=100, description="city or country code")] = None


@dataclass
class MeetingParams(MeetingFilters):
    """The filters and a page."""

    limit: Limit = 50
    cursor: Cursor = None


MeetingQuery = Annotated[MeetingParams, Depends()]
MeetingFilterQuery = Annotated[MeetingFilters, Depends()]
PersonFilter = Annotated[str | None, Query(max_length=200, description="person id")]


def meeting_filter(query: MeetingFilters, *, person: str | None = None) -> MeetingFilter:
    """The graph's filter for validated query parameters; 422 when 'from' is after 'to'."""
    if query.from_ and query.to and query.from_ > query.to:
        raise ProblemError(422, "validation-error", "Invalid request", "'from' is after 'to'")
    return MeetingFilter(
        person=person,
        country=query.country.upper() if query.country else None,
        countries=tuple(sorted({c.upper() for c in query.countries.split(",")}))
        if query.countries
        else (),
        topic=query.topic,
        kind=query.kind,
        status=query.status,
        date_from=query.from_.isoformat() if query.from_ else None,
        date_to=query.to.isoformat() if query.to else None,
        place=query.place,
    )


async def page_of_meetings(
    graph: GraphState, query: MeetingParams, *, person: str | None = None
) -> Page[MeetingSummary]:
    f = meeting_filter(query, person=person)
    after = decode_cursor(query.cursor, 2)
    rows = await meeting_lists.list_meetings(
        graph.driver,
        graph.database,
        f,
        limit=query.limit + 1,
        after=(after[0], after[1]) if after else None,
        stats=graph.meeting_stats(),
    )
    data = [meeting_summary(r) for r in rows[: query.limit]]
    next_cursor = None
    if len(rows) > query.limit:
        last = data[-1]
        next_cursor = encode_cursor(last.date or "", last.id)
    return Page(data=data, next_cursor=next_cursor)


@router.get(
    "",
    response_model=Page[MeetingSummary],
    summary="Meetings, newest first, filtered by person, country, topic, kind, status, date",
)
async def list_meetings(
    graph: ReadyGraph,
    query: MeetingQuery,
    person: PersonFilter = None,
) -> Page[MeetingSummary]:
    return await page_of_meetings(graph, query, person=person)


@router.get(
    "/{meeting_id}",
    response_model=MeetingDetail,
    summary="One meeting: participants, place, date, topics and every source with evidence",
)
async def get_meeting(
    meeting_id: Annotated[str, Path(max_length=64)], graph: ReadyGraph
) -> MeetingDetail:
    found = await meetings.get_meeting(graph.driver, graph.database, meeting_id)
    if found is None:
        raise ProblemError(404, "not-found", "No such meeting", meeting_id)
    row, sources = found
    return meeting_detail(row, sources)
