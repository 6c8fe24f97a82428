"""Everything the last stage reads about one article, in one value."""

from __future__ import annotations

from dataclasses import dataclass

from domain.models import Location
from extractors.article import ParsedArticle
from extractors.descriptors import Descriptors
from extractors.lexicon import Lexicon
from extractors.people import Roster
from extractors.places import PlaceReader
from extractors.topics import TopicMatcher


@dataclass(frozen=True)
class ArticleContext:
    parsed: ParsedArticle
    body_descriptors: Descriptors
    title_descriptors: Descriptors
    roster: Roster
    lexicon: Lexicon
    places: PlaceReader
    topics: TopicMatcher
    dateline_place: Location | None  # the dateline's city in the gazetteer, looked up once
    publisher: str | None  # the state whose government site published the article
