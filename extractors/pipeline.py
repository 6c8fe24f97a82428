"""The extractor: article in, meetings with participants, place, date and topics out.

``SpacyExtractor`` is the package's one public entry point. It parses articles in
batches with spaCy and runs each through the stages, every one a function over the
parsed article and what the stage before produced:

    people (mentions, titles, sides)  ->  cues (verbs, nouns, headline)
    ->  candidates (the people of each cue, attendance)  ->  encounters (merged, split)
    ->  meetings (filtered, dated, placed, topics, evidence)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc

from domain.errors import InvalidArticle
from domain.models import ArticleIn, Extraction, Meeting
from extractors.article import ParsedArticle, parse_article
from extractors.assembly import to_meetings
from extractors.context import ArticleContext
from extractors.dates import read_dateline
from extractors.descriptors import Affiliation, DescriptorFinder
from extractors.encounters import assemble
from extractors.gazetteer import load_gazetteer
from extractors.lexicon import Lexicon, load_lexicon
from extractors.mentions import MentionFinder
from extractors.participants import AttendanceReader, candidates
from extractors.people import build_roster
from extractors.places import PlaceReader
from extractors.references import Resolver
from extractors.segmentation import prepare
from extractors.sides import publisher_country
from extractors.timing import candidate_date
from extractors.topics import TopicMatcher
from extractors.triggers import CueFinder
from extractors.whereabouts import host_country

RULES_VERSION = "2.2"


class Extractor(Protocol):
    """What the CLI, the ingestion pipeline and the API need from an extractor."""

    version: str

    def extract(self, article: ArticleIn) -> Extraction: ...

    def extract_many(
        self, articles: Iterable[ArticleIn]
    ) -> Iterator[Extraction | InvalidArticle]: ...


def check_article(article: ArticleIn, max_chars: int) -> None:
    """Reject what cannot be extracted, with a reason a user can act on.

    Raises:
        InvalidArticle: empty text, or longer than ``max_chars``.
    """
    if not article.text.strip():
        raise InvalidArticle("article text is empty")
    if len(article.text) > max_chars:
        raise InvalidArticle(
            f"article text has {len(article.text):,} characters; the limit is {max_chars:,}"
        )


class SpacyExtractor:
    """Rule stages over a statistical spaCy pipeline."""

    def __init__(self, nlp: Language, *, max_chars: int = 200_000, batch_size: int = 16) -> None:
        self.lexicon: Lexicon = load_lexicon()
        prepare(nlp, _abbreviated_honorifics(self.lexicon.honorifics), self.lexicon.title_acronyms)
        self.nlp = nlp
        self.max_chars = max_chars
        self.batch_size = batch_size
        self.descriptors = DescriptorFinder(nlp, self.lexicon)
        gazetteer = load_gazetteer()
        self.mentions = MentionFinder(self.lexicon, lambda name: bool(gazetteer.lookup(name)))
        self.cues = CueFinder(self.lexicon)
        self.attendance = AttendanceReader(self.lexicon)
        self.places = PlaceReader(self.lexicon, gazetteer)
        self.topics = TopicMatcher(nlp)
        meta = nlp.meta
        self.version = (
            f"diplograph-rules-{RULES_VERSION}+{meta['lang']}_{meta['name']}-{meta['version']}"
        )

    @classmethod
    def load(cls, model: str, *, max_chars: int = 200_000) -> SpacyExtractor:
        import spacy

        return cls(spacy.load(model), max_chars=max_chars)

    def extract(self, article: ArticleIn) -> Extraction:
        """Extract the meetings of one article.

        Raises:
            InvalidArticle: the article is empty or too large.
        """
        (result,) = list(self.extract_many([article]))
        if isinstance(result, InvalidArticle):
            raise result
        return result

    def extract_many(self, articles: Iterable[ArticleIn]) -> Iterator[Extraction | InvalidArticle]:
        """Extract many articles through ``nlp.pipe``, in order; invalid ones yield their error."""
        batch: list[ArticleIn] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: Sequence[ArticleIn]) -> Iterator[Extraction | InvalidArticle]:
        errors: dict[int, InvalidArticle] = {}
        texts: list[str] = []
        for k, article in enumerate(batch):
            try:
                check_article(article, self.max_chars)
            except InvalidArticle as exc:
                errors[k] = exc
                texts.extend(["", ""])
                continue
            texts.extend([article.text, article.title or ""])
        docs = list(self.nlp.pipe(map(self._unparsed, texts), batch_size=self.batch_size * 2))
        for k, article in enumerate(batch):
            if k in errors:
                yield errors[k]
                continue
            parsed = parse_article(article, docs[2 * k], docs[2 * k + 1])
            yield Extraction(meetings=self.read(parsed), extractor_version=self.version)

    def _unparsed(self, text: str) -> Doc:
        """The tokens of ``text``, with a wire dateline set apart as a sentence of its own:
        run into the first sentence, it takes the place of that sentence's subject."""
        doc = self.nlp.make_doc(text)
        dateline = read_dateline(text, None)
        if dateline is not None and 0 < dateline.end < len(text):
            first = doc.char_span(dateline.end, len(text), alignment_mode="expand")
            if first is not None and first.start > 0:
                doc[first.start].is_sent_start = True
        return doc

    def read(self, parsed: ParsedArticle) -> list[Meeting]:
        """All the stages over one parsed article."""
        lexicon = self.lexicon
        body_descriptors = self.descriptors.find(parsed.body)
        title_descriptors = self.descriptors.find(parsed.title)
        roster = build_roster(
            parsed.body,
            parsed.title,
            body_descriptors,
            title_descriptors,
            self.mentions,
            lexicon,
            _organisations_named(parsed, body_descriptors.affiliations),
        )
        dateline_place = (
            self.places.name(parsed.dateline.city)
            if parsed.dateline and parsed.dateline.city
            else None
        )
        body = Resolver(
            parsed.body,
            roster,
            body_descriptors,
            lexicon,
            roster.body_owner,
            home=host_country(parsed, self.places, roster.name_at.keys(), dateline_place),
        )
        headline = Resolver(
            parsed.title, roster, title_descriptors, lexicon, roster.title_owner, headline=True
        )
        found = [
            c
            for cue in self.cues.find(parsed.title[:], headline=True)
            for c in candidates(cue, -1, headline)
        ]
        for index, sentence in enumerate(parsed.sentences):
            found += [c for cue in self.cues.find(sentence) for c in candidates(cue, index, body)]
        attendance = self.attendance.read(parsed, roster, body_descriptors)
        events = lexicon.cue("event_nouns")
        media = lexicon.cue("call_words") | lexicon.cue("video_words")
        encounters = assemble(
            found, attendance, lambda c: candidate_date(parsed, c, events, media), parsed.anchor
        )
        context = ArticleContext(
            parsed,
            body_descriptors,
            title_descriptors,
            roster,
            lexicon,
            self.places,
            self.topics,
            dateline_place,
            publisher_country(parsed.article.url),
        )
        return to_meetings(encounters, context)


def _abbreviated_honorifics(honorifics: Iterable[str]) -> set[str]:
    """Honorifics written with a full stop: those listed so ("hon.") and the short ones
    listed without it ("smt" is also written "Smt."), so that the stop ends no sentence."""
    found = {h for h in honorifics if h.endswith(".") and " " not in h}
    found |= {f"{h}." for h in honorifics if h.isalpha() and len(h) <= 4}
    return found


def _organisations_named(parsed: ParsedArticle, affiliations: Iterable[Affiliation]) -> list[str]:
    """Organisations the article names, most often first: whom an unattached
    "Secretary-General" serves."""
    counts = Counter(a.org for a in affiliations if a.org)
    return [code for code, _ in counts.most_common()]
