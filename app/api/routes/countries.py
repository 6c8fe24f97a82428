"""Countries: meeting counts and the partners each meets most.

A country's meetings are those it took part in and those held in it (graph/countries.py).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from app.api.pagination import Cursor, Limit, Page, encode_cursor, offset_from
from app.api.schemas import CountryDetail, CountrySummary, Partner
from app.deps import ReadyGraph
from app.problems import READ_ERRORS, ProblemError
from app.security import ReadKey
from graph import countries

router = APIRouter(
    prefix="/countries", tags=["countries"], dependencies=[ReadKey], responses=READ_ERRORS
)

CountryPath = Annotated[
    str,
    Path(
        pattern=r"^[A-Za-z]{2}$",
        description="a two-letter country code (ISO 3166-1 alpha-2), e.g. CN",
    ),
]


@router.get("", response_model=Page[CountrySummary], summary="Countries by number of meetings")
async def list_countries(
    graph: ReadyGraph, limit: Limit = 100, cursor: Cursor = None
) -> Page[CountrySummary]:
    rows = await countries.list_countries(graph.driver, graph.database)
    offset = offset_from(cursor)
    page = [
        CountrySummary.model_validate(r, from_attributes=True)
        for r in rows[offset : offset + limit]
    ]
    more = offset + limit < len(rows)
    return Page(
        data=page, next_cursor=encode_cursor(str(offset + limit)) if more else None, total=len(rows)
    )


@router.get("/{code}", response_model=CountryDetail, summary="One country")
async def get_country(code: CountryPath, graph: ReadyGraph) -> CountryDetail:
    row = await countries.get_country(graph.driver, graph.database, code.upper())
    if row is None:
        raise ProblemError(404, "not-found", "No such country in the graph", code.upper())
    return CountryDetail.model_validate(row, from_attributes=True)


@router.get(
    "/{code}/partners",
    response_model=Page[Partner],
    summary="The countries it shares most meetings with, as participant or host",
)
async def country_partners(
    code: CountryPath, graph: ReadyGraph, limit: Limit = 20, cursor: Cursor = None
) -> Page[Partner]:
    if await countries.get_country(graph.driver, graph.database, code.upper()) is None:
        raise ProblemError(404, "not-found", "No such country in the graph", code.upper())
    offset = offset_from(cursor)
    rows = await countries.partners(graph.driver, graph.database, code.upper(), offset + limit + 1)
    page = [Partner.model_validate(r, from_attributes=True) for r in rows[offset : offset + limit]]
    more = len(rows) > offset + limit
    return Page(data=page, next_cursor=encode_cursor(str(offset + limit)) if more else None)
