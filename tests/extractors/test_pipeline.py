"""The extractor on articles written for these tests, one rule each."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.models import Meeting
from extractors.pipeline import SpacyExtractor
from tests.extractors.conftest import load_article


def meetings_of(extractor: SpacyExtractor, name: str) -> list[Meeting]:
    return extractor.extract(load_article(name)).meetings


def people(meeting: Meeting) -> set[str]:
    return {p.name for p in meeting.participants}


def participant(meeting: Meeting, name: str):  # type: ignore[no-untyped-def]
    return next(p for p in meeting.participants if p.name == name)


def test_pipeline_resolves_weekday_against_published_date(extractor: SpacyExtractor) -> None:
    (meeting,) = meetings_of(extractor, "relative-date")
    assert people(meeting) == {"Fiona Callaghan", "Ratna Wulandari"}
    assert meeting.date == dt.date(2024, 3, 5)  # the Tuesday before Friday 8 March
    assert meeting.location is not None
    assert (meeting.location.city, meeting.location.country) == ("Jakarta", "ID")
    assert {t.id for t in meeting.topics} >= {"security-defense", "economy-trade"}


def test_pipeline_reads_short_forms_and_yesterday(extractor: SpacyExtractor) -> None:
    (meeting,) = meetings_of(extractor, "short-forms")
    assert participant(meeting, "Kwon Tae-jin").country == "KR"  # "ROK"
    caldwell = participant(meeting, "Michael Caldwell")
    assert caldwell.country == "US"  # "U.S."
    assert caldwell.title == "Deputy Secretary of State"
    assert "Caldwell" in caldwell.aliases  # the surname NER tagged as an organisation
    assert meeting.date == dt.date(2024, 5, 16)
    # "received": the host and the visitor are roles the text states.
    assert participant(meeting, "Kwon Tae-jin").role == "host"
    assert caldwell.role == "visitor"
    assert "nuclear-nonproliferation" in {t.id for t in meeting.topics}


def test_pipeline_marks_former_officials(extractor: SpacyExtractor) -> None:
    (meeting,) = meetings_of(extractor, "former-official")
    ashworth = participant(meeting, "Graham Ashworth")
    assert ashworth.former is True
    assert ashworth.country == "GB"
    assert ashworth.title == "former Prime Minister"
    assert participant(meeting, "Tang Weiming").former is False


def test_pipeline_gives_org_officials_an_org_not_a_country(extractor: SpacyExtractor) -> None:
    (meeting,) = meetings_of(extractor, "org-official")
    moretti = participant(meeting, "Esteban Moretti")
    assert (moretti.country, moretti.org) == (None, "IAEA")
    assert participant(meeting, "Mehdi Rahimi-Kashani").country == "IR"


def test_pipeline_detects_phone_calls_without_a_place(extractor: SpacyExtractor) -> None:
    (meeting,) = meetings_of(extractor, "phone-call")
    assert meeting.kind == "call"
    assert meeting.location is None
    assert meeting.date == dt.date(2024, 2, 15)
    assert {t.id for t in meeting.topics} >= {"conflict-crisis", "development-humanitarian"}


def test_pipeline_reports_announced_meetings_as_planned(extractor: SpacyExtractor) -> None:
    (meeting,) = meetings_of(extractor, "planned")
    assert meeting.status == "planned"
    assert meeting.date == dt.date(2024, 7, 5)  # the Friday after Monday 1 July
    assert people(meeting) == {"Venkatesh Raghunathan", "Pavel Zaitsev"}


def test_pipeline_separates_meetings_with_different_partners(extractor: SpacyExtractor) -> None:
    first, second = meetings_of(extractor, "multi-meeting")
    assert people(first) == {"Emiko Tanabe", "Rodolfo Dimaculangan"}
    assert people(second) == {"Emiko Tanabe", "Kittipong Rattanakorn"}
    assert "sovereignty-territory" in {t.id for t in first.topics}
    assert {t.id for t in second.topics} == {"economy-trade"}


def test_pipeline_keeps_a_trilateral_as_one_meeting(extractor: SpacyExtractor) -> None:
    (meeting,) = meetings_of(extractor, "trilateral")
    assert people(meeting) == {"Hiroshi Kanemura", "Kwon Tae-jin", "Daniel Whitfield"}
    assert {p.country for p in meeting.participants} == {"JP", "KR", "US"}


@pytest.mark.parametrize("name", ["negative-statement", "hypothetical"])
def test_pipeline_reports_no_meeting_where_there_is_none(
    extractor: SpacyExtractor, name: str
) -> None:
    assert meetings_of(extractor, name) == []


def test_pipeline_is_not_fooled_by_headline_case(extractor: SpacyExtractor) -> None:
    (meeting,) = meetings_of(extractor, "headline-case")
    assert people(meeting) == {"Pavel Zaitsev", "Emre Aksoy"}


def test_pipeline_uses_full_name_for_surname_mentions(extractor: SpacyExtractor) -> None:
    (meeting,) = meetings_of(extractor, "surname-only")
    teixeira = participant(meeting, "Joao Marcelo Teixeira da Rocha")
    assert "Teixeira" in teixeira.aliases
    assert teixeira.country == "BR"


def test_pipeline_evidence_points_into_the_text(extractor: SpacyExtractor) -> None:
    article = load_article("relative-date")
    result = extractor.extract(article)
    assert result.extractor_version.startswith("diplograph-rules-")
    for meeting in result.meetings:
        evidences = [meeting.evidence, *(p.evidence for p in meeting.participants)]
        evidences += [t.evidence for t in meeting.topics]
        for evidence in evidences:
            assert evidence is not None
            assert article.text[evidence.start : evidence.end] == evidence.sentence
            assert 0 < evidence.confidence <= 1
