"""The extractor: article in, meetings with participants, place, date and topics out.

This is the one public entry point of the package (``SpacyExtractor``). Everything
else in ``extractors`` is a rule module it composes over one spaCy parse.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from domain.errors import InvalidArticle
from domain.models import (
    ArticleIn,
    Evidence,
    Extraction,
    Location,
    Meeting,
    Participant,
    TopicMention,
)
from extractors.dates import DateMention, find_dates, read_dateline
from extractors.lexicon import Lexicon, load_lexicon
from extractors.meetings import Trigger, TriggerFinder
from extractors.people import (
    AttributeReader,
    Person,
    attribute_people,
    cluster_people,
    find_mentions,
    name_part_mentions,
)
from extractors.places import city_by_name, city_in, country_in
from extractors.topics import TopicMatcher

RULES_VERSION = "1.0"
_PRONOUNS = {"he", "she", "him", "her", "his"}
_PLURAL_REFERENCES = {"they", "their", "both", "two", "three", "leaders", "ministers", "sides"}
_ROLE_NOUNS = {"leader", "counterpart", "diplomat", "envoy", "official"}
# Titles that belong to international organisations rather than to states.
_ORGANISATION_TITLES = {
    "secretary-general", "secretary general", "director-general", "director general",
    "high representative", "commissioner", "foreign policy chief",
}  # fmt: skip
_FOLLOW_UP_WORDS = (
    "the two sides", "both sides", "the two leaders", "both leaders", "the two ministers",
    "the leaders", "the ministers", "the two", "they ", "the talks", "the meeting",
    "the call", "the discussions", "discussed", "agreed", "exchanged views",
)  # fmt: skip


class Extractor(Protocol):
    """What the CLI, the ingestion pipeline and the API need from an extractor."""

    version: str

    def extract(self, article: ArticleIn) -> Extraction: ...

    def extract_many(
        self, articles: Iterable[ArticleIn]
    ) -> Iterator[Extraction | InvalidArticle]: ...


@dataclass
class _Candidate:
    people: frozenset[int]
    status: str
    kind: str
    kind_explicit: bool
    sentence: int
    trigger: Trigger
    date: dt.date | None
    vague_date: bool
    roles: dict[int, str] = field(default_factory=dict)
    plural_reference: bool = False


@dataclass
class _Draft:
    people: set[int]
    status: str
    kind: str
    kind_explicit: bool
    sentences: list[int]
    date: dt.date | None
    roles: dict[int, str]
    confidence: float
    trigger_lemmas: set[str] = field(default_factory=set)


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
    """Rule components over a statistical spaCy pipeline."""

    def __init__(self, nlp: Language, *, max_chars: int = 200_000, batch_size: int = 16) -> None:
        self.nlp = nlp
        self.max_chars = max_chars
        self.batch_size = batch_size
        self.lexicon: Lexicon = load_lexicon()
        self.attributes = AttributeReader(self.lexicon)
        self.triggers = TriggerFinder(self.lexicon)
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
        docs = list(self.nlp.pipe(texts, batch_size=self.batch_size * 2))
        for k, article in enumerate(batch):
            if k in errors:
                yield errors[k]
                continue
            body, title = docs[2 * k], docs[2 * k + 1]
            meetings = _ArticleReading(self, article, body, title).meetings()
            yield Extraction(meetings=meetings, extractor_version=self.version)


class _ArticleReading:
    """All the rules applied to one parsed article."""

    def __init__(self, ex: SpacyExtractor, article: ArticleIn, body: Doc, title: Doc) -> None:
        self.ex = ex
        self.lexicon = ex.lexicon
        self.article = article
        self.body = body
        self.title = title
        self.sentences: list[Span] = list(body.sents)
        self.sentence_starts = [s.start_char for s in self.sentences]
        mentions = find_mentions(body, self.lexicon)
        title_mentions = find_mentions(title, self.lexicon, in_title=True)
        self.people: list[Person] = cluster_people(mentions + title_mentions)
        extra = name_part_mentions(body, self.people, mentions)
        if extra:
            mentions = sorted(mentions + extra, key=lambda m: m.start)
            self.people = cluster_people(mentions + title_mentions)
        attribute_people(self.people, body, ex.attributes, self.sentence_starts)
        self._title_attributes()
        self._organisation_officials()
        self.person_at: dict[int, int] = {}
        for index, person in enumerate(self.people):
            for m in person.mentions:
                if m.in_title:
                    continue
                span = body.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None:
                    for tok in span:
                        self.person_at[tok.i] = index
        self.dateline = read_dateline(body.text, article.published)
        self.dateline_end = self._dateline_end()
        # Relative dates count from the dateline's day when a wire story gives one.
        self.anchor = (self.dateline.day if self.dateline else None) or article.published
        self._side_pattern = re.compile(
            rf"(?P<place>\b(?:in|to|at|from|near|visit|visiting|visited)\s+(?:the\s+)?)?"
            rf"\b(?P<name>{self.lexicon.affiliation_re})\b"
        )
        # Sentences that speak of "the meeting" without naming anyone, by position.
        self.unnamed_meeting_sentences: list[int] = []

    # -- people -----------------------------------------------------------------------

    def _title_attributes(self) -> None:
        for person in self.people:
            if person.title and (person.country or person.org):
                continue
            for m in person.mentions:
                if not m.in_title:
                    continue
                attrs = self.ex.attributes.read(self.title.text, m, 0)
                if attrs is None:
                    continue
                person.title = person.title or attrs.title
                if not (person.country or person.org):
                    person.country, person.org = attrs.country, attrs.org

    def _organisation_officials(self) -> None:
        """A "Secretary-General" with no organisation named serves the one the article names."""
        counts: dict[str, int] = {}
        lowered = f"{self.title.text}\n{self.body.text}"
        for name, code in self.lexicon.organizations.items():
            if len(name) > 3 or name.isupper():
                hits = lowered.count(name) if name.isupper() else lowered.lower().count(name)
                counts[code] = counts.get(code, 0) + hits
        named = [code for code, n in sorted(counts.items(), key=lambda kv: -kv[1]) if n]
        if not named:
            return
        for person in self.people:
            title = (person.title or "").lower().removeprefix("former ")
            if not (person.country or person.org) and title in _ORGANISATION_TITLES:
                person.org = named[0]

    def _people_in(self, tokens: set[int], exclude: set[int] | None = None) -> set[int]:
        """People named in ``tokens``; pronouns and "the Australian leader" resolved."""
        found = {self.person_at[i] for i in tokens if i in self.person_at}
        taken = found | (exclude or set())
        for i in sorted(tokens):
            tok = self.body[i]
            if i in self.person_at:
                continue
            resolved = None
            # "he met", "his meeting with": a possessive counts only on the event noun.
            if tok.lower_ in _PRONOUNS and (
                tok.dep_ in ("nsubj", "nsubjpass")
                or (tok.dep_ == "poss" and tok.head.lemma_.lower() in self.ex.triggers.nouns)
            ):
                resolved = self._resolve_pronoun(tok.idx, taken)
            elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in (
                "nsubj",
                "nsubjpass",
                "dobj",
                "pobj",
                "conj",
            ):
                resolved = self._resolve_role(tok, taken)
            if resolved is not None:
                found.add(resolved)
                taken.add(resolved)
        return found

    def _resolve_pronoun(self, offset: int, taken: set[int]) -> int | None:
        best: tuple[int, int] | None = None
        for index, person in enumerate(self.people):
            if index in taken:
                continue
            for m in person.mentions:
                if not m.in_title and m.start < offset and (best is None or m.start > best[0]):
                    best = (m.start, index)
        return best[1] if best else None

    def _resolve_role(self, noun: Token, taken: set[int]) -> int | None:
        """ "the former Australian leader", "the Secretary-General" -> that person, if unique."""
        if any(c.dep_ == "appos" for c in noun.children):
            return None
        phrase_tokens = [
            t
            for t in noun.subtree
            if t.i <= noun.i and t.dep_ not in ("det", "poss", "case") and t.lower_ != "former"
        ]
        if any(t.i in self.person_at for t in phrase_tokens):
            return None
        country = org = None
        words = []
        for t in phrase_tokens:
            c, o = self.lexicon.affiliation(t.text)
            if (c or o) and t.i != noun.i:
                country, org = country or c, org or o
            else:
                words.append(t.text_with_ws)
        phrase = "".join(words).strip().lower()
        is_title = any(phrase == t or t.endswith(" " + phrase) for t in self.lexicon.titles)
        if not (is_title or noun.lower_ in _ROLE_NOUNS):
            return None
        if not (country or org) and not is_title:
            return None
        matches = []
        for k, p in enumerate(self.people):
            if k in taken or not any(not m.in_title for m in p.mentions):
                continue
            if (country or org) and (p.country, p.org) != (country, org):
                continue
            person_title = (p.title or "").lower().removeprefix("former ")
            title_fits = person_title == phrase or person_title.endswith(" " + phrase)
            if is_title and not title_fits and not (country or org):
                continue
            matches.append(k)
        return matches[0] if len(matches) == 1 else None

    # -- candidates, one per trigger --------------------------------------------------

    def _dateline_end(self) -> int:
        match = re.match(r"^.{0,80}?(?:--|\u2014|\u2013)\s*", self.body.text)
        return match.end() if match and self.dateline else 0

    def _dates_near(self, trigger: Trigger, sentence: Span) -> list[DateMention]:
        """Dates in the trigger's own phrase, else (for held meetings) in its sentence.

        Attributions ("according to the ministry on Thursday") and other clauses
        inside the phrase date other events and are left out.
        """
        future = trigger.status == "planned"
        root = trigger.token
        if root.pos_ == "NOUN" and root.head is not root and root.head.pos_ in ("VERB", "AUX"):
            root = root.head
        allowed = _own_phrase(root)
        start = max(sentence.start_char, self.dateline_end)
        found = find_dates(self.body.text[start : sentence.end_char], self.anchor, future=future)
        own = []
        for d in found:
            token = self.body.char_span(start + d.start, start + d.end, alignment_mode="expand")
            if token is not None and token.start in allowed:
                own.append(d)
        return own if (own or future) else found

    def _candidates(self) -> list[_Candidate]:
        found: list[_Candidate] = []
        last_people: frozenset[int] = frozenset()
        for s_index, sentence in enumerate(self.sentences):
            for trigger in self.ex.triggers.find(sentence):
                subject = self._people_in(trigger.subject_tokens)
                partners = self._people_in(trigger.object_tokens, exclude=subject) - subject
                people = frozenset(subject | partners)
                plural = len(people) < 2 and self._refers_to_group(trigger)
                if plural:
                    # "They will continue their talks", "The leaders met online".
                    people = people | last_people
                if len(people) < 2 or (trigger.joint and len(subject) < 2 and not last_people):
                    if trigger.token.pos_ == "NOUN" and not people:
                        self.unnamed_meeting_sentences.append(s_index)
                    continue
                if trigger.joint and len(subject) < 2 and people != last_people:
                    continue
                dates = self._dates_near(trigger, sentence)
                day = next((d.day for d in dates if d.day), None)
                vague = any(d.vague for d in dates) and day is None
                roles: dict[int, str] = {}
                if trigger.host_verb:
                    roles |= dict.fromkeys(subject, "host") | dict.fromkeys(partners, "visitor")
                elif trigger.visit_verb:
                    roles |= dict.fromkeys(subject, "visitor") | dict.fromkeys(partners, "host")
                found.append(
                    _Candidate(
                        people=people,
                        status=trigger.status,
                        kind=trigger.kind,
                        kind_explicit=trigger.kind != "in_person"
                        or trigger.host_verb
                        or trigger.visit_verb,
                        sentence=s_index,
                        trigger=trigger,
                        date=day,
                        vague_date=vague,
                        roles=roles,
                        plural_reference=plural,
                    )
                )
                last_people = people
        return found

    def _refers_to_group(self, trigger: Trigger) -> bool:
        """The trigger's subject is "they" / "the two leaders", or the noun is "their talks"."""
        token = trigger.token
        heads = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "poss")]
        if not heads and token.dep_ in ("xcomp", "conj"):
            heads = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return any(h.lower_ in _PLURAL_REFERENCES for h in heads)

    def _is_history(self, candidate: _Candidate) -> bool:
        """A held meeting dated only by "last year" / "in 2019", or long before: background."""
        if candidate.status != "held":
            return False
        if candidate.vague_date:
            return True
        published = self.article.published
        if not (candidate.date and published):
            return False
        old = (published - candidate.date).days > 31
        return old and str(candidate.date.year) not in self.sentences[candidate.sentence].text

    def _merge(self, candidates: list[_Candidate]) -> list[_Draft]:
        drafts: list[_Draft] = []
        for c in candidates:
            if self._is_history(c):
                continue
            target = None
            for draft in reversed(drafts):
                overlap = draft.people & c.people
                same_people = draft.people == c.people or (
                    len(overlap) >= 2 and (c.people <= draft.people or draft.people <= c.people)
                )
                if not same_people:
                    continue
                if draft.date and c.date and draft.date != c.date:
                    continue
                if c.kind_explicit and draft.kind_explicit and c.kind != draft.kind:
                    continue
                # An undated announcement about the same people ("expected to exchange
                # views", "agreed to hold a summit") belongs to the meeting reported.
                if draft.status != c.status and c.date:
                    continue
                target = draft
                break
            lemma = c.trigger.token.lemma_.lower()
            if target is None and c.plural_reference and not (c.status == "planned" and c.date):
                continue  # "they" only ever adds to a meeting already reported
            if target is None:
                drafts.append(
                    _Draft(
                        people=set(c.people),
                        status=c.status,
                        kind=c.kind,
                        kind_explicit=c.kind_explicit,
                        sentences=[c.sentence],
                        date=c.date,
                        roles=dict(c.roles),
                        confidence=0.85 if c.trigger.token.pos_ == "VERB" else 0.7,
                        trigger_lemmas={lemma},
                    )
                )
                continue
            target.people |= c.people
            target.trigger_lemmas.add(lemma)
            if c.sentence not in target.sentences:
                target.sentences.append(c.sentence)
            target.date = target.date or c.date
            if c.kind_explicit and not target.kind_explicit:
                target.kind, target.kind_explicit = c.kind, True
            for person, role in c.roles.items():
                target.roles.setdefault(person, role)
            target.confidence = min(0.95, target.confidence + 0.05)
        return drafts

    # -- meeting details -------------------------------------------------------------

    def _context(self, draft: _Draft, next_start: int | None) -> list[int]:
        """Sentences about the meeting: its own, and follow-ups naming its people."""
        first = draft.sentences[0]
        end = next_start if next_start is not None else len(self.sentences)
        names = {
            m.sentence for p in draft.people for m in self.people[p].mentions if not m.in_title
        }
        context = list(draft.sentences)
        for k in range(first + 1, end):
            if k in context:
                continue
            text = self.sentences[k].text.lower()
            if k in names or any(w in text for w in _FOLLOW_UP_WORDS):
                context.append(k)
        return sorted(context)

    def _location(
        self, draft: _Draft, attached: list[int], first: bool, inherited: Location | None
    ) -> Location | None:
        if draft.kind != "in_person":
            return None
        for k in [*draft.sentences, *attached]:
            found = city_in(self.sentences[k], self.lexicon)
            if found:
                return Location(city=found[0], country=found[1])
        if draft.status == "planned":
            for sentence in [self.title[:]]:
                found = city_in(sentence, self.lexicon) or _named_city(sentence, self.lexicon)
                if found:
                    return Location(city=found[0], country=found[1])
        else:
            if first and self.dateline and self.dateline.city:
                found = city_by_name(self.dateline.city, self.lexicon)
                if found:
                    return Location(city=found[0], country=found[1])
            for k in range(min(2, len(self.sentences))) if first else []:
                found = city_in(self.sentences[k], self.lexicon)
                if found:
                    return Location(city=found[0], country=found[1])
            if inherited is not None:
                return inherited
        for k in draft.sentences:
            code = country_in(self.sentences[k], self.lexicon)
            if code:
                return Location(city=None, country=code)
        return None

    def _date(self, draft: _Draft, first: bool, end: int) -> dt.date | None:
        if draft.date:
            return draft.date
        if draft.status == "planned":
            # "ahead of the summit on February 27-28": a later sentence dates the event.
            for k in range(draft.sentences[0] + 1, end):
                for tok in self.sentences[k]:
                    if tok.lemma_.lower() in draft.trigger_lemmas and tok.pos_ == "NOUN":
                        subtree = list(tok.subtree)
                        text = self.body.text[subtree[0].idx : subtree[-1].idx + len(subtree[-1])]
                        days = [d.day for d in find_dates(text, self.anchor, future=True) if d.day]
                        if days:
                            return days[0]
            return None
        if not first:
            return None
        if self.dateline and self.dateline.day:
            return self.dateline.day
        published = self.article.published
        for sentence in self.sentences[:2]:
            start = max(sentence.start_char, self.dateline_end)
            for d in find_dates(self.body.text[start : sentence.end_char], self.anchor):
                if d.day and (published is None or d.day <= published):
                    return d.day
        return None

    def _evidence(self, sentence_index: int, confidence: float) -> Evidence:
        sentence = self.sentences[sentence_index]
        text = sentence.text.rstrip()
        return Evidence(
            sentence=text,
            start=sentence.start_char,
            end=sentence.start_char + len(text),
            confidence=round(confidence, 2),
        )

    def _participant(self, index: int, draft: _Draft) -> Participant:
        person = self.people[index]
        evidence_sentence = next(
            (
                m.sentence
                for m in person.mentions
                if not m.in_title and m.sentence in draft.sentences
            ),
            draft.sentences[0],
        )
        full_name_here = any(
            m.sentence == evidence_sentence and m.text == person.name for m in person.mentions
        )
        return Participant(
            name=person.name,
            country=person.country,
            org=person.org,
            title=person.title,
            former=person.former,
            role=draft.roles.get(index),
            aliases=person.aliases,
            evidence=self._evidence(evidence_sentence, 0.9 if full_name_here else 0.75),
        )

    def _topics(self, context: list[int], draft: _Draft) -> list[TopicMention]:
        found: dict[str, TopicMention] = {}
        for k in context:
            for topic_id in self.ex.topics.topics_in(self.sentences[k]):
                if topic_id not in found:
                    own = k in draft.sentences
                    found[topic_id] = TopicMention(
                        id=topic_id, evidence=self._evidence(k, 0.8 if own else 0.6)
                    )
        return list(found.values())

    def _infer_sides(self, draft: _Draft) -> None:
        """Give the one participant of unknown state the one other state the article names.

        "The top diplomats of South Korea and Japan met ... Kang told Motegi (Japan)":
        Kang acts for South Korea. Places ("in Spain", "to Vietnam") are not sides.
        """
        unknown = [p for p in draft.people if not (self.people[p].country or self.people[p].org)]
        if len(unknown) != 1:
            return
        known = {self.people[p].country for p in draft.people} - {None}
        first = self.sentences[draft.sentences[0]].text
        # Nearest evidence first: the headline and the meeting's own sentence, then the
        # lead, then the whole article when one state clearly dominates it.
        tiers = [
            [self.title.text, first],
            [self.title.text, first, *(s.text for s in self.sentences[:2])],
            [self.title.text, self.body.text],
        ]
        for level, texts in enumerate(tiers):
            counts: dict[str, int] = {}
            for text in texts:
                for code in self._sides_named(text):
                    if code not in known:
                        counts[code] = counts.get(code, 0) + 1
            ranked = sorted(counts.items(), key=lambda kv: -kv[1])
            if len(ranked) == 1 or (
                level == 2 and len(ranked) > 1 and ranked[0][1] >= 2 * ranked[1][1]
            ):
                self.people[unknown[0]].country = ranked[0][0]
                return
            if ranked and level < 2:
                continue
        return

    def _sides_named(self, text: str) -> list[str]:
        codes = []
        for match in self._side_pattern.finditer(text):
            if match.group("place"):
                continue
            code, _ = self.lexicon.affiliation(match.group("name"))
            if code:
                codes.append(code)
        return codes

    def _acts_for_different_sides(self, draft: _Draft) -> bool:
        sides = [self.people[p].country or self.people[p].org for p in draft.people]
        known = [s for s in sides if s]
        return len(known) < len(sides) or len(set(known)) >= 2

    def meetings(self) -> list[Meeting]:
        drafts = self._merge(self._candidates())
        for draft in drafts:
            self._infer_sides(draft)
        drafts = [d for d in drafts if self._acts_for_different_sides(d)]
        result: list[Meeting] = []
        first_location: Location | None = None
        for n, draft in enumerate(drafts):
            later_starts = [
                d.sentences[0] for d in drafts[n + 1 :] if d.sentences[0] > draft.sentences[0]
            ]
            end = min(later_starts) if later_starts else len(self.sentences)
            context = self._context(draft, end)
            attached = [k for k in self.unnamed_meeting_sentences if draft.sentences[0] < k < end]
            first = n == 0
            if not draft.kind_explicit and first:
                draft.kind = self._title_kind() or draft.kind
            location = self._location(draft, attached, first, first_location)
            if first:
                first_location = location
            ordered = sorted(draft.people, key=self._first_mention)
            result.append(
                Meeting(
                    status=draft.status,
                    kind=draft.kind,
                    date=self._date(draft, first, end),
                    location=location,
                    participants=[self._participant(p, draft) for p in ordered],
                    topics=self._topics(context, draft),
                    evidence=self._evidence(draft.sentences[0], draft.confidence),
                )
            )
        return result

    def _first_mention(self, index: int) -> int:
        starts = [m.start for m in self.people[index].mentions if not m.in_title]
        return min(starts) if starts else 0

    def _title_kind(self) -> str | None:
        words = {t.lower_ for t in self.title}
        if words & {"video", "virtual", "videoconference"}:
            return "video"
        if words & {"phone", "telephone", "call", "calls"}:
            return "call"
        return None


def _own_phrase(root: Token) -> set[int]:
    """Token ids of ``root``'s phrase without attributions and embedded clauses."""
    skip = {"ccomp", "advcl", "relcl", "parataxis", "csubj"}
    found = {root.i}
    for child in root.children:
        if child.dep_ in skip or (child.dep_ == "prep" and child.lower_ == "according"):
            continue
        found |= {t.i for t in child.subtree}
    return found


def _named_city(span: Span, lexicon: Lexicon) -> tuple[str, str] | None:
    """Any known city named in a short text such as a headline."""
    for token in span:
        found = city_by_name(token.text, lexicon)
        if found:
            return found
    return None
