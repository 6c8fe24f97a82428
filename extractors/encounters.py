"""From candidates to encounters: one per real meeting the article reports.

Reports of one meeting repeat its people ("A met B ... The two discussed ... A told
B"); a meeting with other people, on another day or in another form is another
encounter ("A met B and later C" is two). Sentences that only say something was
agreed or conveyed at a meeting add to the one reported and never make one of their
own, unless the article reports no meeting in any other way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from domain.models import MeetingKind, MeetingStatus, ParticipantRole
from extractors.participants import Attendance, Candidate


@dataclass(frozen=True)
class Dated:
    day: dt.date | None
    vague: bool  # dated only by a period ("last year"): history, or not a day
    calendar: bool = False  # the day is written as a date ("5 March"), not a weekday


@dataclass
class Encounter:
    people: set[int]
    status: MeetingStatus
    conditional: bool
    kind: MeetingKind
    kind_stated: bool
    sentences: list[int]  # body sentences that report it, first where it is introduced
    candidates: list[Candidate]
    day: dt.date | None
    vague: bool
    roles: dict[int, ParticipantRole] = field(default_factory=dict)
    from_headline: bool = False
    attended: dict[int, str | None] = field(default_factory=dict)  # attendee -> side stated
    companions: dict[int, int] = field(default_factory=dict)  # attendee -> whom they accompany

    @property
    def first_sentence(self) -> int:
        return self.sentences[0] if self.sentences else -1


def _same_people(a: set[int] | frozenset[int], b: set[int] | frozenset[int]) -> bool:
    overlap = a & b
    return a == b or (len(overlap) >= 2 and (a <= b or b <= a))


def _compatible(
    encounter: Encounter, c: Candidate, dated: Dated, anchor: dt.date | None = None
) -> bool:
    if not _same_people(encounter.people, c.people):
        return False
    if encounter.day and dated.day and encounter.day != dated.day:
        return False
    # An undated report is of the story's days; "they last met on 5 March 2019" is not it.
    if not encounter.day and dated.day and anchor and abs((anchor - dated.day).days) > 7:
        return False
    if encounter.kind_stated and c.cue.kind_stated and encounter.kind != c.cue.kind:
        return False
    if c.cue.status == encounter.status:
        return True
    # An undated announcement about the same people ("they agreed to sign") belongs to the
    # meeting reported; a planned meeting ("accepted her invitation to visit", "the two
    # leaders will meet again in May") is its own.
    return not dated.day and (
        c.cue.weak or c.cue.joint or (c.group and not _plans_anew(c, encounter))
    )


def _plans_anew(c: Candidate, reported: Encounter) -> bool:
    """ "The two leaders will meet again": a meeting verb in the future after a meeting held
    plans another one."""
    return (
        c.cue.status == "planned"
        and reported.status == "held"
        and not (c.cue.weak or c.cue.joint)
        # "will meet", "will visit"; not "agreed to continue consultations", which goes on
        # with talks of another kind.
        and c.cue.token.pos_ == "VERB"
        and c.cue.token.lemma_.lower() in _MEETING_VERBS
    )


_MEETING_VERBS = {"meet", "visit", "host", "receive", "welcome"}


def assemble(
    candidates: list[Candidate],
    attendance: list[Attendance],
    date_of: Callable[[Candidate], Dated],
    anchor: dt.date | None = None,
) -> list[Encounter]:
    """Merge candidates (in text order, headline first) into encounters."""
    encounters: list[Encounter] = []
    fallback: list[tuple[Candidate, Dated]] = []
    current: Encounter | None = None
    headline = [c for c in candidates if c.sentence < 0]
    body = [c for c in candidates if c.sentence >= 0 and not _agrees_to_a_plan(c, candidates)]
    for c in body:
        if c.cue.status is None:
            continue
        people = set(c.people)
        # "They met last year" after a planned meeting is history, not that plan held.
        borrowed = (
            c.group
            and current is not None
            and len(people) < 2
            and not (c.cue.status == "held" and current.status == "planned")
        )
        if borrowed and current is not None:
            people |= current.people
        elif c.group and current is None and len(people) < 2:
            people |= c.recent  # "the two leaders will meet" before any meeting is reported
        if len(people) < 2:
            continue
        c = Candidate(c.cue, c.sentence, frozenset(people), c.roles, c.group, c.recent)
        dated = date_of(c)
        if c.cue.status == "held" and dated.vague and not c.group:
            continue  # "they first met in 2019": background, not a meeting reported
        target = next((e for e in reversed(encounters) if _compatible(e, c, dated, anchor)), None)
        # "Previously, the two leaders met on 5 March 2019": a dated group is a meeting of its own.
        own_day = borrowed and (
            (dated.calendar and c.cue.token.pos_ == "VERB")
            # "They will meet again tomorrow": a plan after the meeting reported.
            or (dated.day is not None and current is not None and c.cue.status != current.status)
            or (current is not None and _plans_anew(c, current))
        )
        if target is None and (c.cue.weak or c.cue.joint or borrowed) and not own_day:
            fallback.append((c, dated))
            continue
        if target is None:
            target = _new(c, dated)
            encounters.append(target)
        else:
            _add(target, c, dated)
        current = target
    # "The two ministers agreed ..." before or after the meeting is reported: part of it.
    unplaced = []
    for c, dated in fallback:
        target = next((e for e in encounters if _compatible(e, c, dated, anchor)), None)
        if target is not None:
            _add(target, c, dated)
        elif (
            c.cue.joint
            and not c.group
            and len(c.people) >= 2
            and not any(len(e.people & c.people) >= 2 for e in encounters)
        ):
            # "A, B and C discussed maritime security": people named doing something
            # together, no two of whom meet in a meeting reported otherwise, report one.
            encounters.append(_new(c, dated))
        else:
            unplaced.append((c, dated))
    if not encounters and unplaced:
        # Only "agreed"/"conveyed" sentences: the meeting they describe still happened.
        c, dated = unplaced[0]
        encounters.append(_new(c, dated))
        for other, other_dated in unplaced[1:]:
            if _compatible(encounters[0], other, other_dated):
                _add(encounters[0], other, other_dated)
    for e in encounters:
        e.sentences.sort()
    for c in headline:
        if c.cue.status is None or len(c.people) < 2:
            continue
        dated = date_of(c)
        target = next((e for e in encounters if _same_people(e.people, set(c.people))), None)
        if target is not None:
            if c.cue.kind_stated and not target.kind_stated:
                target.kind, target.kind_stated = c.cue.kind, True
            # "A's meeting with B; C's call with D": people of another meeting the body
            # reports stay in theirs.
            elsewhere = {p for e in encounters if e is not target for p in e.people}
            target.people |= c.people - (elsewhere - target.people)
            continue
        if not any(set(c.people) & e.people for e in encounters) or not encounters:
            encounter = _new(c, dated)
            encounter.from_headline = True
            encounter.sentences = []
            encounters.append(encounter)
    _add_attendance(encounters, attendance)
    return encounters


def _agrees_to_a_plan(c: Candidate, candidates: list[Candidate]) -> bool:
    """ "The two leaders agreed to meet in Paris on 22 June": the agreement is the plan's
    announcement, not a meeting on the plan's day; the planned "meet" stands for both."""
    if not (c.cue.weak or c.cue.joint):
        return False
    token = c.cue.token
    return any(
        other.sentence == c.sentence
        and other.cue.status == "planned"
        and other.cue.token.i != token.i
        and token.left_edge.i <= other.cue.token.i <= token.right_edge.i
        and other.cue.token.head.i == token.i
        for other in candidates
    )


def _new(c: Candidate, dated: Dated) -> Encounter:
    status = c.cue.status or "held"
    return Encounter(
        people=set(c.people),
        status=status,
        conditional=c.cue.conditional,
        kind=c.cue.kind,
        kind_stated=c.cue.kind_stated,
        sentences=[c.sentence] if c.sentence >= 0 else [],
        candidates=[c],
        day=dated.day,
        vague=dated.vague and dated.day is None,
        roles=dict(c.roles),
    )


def _add(target: Encounter, c: Candidate, dated: Dated) -> None:
    target.people |= c.people
    target.candidates.append(c)
    if c.sentence >= 0 and c.sentence not in target.sentences:
        target.sentences.append(c.sentence)
    target.day = target.day or dated.day
    if c.cue.kind_stated and not target.kind_stated:
        target.kind, target.kind_stated = c.cue.kind, True
    for person, role in c.roles:
        target.roles.setdefault(person, role)


def _add_attendance(encounters: list[Encounter], attendance: list[Attendance]) -> None:
    """Officials present join the meeting their sentence is about: the one reported in that
    sentence, else the last one reported before it."""
    for a in attendance:
        same = [e for e in encounters if a.sentence in e.sentences]
        before = [
            e for e in encounters if 0 <= e.first_sentence < a.sentence and e.status == "held"
        ]
        target = (
            same[0] if same else (max(before, key=lambda e: e.first_sentence) if before else None)
        )
        if target is None:
            continue
        companions = {p for p in a.companion_of if p in target.people}
        for person in a.people - target.people:
            side = a.side_of(person)
            target.attended[person] = side
            if companions and not side:
                target.companions[person] = next(iter(sorted(companions)))
        target.people |= a.people
