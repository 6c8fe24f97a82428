"""When two reports describe the same real meeting.

Reports of one meeting agree on who took part and on the day give or take one
(datelines, time zones); undated reports agree on who and where, and appear within
a few days of each other. Different days beyond that are different meetings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from domain.models import Meeting, person_key

DAY_TOLERANCE = dt.timedelta(days=1)
UNDATED_WINDOW = dt.timedelta(days=7)


@dataclass(frozen=True)
class MeetingRef:
    """What identifies a meeting: its people, its day or its reporting window, its city."""

    id: str
    signature: str
    date: dt.date | None
    city: str | None
    first_reported: dt.date | None
    last_reported: dt.date | None


def signature(meeting: Meeting, key_of: Callable[[str], str] = person_key) -> str:
    """The participants as a key: their person keys, sorted, joined.

    Args:
        key_of: written name -> key of the Person node it was resolved to.
    """
    return "|".join(sorted({key_of(p.name) for p in meeting.participants}))


def signature_of_keys(person_keys: Iterable[str]) -> str:
    """The same key, from the attendees' person keys as the graph stores them."""
    return "|".join(sorted(set(person_keys)))


def new_meeting_id(
    meeting: Meeting, published: dt.date | None, key_of: Callable[[str], str] = person_key
) -> str:
    """Deterministic id, so two processes creating the same meeting create one node."""
    sig = signature(meeting, key_of)
    city = (meeting.location.city or "").casefold() if meeting.location else ""
    when = meeting.date.isoformat() if meeting.date else f"undated|{city}|{published or ''}"
    return hashlib.sha256(f"{sig}|{when}".encode()).hexdigest()[:20]


def same_meeting(a: MeetingRef, b: MeetingRef) -> bool:
    if a.signature != b.signature:
        return False
    if a.date and b.date:
        return abs(a.date - b.date) <= DAY_TOLERANCE
    if a.city and b.city and a.city.casefold() != b.city.casefold():
        return False
    return _windows_meet(_window(a), _window(b))


def _window(ref: MeetingRef) -> tuple[dt.date, dt.date] | None:
    if ref.date:
        return ref.date, ref.date
    if ref.first_reported and ref.last_reported:
        return ref.first_reported, ref.last_reported
    return None


def _windows_meet(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None) -> bool:
    if a is None or b is None:
        return False  # nothing to tell them apart by but the names: keep them apart
    return a[0] - UNDATED_WINDOW <= b[1] and b[0] - UNDATED_WINDOW <= a[1]


def choose_keeper(refs: list[MeetingRef]) -> MeetingRef:
    """Of several nodes for one meeting, the one to keep: dated first, then earliest, then id."""
    return min(refs, key=lambda r: (r.date is None, r.date or dt.date.max, r.id))
