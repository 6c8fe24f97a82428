"""One extractor per process, shared by request handlers."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator

from domain.errors import InvalidArticle
from domain.models import ArticleIn, Extraction
from extractors.pipeline import SpacyExtractor


class SharedExtractor:
    """The process's extractor behind a lock.

    spaCy pipelines are not documented as safe to call from several threads at
    once; request handlers run in a thread pool, so calls take turns.
    """

    def __init__(self, extractor: SpacyExtractor) -> None:
        self._extractor = extractor
        self._lock = threading.Lock()
        self.version = extractor.version

    @classmethod
    def load(cls, model: str, max_chars: int) -> SharedExtractor:
        return cls(SpacyExtractor.load(model, max_chars=max_chars))

    def extract(self, article: ArticleIn) -> Extraction:
        with self._lock:
            return self._extractor.extract(article)

    def extract_many(self, articles: Iterable[ArticleIn]) -> Iterator[Extraction | InvalidArticle]:
        with self._lock:
            yield from self._extractor.extract_many(list(articles))
