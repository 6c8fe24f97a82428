"""Flat exports for BI tools: one row per meeting and participant, streamed.

The exports take the filters of GET /meetings and export exactly the meetings it
lists for them (graph/exports.py reads them through the same query builder).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from app.api.routes.meetings import MeetingFilterQuery, PersonFilter, meeting_filter
from app.deps import ReadyGraph
from app.graph_state import GraphState
from app.problems import READ_ERRORS
from app.security import ReadKey
from graph.exports import export_rows
from graph.meeting_lists import MeetingFilter

router = APIRouter(prefix="/export", tags=["export"], dependencies=[ReadKey], responses=READ_ERRORS)

# Stable column order: add new columns at the end only.
COLUMNS = (
    "meeting_id", "date", "kind", "status", "city", "place_country", "person_id",
    "person_name", "person_country", "person_org", "title", "role", "topics", "sources",
)  # fmt: skip

FILTERS_NOTE = (
    " Takes the filters of GET /api/v1/meetings and exports the meetings it lists for "
    "them, in meeting id order; without filters, every meeting."
)


async def _csv(graph: GraphState, f: MeetingFilter) -> AsyncIterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    async for row in export_rows(graph.driver, graph.database, f):
        cells = {**row, "topics": ";".join(row["topics"])}
        writer.writerow(["" if cells[c] is None else cells[c] for c in COLUMNS])
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


async def _jsonl(graph: GraphState, f: MeetingFilter) -> AsyncIterator[str]:
    async for row in export_rows(graph.driver, graph.database, f):
        yield json.dumps({c: row[c] for c in COLUMNS}, ensure_ascii=False) + "\n"


@router.get(
    "/meetings.csv",
    summary="Meeting-participant rows as CSV (streamed), filtered like /meetings",
    description="One row per meeting and participant, columns in a stable order." + FILTERS_NOTE,
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}},
)
async def export_csv(
    graph: ReadyGraph, query: MeetingFilterQuery, person: PersonFilter = None
) -> StreamingResponse:
    # Validated before the first byte: a bad filter is a 422, never a cut-off 200.
    f = meeting_filter(query, person=person)
    return StreamingResponse(
        _csv(graph, f),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="meetings.csv"'},
    )


@router.get(
    "/meetings.jsonl",
    summary="Meeting-participant rows as JSON Lines (streamed), filtered like /meetings",
    description="One JSON object per meeting and participant, the CSV's columns as keys."
    + FILTERS_NOTE,
    response_class=StreamingResponse,
    responses={200: {"content": {"application/x-ndjson": {}}}},
)
async def export_jsonl(
    graph: ReadyGraph, query: MeetingFilterQuery, person: PersonFilter = None
) -> StreamingResponse:
    f = meeting_filter(query, person=person)
    return StreamingResponse(_jsonl(graph, f), media_type="application/x-ndjson")
