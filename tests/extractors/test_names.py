"""Whether two written names can be one person, within an article."""

from __future__ import annotations

import pytest

from extractors.lexicon import load_lexicon
from extractors.names import could_be_same, name_form


def form(name: str):  # type: ignore[no-untyped-def]
    lexicon = load_lexicon()
    return name_form(name, lexicon.name_particles, lexicon.patronymic_particles)


@pytest.mark.parametrize(
    ("short", "full", "same"),
    [
        ("Osei", "Amara Lindqvist Osei", True),  # family name alone
        ("Amara", "Amara Lindqvist Osei", True),  # given name alone ("President Amara")
        ("Lindqvist Osei", "Amara Lindqvist Osei", True),
        ("Osei Amara", "Amara Osei", True),  # family name first
        ("Min-seo Park", "Park Min-seo", True),
        ("Khalid bin Rashid", "Khalid bin Rashid Al Falasi", True),
        ("Rashid bin Saeed", "Khalid bin Rashid bin Saeed", False),  # the father, not the son
        ("Lindqvist Amara", "Amara Lindqvist Osei", False),  # neither first nor last agrees
        ("Tomas", "Amara Lindqvist Osei", False),
    ],
)
def test_names_shortened_forms(short: str, full: str, same: bool) -> None:
    assert could_be_same(form(short), form(full)) is same


def test_names_particles_do_not_count() -> None:
    assert form("Ana de la Vega").parts == ("ana", "vega")
    assert form("Saeed bin Khalid Al Marri").patronymic
