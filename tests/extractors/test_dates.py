"""Dates and wire datelines, with invented openings."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.dates import find_dates, read_dateline

PUBLISHED = dt.date(2024, 3, 8)  # a Friday


@pytest.mark.parametrize(
    ("opening", "city", "day"),
    [
        ("LAKEPORT, March 5 (Wire) -- The minister", "Lakeport", dt.date(2024, 3, 5)),
        ("LAKEPORT, Dec. 19 \u2014 The minister", "Lakeport", dt.date(2023, 12, 19)),
        ("Lakeport, 5 March 2023 (Agency): The minister", "Lakeport", dt.date(2023, 3, 5)),
        ("PORT ELLIS, (Some News / Agency - 4th Mar, 2024) The", "Port Ellis", dt.date(2024, 3, 4)),
        ("HAVEN, Ruritania, Mar 6 (ACN) The minister", "Haven", dt.date(2024, 3, 6)),
        ("LAKEPORT, March 7. /Agency/. The minister", "Lakeport", dt.date(2024, 3, 7)),
        ("Lakeport: The minister met", "Lakeport", None),
        ("Lakeport, 5 March 2024\n\nThe minister", "Lakeport", dt.date(2024, 3, 5)),
        (
            "Minister Receives Envoy\n\nLakeport, March 5, 2024\nThe",
            "Lakeport",
            dt.date(2024, 3, 5),
        ),
        ("05.03.2024\nThe minister", None, dt.date(2024, 3, 5)),
        ("Lakeport, 6/3/2024\n\nThe minister", "Lakeport", dt.date(2024, 3, 6)),
        ("Lakeport, 3/6/2024\n\nThe minister", "Lakeport", dt.date(2024, 3, 6)),  # nearer
        ("05.03.2024\nState House, Lakeport\n\nThe minister", "Lakeport", dt.date(2024, 3, 5)),
        ("Port Ellis\nMarch 5, 2024\n\nThe minister", "Port Ellis", dt.date(2024, 3, 5)),
        ("Lakeport, March 5, 2024, RNA -- The minister", "Lakeport", dt.date(2024, 3, 5)),
    ],
)
def test_dates_reads_wire_datelines(opening: str, city: str | None, day: dt.date | None) -> None:
    dateline = read_dateline(opening, PUBLISHED)
    assert dateline is not None
    assert (dateline.city, dateline.day) == (city, day)
    assert opening[dateline.end :].lstrip().startswith("The")


@pytest.mark.parametrize(
    "opening",
    ["The minister met his counterpart - a rare event", "President Ana Ruiz (left) greets"],
)
def test_dates_ordinary_openings_are_not_datelines(opening: str) -> None:
    assert read_dateline(opening, PUBLISHED) is None


def test_dates_a_yearless_dateline_without_publication_has_no_day() -> None:
    dateline = read_dateline("LAKEPORT, March 5 (Wire) -- Talks", None)
    assert dateline is not None and dateline.day is None


@pytest.mark.parametrize(
    ("text", "future", "days"),
    [
        ("met on Tuesday", False, [dt.date(2024, 3, 5)]),
        ("will meet on Tuesday", True, [dt.date(2024, 3, 12)]),
        ("talks on the 5th and 6th of March 2024", False, [dt.date(2024, 3, 5)]),
        ("on Feb. 16 and 11 December 2023", False, [dt.date(2024, 2, 16), dt.date(2023, 12, 11)]),
        ("yesterday", False, [dt.date(2024, 3, 7)]),
    ],
)
def test_dates_finds_days(text: str, future: bool, days: list[dt.date]) -> None:
    assert [d.day for d in find_dates(text, PUBLISHED, future=future) if d.day] == days


@pytest.mark.parametrize("text", ["they met in 2019", "at their meeting last year", "in March"])
def test_dates_periods_are_vague(text: str) -> None:
    found = find_dates(text, PUBLISHED)
    assert found and all(d.day is None and d.vague for d in found)


def test_dates_a_place_and_date_under_a_release_date_it_and_cut_nothing() -> None:
    text = "The minister met his counterpart on Tuesday.\n\nPort Ellis\nMarch 5, 2024"
    dateline = read_dateline(text, PUBLISHED)
    assert dateline is not None
    assert (dateline.city, dateline.day, dateline.end) == ("Port Ellis", dt.date(2024, 3, 5), 0)


def test_dates_a_date_line_after_the_story_begins_is_not_its_opening() -> None:
    text = "The minister met his counterpart in the capital on Tuesday.\n\nPort Ellis, 5 March 2024"
    dateline = read_dateline(text, PUBLISHED)
    assert dateline is not None and dateline.end == 0
