"""When a meeting took place: the date in its own phrase, its sentence, or the story's day.

Attributions ("the ministry said on Thursday") and embedded clauses date other
events, so a cue takes the dates of its own phrase first; a held meeting falls back
on its sentence, a later one introduced by "the same day" or "later" on the one
before it, and the lead meeting of a wire story on its dateline.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from extractors.article import ParsedArticle
from extractors.dates import DateMention, find_dates
from extractors.encounters import Dated, Encounter
from extractors.participants import Candidate
from extractors.phrases import AROUND, is_other_event, medium_noun, own_phrase

_REPORTING = {"say", "tell", "announce", "add", "state", "confirm", "report", "note", "write"}
_NEXT_DAY = ("following day", "next day", "day after", "a day later", "next morning")
_SAME_DAY = ("same day", "that day", "later", "earlier", "then", "afterwards", "subsequently",
             "also met", "following", "thereafter", "finally")  # fmt: skip


def candidate_date(
    parsed: ParsedArticle,
    c: Candidate,
    event_nouns: frozenset[str],
    medium_words: frozenset[str] = frozenset(),
) -> Dated:
    """The date a candidate's own words give, if any.

    Args:
        medium_words: words of a phone or video phrase ("phone", "video"), whose day is the
            meeting's when the phrase hangs away from the cue.
    """
    if c.sentence < 0:
        text = parsed.title.text
        found = find_dates(text, parsed.anchor, future=c.cue.status == "planned")
        days = [d.day for d in found if d.day]
        return Dated(days[0] if days else None, any(d.vague for d in found) and not days)
    mentions = _dates_near(parsed, c, event_nouns, medium_words)
    # "Today, 5 May 2024": the calendar date says which day "today" was.
    first = next((d for d in mentions if d.day and d.calendar), None) or next(
        (d for d in mentions if d.day), None
    )
    day = first.day if first else None
    return Dated(
        day, any(d.vague for d in mentions) and day is None, bool(first and first.calendar)
    )


def _dates_near(
    parsed: ParsedArticle, c: Candidate, event_nouns: frozenset[str], medium_words: frozenset[str]
) -> list[DateMention]:
    sentence = parsed.sentences[c.sentence]
    future = c.cue.status == "planned"
    root = c.cue.token
    if root.pos_ == "NOUN" and root.head.i != root.i and root.head.pos_ in ("VERB", "AUX"):
        root = root.head
    allowed = own_phrase(root, event_nouns)
    if c.cue.kind_stated and c.cue.kind != "in_person" and root.pos_ in ("VERB", "AUX"):
        # "discussed ... in a phone call on Monday": the call's day is the meeting's.
        medium = medium_noun(root, medium_words)
        if medium is not None:
            allowed |= {t.i for t in medium.subtree}
    # "will travel to Lakeport on Monday to meet X": the purpose shares the trip's day.
    if root.dep_ in ("xcomp", "advcl") and any(t.lower_ == "to" for t in root.children):
        allowed |= own_phrase(root.head, event_nouns)
    # Dates in phrases about other events ("since her election in May", "the
    # summit on Friday between X and Y") never date this one.
    # Nor do relative clauses about a participant ("X, who is visiting from 13 to 15
    # March"), even inside the meeting's phrase: they date the visit around it.
    about_someone = {
        t.i
        for head in sentence
        if head.dep_ == "relcl"
        and head.head.pos_ == "PROPN"
        and any(w.lower_ in ("who", "whose", "whom") for w in head.children)
        and not head.left_edge.i <= c.cue.token.i <= head.right_edge.i
        for t in head.subtree
    }
    allowed -= about_someone
    # "X said on Tuesday that his meeting with Y ...": the day of the saying.
    said_on = {
        t.i
        for head in sentence
        if head.dep_ == "prep"
        and head.lower_ == "on"
        and head.head.lemma_.lower() in _REPORTING
        and head.head.i != c.cue.token.i
        for t in head.subtree
    }
    elsewhere = (
        about_someone
        | said_on
        | {
            t.i
            for head in sentence
            if head.i not in allowed
            and (
                is_other_event(head, event_nouns) or (head.dep_ == "prep" and head.lower_ in AROUND)
            )
            for t in head.subtree
        }
    )
    start = max(sentence.start_char, parsed.lead_start)
    text = parsed.text[start : sentence.end_char]
    found = find_dates(text, parsed.anchor, future=future)
    own, near = [], []
    for d in found:
        span = parsed.body.char_span(start + d.start, start + d.end, alignment_mode="expand")
        if span is None:
            continue
        if span.start in allowed:
            own.append(d)
        elif span.start not in elsewhere:
            near.append(d)  # in the sentence, not in a phrase about another event
    return own if (own or future) else near


def encounter_date(
    parsed: ParsedArticle,
    encounter: Encounter,
    previous_day: dt.date | None,
    lead: bool,
    since: int = -1,
) -> dt.date | None:
    """The day of an encounter: its own, the day of the held meeting before it for "later
    that day" (``previous_day``), or the dateline's for the lead meeting of a wire story."""
    if encounter.day:
        return encounter.day
    if encounter.status == "planned":
        return _announced_day(parsed, encounter)
    first = encounter.first_sentence
    if previous_day is not None and first >= 0:
        # "Later that day, she met Y"; and a further meeting a report gives no time at all
        # ("In a separate meeting, she met Z") is one of the same day's.
        sentence = parsed.sentences[first]
        lowered = sentence.text.lower()
        if any(w in lowered for w in _NEXT_DAY):
            return previous_day + dt.timedelta(days=1)
        if any(w in lowered for w in _SAME_DAY) or not find_dates(sentence.text, parsed.anchor):
            # "The summit opened on Saturday. A few hours later, she met X": a day the
            # story moved to since the meeting before.
            return _day_moved_to(parsed, since, first) or previous_day
    if not lead:
        return None
    if parsed.dateline and parsed.dateline.day:
        return parsed.dateline.day
    published = parsed.published
    for sentence in parsed.sentences[:2]:
        start = max(sentence.start_char, parsed.lead_start)
        for d in find_dates(parsed.text[start : sentence.end_char], parsed.anchor):
            if d.day and (published is None or d.day <= published):
                return d.day
    # "X has met Y", "X meets Y": the news of the day, dated by its publication.
    if published is not None and any(_reported_as_news(c.cue.token) for c in encounter.candidates):
        return published
    return None


def _day_moved_to(parsed: ParsedArticle, since: int, first: int) -> dt.date | None:
    """The last day a sentence between the meeting before (``since``) and this one
    (``first``) gives, if any: the story's clock moved there."""
    published = parsed.published
    for k in range(first - 1, since, -1):
        sentence = parsed.sentences[k]
        start = max(sentence.start_char, parsed.lead_start)
        days = [
            d.day
            for d in find_dates(parsed.text[start : sentence.end_char], parsed.anchor)
            if d.day and not d.vague and (published is None or d.day <= published)
        ]
        if days:
            return days[-1]
    return None


def _reported_as_news(token: Token) -> bool:
    """A cue in the present perfect or the present tense, not in a clause of its own."""
    verb = token.head if token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass") else token
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ not in ("ROOT", "conj"):
        return False
    perfect = verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children
    )
    return perfect or verb.tag_ in ("VBZ", "VBP")


def _announced_day(parsed: ParsedArticle, encounter: Encounter) -> dt.date | None:
    """ "ahead of the summit ... The summit will take place on 27 May": a later sentence
    that names the same event dates it."""
    nouns = {c.cue.token.lemma_.lower() for c in encounter.candidates if c.cue.token.pos_ == "NOUN"}
    first = encounter.first_sentence
    if not nouns or first < 0:
        return None
    for sentence in parsed.sentences[first + 1 :]:
        for token in sentence:
            if token.lemma_.lower() in nouns and token.pos_ == "NOUN":
                head = token.head if token.dep_ in ("nsubj", "nsubjpass") else token
                words = list(head.subtree)
                text = parsed.text[words[0].idx : words[-1].idx + len(words[-1])]
                days = [d.day for d in find_dates(text, parsed.anchor, future=True) if d.day]
                if days:
                    return days[0]
    return None
