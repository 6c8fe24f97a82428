"""Dates of meetings: explicit dates, weekdays and relative words, anchored on publication."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

EXPLICIT = re.compile(
    rf"\b(?P<md>{_MONTHS}\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?(?:\s*-\s*\d{{1,2}})?"
    rf"(?:,?\s+(?P<y1>\d{{4}}))?)"
    rf"|\b(?P<dm>\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}(?:,?\s+(?P<y2>\d{{4}}))?)"
    rf"|\b(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})\b"
)
WEEKDAY = re.compile(r"\b(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
RELATIVE = re.compile(r"\b(?P<rel>today|yesterday|tomorrow|tonight|this morning|this afternoon)\b")
# Periods that do not name a day: a meeting dated only by them is history or vague.
VAGUE = re.compile(
    rf"(?<!since )\b(?:last|earlier this|earlier in the)\s+(?:week|month|year|{_MONTHS})\b"
    r"|(?<!since )\bin\s+(?:19|20)\d\d\b|\bago\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    day: dt.date | None  # None when the expression does not name a day
    start: int
    end: int
    vague: bool = False


@lru_cache(maxsize=4096)
def _parse_explicit(text: str, base: dt.date | None) -> dt.date | None:
    import dateparser

    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day"]}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    elif not re.search(r"\d{4}", text):
        return None  # a day and month without a year or publication date: unknown year
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    cleaned = re.sub(r"(\d{1,2})\s*-\s*\d{1,2}", r"\1", cleaned)  # "27-28" -> first day
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateparser warns about its own tz internals
        parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _weekday(name: str, base: dt.date, future: bool) -> dt.date:
    target = _WEEKDAYS.index(name.lower())
    delta = (target - base.weekday()) % 7
    if future:
        return base + dt.timedelta(days=delta)
    return base - dt.timedelta(days=(base.weekday() - target) % 7)


def find_dates(text: str, published: dt.date | None, *, future: bool = False) -> list[DateMention]:
    """Date expressions in ``text``, resolved against ``published`` where they can be.

    Args:
        future: resolve weekdays forwards (for announced meetings) instead of backwards.
    """
    found: list[DateMention] = []
    for match in EXPLICIT.finditer(text):
        raw = match.group(0)
        day = _parse_explicit(raw, published)
        year_given = bool(match.group("y1") or match.group("y2") or match.group("iso"))
        if day and published and not year_given:
            # Without a year the nearest sensible year: past for held, future for planned.
            if not future and day > published + dt.timedelta(days=2):
                day = day.replace(year=day.year - 1)
            elif future and day < published - dt.timedelta(days=2):
                day = day.replace(year=day.year + 1)
        found.append(DateMention(day, match.start(), match.end()))
    if published is not None:
        for match in WEEKDAY.finditer(text):
            found.append(
                DateMention(_weekday(match.group("day"), published, future), *match.span())
            )
        for match in RELATIVE.finditer(text):
            offset = {"yesterday": -1, "tomorrow": 1}.get(match.group("rel").lower(), 0)
            found.append(
                DateMention(published + dt.timedelta(days=offset), match.start(), match.end())
            )
    taken = [(d.start, d.end) for d in found]
    for match in VAGUE.finditer(text):
        if not any(s <= match.start() < e for s, e in taken):
            found.append(DateMention(None, match.start(), match.end(), vague=True))
    found.sort(key=lambda d: d.start)
    return found


DATELINE = re.compile(
    rf"^\s*(?P<city>[A-Z][A-Za-z .'\-]{{1,40}}?)\s*(?:,\s*(?P<date>{_MONTHS}\s+\d{{1,2}}))?"
    r"\s*(?:\((?P<agency>[A-Za-z ]+)\))?\s*(?:--|\u2014|\u2013|-|\n)"
)


@dataclass(frozen=True)
class Dateline:
    city: str | None
    day: dt.date | None


def read_dateline(text: str, published: dt.date | None) -> Dateline | None:
    """The "WASHINGTON, Oct. 26 (Xinhua) --" line that opens wire stories, if any."""
    match = DATELINE.match(text)
    if not match:
        return None
    city = match.group("city").strip()
    if not (city.isupper() or match.group("agency") or match.group("date")):
        return None
    day = _parse_explicit(match.group("date"), published) if match.group("date") else None
    if day and published and day > published + dt.timedelta(days=2):
        day = day.replace(year=day.year - 1)
    return Dateline(city=city.title() if city.isupper() else city, day=day)
