"""Where each meeting took place: its own phrase, its sentences, the headline, the story.

The meeting's own phrase wins ("in" names the city, "at" the venue), then the sentences
that report it, then the headline; a held meeting without one takes where the story is
set (its dateline, else the visit its lead reports). A country alone counts only where
it attaches to the meeting itself. Phrases about other events never place this one.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

from domain.models import Location
from extractors.article import ParsedArticle
from extractors.context import ArticleContext
from extractors.encounters import Encounter
from extractors.phrases import AROUND, is_other_event, own_phrase
from extractors.places import PlaceReader


def visit_destination(
    parsed: ParsedArticle, places: PlaceReader, people: Collection[int]
) -> Location | None:
    """Where the visit its lead reports goes ("arrived in Lakeport", "a visit to Peru")."""
    for sentence in parsed.sentences[:3]:
        for token in sentence:
            if token.lower_ in _VISIT_WORDS:
                # "travelled to Kyiv", "arrived in Lima": the destination's preposition says
                # it is a place even where the model took the name for a person's.
                visit = places.in_tokens(
                    token.subtree, people=people, preps=frozenset({"to", "in"})
                ) or places.in_tokens(token.subtree, locative_only=False, people=people)
                if visit is not None:
                    return visit
    return None


def host_country(
    parsed: ParsedArticle, places: PlaceReader, people: Collection[int], dateline: Location | None
) -> str | None:
    """The country whose guests the story's visitors are: where the lead's visit goes, else
    where its first sentence places things ("held talks in Lakeport"), else the dateline's.
    A story datelined in the visitor's own capital is not set there."""
    found = visit_destination(parsed, places, people)
    if found is None and parsed.sentences:
        found = places.in_tokens(parsed.sentences[0], people=people)
    found = found or dateline
    return found.country if found else None


def story_setting(ctx: ArticleContext) -> Location | None:
    """Where the story is set: its dateline's city, else the place of a visit its lead reports."""
    if ctx.dateline_place is not None and ctx.dateline_place.city:
        return ctx.dateline_place
    return visit_destination(ctx.parsed, ctx.places, ctx.roster.name_at.keys())


def meeting_place(
    encounter: Encounter,
    ctx: ArticleContext,
    lead: bool,
    setting: Location | None,
    previous: Location | None,
    since: int = 0,
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
        things = {
            t.i
            for i in ids
            if _places_a_thing(parsed.body[i], events)
            for t in parsed.body[i].subtree
        }
        phrase = [parsed.body[i] for i in sorted(ids - things)]
        # "met in Lakeport", and "the Lakeport talks" (a place naming the event noun).
        modifiers = [t for t in c.cue.token.children if t.dep_ in ("compound", "amod", "nmod")]
        found = ctx.places.in_tokens(phrase, prefer, people=people)
        found = found or ctx.places.in_tokens(modifiers, prefer, locative_only=False, people=people)
        if found is None and _here(phrase):
            found = ctx.dateline_place  # "met here": the dateline's city
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
            if head.lower_ in AROUND
            or is_other_event(head, events)
            or _places_a_thing(head, events)
            for t in head.subtree
        }
        tokens = [t for t in sentence if t.i not in elsewhere]
        # "plans to visit Lakeport in May to meet X", "visited Lakeport and met X".
        visited = [
            t
            for verb in tokens
            if verb.pos_ == "VERB" and verb.lemma_.lower() == "visit"
            for obj in verb.children
            if obj.dep_ == "dobj"
            for t in obj.subtree
        ]
        found = ctx.places.in_tokens(visited, prefer, locative_only=False, people=people)
        found = found or _journey_end(tokens, ctx, prefer, people)
        if found is not None and found.city:
            return found
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
        scene = _scene_set_before(encounter, ctx, since, prefer, people)
        for fallback in (setting if lead else None, scene, previous, setting):
            if fallback is not None and (
                own_country is None or fallback.country == own_country.country
            ):
                return fallback
    return own_country


_VISIT_WORDS = {
    "visit",
    "visited",
    "visits",
    "visiting",
    "arrived",
    "trip",
    "tour",
    "travelled",
    "traveled",
}
_FRAMES = {"sideline", "sidelines", "margin", "margins", "occasion", "framework"}
# Verbs whose "on" phrase is their subject matter ("touched on", "focused on", "agreed on").
_ON_VERBS = {"touch", "focus", "agree", "center", "centre", "concentrate", "dwell", "comment",
             "brief", "exchange", "consult", "confer", "work", "cooperate"}  # fmt: skip


def _places_a_thing(prep: Token, events: frozenset[str]) -> bool:
    """ "discussed the outcome of the conference in Baku": "in Baku" places the outcome,
    not the meeting. A locative that, through any venues ("at the palace in Lima"),
    hangs on a common noun other than an event places that thing."""
    if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
        return False
    head = prep.head
    while head.dep_ == "pobj" and (
        head.head.lower_ in ("in", "at", "inside")
        # "on the island in ...", but not "touched on the situation in Gaza"
        or (head.head.lower_ == "on" and head.head.head.lemma_.lower() not in _ON_VERBS)
        # "on the margins of the ministerial in Brussels": the frame places the meeting.
        or (head.head.lower_ == "of" and head.head.head.lemma_.lower() in _FRAMES)
    ):
        head = head.head.head
    return (
        head.pos_ == "NOUN"
        and head.lemma_.lower() not in events
        and head.lemma_.lower() not in _FRAMES
        # "Today in Lima, the minister was received": a time is no thing; it places the day.
        and head.ent_type_ not in ("DATE", "TIME")
    )


_MOTION = {"travel", "fly", "go", "come", "head", "arrive", "return", "journey", "move", "proceed"}


def _journey_end(
    tokens: list[Token], ctx: ArticleContext, prefer: set[str], people: Collection[int]
) -> Location | None:
    """ "flew on to Honiara on Thursday and held talks", "arrived in Lusaka": where the
    journey in the sentence ends."""
    ids = {t.i for t in tokens}
    journeys = [
        [t for t in prep.subtree if t.i in ids]
        for verb in tokens
        if verb.pos_ == "VERB" and verb.lemma_.lower() in _MOTION
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("to", "in")
    ]
    # "X, who arrived in Kampala on Monday, will fly to Kigali": the last journey told.
    for words in reversed(journeys):
        found = ctx.places.in_tokens(words, prefer, people=people, preps=frozenset({"to", "in"}))
        if found is not None:
            return found
    return None


def _scene_set_before(
    encounter: Encounter,
    ctx: ArticleContext,
    since: int,
    prefer: set[str],
    people: Collection[int],
) -> Location | None:
    """ "The next stop was Port Moresby. On Wednesday, she met X": the last sentence before
    a meeting, after the one before it, that moves the story to a city."""
    sentences = ctx.parsed.sentences
    for k in range(encounter.first_sentence - 1, since, -1):
        tokens = list(sentences[k])
        found = _journey_end(tokens, ctx, prefer, people) or _next_stop(tokens, ctx, prefer)
        if found is not None and found.city:
            return found
    return None


def _next_stop(tokens: list[Token], ctx: ArticleContext, prefer: set[str]) -> Location | None:
    """ "The next stop was Port Moresby", "Lusaka was the last stop": the place the copula
    equates with a stop, whatever the model tagged its name."""
    for stop in tokens:
        if stop.lemma_.lower() != "stop" or stop.pos_ != "NOUN" or stop.head.lemma_ != "be":
            continue
        for other in stop.head.children:
            if other.i != stop.i and other.dep_ in ("attr", "nsubj") and other.pos_ == "PROPN":
                words = [t for t in other.subtree if t.pos_ == "PROPN"]
                text = " ".join(t.text for t in words)
                found = ctx.places.name(text, prefer)
                if found is not None:
                    return found
    return None


def _here(phrase: list[Token]) -> bool:
    return any(t.lower_ == "here" and t.dep_ == "advmod" for t in phrase)
