"""Domain objects for tests that write to the graph without running the extractor."""

from __future__ import annotations

import datetime as dt

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

VERSION = "test-1"


def evidence(sentence: str = "They met.") -> Evidence:
    return Evidence(sentence=sentence, start=0, end=len(sentence), confidence=0.9)


def facts(
    text: str,
    meeting_id: str,
    people: list[tuple[str, str | None, str | None]],
    *,
    day: dt.date | None = dt.date(2025, 3, 4),
    city: str | None = "Beijing",
    country: str | None = "CN",
    topics: tuple[str, ...] = ("economy-trade",),
    status: str = "held",
    published: dt.date | None = dt.date(2025, 3, 5),
) -> ArticleFacts:
    meeting = Meeting(
        status=status,  # type: ignore[arg-type]
        kind="in_person",
        date=day,
        location=Location(city=city, country=country) if city else None,
        participants=[
            Participant(name=name, country=code, org=org, title="Minister", evidence=evidence())
            for name, code, org in people
        ],
        topics=[TopicMention(id=t, evidence=evidence()) for t in topics],
        evidence=evidence(),
    )
    article = ArticleIn(title="t", text=text, published=published, url=None)
    return ArticleFacts(
        id=article_id(text),
        article=article,
        extractor_version=VERSION,
        meetings=[IdentifiedMeeting(id=meeting_id, meeting=meeting)],
    )
