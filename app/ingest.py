"""Ingestion: articles in, one Meeting per real meeting out, each fact with its source.

A batch of articles goes through the extractor (``nlp.pipe``) and into the graph in
one transaction. Articles already stored are skipped; a new version of an article
(same URL, new text) replaces the old one's facts in the same transaction.

Extraction runs in this process, or in worker processes (``ExtractionPool``) that
parse the batches ahead of the one being resolved and written.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

from app.extraction_pool import ExtractionPool, Result
from app.person_resolution import PersonResolver
from app.sources import SourceItem
from domain.errors import GraphWriteFailed
from domain.identity import MeetingRef, choose_keeper, new_meeting_id, same_meeting, signature
from domain.models import ArticleFacts, ArticleIn, Extraction, IdentifiedMeeting
from extractors.pipeline import Extractor
from graph.articles import ids_by_url, stored_versions
from graph.connection import SyncDriver
from graph.meetings import find_by_signatures, merge_meetings
from graph.writer import write_articles

log = logging.getLogger(__name__)

Status = Literal["new", "unchanged", "updated", "failed"]


@dataclass
class ArticleOutcome:
    origin: str
    status: Status
    id: str | None = None
    meetings: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def add(self, outcome: ArticleOutcome) -> None:
        self.read += 1
        if outcome.status == "new":
            self.new += 1
        elif outcome.status == "unchanged":
            self.unchanged += 1
        elif outcome.status == "updated":
            self.updated += 1
        else:
            self.failed += 1
            self.failures.append((outcome.origin, outcome.error or "unknown error"))


@dataclass
class _Pending:
    item: SourceItem
    article: ArticleIn
    replacing: list[str]


@dataclass
class _Classified:
    """A batch sorted into what is settled (unreadable, unchanged) and what to extract."""

    batch: list[SourceItem]
    pending: dict[int, _Pending]
    outcomes: dict[int, ArticleOutcome]


@dataclass
class _Prepared:
    size: int
    facts: dict[int, ArticleFacts]
    pending: dict[int, _Pending]
    outcomes: dict[int, ArticleOutcome]


@dataclass
class _Taken:
    """What this run has taken on so far, for batches classified before the ones
    ahead of them are written (the same text twice is one article; a second text
    under one URL replaces the first, as if the first were stored already)."""

    ids: set[str] = field(default_factory=set)
    by_url: dict[str, list[str]] = field(default_factory=dict)

    def add(self, pending: Iterable[_Pending]) -> None:
        for p in pending:
            self.ids.add(p.article.id)
            if p.article.url:
                self.by_url.setdefault(p.article.url, []).append(p.article.id)


def _batches(items: Iterable[SourceItem], size: int) -> Iterator[list[SourceItem]]:
    batch: list[SourceItem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Ingestor:
    """Writes articles and their extracted facts to the graph."""

    def __init__(
        self,
        driver: SyncDriver,
        database: str,
        extractor: Extractor | ExtractionPool,
        *,
        batch_size: int = 32,
    ) -> None:
        self.driver = driver
        self.database = database
        self.extractor = extractor
        self.batch_size = batch_size

    def ingest(
        self,
        items: Iterable[SourceItem],
        progress: Callable[[ArticleOutcome], None] | None = None,
        *,
        reextract: bool = False,
    ) -> Iterator[ArticleOutcome]:
        """Ingest ``items`` batch by batch, yielding one outcome per item in order.

        Args:
            reextract: extract articles already stored again and replace their facts.

        Raises:
            GraphUnavailable: the graph went away; batches already yielded are stored.
        """
        # A pipeline: while the graph server writes batch k (its own process, so
        # another core), this thread resolves batch k+1; with an ExtractionPool the
        # workers already parse the batches after it. A batch still lands in one
        # transaction, and outcomes come out in input order. Meeting identity stays
        # right because every write is followed by the same consolidation that makes
        # concurrent processes safe.
        # One resolver per run: it remembers the people of batches not yet written, and
        # forgets them afterwards, when an analyst may merge or split them.
        people = PersonResolver(self.driver, self.database)
        taken = _Taken()
        lookahead = self.extractor.lookahead if isinstance(self.extractor, ExtractionPool) else 0
        ahead: deque[tuple[_Classified, Callable[[], list[Result]]]] = deque()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="graph-writer") as writer:
            in_flight: Future[list[ArticleOutcome]] | None = None
            for batch in _batches(items, self.batch_size):
                classified = self._classify(batch, reextract, taken)
                ahead.append((classified, self._extract(classified)))
                while len(ahead) > lookahead:
                    prepared = self._prepare(*ahead.popleft(), people)
                    if in_flight is not None:
                        yield from self._report(in_flight.result(), progress)
                    in_flight = writer.submit(self._finish, prepared)
            while ahead:
                prepared = self._prepare(*ahead.popleft(), people)
                if in_flight is not None:
                    yield from self._report(in_flight.result(), progress)
                in_flight = writer.submit(self._finish, prepared)
            if in_flight is not None:
                yield from self._report(in_flight.result(), progress)

    @staticmethod
    def _report(
        outcomes: list[ArticleOutcome], progress: Callable[[ArticleOutcome], None] | None
    ) -> Iterator[ArticleOutcome]:
        for outcome in outcomes:
            if progress is not None:
                progress(outcome)
            yield outcome

    # -- one batch -----------------------------------------------------------------

    def _classify(self, batch: list[SourceItem], reextract: bool, taken: _Taken) -> _Classified:
        """What is new in ``batch``, and which stored articles each new one replaces."""
        outcomes: dict[int, ArticleOutcome] = {}
        candidates: dict[int, ArticleIn] = {}
        for k, item in enumerate(batch):
            if item.article is None:
                outcomes[k] = ArticleOutcome(item.origin, "failed", error=item.error)
            else:
                candidates[k] = item.article

        ids = {k: a.id for k, a in candidates.items()}
        stored = stored_versions(self.driver, self.database, sorted(set(ids.values())))
        seen = set(taken.ids)
        pending: dict[int, _Pending] = {}
        for k, article in candidates.items():
            if ids[k] in seen or (ids[k] in stored and not reextract):
                outcomes[k] = ArticleOutcome(batch[k].origin, "unchanged", id=ids[k])
            else:
                seen.add(ids[k])
                own = [ids[k]] if ids[k] in stored else []
                pending[k] = _Pending(batch[k], article, own)

        urls = sorted({p.article.url for p in pending.values() if p.article.url})
        earlier = ids_by_url(self.driver, self.database, urls)
        for p in pending.values():
            if p.article.url:
                known = earlier.get(p.article.url, []) + taken.by_url.get(p.article.url, [])
                p.replacing += [
                    i for i in dict.fromkeys(known) if i != p.article.id and i not in p.replacing
                ]
        taken.add(pending.values())
        return _Classified(batch, pending, outcomes)

    def _extract(self, classified: _Classified) -> Callable[[], list[Result]]:
        """Start extracting the batch's new articles; the call returns their results."""
        articles = [p.article for p in classified.pending.values()]
        if isinstance(self.extractor, ExtractionPool):
            return self.extractor.submit(articles)
        extractor = self.extractor
        # In this process: extracted when the results are asked for, as before pools.
        return lambda: list(extractor.extract_many(articles))

    def _prepare(
        self,
        classified: _Classified,
        extracted: Callable[[], list[Result]],
        people: PersonResolver,
    ) -> _Prepared:
        """Everything between extraction and the write: who is who, meeting identities."""
        pending, outcomes = classified.pending, classified.outcomes
        facts: dict[int, ArticleFacts] = {}
        for (k, p), result in zip(pending.items(), extracted(), strict=True):
            if not isinstance(result, Extraction):
                outcomes[k] = ArticleOutcome(
                    p.item.origin, "failed", id=p.article.id, error=str(result)
                )
                continue
            facts[k] = ArticleFacts(
                id=p.article.id,
                article=p.article,
                extractor_version=result.extractor_version,
                meetings=[IdentifiedMeeting(id="", meeting=m) for m in result.meetings],
            )
        people.resolve(list(facts.values()))
        self._assign_meeting_ids(list(facts.values()))
        return _Prepared(len(classified.batch), facts, pending, outcomes)

    def _finish(self, prepared: _Prepared) -> list[ArticleOutcome]:
        """Write a prepared batch and return its outcomes in input order."""
        self._write(prepared.facts, prepared.pending, prepared.outcomes)
        return [prepared.outcomes[k] for k in range(prepared.size)]

    def _assign_meeting_ids(self, batch: list[ArticleFacts]) -> None:
        """Point each reported meeting at the stored (or batch) meeting it is a report of."""
        signatures = [_signature(f, i) for f in batch for i in f.meetings]
        known = find_by_signatures(self.driver, self.database, signatures)
        for facts in batch:
            published = facts.article.published
            for item in facts.meetings:
                ref = _ref(facts, item, "")
                match = next((k for k in known if same_meeting(ref, k)), None)
                item.id = (
                    match.id if match else new_meeting_id(item.meeting, published, _key_of(facts))
                )
                if match is None:
                    known.append(_ref(facts, item, item.id))

    def _write(
        self,
        facts: dict[int, ArticleFacts],
        pending: dict[int, _Pending],
        outcomes: dict[int, ArticleOutcome],
    ) -> None:
        if not facts:
            return
        replacing = sorted({i for k in facts for i in pending[k].replacing})
        try:
            write_articles(self.driver, self.database, facts.values(), replacing=replacing)
            written = list(facts)
        except GraphWriteFailed as exc:
            # One article the graph refuses must not sink the batch: write them one by one.
            log.warning("batch write failed (%s); writing articles one at a time", exc)
            written = []
            for k, f in facts.items():
                try:
                    write_articles(self.driver, self.database, [f], replacing=pending[k].replacing)
                    written.append(k)
                except GraphWriteFailed as one:
                    outcomes[k] = ArticleOutcome(
                        pending[k].item.origin, "failed", id=f.id, error=str(one)
                    )
        merged = self._consolidate([facts[k] for k in written])
        for k in written:
            f = facts[k]
            meeting_ids = list(dict.fromkeys(merged.get(i.id, i.id) for i in f.meetings))
            status: Status = "updated" if pending[k].replacing else "new"
            outcomes[k] = ArticleOutcome(
                pending[k].item.origin, status, id=f.id, meetings=meeting_ids
            )

    def _consolidate(self, batch: list[ArticleFacts]) -> dict[str, str]:
        """Merge meeting nodes that turned out to be one meeting (e.g. written concurrently).

        Returns:
            duplicate id -> id kept.
        """
        signatures = {_signature(f, i) for f in batch for i in f.meetings}
        return consolidate_meetings(self.driver, self.database, signatures)


def consolidate_meetings(
    driver: SyncDriver, database: str, signatures: Iterable[str]
) -> dict[str, str]:
    """Merge the stored meetings of these participant sets that are one meeting.

    Returns:
        duplicate id -> id kept.
    """
    refs = find_by_signatures(driver, database, sorted(set(signatures)))
    merged: dict[str, str] = {}
    remaining = sorted(refs, key=lambda r: (r.date is None, r.date or dt.date.max, r.id))
    while remaining:
        keeper = choose_keeper(remaining)
        group = [r for r in remaining if r is keeper or same_meeting(keeper, r)]
        duplicates = [r.id for r in group if r is not keeper]
        if duplicates:
            merge_meetings(driver, database, keeper.id, duplicates)
            merged.update(dict.fromkeys(duplicates, keeper.id))
        remaining = [r for r in remaining if r not in group]
    return merged


def _key_of(facts: ArticleFacts) -> Callable[[str], str]:
    return lambda name: facts.person(name).person


def _signature(facts: ArticleFacts, item: IdentifiedMeeting) -> str:
    return signature(item.meeting, _key_of(facts))


def _ref(facts: ArticleFacts, item: IdentifiedMeeting, meeting_id: str) -> MeetingRef:
    m = item.meeting
    published = facts.article.published
    return MeetingRef(
        id=meeting_id,
        signature=_signature(facts, item),
        date=m.date,
        city=m.location.city if m.location else None,
        first_reported=published,
        last_reported=published,
    )
