"""Shaping graph rows into API models (folding per-article rows into one per thing)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.api.schemas import (
    EvidencePublic,
    MeetingDetail,
    MeetingParticipant,
    MeetingSummary,
    SourcePublic,
)

Row = Mapping[str, Any]


def fold_attendance(rows: Sequence[Row]) -> list[MeetingParticipant]:
    """One participant per person; the first report that states a field wins."""
    people: dict[str, dict[str, Any]] = {}
    for row in rows:
        person = people.setdefault(row["id"], {"id": row["id"], "name": row["name"]})
        for field in ("country", "org", "title", "role"):
            if person.get(field) is None and row.get(field) is not None:
                person[field] = row[field]
        person["former"] = bool(person.get("former") or row.get("former"))
    return [
        MeetingParticipant(
            id=p["id"],
            name=p["name"],
            country=p.get("country"),
            org=p.get("org"),
            title=p.get("title"),
            former=p["former"],
            role=p.get("role"),
        )
        for p in sorted(people.values(), key=lambda p: str(p["name"]))
    ]


def meeting_summary(row: Row) -> MeetingSummary:
    return MeetingSummary(
        id=row["id"],
        date=row["date"],
        kind=row["kind"],
        status=row["status"],
        city=row["city"],
        country=row["country"],
        participants=fold_attendance(row["attendance"]),
        topics=sorted(set(row["topics"])),
        sources=int(row["sources"]),
    )


def meeting_detail(row: Row, sources: Sequence[Row]) -> MeetingDetail:
    summary = meeting_summary(row)
    detail = [
        SourcePublic(
            article_id=s["id"],
            url=s["url"],
            title=s["title"],
            published=s["published"],
            source=s["source"],
            extractor_version=s["extractor_version"],
            evidence=[
                EvidencePublic.model_validate(e)
                for e in [s["meeting_evidence"], *s["participant_evidence"], *s["topic_evidence"]]
            ],
        )
        for s in sources
    ]
    return MeetingDetail(**summary.model_dump(), sources_detail=detail)
