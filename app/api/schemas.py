"""Request and response models of the public API."""

from __future__ import annotations

import datetime as dt

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
