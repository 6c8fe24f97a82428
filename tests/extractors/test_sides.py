"""Whose side a participant is on when the text does not say: the publisher's country."""

from __future__ import annotations

import pytest

from extractors.sides import publisher_country


@pytest.mark.parametrize(
    ("url", "country"),
    [
        ("https://www.mfa.gov.tr/readout", "TR"),
        ("https://www.mofa.go.kr/eng/view.do", "KR"),
        ("https://www.gov.uk/government/news/x", "GB"),
        ("https://dirco.gov.za/?p=1", "ZA"),
        ("https://news.example.co.kr/story", None),  # a newspaper, not a government
        ("https://www.example.com/news", None),
        (None, None),
    ],
)
def test_sides_publisher_country_of_government_sites(url: str | None, country: str | None) -> None:
    assert publisher_country(url) == country
