"""Name forms across articles: each kind of variation one person's name shows, the
namesakes that must stay apart, and strings that are not names. Names are invented."""

from __future__ import annotations

import pytest

from extractors.lexicon import load_lexicon
from extractors.person_names import Variation, is_person_name, parse_name, variation

LEXICON = load_lexicon()


def relation(a: str, b: str) -> Variation | None:
    return variation(parse_name(a, LEXICON), parse_name(b, LEXICON))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Dr. Anil Rao", "Anil Rao"),  # courtesy word
        ("Shri Vikram Desai", "Vikram Desai"),  # courtesy word of another language
        ("H.E. Dato' Sri Aziz Karim", "Aziz Karim"),  # a run of them
        ("Tomas Ruiz Jr.", "Tomas Ruiz"),  # generational suffix
        ("Lee Hae-rim", "LEE Haerim"),  # hyphen, case
        ("José Álvarez", "Jose Alvarez"),  # accents
        ("Zhou Mingde", "Mingde Zhou"),  # family name first or last
        ("Karim al-Nasser", "Karim Nasser"),  # particle
    ],
)
def test_writings_of_the_same_name(a: str, b: str) -> None:
    assert relation(a, b) is Variation.SAME


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("J. Osei", "Jonas Osei"),  # initial for the given name
        ("Jonas Osei", "Jonas Kofi Osei"),  # middle name left out
        ("Jonas K. Osei", "Jonas Kofi Osei"),  # middle initial
        ("Sergei Volkov", "Sergey Volkov"),  # romanisation of the given name
        ("Mohammed Farouk", "Muhammad Farouk"),
        ("Olaf Brenner", "Olav Brenner"),
        ("Anton Zelensky", "Anton Zelenskyy"),  # romanisation of the family name
        ("Liz Harlow", "Elizabeth Harlow"),  # short given name
        ("Bill Tanner", "William Tanner"),
        ("Hamad bin Khalid", "Hamad bin Khalid Al Noor"),  # dynastic name left off
        ("Kofi Osei", "Jonas Kofi Osei"),  # leading given name left off
    ],
)
def test_variants_of_one_name(a: str, b: str) -> None:
    assert relation(a, b) is Variation.VARIANT
    assert relation(b, a) is Variation.VARIANT


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jonas Osei", "Kwame Osei"),  # namesakes: same family, another given name
        ("George H. W. Lind", "George W. Lind"),  # father and son: middle initials differ
        ("Kim Jong-su", "Kim Jong-il"),  # siblings: one syllable apart
        ("Kim Jong Su", "Kim Jong Il"),
        ("Maria Lopez", "Mario Lopez"),  # a final vowel changes the name
        ("John Tate", "Joan Tate"),  # two names an English name list holds apart
        ("Khalid bin Hamad", "Hamad bin Khalid"),  # son and father
        ("Hamad bin Khalid", "Tamim bin Hamad bin Khalid"),  # father, and son with his name
        ("Osei", "Jonas Kwame"),  # one word that is not an end of the name
        ("Al", "Jonas Al Noor"),
        ("Anil Rao", "Anita Rao"),
        ("Sergei Volkov", "Sergei Volkova"),  # not a romanisation: another family name
    ],
)
def test_different_people_are_not_variants(a: str, b: str) -> None:
    assert relation(a, b) is None
    assert relation(b, a) is None


@pytest.mark.parametrize(
    ("a", "b"), [("Osei", "Jonas Osei"), ("Zhou", "Zhou Mingde"), ("Jonas", "Jonas Osei")]
)
def test_one_word_of_a_name_is_a_short_form(a: str, b: str) -> None:
    """Weaker than a variant: resolution asks more evidence of it."""
    assert relation(a, b) is Variation.SHORT
    assert relation(b, a) is Variation.SHORT


@pytest.mark.parametrize(
    "written",
    [
        "Al",  # a particle cut from its name
        "Chairperson",
        "Sheikh",
        "Dato",
        "Lyonchhen",
        "Foreign Ministers",  # a group
        "Hold Special Foreign Ministers",  # a headline fragment
        "Chinese Foreign Minister",
        "Secretary-General",
        "the minister",
        "H.E.",
    ],
)
def test_titles_courtesies_and_groups_are_not_names(written: str) -> None:
    assert not is_person_name(written, LEXICON)


@pytest.mark.parametrize(
    "written",
    ["Angus King", "Lyonchhen Pema Wangdi", "He Lin", "Amara Bishop", "Zhou Mingde", "Jonas Osei"],
)
def test_names_with_office_like_words_are_names(written: str) -> None:
    assert is_person_name(written, LEXICON)


def test_he_is_a_family_name_unless_written_as_excellency() -> None:
    assert parse_name("He Lin", LEXICON).parts == ("he", "lin")
    assert parse_name("HE Mr Tomas Ruiz", LEXICON).parts == ("tomas", "ruiz")


def test_the_core_keeps_the_written_name_without_courtesy_words() -> None:
    assert parse_name("H.E. Dr. Anil Rao", LEXICON).core == "Anil Rao"
