"""Who takes part: the people of each cue, and officials reported as attending.

The people of a cue are the people its arguments name or refer to; a group ("the
two leaders", "they") stands for the meeting being reported. Officials "present at
the meeting", "accompanying" a principal, "attending the talks" or listed in a
delegation are participants of the meeting the sentence is about, with their own
side; people only mentioned in those sentences ("on behalf of X") are not.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from extractors.article import ParsedArticle
from extractors.descriptors import Descriptors
from extractors.lexicon import Lexicon
from extractors.people import Roster
from extractors.references import Resolver
from extractors.triggers import Cue

_NOT_PARTICIPATING_PREPS = {"of", "for", "on", "from", "about", "under", "in", "at", "to", "against"}
_PRESENCE = {"present", "attendance", "on hand"}


@dataclass(frozen=True)
class Candidate:
    cue: Cue
    sentence: int  # body sentence; -1 for the headline
    people: frozenset[int]
    roles: tuple[tuple[int, str], ...]
    group: bool  # refers to the meeting being reported ("the two leaders", "they")


@dataclass(frozen=True)
class Attendance:
    sentence: int
    people: frozenset[int]
    side: str | None  # "the Ruritanian delegation included X": X's side


def candidates(cue: Cue, sentence: int, resolver: Resolver) -> list[Candidate]:
    """The candidate meetings of one cue: usually one; "A met her Peruvian and Chilean
    counterparts" is one with each."""
    subject = resolver.people_in(set(cue.subject))
    partners = resolver.people_in(set(cue.partners), exclude=subject.people)
    sides = [partners.people - subject.people]
    if (partners.separately or cue.separately) and len(subject.people) == 1:
        others = sorted(partners.people - subject.people, key=lambda p: resolver.people[p].first_body_token())
        sides = [frozenset({p}) for p in others]
    found = []
    for side in sides:
        roles: list[tuple[int, str]] = []
        if cue.host_subject:
            roles += [(p, "host") for p in subject.people] + [(p, "visitor") for p in side]
        elif cue.visitor_subject:
            roles += [(p, "visitor") for p in subject.people] + [(p, "host") for p in side]
        people = subject.people | side
        found.append(
            Candidate(
                cue=cue,
                sentence=sentence,
                people=people,
                roles=tuple(roles),
                group=subject.group or partners.group or (cue.anaphoric and not people),
            )
        )
    return found


class AttendanceReader:
    """Finds the officials a sentence reports as taking part in a meeting."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.verbs = lexicon.cue("attendance_verbs")
        self.nouns = lexicon.cue("attendance_nouns")
        self.event_nouns = lexicon.cue("event_nouns")

    def read(
        self, parsed: ParsedArticle, roster: Roster, descriptors: Descriptors
    ) -> list[Attendance]:
        found = []
        for index, sentence in enumerate(parsed.sentences):
            anchors = [t for t in sentence if self._is_attendance(t)]
            people = self._attendees(anchors, roster)
            if people:
                side = self._delegation_side(anchors, descriptors)
                found.append(Attendance(index, frozenset(people), side))
        return found

    def _delegation_side(self, anchors: list[Token], descriptors: Descriptors) -> str | None:
        """The state a delegation's adjective names: "the Ruritanian delegation included"."""
        for anchor in anchors:
            for token in anchor.subtree:
                if token.lemma_.lower() not in self.nouns:
                    continue
                for word in token.subtree:
                    a = descriptors.affiliation_at.get(word.i)
                    if a is not None and word.i < token.i:
                        return a.country or a.org
        return None

    def _attendees(self, anchors: list[Token], roster: Roster) -> set[int]:
        people: set[int] = set()
        for anchor in anchors:
            if _negated(anchor):
                continue  # "was not present"
            for token in self._scope(anchor):
                person = roster.name_at.get(token.i)
                if person is not None and not self._only_mentioned(token, anchor):
                    people.add(person)
        return people

    def _is_attendance(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        if lemma in ("attend", "join", "participate"):
            # "attended the meeting", "joined the talks": this meeting, not another event.
            return token.pos_ == "VERB" and (
                any(c.dep_ == "agent" for c in token.children)
                or any(self._this_meeting(t) for t in token.subtree if t.i > token.i)
            )
        if lemma == "take" and any(c.lower_ == "part" for c in token.children):
            return True
        if lemma == "accompany":
            return True
        if token.lower_ in _PRESENCE or (lemma == "present" and token.pos_ == "ADJ"):
            return True
        if lemma in ("include", "comprise", "consist") and token.pos_ == "VERB":
            return any(
                t.lemma_.lower() in self.nouns for t in token.subtree if t.i < token.i
            ) or token.head.lemma_.lower() in self.nouns
        if lemma in ("lead", "head") and token.pos_ == "VERB":
            return any(t.lemma_.lower() in self.nouns for t in token.subtree) or (
                token.head.lemma_.lower() in self.nouns
            )
        return False

    def _this_meeting(self, token: Token) -> bool:
        return token.lemma_.lower() in self.event_nouns | {"banquet", "ceremony"} and any(
            c.lower_ in ("the", "this", "that", "these", "both") for c in token.children
        )

    def _scope(self, anchor: Token) -> list[Token]:
        """The words that can name attendees: the anchor's clause, or the sentence for
        inverted "Present at the meeting were X and Y"."""
        if anchor.dep_ == "ROOT" or anchor.lower_ in _PRESENCE:
            return list(anchor.sent)
        if anchor.dep_ in ("acl", "relcl"):
            return [*anchor.head.subtree]
        return list(anchor.subtree)

    def _only_mentioned(self, token: Token, anchor: Token) -> bool:
        """ "on behalf of X", "the delegation of X's government": named, not present."""
        head = token
        while head.i != anchor.i and head.head.i != head.i:
            if head.dep_ == "pobj" and head.head.lower_ in _NOT_PARTICIPATING_PREPS:
                return True
            if head.dep_ == "poss":
                return True
            head = head.head
        return False


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in (*token.children, *token.head.children))
