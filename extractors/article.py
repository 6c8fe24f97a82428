"""One article as every stage reads it: the parses of its text and headline, and its dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from domain.models import ArticleIn
from extractors.dates import Dateline, read_dateline


@dataclass(frozen=True)
class ParsedArticle:
    article: ArticleIn
    body: Doc
    title: Doc
    sentences: tuple[Span, ...]
    dateline: Dateline | None
    lead_start: int  # character offset where the text proper starts (after a dateline)

    @property
    def text(self) -> str:
        """The body's text, as given (``Doc.text`` rebuilds it from every token each time)."""
        return self.article.text

    @property
    def published(self) -> dt.date | None:
        return self.article.published

    @property
    def anchor(self) -> dt.date | None:
        """The day relative dates count from: the dateline's when a wire story gives one."""
        if self.dateline is not None and self.dateline.day is not None:
            return self.dateline.day
        return self.article.published

    def sentence_of(self, token_index: int) -> int:
        """Index of the body sentence holding token ``token_index``."""
        low, high = 0, len(self.sentences) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.sentences[middle].start <= token_index:
                low = middle
            else:
                high = middle - 1
        return low


def parse_article(article: ArticleIn, body: Doc, title: Doc) -> ParsedArticle:
    dateline = read_dateline(article.text, article.published)
    return ParsedArticle(
        article=article,
        body=body,
        title=title,
        sentences=tuple(body.sents),
        dateline=dateline,
        lead_start=dateline.end if dateline else 0,
    )
