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
_ORDINAL = r"(?:st|nd|rd|th)?"

EXPLICIT = re.compile(
    rf"\b(?P<md>{_MONTHS}\s+\d{{1,2}}(?!\d){_ORDINAL}(?:\s*(?:-|\u2013)\s*\d{{1,2}})?"
    rf"(?:,?\s+(?P<y1>\d{{4}}))?)"
    rf"|\b(?P<dm>\d{{1,2}}{_ORDINAL}(?:\s*(?:-|\u2013|and|to)\s*\d{{1,2}}{_ORDINAL})?\s+"
    rf"(?:of\s+)?{_MONTHS}(?:,?\s+(?P<y2>\d{{4}}))?)"
    rf"|\b(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})\b"
    # "09.04.2025", "19/3/2024": day, month and year in figures, as releases print them.
    rf"|\b(?P<dotted>(?P<dd>\d{{1,2}})(?P<sep>[./])(?P<mm>\d{{1,2}})(?P=sep)(?P<yyyy>\d{{4}}))\b"
)
WEEKDAY = re.compile(r"\b(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
RELATIVE = re.compile(
    r"\b(?P<rel>today|yesterday|tomorrow|tonight|this morning|this afternoon|this evening)\b",
    re.IGNORECASE,
)
# Periods that do not name a day: a meeting dated only by them is history or vague.
VAGUE = re.compile(
    rf"(?<!since )\b(?:last|earlier this|earlier in the|later this|next)\s+"
    rf"(?:week|month|year|{_MONTHS})\b"
    rf"|(?<!since )\bin\s+(?:early\s+|late\s+|mid-?)?(?:{_MONTHS}\s+)?(?:19|20)\d\d\b|\bago\b"
    rf"|\bin\s+(?:early\s+|late\s+|mid-?)?{_MONTHS}(?!\s*\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    day: dt.date | None  # None when the expression does not name a day
    start: int
    end: int
    vague: bool = False
    calendar: bool = False  # written as a date ("5 March"), not a weekday or "yesterday"


@lru_cache(maxsize=4096)
def parse_day(text: str, base: dt.date | None) -> dt.date | None:
    """The day an explicit date names ("March 5", "5th of March 2024"), its year from ``base``."""
    import dateparser

    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day"]}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    elif not re.search(r"\d{4}", text):
        return None  # a day and month without a year or publication date: unknown year
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    cleaned = re.sub(r"\bof\s+", "", cleaned)
    # "27-28", "5 and 6": a meeting over several days is dated by its first.
    cleaned = re.sub(r"(\d{1,2})\s*(?:-|\u2013|and|to)\s*\d{1,2}(?!\d)", r"\1", cleaned)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateparser warns about its own tz internals
        parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _dotted(match: re.Match[str], anchor: dt.date | None = None) -> dt.date | None:
    """Day first, as everywhere but the United States; "3/19/2024" can only be month first,
    and a slashed date either way round is the reading nearer the publication date."""
    first, second, year = int(match.group("dd")), int(match.group("mm")), int(match.group("yyyy"))
    readings = []
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not readings:
        return None
    if match.group("sep") == "/" and anchor is not None:
        return min(readings, key=lambda d: abs((d - anchor).days))
    return readings[0]


def _weekday(name: str, base: dt.date, future: bool) -> dt.date:
    target = _WEEKDAYS.index(name.lower())
    if future:
        return base + dt.timedelta(days=(target - base.weekday()) % 7)
    return base - dt.timedelta(days=(base.weekday() - target) % 7)


def _nearest_year(day: dt.date, base: dt.date, future: bool) -> dt.date:
    """A day written without a year: the nearest sensible one, past for held, future for planned."""
    try:
        if not future and day > base + dt.timedelta(days=2):
            return day.replace(year=day.year - 1)
        if future and day < base - dt.timedelta(days=2):
            return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day
    return day


def find_dates(text: str, anchor: dt.date | None, *, future: bool = False) -> list[DateMention]:
    """Date expressions in ``text``, resolved against ``anchor`` where they can be.

    Args:
        future: resolve weekdays and yearless dates forwards (announced meetings).
    """
    found: list[DateMention] = []
    for match in EXPLICIT.finditer(text):
        day = _dotted(match, anchor) if match.group("dotted") else parse_day(match.group(0), anchor)
        year_given = bool(
            match.group("y1") or match.group("y2") or match.group("iso") or match.group("dotted")
        )
        if day and anchor and not year_given:
            day = _nearest_year(day, anchor, future)
        found.append(DateMention(day, match.start(), match.end(), calendar=True))
    if anchor is not None:
        for match in WEEKDAY.finditer(text):
            day = _weekday(match.group("day"), anchor, future)
            found.append(DateMention(day, *match.span()))
        for match in RELATIVE.finditer(text):
            offset = {"yesterday": -1, "tomorrow": 1}.get(match.group("rel").lower(), 0)
            found.append(DateMention(anchor + dt.timedelta(days=offset), *match.span()))
    taken = [(d.start, d.end) for d in found]
    for match in VAGUE.finditer(text):
        if not any(s <= match.start() < e for s, e in taken):
            found.append(DateMention(None, match.start(), match.end(), vague=True))
    found.sort(key=lambda d: d.start)
    return found


# "WASHINGTON, Oct. 26 (Xinhua) --", "Lakeport, 3 March 2024 (Agency):", "CITY, Country, Jan 4
# (AGENCY)", "CITY (Agency - 4th Jan, 2024)", "City, AGENCY -", "City, May 4, 2024, AGENCY --":
# the opening of a wire story.
_SEPARATOR = r"(?:--|\u2014|\u2013|-|:)"
DATELINE = re.compile(
    rf"^\s*(?P<city>[A-Z][A-Za-z.'\-]*(?:[ \t]+[A-Z][A-Za-z.'\-]*){{0,3}})[ \t]*"
    rf"(?:,[ \t]*(?P<region>[A-Z][A-Za-z.]*(?:[ \t]+[A-Z][A-Za-z.]*){{0,2}}))?[ \t]*"
    rf"(?:,\s*(?P<date>{_MONTHS}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTHS}(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}))?"
    rf"\s*,?\s*(?:\((?P<paren>[A-Z][^()\n]{{0,100}})\)\s*{_SEPARATOR}?|\.?\s*/(?P<slashed>[A-Z][^/\n]{{0,40}})/\.?"
    rf"|{_SEPARATOR}|(?=\n)"
    # "Lakeport, May 4, 2024, AGENCY --": an agency's name after the day.
    rf"|(?(date)(?P<agency>[A-Z][A-Za-z.&]*(?:[ \t]+[A-Z][A-Za-z.&]*){{0,2}})"
    rf"[ \t]*{_SEPARATOR}|(?!))"
    rf")\s*"
)


@dataclass(frozen=True)
class Dateline:
    city: str | None
    day: dt.date | None
    end: int  # character offset where the story proper begins


def read_dateline(text: str, published: dt.date | None) -> Dateline | None:
    """The place and day a story opens with: a wire dateline ("LAKEPORT, May 4 (Agency) --"),
    or, within its first few short lines, a line giving a place and a date or a date alone
    ("Lakeport, 4 May 2024", "04.05.2024") as official releases print them."""
    found = _opening_dateline(text, published)
    if found is not None:
        return found
    lines = text[:400].split("\n")[:5]
    offset = 0
    for k, line in enumerate(lines[:4]):
        stripped = line.strip()
        words = len(stripped.split())
        if len(stripped) > 60 or words >= 8 or (stripped.endswith(".") and words >= 5):
            break  # the story has begun: a date line further down is not its dateline
        if stripped:
            candidate = _opening_dateline(stripped + "\n", published)
            if candidate is not None and candidate.day:
                return Dateline(candidate.city, candidate.day, offset + len(line))
            day = _date_alone(stripped, published)
            if day is not None:
                # "09.04.2025" over "Akorda, Astana", or "New Delhi" over "4 May 2024".
                following = lines[k + 1] if k + 1 < len(lines) else ""
                place = _place_line(following)
                if place is not None:
                    return Dateline(place, day, offset + len(line) + 1 + len(following))
                place = _place_line(lines[k - 1]) if k > 0 else None
                return Dateline(place, day, offset + len(line))
        offset += len(line) + 1
    return _closing_dateline(text, published)


def _date_alone(line: str, published: dt.date | None) -> dt.date | None:
    """The day a line gives when the line is nothing but a date."""
    dates = [d for d in find_dates(line, published) if d.day and d.calendar]
    if dates and dates[0].start == 0 and dates[0].end == len(line.rstrip(".")):
        return dates[0].day
    return None


def _place_line(line: str) -> str | None:
    """ "Akorda, Astana", "New Delhi": a short line of capitalised names, its last the city."""
    parts = [p.strip() for p in line.strip().split(",")]
    if not line.strip() or len(line.strip()) > 40 or len(parts) > 3:
        return None
    if not all(
        p and len(p.split()) <= 3 and all(w[:1].isupper() for w in p.split()) for p in parts
    ):
        return None
    return parts[-1]


def _closing_dateline(text: str, published: dt.date | None) -> Dateline | None:
    """ "New Delhi / November 04, 2023" printed under a release, where some ministries put
    it. The story starts at the top, so nothing is cut."""
    lines = [line.strip() for line in text[-200:].split("\n") if line.strip()][-3:]
    for k in range(len(lines) - 1, -1, -1):
        day = _date_alone(lines[k], published)
        if day is not None:
            place = _place_line(lines[k - 1]) if k > 0 else None
            return Dateline(place, day, 0) if place else None
        candidate = _opening_dateline(lines[k] + "\n", published)
        if candidate is not None and candidate.day and candidate.city:
            return Dateline(candidate.city, candidate.day, 0)
    return None


def _opening_dateline(text: str, published: dt.date | None) -> Dateline | None:
    match = DATELINE.match(text[:200])
    if not match:
        return None
    city = match.group("city").strip()
    region = match.group("region") or ""
    paren = match.group("paren") or match.group("slashed") or ""
    agency = bool(paren) or (region.isupper() and len(region) <= 6)
    # "Lakeport: ..." opens regional wire copy; whether "Lakeport" is a place is the
    # gazetteer's to say, where the dateline's city is used.
    colon = match.group(0).rstrip().endswith(":")
    if not (city.isupper() or agency or match.group("date") or colon):
        return None
    raw_date = match.group("date")
    if raw_date is None:
        inside = EXPLICIT.search(paren)
        raw_date = inside.group(0) if inside else None
    written = find_dates(raw_date, published) if raw_date else []
    day = written[0].day if written else None
    return Dateline(city=city.title() if city.isupper() else city, day=day, end=match.end())
