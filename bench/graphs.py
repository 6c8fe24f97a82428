"""Synthetic facts straight to the writer, for write-rate and bulk-load benchmarks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from bench.synthetic import generate
from domain.identity import new_meeting_id
from domain.models import (
    ArticleFacts,
    ArticleIn,
    Evidence,
    IdentifiedMeeting,
    Location,
    Meeting,
    Participant,
    TopicMention,
    article_id,
)

VERSION = "bench-synthetic"


def synthetic_facts(count: int, seed: int) -> Iterator[ArticleFacts]:
    """``count`` articles of one meeting each, built from the generator's ground truth."""
    for item in generate(count, seed):
        text = str(item.article["text"])
        evidence = Evidence(sentence=text.split("\n")[0], start=0, end=len(text.split("\n")[0]),
                            confidence=0.9)  # fmt: skip
        (truth,) = item.truth
        published = dt.date.fromisoformat(str(item.article["published"]))
        location = truth["location"]
        meeting = Meeting(
            status=truth["status"],
            kind=truth["kind"],
            date=dt.date.fromisoformat(str(truth["date"])),
            location=Location(**location) if isinstance(location, dict) else None,
            participants=[
                Participant(
                    name=p["name"], country=p["country"], title=p["title"], evidence=evidence
                )
                for p in truth["participants"]
            ],
            topics=[TopicMention(id=t, evidence=evidence) for t in truth["topics"]],
            evidence=evidence,
        )
        article = ArticleIn(
            title=str(item.article["title"]), text=text, published=published,
            url=str(item.article["url"]),
        )  # fmt: skip
        yield ArticleFacts(
            id=article_id(text),
            article=article,
            extractor_version=VERSION,
            meetings=[IdentifiedMeeting(id=new_meeting_id(meeting, published), meeting=meeting)],
        )
