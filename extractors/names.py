"""Person names as strings: their comparable parts and whether two of them can be one person.

Within one article a person is written in full once and shortened afterwards
("Amara Lindqvist Osei", then "Osei" or "President Amara"); a headline may put the
family name first. Names are compared as sets of folded parts, with particles
("bin", "al", "de", "van") ignored so that "Khalid bin Rashid" and "Khalid Rashid"
agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SPLIT = re.compile(r"[\s\-\u2010\u2011]+")


def fold(part: str) -> str:
    """A name part without case, diacritics, dots or apostrophes."""
    decomposed = unicodedata.normalize("NFKD", part)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[.'\u2019`]", "", plain)


@dataclass(frozen=True)
class NameForm:
    """The comparable form of a written name."""

    parts: tuple[str, ...]  # folded parts in written order, particles left out
    patronymic: bool  # "X bin Y bin Z": the parts after the first are fathers' names

    @property
    def part_set(self) -> frozenset[str]:
        return frozenset(self.parts)


def name_form(name: str, particles: frozenset[str], patronymics: frozenset[str]) -> NameForm:
    words = [fold(p) for p in _SPLIT.split(name.strip())]
    return NameForm(
        parts=tuple(w for w in words if w and w not in particles and w not in patronymics),
        patronymic=any(w in patronymics for w in words),
    )


def could_be_same(short: NameForm, full: NameForm) -> bool:
    """True when ``short`` can be a shortened or reordered writing of ``full``.

    "Lindqvist" and "Amara Osei" can shorten "Amara Lindqvist Osei", and "Osei Amara"
    reorders it; "Rashid bin Saeed" does not shorten "Khalid bin Rashid bin Saeed" (he is
    the father), so in a patronymic chain the given name must agree.
    """
    if not short.parts or not short.part_set <= full.part_set:
        return False
    if short.part_set == full.part_set or len(short.parts) == 1:
        return True
    if short.patronymic or full.patronymic:
        return short.parts[0] == full.parts[0]
    return short.parts[0] == full.parts[0] or short.parts[-1] == full.parts[-1]


def fused(name: str) -> str:
    """All parts run together: "Ana-Maria Ruiz" and "Ana Maria Ruiz" agree."""
    return "".join(fold(p) for p in _SPLIT.split(name.strip()))


def tidy(name: str) -> str:
    """One space between words, none around hyphens, no trailing punctuation."""
    text = re.sub(r"\s+", " ", name).strip(" ,;:")
    text = re.sub(r"\s*([\-\u2010\u2011])\s*", r"\1", text)
    return text.removesuffix("'s").removesuffix("\u2019s").strip()


def display_form(name: str) -> str:
    """Capitals as a reader expects them: a name written all in capitals is capitalised."""
    if name.isupper() and len(name) > 3:
        return " ".join(w.capitalize() for w in name.split())
    return name
