"""Encounters become the domain's meetings: filtered, dated, placed, with topics and evidence.

Filters: a meeting dated only by a period ("last year") is background; a "would"
meeting is planned only when the article gives it a future day; people who all act
for one side did not hold a diplomatic meeting. Sides, dates and places come from
``sides``, ``timing`` and ``whereabouts``; topics from the sentences about the meeting.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Span

from domain.models import Evidence, Location, Meeting, MeetingKind, Participant, TopicMention
from extractors.context import ArticleContext
from extractors.encounters import Encounter
from extractors.people import Person
from extractors.sides import attendee_sides, host_of_the_place, infer_sides, own_officials
from extractors.timing import encounter_date
from extractors.whereabouts import meeting_place, story_setting

_FOLLOW_UP_WORDS = (
    "the two sides", "both sides", "the two leaders", "both leaders", "the two ministers",
    "the leaders", "the ministers", "the two", "the three", "they ", "the talks", "the meeting",
    "the call", "the discussions", "discussed", "agreed", "exchanged views", "during the",
    "during their", "the parties", "both countries", "the two countries", "the two nations",
)  # fmt: skip
# Subjects that carry a participant on from an earlier sentence: "She stressed ...",
# "We agreed ..." in a participant's own words.
_CARRYING_PRONOUNS = {"he", "she", "they", "we", "i"}


def keep(encounter: Encounter, people: tuple[Person, ...]) -> bool:
    """Whether an encounter is a meeting the article reports."""
    if encounter.status == "held" and encounter.vague:
        return False
    if encounter.conditional and encounter.day is None:
        return False
    sides = [people[p].side for p in encounter.people]
    known = [s for s in sides if s]
    return len(known) < len(sides) or len(set(known)) >= 2


def to_meetings(encounters: list[Encounter], ctx: ArticleContext) -> list[Meeting]:
    people = ctx.roster.people
    reported = [e for e in encounters if e.sentences or e.from_headline]
    lead_meeting = min(
        reported, key=lambda e: e.first_sentence if e.sentences else -1, default=None
    )
    for encounter in encounters:
        attendee_sides(encounter, people)
        infer_sides(encounter, ctx, is_lead=encounter is lead_meeting, everyone=encounters)
    kept = [e for e in encounters if keep(e, people)]
    kept.sort(key=lambda e: e.first_sentence if e.sentences else 10**6)
    setting = story_setting(ctx)
    result: list[Meeting] = []
    previous_day: dt.date | None = None
    previous_place: Location | None = None
    # A headline's "phone talks" names the form of the one meeting the body leaves unsaid;
    # with a call stated in the body, the headline is about that call.
    headline_kind = None if any(e.kind_stated for e in kept) else _headline_kind(ctx)
    for n, encounter in enumerate(kept):
        if n == 0 and not encounter.kind_stated and headline_kind:
            encounter.kind = headline_kind  # "Ministers hold phone talks" over a plain body
        starts = {id(e): _own_start(e, kept) for e in kept}
        later = [starts[id(e)] for e in kept if starts[id(e)] > starts[id(encounter)]]
        end = min(later) if later else len(ctx.parsed.sentences)
        lead = n == 0
        since = max((e.first_sentence for e in kept[:n] if e.sentences), default=-1)
        day = encounter_date(ctx.parsed, encounter, previous_day, lead, since)
        location = meeting_place(encounter, ctx, lead, setting, previous_place, since)
        host_of_the_place(encounter, people, location, ctx.lexicon.organisation_seats)
        own_officials(encounter, people, ctx.publisher)
        if encounter.status == "held":
            previous_day = day or previous_day
            previous_place = location or previous_place
        context = _context(encounter, ctx, starts[id(encounter)], end)
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
    title = ctx.parsed.title
    # "Envoy calls on minister" is a visit, not a phone call.
    visit = {
        t.i
        for t in title[:-1]
        if t.lower_ in ("call", "calls") and title[t.i + 1].lower_ in ("on", "upon")
    }
    words = {t.lower_ for t in title if t.i not in visit}
    words |= {t.lemma_.lower() for t in title if t.i not in visit}
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


def _own_start(encounter: Encounter, encounters: list[Encounter]) -> int:
    """The first sentence that reports this meeting alone: "X met the leaders of B, C and
    D" opens three meetings, each told in its own sentences after it."""
    shared = {k for e in encounters if e is not encounter for k in e.sentences}
    own = [k for k in encounter.sentences if k not in shared]
    return min(own) if own else encounter.first_sentence


def _context(encounter: Encounter, ctx: ArticleContext, first: int, end: int) -> list[int]:
    """Sentences about the meeting: its own, and follow-ups naming its people or referring
    to it, from the sentence that reports it alone to the next meeting's. A meeting only
    the headline reports is about the body sentences that name its people or refer
    back to it."""
    named = {
        ctx.parsed.sentence_of(m.start)
        for p in encounter.people
        for m in ctx.roster.people[p].body_mentions
    }
    context = [k for k in encounter.sentences if k >= first or k == encounter.first_sentence]
    for k in range(first + 1, end):
        if k in context:
            continue
        if k in named or _refers_back(ctx.parsed.sentences[k], ctx):
            context.append(k)
    return sorted(context)


def _refers_back(sentence: Span, ctx: ArticleContext) -> bool:
    """A sentence that goes on about a meeting without naming its people: "the two
    sides", "the Russian side", a pronoun subject, or an office as the subject ("The
    Foreign Secretary stressed ...")."""
    text = sentence.text.lower()
    if any(w in text for w in _FOLLOW_UP_WORDS):
        return True
    titles = ctx.body_descriptors.title_at
    for token in sentence:
        if token.lemma_ == "side" and any(c.lower_ in ("the", "both") for c in token.lefts):
            return True
        if token.dep_ in ("nsubj", "nsubjpass") and (
            token.lower_ in _CARRYING_PRONOUNS or token.i in titles
        ):
            return True
    return False


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
