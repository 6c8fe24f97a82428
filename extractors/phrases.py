"""The words that belong to a meeting's cue, for reading its date, place and form.

A cue's phrase is its own arguments and modifiers, without attributions ("the
ministry said on Thursday"), embedded clauses, and phrases about other events: those
placed in time around it ("since their talks in 2019 in Lakeport", "ahead of the
summit on Friday") and other meetings with their own people or status ("the recent
meeting between X and Y in Lakeport", "preparations for the upcoming summit").
Framing events stay: "on the sidelines of the summit in Lakeport" places the meeting.
"""

from __future__ import annotations

from spacy.tokens import Token

_CARRIERS = {"dobj", "nsubjpass", "attr", "nsubj"}
_CLAUSES = {"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"}
AROUND = {"according", "since", "after", "before", "until", "following", "unlike", "like", "ahead"}
_OTHER_EVENT_MARKERS = {
    "upcoming", "next", "recent", "previous", "last", "forthcoming", "future", "planned",
    "proposed", "earlier", "prior", "possible", "potential",
}  # fmt: skip
_OTHER_EVENT_HOLDERS = {"preparation", "backdrop", "eve", "run-up", "wake", "aftermath", "outcome"}


def own_phrase(root: Token, event_nouns: frozenset[str] = frozenset()) -> set[int]:
    """Token ids of ``root``'s phrase without attributions, clauses and other events."""
    found = {root.i}
    for child in root.children:
        if child.dep_ in _CLAUSES or child.lower_ in AROUND:
            continue
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
            continue  # "met X and signed ...": another event
        if child.dep_ in _CARRIERS and child.lemma_.lower() in event_nouns:
            # "held talks with X in Lakeport": the event the verb carries is this meeting.
            found.add(child.i)
            for grandchild in child.children:
                found |= _without_other_events(grandchild, event_nouns)
            continue
        found |= _without_other_events(child, event_nouns)
    return found


def _without_other_events(token: Token, event_nouns: frozenset[str]) -> set[int]:
    if is_other_event(token, event_nouns):
        return set()
    found = {token.i}
    for child in token.children:
        found |= _without_other_events(child, event_nouns)
    return found


def is_other_event(noun: Token, event_nouns: frozenset[str]) -> bool:
    """Whether ``noun`` names a meeting other than the one whose phrase contains it."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.lemma_.lower() not in event_nouns:
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("between", "with", "among") for c in noun.children):
        return True
    if any(c.lower_ in _OTHER_EVENT_MARKERS for c in noun.children if c.dep_ in ("amod", "det")):
        return True
    if any(c.dep_ == "poss" and c.ent_type_ == "PERSON" for c in noun.children):
        return True  # "Ana Ruiz's visit to Lakeport": someone's own event
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in AROUND:
        return True
    holder = prep.head if noun.dep_ == "pobj" else None
    return holder is not None and (
        holder.lemma_.lower() in _OTHER_EVENT_HOLDERS or holder.lower_ in AROUND
    )


_MEDIUM_PREPS = {"in", "by", "over", "via", "through", "during"}


def medium_noun(verb: Token, medium_words: frozenset[str]) -> Token | None:
    """ "discussed the next round of talks between A and B in a phone call on Monday": the
    parse hangs the medium far from the verb. The noun of a phone or video phrase anywhere
    in the verb's sentence ("in a phone call", "by video link"), which says how they spoke
    and carries its day."""
    for noun in verb.sent:
        if noun.dep_ != "pobj" or noun.head.lower_ not in _MEDIUM_PREPS:
            continue
        words = {noun.lower_, noun.lemma_.lower()} | {
            c.lower_ for c in noun.children if c.dep_ in ("compound", "amod")
        }
        if words & medium_words:
            return noun
    return None
