"""Who takes part: the people of each cue, and officials reported as attending.

The people of a cue are the people its arguments name or refer to; a group ("the
two leaders", "they") stands for the meeting being reported. Officials "present at
the meeting", "accompanying" a principal, "attending the talks" or listed in a
delegation are participants of the meeting the sentence is about, with their own
side; people only mentioned in those sentences ("on behalf of X") are not.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from domain.models import ParticipantRole
from extractors.article import ParsedArticle
from extractors.descriptors import Descriptors
from extractors.lexicon import Lexicon
from extractors.people import Roster
from extractors.references import Reference, Resolver
from extractors.segmentation import BULLETS
from extractors.triggers import Cue

_NOT_PARTICIPATING_PREPS = {"of", "for", "on", "about", "under", "in", "at", "to", "against"}
_PRESENCE = {"present", "attendance", "presence"}
_COMPANION_VERBS = {"accompany", "join", "flank"}  # "A, accompanied by X": X is on A's side
# What "attended the ..." must name to be the meeting reported, not another event.
_THIS_MEETING = {
    "meeting", "talk", "talks", "discussion", "consultation", "negotiation", "banquet", "dinner",
    "lunch", "luncheon", "ceremony", "audience", "call", "dialogue", "session", "conference",
    "videoconference", "teleconference", "round", "consultations",
}  # fmt: skip


@dataclass(frozen=True)
class Candidate:
    cue: Cue
    sentence: int  # body sentence; -1 for the headline
    people: frozenset[int]
    roles: tuple[tuple[int, ParticipantRole], ...]
    group: bool  # refers to the meeting being reported ("the two leaders", "they")
    recent: frozenset[int] = frozenset()  # whom a group means if no meeting is reported yet


@dataclass(frozen=True)
class Attendance:
    sentence: int
    people: frozenset[int]
    side: str | None  # "the Ruritanian delegation included X": X's side
    companion_of: frozenset[int] = frozenset()  # "A was accompanied by X": X is on A's side
    # "..., and on the Ruritanian side, X": the side a list states for the names after it.
    listed_sides: tuple[tuple[int, str], ...] = ()

    def side_of(self, person: int) -> str | None:
        return dict(self.listed_sides).get(person, self.side)


def candidates(cue: Cue, sentence: int, resolver: Resolver) -> list[Candidate]:
    """The candidate meetings of one cue: usually one; "A met her Peruvian and Chilean
    counterparts" is one with each."""
    subject = resolver.people_in(set(cue.subject))
    if not subject.people and not subject.group and _opens_a_bullet(cue.token):
        # "• Met Hon. Ana Ruiz, Minister of ...": a readout's list of the protagonist's
        # engagements leaves out its subject.
        protagonist = resolver.protagonist()
        if protagonist is not None:
            subject = Reference(frozenset({protagonist}), False)
    elif not subject.people and not subject.group and cue.token.pos_ == "VERB":
        # "PRESIDENT ANA RUIZ: It is an honour to welcome President X": in a speaker's
        # turn, a verb without a subject of its own is the speaker's.
        speaker = resolver.speaker_of_turn(cue.token.i)
        if speaker is not None:
            subject = Reference(frozenset({speaker}), False)
    partners = resolver.people_in(set(cue.partners), exclude=subject.people)
    # "..., C and D, spokesman X told a briefing": the parse lists the one who reports the
    # meeting with its people; a spokesperson speaks about meetings, not at them.
    listed = frozenset(p for p in partners.people if not resolver.people[p].spokesperson)
    sides = [listed - subject.people]
    if (partners.separately or cue.separately) and len(subject.people) == 1:
        others = sorted(
            listed - subject.people, key=lambda p: resolver.people[p].first_body_token()
        )
        sides = [frozenset({p}) for p in others]
    found = []
    for side in sides:
        roles: list[tuple[int, ParticipantRole]] = []
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
                recent=subject.recent | partners.recent,
            )
        )
    return found


def _opens_a_bullet(verb: Token) -> bool:
    """A past-tense verb that opens a list item ("• Met ...", "- Held talks with ...")."""
    if verb.tag_ not in ("VBD", "VBN") or not verb.text[:1].isupper() or not verb.is_sent_start:
        return False
    k = verb.i - 1
    while k >= 0 and verb.doc[k].is_space:
        k -= 1
    return k >= 0 and verb.doc[k].text in BULLETS


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
            anchors = [t for t in sentence if self._is_attendance(t) and not _negated(t)]
            if not anchors:
                continue
            principals = {p for a in anchors for p in self._principals(a, roster)}
            people = self._attendees(anchors, roster) - principals
            if people:
                side = self._delegation_side(anchors, descriptors)
                if side is None and not principals:
                    side = self._unnamed_principal_side(anchors, descriptors)
                listed = _listed_sides(sentence, people, roster, descriptors)
                found.append(
                    Attendance(index, frozenset(people), side, frozenset(principals), listed)
                )
        return found

    # -- which words report attendance ---------------------------------------------------

    def _is_attendance(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        if lemma == "be" and token.dep_ == "ROOT":
            return self._also_at_the_table(token)
        if lemma not in self.verbs and token.lower_ not in _PRESENCE:
            return False
        if lemma in ("attend", "participate", "join") and token.pos_ == "VERB":
            objects = [c for c in token.children if c.dep_ in ("dobj", "prep")]
            # "attended the talks", "joined by X", "also attending were X" (no object),
            # "joining the President were X"; not "attended the summit", another event.
            return (
                any(c.dep_ == "agent" for c in token.children)
                or any(self._this_meeting(t) for o in objects for t in o.subtree)
                or (lemma != "join" and not objects)
                or (
                    lemma == "join" and any(o.dep_ == "dobj" and o.pos_ == "PROPN" for o in objects)
                )
            )
        if lemma in ("include", "comprise", "consist", "lead", "head"):
            return token.pos_ == "VERB" and self._about_delegation(token)
        return (
            lemma in ("accompany", "present", "flank")
            or token.lower_ in _PRESENCE
            or (lemma == "take" and any(c.lower_ == "part" for c in token.children))
        )

    @staticmethod
    def _also_at_the_table(verb: Token) -> bool:
        """ "Also at the table were X and Y", "Also at the talks was X": an inverted copula
        that puts people where the meeting is."""
        also = any(c.lower_ == "also" for c in verb.children)
        where = any(
            c.dep_ == "prep"
            and c.lower_ in ("at", "in")
            and any(o.lemma_.lower() in _THIS_MEETING | {"table"} for o in c.children)
            for c in verb.children
        )
        return also and where

    def _about_delegation(self, verb: Token) -> bool:
        near = [verb.head, *(t for t in verb.subtree if t.i < verb.i)]
        return any(t.lemma_.lower() in self.nouns for t in near)

    def _this_meeting(self, token: Token) -> bool:
        return token.lemma_.lower() in _THIS_MEETING and any(
            c.lower_ in ("the", "this", "that", "these", "both", "their") for c in token.children
        )

    # -- who ----------------------------------------------------------------------------

    def _principals(self, anchor: Token, roster: Roster) -> set[int]:
        """Whom the attendees accompany: "A was accompanied by X", "A, joined by X"."""
        if not _companion_verb(anchor):
            return set()
        inside = {t.i for t in anchor.subtree}
        owners = _accompanied(anchor)
        return {
            roster.name_at[t.i]
            for o in owners
            for t in o.subtree
            if t.i in roster.name_at and (t.i not in inside or o.i in inside)
        }

    def _unnamed_principal_side(self, anchors: list[Token], descriptors: Descriptors) -> str | None:
        """ "The Ruritanian Foreign Minister was accompanied by X": a principal named by
        office alone still says whose side X is on."""
        for anchor in anchors:
            if not _companion_verb(anchor):
                continue
            for owner in _accompanied(anchor):
                for word in owner.subtree:
                    a = descriptors.affiliation_at.get(word.i)
                    if a is not None and word.i <= owner.i:
                        return a.country or a.org
        return None

    def _attendees(self, anchors: list[Token], roster: Roster) -> set[int]:
        people: set[int] = set()
        for anchor in anchors:
            for token in self._scope(anchor):
                person = roster.name_at.get(token.i)
                if person is not None and not self._only_mentioned(token, anchor, roster, person):
                    people.add(person)
        return people

    def _scope(self, anchor: Token) -> list[Token]:
        """The words that can name attendees: the anchor's clause, the sentence for inverted
        "Present at the meeting were X and Y", the phrase of "in the presence of X"."""
        if anchor.lower_ == "presence":
            return list(anchor.subtree)
        if anchor.dep_ == "ROOT" or anchor.lower_ in _PRESENCE:
            return list(anchor.sent)
        if anchor.dep_ in ("csubj", "nsubj") and anchor.head.lemma_ == "be":
            # "Accompanying X in the talks were Y and Z": the people are the copula's.
            return list(anchor.sent)
        if anchor.dep_ in ("acl", "relcl"):
            return [*anchor.head.subtree]
        return list(anchor.subtree)

    def _delegation_side(self, anchors: list[Token], descriptors: Descriptors) -> str | None:
        """The state a delegation's adjective names: "the Ruritanian delegation included"."""
        for anchor in anchors:
            for token in (anchor.head, *anchor.subtree):
                if token.lemma_.lower() not in self.nouns:
                    continue
                for word in token.subtree:
                    a = descriptors.affiliation_at.get(word.i)
                    if a is not None and word.i < token.i:
                        return a.country or a.org
        return None

    def _only_mentioned(self, token: Token, anchor: Token, roster: Roster, person: int) -> bool:
        """ "on behalf of X", "the delegation of X's government": named, not present.

        The check starts above the person's own phrase, so "Director of the Office X"
        (a title whose "of" phrase the parser hangs the name on) is still X attending.
        """
        head = token
        while head.head.i != head.i and roster.body_owner.get(head.head.i) == person:
            head = head.head
        while head.i != anchor.i and head.head.i != head.i:
            # ... but "in the presence of X" names X.
            presence = head.head.lower_ == "of" and head.head.head.i == anchor.i
            # "accompanied in the talks by X": the phrase names the meeting, not a cause.
            meeting = head.lemma_.lower() in _THIS_MEETING
            if (
                head.dep_ == "pobj"
                and head.head.lower_ in _NOT_PARTICIPATING_PREPS
                and not presence
                and not meeting
            ):
                return True
            if head.dep_ == "poss":
                return True
            head = head.head
        return False


def _listed_sides(
    sentence: Span, people: set[int], roster: Roster, descriptors: Descriptors
) -> tuple[tuple[int, str], ...]:
    """ "attended by X, Minister of ...; and, on the Ruritanian side, Y and Z": a "<state>
    side" phrase gives its side to the names listed after it, up to the next such phrase."""
    sides: dict[int, str] = {}
    current: str | None = None
    for token in sentence:
        if token.lemma_.lower() == "side" and token.i > sentence.start:
            state = descriptors.affiliation_at.get(token.i - 1)
            current = (state.country or state.org) if state is not None else current
            continue
        person = roster.name_at.get(token.i)
        if current and person in people and person not in sides:
            sides[person] = current
    return tuple(sorted(sides.items()))


def _accompanied(anchor: Token) -> list[Token]:
    """The phrase naming whom a companion verb's people accompany: "A, accompanied by X"
    (the noun it modifies), "A was accompanied by X", "Accompanying A were X"."""
    if anchor.dep_ in ("acl", "relcl", "advcl"):
        return [anchor.head]
    return [c for c in anchor.children if c.dep_ in ("nsubjpass", "dobj")]


def _companion_verb(token: Token) -> bool:
    """ "accompanied", and "Accompanying" at a sentence's start, which the small model
    does not always lemmatise."""
    return token.lemma_.lower() in _COMPANION_VERBS or token.lower_.startswith(
        ("accompan", "flank")
    )


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in (*token.children, *token.head.children))
