"""Flat exports for BI tools: one row per meeting and participant, streamed."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from app.deps import ReadyGraph
from app.problems import READ_ERRORS
from app.security import ReadKey
from graph.subgraph import export_rows

router = APIRouter(prefix="/export", tags=["export"], dependencies=[ReadKey], responses=READ_ERRORS)

# Stable column order: add new columns at the end only.
COLUMNS = (
    "meeting_id", "date", "kind", "status", "city", "place_country", "person_id",
    "person_name", "person_country", "person_org", "title", "role", "topics", "sources",
)  # fmt: skip


async def _csv(graph: ReadyGraph) -> AsyncIterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    async for row in export_rows(graph.driver, graph.database):
        cells = {**row, "topics": ";".join(row["topics"])}
        writer.writerow(["" if cells[c] is None else cells[c] for c in COLUMNS])
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


async def _jsonl(graph: ReadyGraph) -> AsyncIterator[str]:
    async for row in export_rows(graph.driver, graph.database):
        yield json.dumps({c: row[c] for c in COLUMNS}, ensure_ascii=False) + "\n"


@router.get(
    "/meetings.csv",
    summary="Every meeting-participant row as CSV (streamed)",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}},
)
async def export_csv(graph: ReadyGraph) -> StreamingResponse:
    return StreamingResponse(
        _csv(graph),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="meetings.csv"'},
    )


@router.get(
    "/meetings.jsonl",
    summary="Every meeting-participant row as JSON Lines (streamed)",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/x-ndjson": {}}}},
)
async def export_jsonl(graph: ReadyGraph) -> StreamingResponse:
    return StreamingResponse(_jsonl(graph), media_type="application/x-ndjson")
