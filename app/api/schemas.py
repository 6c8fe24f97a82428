"""Request and response models of the public API."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from domain.models import Meeting

EXAMPLE_ARTICLE: JsonDict = {
    "title": "Chinese FM meets former South Korean PM",
    "text": (
        "Chinese Foreign Minister Wang Yi met former South Korean Prime Minister "
        "Lee Hae-chan in Beijing on Tuesday. They discussed economic cooperation, "
        "Korean Peninsula security and cultural exchanges."
    ),
    "published": "2024-08-29",
    "url": "https://example.org/news/wang-lee",
}


class ArticleCreate(BaseModel):
    """An article as clients send it."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [EXAMPLE_ARTICLE]},
    )

    title: str = Field(default="", max_length=1_000)
    text: str = Field(min_length=1)
    published: dt.date | None = None
    url: str | None = Field(default=None, max_length=2_000)
    source: str | None = Field(default=None, max_length=200)


class ExtractionPublic(BaseModel):
    article_id: str
    extractor_version: str
    meetings: list[Meeting]


# -- people ---------------------------------------------------------------------------


class TitleHeld(BaseModel):
    title: str | None
    country: str | None = None
    org: str | None = None
    former: bool = False
    first_seen: str | None = None
    last_seen: str | None = None


class PersonSummary(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "wang-yi",
                    "name": "Wang Yi",
                    "aliases": ["Wang Yi", "Wang"],
                    "countries": ["CN"],
                    "orgs": [],
                    "latest_title": "Foreign Minister",
                }
            ]
        }
    )

    id: str
    name: str
    aliases: list[str]
    countries: list[str]
    orgs: list[str]
    latest_title: str | None


class NameForm(BaseModel):
    name: str = Field(description="The name as one or more articles wrote it")
    articles: list[str] = Field(description="Ids of the articles that wrote it so")


class PersonDetail(BaseModel):
    id: str
    name: str
    aliases: list[str]
    titles: list[TitleHeld]
    meetings: int
    countries: list[str] = Field(
        description="What the person represents: the countries most articles give, and "
        "any that two or more give (one contradicting article adds none)"
    )
    names: list[NameForm] = Field(
        description="Every way the articles wrote the name, with the articles: how "
        "this node came to be one person (see `diplograph persons`)"
    )
    merged: list[str] = Field(
        description="Ids of the Person nodes merged into this one, by an analyst or "
        "by `persons resolve`"
    )


class Counterpart(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "penny-wong",
                    "name": "Penny Wong",
                    "meetings": 2,
                    "first_date": "2024-03-20",
                    "last_date": "2024-10-15",
                    "countries": ["AU"],
                    "topics": ["economy-trade", "human-rights"],
                }
            ]
        }
    )

    id: str
    name: str
    meetings: int
    first_date: str | None
    last_date: str | None
    countries: list[str]
    topics: list[str]


# -- meetings -------------------------------------------------------------------------


class MeetingParticipant(BaseModel):
    id: str
    name: str
    country: str | None
    org: str | None
    title: str | None
    former: bool
    role: str | None


class MeetingSummary(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "b430b217c00af0302853",
                    "date": "2024-03-20",
                    "kind": "in_person",
                    "status": "held",
                    "city": "Canberra",
                    "country": "AU",
                    "participants": [
                        {
                            "id": "penny-wong",
                            "name": "Penny Wong",
                            "country": "AU",
                            "org": None,
                            "title": "Foreign Minister",
                            "former": False,
                            "role": None,
                        },
                        {
                            "id": "wang-yi",
                            "name": "Wang Yi",
                            "country": "CN",
                            "org": None,
                            "title": "Foreign Minister",
                            "former": False,
                            "role": "visitor",
                        },
                    ],
                    "topics": ["economy-trade", "human-rights"],
                    "sources": 2,
                }
            ]
        }
    )

    id: str
    date: str | None
    kind: str
    status: str
    city: str | None
    country: str | None
    participants: list[MeetingParticipant]
    topics: list[str]
    sources: int


class EvidencePublic(BaseModel):
    kind: Literal["meeting", "participant", "topic"]
    subject: str | None = None
    sentence: str | None
    start: int | None
    end: int | None
    confidence: float | None


class SourcePublic(BaseModel):
    article_id: str
    url: str | None
    title: str | None
    published: str | None
    source: str | None
    extractor_version: str | None
    evidence: list[EvidencePublic]


class MeetingDetail(MeetingSummary):
    sources_detail: list[SourcePublic]


# -- countries, relations, topics -----------------------------------------------------


class CountrySummary(BaseModel):
    code: str
    name: str
    meetings: int = Field(description="Meetings it took part in or hosted, each counted once")
    took_part: int = Field(description="Meetings its officials attended (/meetings?country=)")
    hosted: int = Field(description="Meetings held in the country (/meetings?place=)")


class CountryDetail(CountrySummary):
    people: int


class Partner(BaseModel):
    code: str
    name: str
    meetings: int = Field(
        description="Meetings of both countries, each taking part or hosting (/relations/{a}/{b})"
    )
    last_date: str | None


class PersonRef(BaseModel):
    id: str
    name: str


class RelationBucket(BaseModel):
    period: str
    meetings: int
    meeting_ids: list[str]
    people: list[PersonRef]
    topics: dict[str, int]


class Relation(BaseModel):
    a: str
    b: str
    interval: Literal["month", "year"]
    total: int
    undated: int
    timeline: list[RelationBucket]


class TopicSummary(BaseModel):
    id: str
    label: str
    meetings: int


class TopicTrendPoint(BaseModel):
    period: str
    topic: str
    meetings: int


class Stats(BaseModel):
    nodes: dict[str, int]
    relationships: dict[str, int]
    last_ingestion: str | None
