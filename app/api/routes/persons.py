"""People: search, detail, their meetings and who they met."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from app.api.pagination import Cursor, Limit, Page, decode_cursor, encode_cursor, offset_from
from app.api.routes.meetings import MeetingQuery, page_of_meetings
from app.api.schemas import (
    Counterpart,
    MeetingSummary,
    NameForm,
    PersonDetail,
    PersonSummary,
    TitleHeld,
)
from app.deps import ReadyGraph
from app.problems import READ_ERRORS, ProblemError
from app.security import ReadKey
from domain.models import fold
from graph import people

router = APIRouter(
    prefix="/persons", tags=["persons"], dependencies=[ReadKey], responses=READ_ERRORS
)

PersonId = Annotated[str, Path(max_length=200, description="person id, e.g. wang-yi")]
CountryCode = Annotated[
    str | None,
    Query(
        pattern=r"^[A-Za-z]{2}$",
        description="a two-letter country code (ISO 3166-1 alpha-2), e.g. CN",
    ),
]


def _latest(titles: list[dict[str, object]]) -> str | None:
    dated = [t for t in titles if t.get("title")]
    if not dated:
        return None
    newest = max(dated, key=lambda t: str(t.get("last_seen") or ""))
    return str(newest["title"])


@router.get("", response_model=Page[PersonSummary], summary="Search people by name or alias")
async def search_persons(
    graph: ReadyGraph,
    q: Annotated[str | None, Query(max_length=100, description="name prefix")] = None,
    country: CountryCode = None,
    limit: Limit = 20,
    cursor: Cursor = None,
) -> Page[PersonSummary]:
    after = decode_cursor(cursor, 1)
    term = fold(q) if q else None
    rows = await people.search_persons(
        graph.driver,
        graph.database,
        q=term or None,
        country=country.upper() if country else None,
        limit=limit + 1,
        after=after[0] if after else "",
    )
    data = [
        PersonSummary(
            id=r["id"],
            name=r["name"],
            aliases=list(r["aliases"] or []),
            countries=sorted({str(x["code"]) for x in r["represents"]}),
            orgs=sorted({str(x["code"]) for x in r["memberships"]}),
            latest_title=_latest([*r["represents"], *r["memberships"]]),
        )
        for r in rows[:limit]
    ]
    next_cursor = encode_cursor(data[-1].id) if len(rows) > limit else None
    return Page(data=data, next_cursor=next_cursor)


@router.get("/{person_id}", response_model=PersonDetail, summary="A person and titles over time")
async def get_person(person_id: PersonId, graph: ReadyGraph) -> PersonDetail:
    row = await people.get_person(graph.driver, graph.database, person_id)
    if row is None:
        raise ProblemError(404, "not-found", "No such person", person_id)
    titles = sorted(
        (TitleHeld.model_validate(t) for t in row["titles"]),
        key=lambda t: (t.first_seen or "", t.title or ""),
    )
    return PersonDetail(
        id=row["id"],
        name=row["name"],
        aliases=list(row["aliases"] or []),
        titles=titles,
        meetings=int(row["meetings"]),
        countries=sorted(row["countries"]),
        names=[NameForm(name=n, articles=a) for n, a in row["names"].items()],
        merged=list(row["merged"]),
    )


@router.get(
    "/{person_id}/meetings",
    response_model=Page[MeetingSummary],
    summary="A person's meetings, newest first",
)
async def person_meetings(
    person_id: PersonId, graph: ReadyGraph, query: MeetingQuery
) -> Page[MeetingSummary]:
    if not await people.person_exists(graph.driver, graph.database, person_id):
        raise ProblemError(404, "not-found", "No such person", person_id)
    return await page_of_meetings(graph, query, person=person_id)


@router.get(
    "/{person_id}/counterparts",
    response_model=Page[Counterpart],
    summary="Who this person met: counts, first and last dates, countries, topics",
)
async def person_counterparts(
    person_id: PersonId,
    graph: ReadyGraph,
    sort: Annotated[Literal["count", "recent"], Query()] = "count",
    limit: Limit = 50,
    cursor: Cursor = None,
    from_: Annotated[
        dt.date | None,
        Query(
            alias="from",
            description="first day of a period, e.g. 2024-01-01: who they met in it, "
            "counted from their meetings dated from this day only (undated ones left out)",
        ),
    ] = None,
    to: Annotated[
        dt.date | None,
        Query(
            description="last day of a period, e.g. 2024-12-31: only meetings dated up to "
            "this day count (undated ones left out)",
        ),
    ] = None,
) -> Page[Counterpart]:
    if from_ and to and from_ > to:
        raise ProblemError(422, "validation-error", "Invalid request", "'from' is after 'to'")
    offset = offset_from(cursor)
    found = await people.counterparts(
        graph.driver,
        graph.database,
        person_id,
        sort=sort,
        offset=offset,
        limit=limit,
        date_from=from_.isoformat() if from_ else None,
        date_to=to.isoformat() if to else None,
    )
    if found is None:
        raise ProblemError(404, "not-found", "No such person", person_id)
    total, rows = found
    page = [
        Counterpart(
            id=r["id"],
            name=r["name"],
            meetings=int(r["count"]),
            first_date=r["first_date"],
            last_date=r["last_date"],
            countries=r["countries"],
            topics=r["topics"],
        )
        for r in rows
    ]
    more = offset + limit < total
    return Page(
        data=page,
        next_cursor=encode_cursor(str(offset + limit)) if more else None,
        total=total,
    )
