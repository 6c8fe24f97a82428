"""Encounters become the domain's meetings: filtered, dated, placed, with topics and evidence.

Filters: a meeting dated only by a period ("last year") is background; a "would"
meeting is planned only when the article gives it a future day; people who all act
for one side did not hold a diplomatic meeting. A participant whose side the article
never states takes the one other state it names around the meeting.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Span, Token

from domain.models import Evidence, Location, Meeting, MeetingKind, Participant, TopicMention
from extractors.article import ParsedArticle
from extractors.descriptors import Descriptors
from extractors.encounters import Encounter
from extractors.lexicon import Lexicon
from extractors.people import Person, Roster
from extractors.phrases import AROUND, is_other_event, own_phrase
from extractors.places import PlaceReader
from extractors.timing import encounter_date
from extractors.topics import TopicMatcher

_FOLLOW_UP_WORDS = (
    "the two sides", "both sides", "the two leaders", "both leaders", "the two ministers",
    "the leaders", "the ministers", "the two", "they ", "the talks", "the meeting",
    "the call", "the discussions", "discussed", "agreed", "exchanged views", "during the",
)  # fmt: skip


@dataclass(frozen=True)
class ArticleContext:
    parsed: ParsedArticle
    body_descriptors: Descriptors
    title_descriptors: Descriptors
    roster: Roster
    lexicon: Lexicon
    places: PlaceReader
    topics: TopicMatcher


def keep(encounter: Encounter, people: tuple[Person, ...]) -> bool:
    """Whether an encounter is a meeting the article reports."""
    if encounter.status == "held" and encounter.vague:
        return False
    if encounter.conditional and encounter.day is None:
        return False
    sides = [people[p].side for p in encounter.people]
    known = [s for s in sides if s]
    return len(known) < len(sides) or len(set(known)) >= 2


def attendee_sides(encounter: Encounter, people: tuple[Person, ...]) -> None:
    """Officials listed as attending take the side their delegation names, else the
    host's: readouts list the host's officials without saying whose they are."""
    hosts = {people[p].side for p, role in encounter.roles.items() if role == "host"} - {None}
    for person, side in encounter.attended.items():
        if people[person].side:
            continue
        principal = encounter.companions.get(person)
        if side:
            people[person].country = side
        elif principal is not None and people[principal].side:
            other = people[principal]
            people[person].country, people[person].org = other.country, other.org
        elif len(hosts) == 1:
            people[person].country = next(iter(hosts))


def _host_of_the_place(
    encounter: Encounter, people: tuple[Person, ...], location: Location | None
) -> None:
    """A host whose side the article never states acts for the country it hosts in; so
    does the one participant of unknown side when no one else acts for that country."""
    if location is None or not location.country:
        return
    for person, role in encounter.roles.items():
        if role == "host" and not people[person].side:
            people[person].country = location.country
    unknown = [p for p in encounter.people if not people[p].side]
    known = {people[p].country for p in encounter.people}
    if len(unknown) == 1 and location.country not in known:
        people[unknown[0]].country = location.country


def infer_sides(encounter: Encounter, ctx: ArticleContext) -> None:
    """Give the one participant of unknown side the one other state the article names.

    Nearest evidence first: the headline and the meeting's sentence, then the lead,
    then the whole article when one state clearly dominates it. Places ("in Peru",
    "to Chile") are where things happen, not sides.
    """
    people = ctx.roster.people
    unknown = [p for p in encounter.people if not people[p].side]
    if len(unknown) != 1:
        return
    # The states of the other principals are not this one's; attendees may share it.
    principals = encounter.people - encounter.attended.keys()
    known = {people[p].country for p in principals} - {None}
    # "Peru-Chile relations", "talks between Peru and Chile": a pair of states that holds
    # one principal's is the other's.
    partners = {b for a, b in _state_pairs(ctx) if a in known and b not in known}
    if len(partners) == 1:
        people[unknown[0]].country = partners.pop()
        return
    sentences = ctx.parsed.sentences
    headline = _sides_named(ctx.title_descriptors, ctx.parsed.title[:])
    skip = ctx.parsed.lead_start
    first = (
        _sides_named(ctx.body_descriptors, sentences[encounter.first_sentence], skip)
        if encounter.sentences
        else []
    )
    lead = [c for s in sentences[:2] for c in _sides_named(ctx.body_descriptors, s, skip)]
    everywhere = _sides_named(ctx.body_descriptors, ctx.parsed.body[:], skip)
    tiers = [headline + first, headline + first + lead, headline + everywhere]
    for level, codes in enumerate(tiers):
        counts = Counter(code for code in codes if code not in known)
        ranked = counts.most_common()
        if len(ranked) == 1 or (
            level == 2 and len(ranked) > 1 and ranked[0][1] >= 2 * ranked[1][1]
        ):
            people[unknown[0]].country = ranked[0][0]
            return


def _state_pairs(ctx: ArticleContext) -> set[tuple[str, str]]:
    """Pairs of states the article joins: "A-B ties", "between A and B", both orders."""
    pairs: set[tuple[str, str]] = set()
    found = [a for a in ctx.body_descriptors.affiliations if a.country]
    doc = ctx.parsed.body
    for first, second in pairwise(found):
        joined = doc[first.end : second.start]
        hyphen = len(joined) == 1 and joined[0].text in ("-", "\u2013", "\u2010")
        between = (
            [t.lower_ for t in joined] in (["and"], ["and", "the"])
            and first.start > 0
            and doc[first.start - 1 - (doc[first.start - 1].lower_ == "the")].lower_ == "between"
        )
        if (hyphen or between) and first.country != second.country:
            assert first.country is not None and second.country is not None
            pairs |= {(first.country, second.country), (second.country, first.country)}
    return pairs


def _sides_named(descriptors: Descriptors, span: Span, lead_start: int = 0) -> list[str]:
    codes = []
    doc = span.doc
    for a in descriptors.affiliations:
        if not (span.start <= a.start < span.end) or not a.country:
            continue
        if doc[a.start].idx < lead_start:
            continue  # the dateline's agency ("Some Point News") is not a side
        before = doc[a.start - 1].lower_ if a.start > 0 else ""
        before = doc[a.start - 2].lower_ if before == "the" and a.start > 1 else before
        if before in ("in", "to", "at", "from", "near", "visit", "visits", "visited", "visiting"):
            continue
        codes.append(a.country)
    return codes


def to_meetings(encounters: list[Encounter], ctx: ArticleContext) -> list[Meeting]:
    people = ctx.roster.people
    for encounter in encounters:
        attendee_sides(encounter, people)
        infer_sides(encounter, ctx)
    kept = [e for e in encounters if keep(e, people)]
    kept.sort(key=lambda e: e.first_sentence if e.sentences else 10**6)
    setting = _setting(ctx)
    result: list[Meeting] = []
    previous_day: dt.date | None = None
    previous_place: Location | None = None
    headline_kind = _headline_kind(ctx)
    for n, encounter in enumerate(kept):
        if n == 0 and not encounter.kind_stated and headline_kind:
            encounter.kind = headline_kind  # "Ministers hold phone talks" over a plain body
        later = [
            e.first_sentence for e in kept[n + 1 :] if e.first_sentence > encounter.first_sentence
        ]
        end = min(later) if later else len(ctx.parsed.sentences)
        lead = n == 0
        day = encounter_date(ctx.parsed, encounter, previous_day, lead)
        location = _location(encounter, ctx, lead, setting, previous_place)
        _host_of_the_place(encounter, people, location)
        if encounter.status == "held":
            previous_day = day or previous_day
            previous_place = location or previous_place
        context = _context(encounter, ctx, end)
        ordered = sorted(encounter.people, key=lambda p: people[p].first_body_token())
        evidence_sentence = (
            encounter.first_sentence if encounter.sentences else _first_naming(encounter, ctx)
        )
        result.append(
            Meeting(
                status="planned" if encounter.status == "planned" else "held",
                kind=encounter.kind,
                date=day,
                location=location,
                participants=[_participant(p, encounter, ctx) for p in ordered],
                topics=_topics(context, encounter, ctx),
                evidence=_evidence(ctx, evidence_sentence, _confidence(encounter)),
            )
        )
    return result


def _headline_kind(ctx: ArticleContext) -> MeetingKind | None:
    words = {t.lower_ for t in ctx.parsed.title} | {t.lemma_.lower() for t in ctx.parsed.title}
    if words & ctx.lexicon.cue("video_words"):
        return "video"
    if words & (ctx.lexicon.cue("call_words") | {"call"}) and "courtesy" not in words:
        return "call"
    return None


def _confidence(encounter: Encounter) -> float:
    strong = [c for c in encounter.candidates if not (c.cue.weak or c.cue.joint or c.group)]
    base = 0.85 if any(c.cue.token.pos_ == "VERB" for c in strong) else 0.7
    if encounter.from_headline:
        base = 0.6
    return min(0.95, base + 0.05 * (len(encounter.candidates) - 1))


def _first_naming(encounter: Encounter, ctx: ArticleContext) -> int:
    for index, person in enumerate(ctx.roster.people):
        if index in encounter.people and person.body_mentions:
            return ctx.parsed.sentence_of(person.body_mentions[0].start)
    return 0


def _setting(ctx: ArticleContext) -> Location | None:
    """Where the story is set: its dateline's city, else the place of a visit its lead reports."""
    parsed = ctx.parsed
    people = ctx.roster.name_at.keys()
    visit: Location | None = None
    for sentence in parsed.sentences[:3]:
        for token in sentence:
            if token.lower_ in (
                "visit",
                "visited",
                "visits",
                "visiting",
                "arrived",
                "trip",
                "tour",
            ):
                visit = ctx.places.in_tokens(token.subtree, locative_only=False, people=people)
                if visit is not None:
                    break
        if visit is not None:
            break
    dateline = (
        ctx.places.name(parsed.dateline.city) if parsed.dateline and parsed.dateline.city else None
    )
    if dateline is not None and dateline.city:
        return dateline
    return visit


def _location(
    encounter: Encounter,
    ctx: ArticleContext,
    lead: bool,
    setting: Location | None,
    previous: Location | None,
) -> Location | None:
    """The city of the meeting's own phrase, its sentences or the headline; else the
    setting of the story; a country alone only when the meeting's phrase names one."""
    if encounter.kind != "in_person":
        return None
    parsed = ctx.parsed
    people = ctx.roster.name_at.keys()
    events = ctx.lexicon.cue("event_nouns")
    prefer = {c for c in (ctx.roster.people[p].country for p in encounter.people) if c}
    own_country: Location | None = None
    for c in encounter.candidates:
        if c.sentence < 0:
            continue
        root = c.cue.token
        if root.pos_ == "NOUN" and root.head.pos_ in ("VERB", "AUX"):
            root = root.head
        ids = own_phrase(root, events)
        if c.cue.token.pos_ == "NOUN":  # "talks held at the palace in Lakeport"
            ids |= {t.i for a in c.cue.token.children if a.dep_ == "acl" for t in a.subtree}
        phrase = [parsed.body[i] for i in sorted(ids)]
        # "met in Lakeport", and "the Lakeport talks" (a place naming the event noun).
        modifiers = [t for t in c.cue.token.children if t.dep_ in ("compound", "amod", "nmod")]
        found = ctx.places.in_tokens(phrase, prefer, people=people)
        found = found or ctx.places.in_tokens(modifiers, prefer, locative_only=False, people=people)
        if found is None and setting_here(phrase) and parsed.dateline and parsed.dateline.city:
            found = ctx.places.name(parsed.dateline.city)  # "met here": the dateline's city
        if found is not None and found.city:
            return found
        # A country alone counts only where it attaches to the meeting itself ("talks in
        # Peru"), not anywhere in its phrase ("the impact of the war in Peru").
        direct = [t for t in phrase if t.head.head.i in (root.i, c.cue.token.i)]
        own_country = own_country or ctx.places.in_tokens(direct, prefer, people=people)
    # Sentences that name the meeting's people themselves first; places in phrases about
    # other events ("since their talks in Lakeport") are not this meeting's. A planned
    # meeting is where the journey goes ("will fly to Lakeport"), a held one where it was.
    named = sorted({c.sentence for c in encounter.candidates if c.sentence >= 0 and not c.group})
    preps = ("to", "for") if encounter.status == "planned" else ()
    for k in [*named, *(k for k in encounter.sentences if k not in named)]:
        sentence = parsed.sentences[k]
        elsewhere = {
            t.i
            for head in sentence
            if head.lower_ in AROUND or is_other_event(head, events)
            for t in head.subtree
        }
        tokens = [t for t in sentence if t.i not in elsewhere]
        for wanted in (frozenset(preps), frozenset({"in", "at", "inside"})):
            found = (
                ctx.places.in_tokens(tokens, prefer, people=people, preps=wanted)
                if wanted
                else None
            )
            if found is not None and found.city:
                return found
    if encounter.status == "planned" or encounter.from_headline or lead:
        found = ctx.places.in_span(parsed.title[:], prefer, ctx.roster.title_owner.keys())
        if found is not None:
            return found
    if encounter.status == "held":
        for fallback in (setting if lead else None, previous, setting):
            if fallback is not None and (
                own_country is None or fallback.country == own_country.country
            ):
                return fallback
    return own_country


def setting_here(phrase: list[Token]) -> bool:
    return any(t.lower_ == "here" and t.dep_ == "advmod" for t in phrase)


def _context(encounter: Encounter, ctx: ArticleContext, end: int) -> list[int]:
    """Sentences about the meeting: its own, and follow-ups naming its people."""
    if not encounter.sentences:
        return []
    first = encounter.first_sentence
    named = {
        ctx.parsed.sentence_of(m.start)
        for p in encounter.people
        for m in ctx.roster.people[p].body_mentions
    }
    context = list(encounter.sentences)
    for k in range(first + 1, end):
        if k in context:
            continue
        text = ctx.parsed.sentences[k].text.lower()
        if k in named or any(w in text for w in _FOLLOW_UP_WORDS):
            context.append(k)
    return sorted(context)


def _evidence(ctx: ArticleContext, sentence_index: int, confidence: float) -> Evidence:
    sentence = ctx.parsed.sentences[sentence_index]
    text = sentence.text.rstrip()
    return Evidence(
        sentence=text,
        start=sentence.start_char,
        end=sentence.start_char + len(text),
        confidence=round(confidence, 2),
    )


def _participant(index: int, encounter: Encounter, ctx: ArticleContext) -> Participant:
    person = ctx.roster.people[index]
    mentions = person.body_mentions
    in_meeting = [m for m in mentions if ctx.parsed.sentence_of(m.start) in encounter.sentences]
    chosen = next(iter(in_meeting or mentions), None)
    sentence = ctx.parsed.sentence_of(chosen.start) if chosen else _first_naming(encounter, ctx)
    full_name_here = chosen is not None and chosen.text == person.name
    return Participant(
        name=person.name,
        country=person.country,
        org=person.org,
        title=person.title,
        former=person.former,
        role=encounter.roles.get(index),
        aliases=person.aliases,
        evidence=_evidence(ctx, sentence, 0.9 if full_name_here else 0.75),
    )


def _topics(context: list[int], encounter: Encounter, ctx: ArticleContext) -> list[TopicMention]:
    found: dict[str, TopicMention] = {}
    # People's names and every title: "Minister of Finance" is an office, not a subject.
    offices = ctx.roster.body_owner.keys() | ctx.body_descriptors.title_at.keys()
    for k in context:
        for topic_id in ctx.topics.topics_in(ctx.parsed.sentences[k], offices):
            if topic_id not in found:
                own = k in encounter.sentences
                found[topic_id] = TopicMention(
                    id=topic_id, evidence=_evidence(ctx, k, 0.8 if own else 0.6)
                )
    return list(found.values())
