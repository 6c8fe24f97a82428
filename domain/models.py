"""Pydantic models for articles and the facts extracted from them.

They cross every boundary in the project: the extractors produce them, the graph
writer consumes them and the API serialises them, so field names match the public
JSON (and the evaluation guidelines) exactly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MeetingStatus = Literal["held", "planned"]
MeetingKind = Literal["in_person", "call", "video"]
ParticipantRole = Literal["host", "visitor", "participant"]


class Evidence(BaseModel):
    """Where in the article a fact comes from."""

    sentence: str
    start: int = Field(ge=0, description="Character offset of the sentence in the article text")
    end: int = Field(ge=0)
    confidence: float = Field(ge=0.0, le=1.0)


class Location(BaseModel):
    city: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")


class Participant(BaseModel):
    name: str
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 of the state")
    org: str | None = Field(default=None, description="International organisation, e.g. UN")
    title: str | None = None
    former: bool = False
    role: ParticipantRole | None = None
    aliases: list[str] = Field(default_factory=list)
    evidence: Evidence | None = None


class TopicMention(BaseModel):
    id: str
    evidence: Evidence | None = None


class Meeting(BaseModel):
    status: MeetingStatus
    kind: MeetingKind
    date: dt.date | None = None
    location: Location | None = None
    participants: list[Participant]
    topics: list[TopicMention] = Field(default_factory=list)
    evidence: Evidence | None = None


class ArticleIn(BaseModel):
    """An article as a user supplies it."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    title: str = ""
    text: str
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None

    @field_validator("title", mode="before")
    @classmethod
    def _missing_title_is_empty(cls, value: object) -> object:
        return "" if value is None else value

    @property
    def id(self) -> str:
        return article_id(self.text)


class Extraction(BaseModel):
    """Everything one extractor run found in one article."""

    meetings: list[Meeting]
    extractor_version: str


def normalise_text(text: str) -> str:
    """The form of an article's text that its identity is computed from."""
    folded = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", folded).strip()


def article_id(text: str) -> str:
    """Stable id of an article: identical text (up to whitespace) gives the same id."""
    digest = hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
    return digest[:24]


def person_key(name: str) -> str:
    """Identity key of a person's name across articles.

    Diacritics, case, hyphens, apostrophes and spacing are folded so romanisations
    such as "Lee Hae-chan", "Lee Haechan" and "LEE Hae Chan" meet in one key.
    """
    return re.sub(r"[^0-9a-z]", "", _plain(name))


def person_slug(name: str) -> str:
    """Readable id for a person: lower-case words joined by '-', hyphenated parts fused."""
    stripped = _plain(name)
    # Hyphens (ASCII, U+2010, U+2011), apostrophes and dots join the parts of one name.
    fused = re.sub(r"[-\u2010\u2011'\u2019`.]", "", stripped)
    return "-".join(re.findall(r"[0-9a-z]+", fused))


class IdentifiedMeeting(BaseModel):
    """A meeting together with the id of the Meeting node it belongs to."""

    id: str
    meeting: Meeting


class PersonRef(BaseModel):
    """The Person node a written name was resolved to, and what the graph looks the
    name up by next time (app/person_resolution.py)."""

    person: str = Field(description="Key of the Person node")
    id: str = Field(description="Readable id, used when the node is new")
    display: str = Field(description="The name without courtesy words")
    name_key: str = Field(description="The written form's key: equal for equal names")
    blocks: list[str] = Field(description="Name parts to find candidate persons by")
    lasting: bool = Field(
        default=True,
        description="Whether the form names this person in later articles too: one word "
        "alone (a family name) names them only in its own article",
    )

    @classmethod
    def unresolved(cls, name: str) -> PersonRef:
        """A name nobody resolved: its own person, keyed by its folded form."""
        key = person_key(name)
        return cls(
            person=key,
            id=person_slug(name),
            display=name,
            name_key=key,
            blocks=[w for w in fold(name).split() if len(w) >= 3],
            lasting=len(fold(name).split()) > 1,
        )


class ArticleFacts(BaseModel):
    """One article and its extracted facts, ready for the graph writer."""

    id: str
    article: ArticleIn
    extractor_version: str
    meetings: list[IdentifiedMeeting] = Field(default_factory=list)
    people: dict[str, PersonRef] = Field(
        default_factory=dict, description="Written participant name -> resolved person"
    )

    def person(self, name: str) -> PersonRef:
        return self.people.get(name) or PersonRef.unresolved(name)


def fold(text: str) -> str:
    """Lower case without diacritics, hyphens as spaces: what name search compares."""
    stripped = _plain(text)
    return " ".join(re.findall(r"[0-9a-z]+", stripped.replace("-", " ")))


def search_terms(names: list[str]) -> list[str]:
    """Folded names and each of their words, for prefix search by name or alias.

    Hyphenated parts are also kept fused, so "haechan" finds "Lee Hae-chan".
    """
    terms: list[str] = []
    for name in names:
        folded = fold(name)
        fused = fold(re.sub(r"[-\u2010\u2011]", "", name))
        for term in (folded, fused, *folded.split(), *fused.split()):
            if term and term not in terms:
                terms.append(term)
    return terms


def _plain(text: str) -> str:
    """Case-folded text without diacritics: the base of every name comparison."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
