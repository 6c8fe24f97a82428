"""Whether a meeting took place, is planned, or neither, from the words that govern its cue.

The words that decide are the cue's own auxiliaries and the verbs above it: "will
meet", "agreed to meet", "is due to visit", "sought a meeting", "did not meet". A
governing verb plans the meeting only when the meeting is its complement ("agreed to
hold talks"), not when it frames it ("in the talks, they agreed"); a journey's purpose
("flew to Lakeport to meet X") is a plan, a past journey for talks ("flew there for
talks") reports them.
"""

from __future__ import annotations

from spacy.tokens import Token

from domain.models import MeetingStatus
from extractors.lexicon import Lexicon

_SUBORDINATORS = {"after", "since", "before", "when", "as", "while", "because", "once", "following"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_MODALS = {"would", "could", "might", "may", "should", "must", "can", "ca"}
_CONDITIONS = {"if", "unless", "whether"}
_SCHEDULED = {"scheduled", "due", "expected", "set", "slated", "planned", "poised", "likely"}
_MOTION = {"travel", "fly", "head", "go", "leave", "depart", "embark", "route"}
# Verbs that plan what their prepositional phrase names: "scheduled for talks".
# Nouns whose content clause is hearsay: what governs them decides ("denied reports that").
_HEARSAY = {"report", "claim", "rumour", "rumor", "speculation", "suggestion", "allegation"}
_SCHEDULING = {"schedule", "set", "slate", "prepare", "arrange", "expect", "due", "plan"}


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _forms(token: Token) -> set[str]:
    """The token's lemma and its inflection stripped by rule: the small model lemmatises
    "hoped" as "hop", and a list of verbs should not depend on it."""
    low = token.lower_
    forms = {_lemma(token), low}
    for ending, base in (("ied", "y"), ("ed", ""), ("d", ""), ("es", ""), ("s", ""), ("ing", "")):
        if low.endswith(ending) and len(low) > len(ending) + 2:
            forms.add(low[: -len(ending)] + base)
    return forms


def _past_perfect(word: Token) -> bool:
    """ "had been scheduled", "had been due": the report looks back on a plan it no longer
    holds, usually one called off; a plan that went ahead is reported as held."""
    verb = word if word.pos_ in ("VERB", "AUX") and word.dep_ != "acomp" else word.head
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


class StatusReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.planning_heads = lexicon.cue("planning_heads")
        self.not_held_heads = lexicon.cue("not_held_heads")
        self.planned_modifiers = lexicon.cue("planned_modifiers")

    def read(self, token: Token, headline: bool) -> tuple[MeetingStatus | None, bool]:
        """held / planned / None (negated, hypothetical, sought, cancelled) and "would".

        The words that decide are the cue's own auxiliaries and the verbs that govern it:
        "will meet", "agreed to meet", "is due to visit", "sought a meeting", "did not meet".
        A governing verb plans the meeting only when the meeting is its complement
        ("agreed to hold talks"), not when it frames it ("in the talks, they agreed").
        """
        planned = False
        conditional = False
        for link, via in self._governing_chain(token):
            for child in link.children:
                low = child.lower_
                if (child.dep_ == "neg" or low == "never") and child.head.i == link.i:
                    return None, False
                if child.dep_ == "det" and low == "no" and link.i == token.i:
                    return None, False
                if child.dep_ in ("aux", "auxpass"):
                    if low in _FUTURE_AUX:
                        planned = True
                    elif low == "would":
                        conditional = True
                    elif low in _MODALS:
                        return None, False
                if child.dep_ == "mark" and low in _CONDITIONS:
                    return None, False
                if child.dep_ == "amod" and low in self.planned_modifiers:
                    planned = True
                # "X is due in Lakeport on Monday for talks": the copula's adjective.
                if child.dep_ == "acomp" and low in _SCHEDULED and _lemma(link) == "be":
                    if _past_perfect(child):
                        return None, False
                    planned = True
            if link.i == token.i:
                continue
            lemma = _lemma(link)
            if _forms(link) & self.not_held_heads:
                return None, False
            if lemma in self.planning_heads and self._plans(link, via):
                planned = True
            if link.lower_ in _SCHEDULED or link.lower_ == "ahead":
                if _past_perfect(link):
                    return None, False  # "had been due to meet": a plan overtaken
                planned = True
        # "to meet" under a present-tense verb, alone in a headline ("Minister to visit"),
        # or as the purpose of a journey ("flew to Lakeport to meet X"): not yet happened.
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            governor = token.head
            if (
                governor.tag_ in ("VBZ", "VBP", "MD")
                or headline
                or governor.i == token.i
                or self._journey_ahead(governor)
            ):
                planned = True
        if token.pos_ == "NOUN" and any(c.lower_ in self.planned_modifiers for c in token.children):
            planned = True
        if conditional and not planned:
            return "planned", True
        return ("planned" if planned else "held"), False

    def _governing_chain(self, token: Token) -> list[tuple[Token, str]]:
        """The cue and the words governing it up to its clause's verb, each with the relation
        through which the chain reached it."""
        chain = [(token, "")]
        if any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in token.children):
            return chain  # "after they met ..." keeps its own tense
        head = token
        while head.dep_ in ("xcomp", "ccomp", "advcl", "conj", "pobj", "prep", "dobj", "acl",
                            "pcomp", "attr", "relcl", "nsubjpass", "nsubj", "acomp"):  # fmt: skip
            if head.head.i == head.i or (head.dep_ in ("nsubj", "nsubjpass") and head.i != token.i):
                break
            via = head.dep_
            head = head.head
            chain.append((head, via))
            if head.pos_ in ("VERB", "AUX") and head.dep_ not in (
                "xcomp",
                "conj",
                "advcl",
                "pcomp",
            ):
                if head.dep_ in ("acl", "ccomp") and _lemma(head.head) in _HEARSAY:
                    continue  # "denied reports that X would meet Y": the reports' fate counts
                break
        return chain

    def _journey_ahead(self, verb: Token) -> bool:
        """ "will fly to Lakeport to meet X", "arrived, en route to Lakeport to meet X": the
        meeting is ahead; "flew to Lakeport on Monday to meet X" reported it."""
        if _lemma(verb) not in _MOTION | {"arrive", "come"}:
            return False
        on_the_way = any(t.lower_ in ("route", "way", "bound") for t in verb.subtree)
        return on_the_way or verb.tag_ not in ("VBD", "VBN")

    def _plans(self, verb: Token, via: str) -> bool:
        """Whether a planning verb reached through ``via`` makes the meeting a plan."""
        lemma = _lemma(verb)
        if lemma == "look":  # "looked forward to meeting": a plan; "looked at" is not
            return any(c.lower_ == "forward" for c in verb.children)
        if lemma in _MOTION:
            # "is travelling to Lakeport for talks" is a plan; "flew there for talks" reports them.
            return verb.tag_ not in ("VBD", "VBN") or any(
                c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children
            )
        return via in (
            "xcomp",
            "ccomp",
            "dobj",
            "nsubjpass",
            "acl",
            "attr",
            "pobj",
            "prep",
        ) and not (
            via in ("pobj", "prep") and verb.pos_ in ("VERB", "AUX") and lemma not in _SCHEDULING
        )

    # -- form -----------------------------------------------------------------------------
