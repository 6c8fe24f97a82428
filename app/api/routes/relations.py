"""Bilateral timelines: meetings between two countries per month or year."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from app.api.schemas import PersonRef, Relation, RelationBucket
from app.deps import ReadyGraph
from app.problems import READ_ERRORS, ProblemError
from app.security import ReadKey
from graph import countries

router = APIRouter(
    prefix="/relations", tags=["relations"], dependencies=[ReadKey], responses=READ_ERRORS
)

CountryPath = Annotated[
    str,
    Path(
        pattern=r"^[A-Za-z]{2}$",
        description="a two-letter country code (ISO 3166-1 alpha-2), e.g. CN",
    ),
]


@router.get(
    "/{a}/{b}",
    response_model=Relation,
    summary="The bilateral timeline: meetings per interval, the people involved, topics",
)
async def bilateral(
    a: CountryPath,
    b: CountryPath,
    graph: ReadyGraph,
    interval: Annotated[Literal["month", "year"], Query()] = "month",
) -> Relation:
    a, b = a.upper(), b.upper()
    if a == b:
        raise ProblemError(
            422, "validation-error", "Invalid request", "name two different countries"
        )
    for code in (a, b):
        if await countries.get_country(graph.driver, graph.database, code) is None:
            raise ProblemError(404, "not-found", "No such country in the graph", code)
    rows = await countries.bilateral_meetings(graph.driver, graph.database, a, b)
    width = 7 if interval == "month" else 4
    buckets: dict[str, _Bucket] = {}
    undated = 0
    for row in rows:
        if not row["date"]:
            undated += 1
            continue
        bucket = buckets.setdefault(str(row["date"])[:width], _Bucket())
        bucket.add(row)
    timeline = [bucket.public(period) for period, bucket in sorted(buckets.items())]
    return Relation(
        a=a, b=b, interval=interval, total=len(rows), undated=undated, timeline=timeline
    )


@dataclass
class _Bucket:
    ids: list[str] = field(default_factory=list)
    people: dict[str, str] = field(default_factory=dict)
    topics: Counter[str] = field(default_factory=Counter)

    def add(self, row: dict[str, Any]) -> None:
        self.ids.append(str(row["id"]))
        self.people.update({p["id"]: p["name"] for p in row["people"]})
        self.topics.update(set(row["topics"]))

    def public(self, period: str) -> RelationBucket:
        return RelationBucket(
            period=period,
            meetings=len(self.ids),
            meeting_ids=self.ids,
            people=[PersonRef(id=pid, name=name) for pid, name in sorted(self.people.items())],
            topics=dict(sorted(self.topics.items())),
        )
