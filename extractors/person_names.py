"""Person names across articles: what a written name is made of, whether it is a name
at all, and how two writings of one person's name can differ.

Within one article a name is shortened and reordered (names.py). Across articles the
same person is written with or without a courtesy word ("Dr", "Shri", "Sheikh"), with
or without a middle name, with the given name as an initial ("J. Osei"), in another
romanisation ("Sergei"/"Sergey"), with a short given name ("Liz"/"Elizabeth"), with
the family name first or last, or with a dynastic name ("... Al Saud") left off. Each
is a kind of variation this module recognises; whether two such names are one person
needs evidence names cannot give (app/person_resolution.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

import jellyfish
from nicknames import NickNamer

from extractors.lexicon import Lexicon

_WORD = re.compile(r"\S+")
_HYPHEN = re.compile(r"[-\u2010\u2011]")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# "HE Mr ..." abbreviates His Excellency; "He" is also a family name ("He Lin").
_EXCELLENCY_ABBREVIATIONS = frozenset({"HE", "H.E.", "H.E"})
_LONGEST_HONORIFIC = 3  # words: "his royal highness"


def fold(word: str) -> str:
    """A word without case, diacritics, dots or apostrophes."""
    decomposed = unicodedata.normalize("NFKD", word)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[.'\u2019`]", "", plain)


@dataclass(frozen=True)
class PersonName:
    """A written name reduced to the parts that identify a person."""

    written: str
    core: str  # as written, courtesy words and suffixes left out: "Amar Patel"
    parts: tuple[str, ...]  # folded, in written order; courtesy words and particles left out
    after_particle: frozenset[int]  # parts introduced by a particle ("Al Saud", "bin Zayed")
    patronymic: bool = False  # "X bin Y": the order of the parts says who is whose son

    @property
    def key(self) -> str:
        """Equal for writings that differ only in courtesy words, case, accents,
        spacing, hyphens and particles: "Dr. Lee Hae-chan" and "LEE Haechan"."""
        return "".join(self.parts)

    @property
    def blocks(self) -> frozenset[str]:
        """Parts long enough to look a person up by: every variant keeps one of them."""
        return frozenset(p for p in self.parts if len(p) >= 3)


def parse_name(written: str, lexicon: Lexicon) -> PersonName:
    words = _WORD.findall(written)
    words = words[_courtesy_length(words, lexicon) :]
    while words and fold(words[-1]) in _SUFFIXES:
        words.pop()
    parts: list[str] = []
    after_particle: set[int] = set()
    particle_before = False
    particles = lexicon.name_particles | lexicon.patronymic_particles
    patronymic = False
    for position, word in enumerate(words):
        pieces = [fold(p) for p in _HYPHEN.split(word) if fold(p)]
        if pieces and pieces[0] in particles and (position > 0 or len(pieces) > 1):
            patronymic = patronymic or pieces[0] in lexicon.patronymic_particles
            pieces = pieces[1:]  # "al-Sudani", "bin Zayed": the particle is not the name
            particle_before = True
        fused = "".join(pieces)
        if not fused:
            continue
        if particle_before:
            after_particle.add(len(parts))
        parts.append(fused)
        particle_before = False
    core = " ".join(words) or written
    return PersonName(written, core, tuple(parts), frozenset(after_particle), patronymic)


def _courtesy_length(words: list[str], lexicon: Lexicon) -> int:
    """How many leading words are courtesy words ("H.E. Dato' Sri", "Shri")."""
    start = 0
    while start < len(words):
        for size in range(min(_LONGEST_HONORIFIC, len(words) - start), 0, -1):
            phrase = words[start : start + size]
            if _is_courtesy(phrase, lexicon):
                start += size
                break
        else:
            return start
    return start


def _is_courtesy(phrase: list[str], lexicon: Lexicon) -> bool:
    if len(phrase) == 1 and fold(phrase[0]) == "he":
        return phrase[0] in _EXCELLENCY_ABBREVIATIONS
    lowered = " ".join(phrase).lower().replace("\u2019", "'")
    folded = " ".join(fold(w) for w in phrase)
    honorifics = lexicon.honorifics
    return lowered in honorifics or folded in honorifics or folded in lexicon.name_titles


def is_person_name(written: str, lexicon: Lexicon) -> bool:
    """False for strings that name an office, a courtesy or a group, not a person:
    "Chairperson", "Sheikh", "Foreign Ministers", a headline's "Hold Talks"."""
    name = parse_name(written, lexicon)
    if not any(len(p) > 1 for p in name.parts):
        return False  # nothing but courtesy words and initials
    particles = lexicon.name_particles | lexicon.patronymic_particles
    if all(fold(w) in particles for w in written.split()):
        return False  # "Al", "bin": a name's particle cut from it
    if all(w[0].islower() for w in written.split()):
        return False  # names are capitalised; "the minister" is not one
    words = [fold(w) for w in re.split(r"[\s\-\u2010\u2011]+", written) if fold(w)]
    words = [w for w in words if w not in lexicon.honorifics]
    plural_titles = set(lexicon.title_singular) - set(lexicon.title_singular.values())
    if any(w in plural_titles for w in words):
        return False  # a group of office holders
    office_words = (
        lexicon.title_heads
        | lexicon.title_modifiers
        | lexicon.portfolio_words
        | lexicon.group_nouns
        | lexicon.role_nouns
        | lexicon.organisation_titles
    )
    return not all(w in office_words or lexicon.is_affiliation(w) for w in words)


class Variation(Enum):
    """How two writings of a name relate, when they can be one person's."""

    SAME = "same"  # the same parts, in any order
    VARIANT = "variant"  # initials, middle names, romanisation, short given names
    SHORT = "short"  # one word of the name: family name alone, or given name alone


def variation(a: PersonName, b: PersonName) -> Variation | None:
    """How ``a`` and ``b`` can be writings of one name, or None when they cannot.

    A VARIANT keeps the given name recognisable (equal, an initial of it, another
    romanisation, a short form) and one part exactly: "J. Osei" and "Jonas Osei" are
    variants, "Jonas Osei" and "Kwame Osei" are not. A SHORT form is one word of the
    name, its first or last; it names many people, so it needs the most evidence.
    """
    if not a.parts or not b.parts:
        return None
    if a.key == b.key:
        return Variation.SAME
    reorderable = not (a.patronymic or b.patronymic)  # "Khalid bin Hamad" is Hamad's son
    if reorderable and sorted(a.parts) == sorted(b.parts):
        return Variation.SAME
    short, long = sorted((a, b), key=lambda n: len(n.parts))
    if len(short.parts) < 2:
        # An article's "Osei" for "Jonas Osei" (or "Zhou" for "Zhou Mingde").
        word = short.parts[0]
        ends = (long.parts[0], long.parts[-1])
        return Variation.SHORT if len(word) >= 3 and word in ends else None
    if _aligns(short.parts, long.parts):
        return Variation.VARIANT
    # A leading given name left off: "Kofi Osei" for "Jonas Kofi Osei". Not in a chain of
    # fathers' names, where the end of a son's name is his father's whole name.
    tail = long.parts[-len(short.parts) :]
    if tail == short.parts and not (short.patronymic or long.patronymic):
        return Variation.VARIANT
    # A dynastic or tribal name after a particle may be left off: "... bin Khalid Al Noor".
    dynastic = max(long.after_particle, default=0)
    if dynastic >= 2 and _aligns(short.parts, long.parts[:dynastic]):
        return Variation.VARIANT
    return None


def _aligns(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Given name with given name, family with family, middles equal in number or
    missing from the shorter form; one of the two ends exactly equal."""
    if len(long) < len(short) or not _same_given(short[0], long[0]):
        return False
    family_exact = short[-1] == long[-1]
    given_exact = short[0] == long[0]
    if not family_exact and not (given_exact and _romanised_alike(short[-1], long[-1])):
        return False
    short_middle, long_middle = short[1:-1], long[1:-1]
    if not short_middle:
        return True  # "Jonas Osei" for "Jonas Kofi Osei"
    if len(short_middle) != len(long_middle):
        return False  # "G. H. W." and "G. W." are two people, not one written twice
    return all(_same_given(x, y) for x, y in zip(short_middle, long_middle, strict=True))


def _same_given(x: str, y: str) -> bool:
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]  # an initial
    return _romanised_alike(x, y) or _short_form(x, y)


_VOWELS = frozenset("aeiou")


def _romanised_alike(x: str, y: str) -> bool:
    """Two romanisations of one name: "Sergei"/"Sergey", "Mohammed"/"Muhammad".

    They sound alike (Metaphone) and start alike; but two names an English name list
    holds as different ("John"/"Joan"), and a final vowel that changes or adds a
    gender ("Maria"/"Mario", "Volkov"/"Volkova"), are different names.
    """
    if len(x) < 3 or len(y) < 3 or x[0] != y[0]:
        return False
    if jellyfish.metaphone(x) != jellyfish.metaphone(y):
        return False
    if x[:-1] == y[:-1] and x[-1] in _VOWELS and y[-1] in _VOWELS:
        return False
    shorter, longer = sorted((x, y), key=len)
    if longer[:-1] == shorter and longer[-1] in _VOWELS:
        return False  # "Volkov"/"Volkova": a family name's feminine form, another person
    known = _known_given_names()
    return not (x in known and y in known)


def _short_form(x: str, y: str) -> bool:
    """ "Liz" for "Elizabeth", "Bill" for "William", from a curated nickname list."""
    namer = _nick_namer()
    return y in namer.canonicals_of(x) or x in namer.canonicals_of(y)


@lru_cache(maxsize=1)
def _nick_namer() -> NickNamer:
    return NickNamer()


@lru_cache(maxsize=1)
def _known_given_names() -> frozenset[str]:
    namer = _nick_namer()
    return frozenset(namer.canonical_lookup) | frozenset(namer.nickname_lookup)
