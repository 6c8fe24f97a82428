"""Where a meeting took place: known cities (data file) and country names in the text."""

from __future__ import annotations

import re

from spacy.tokens import Span

from extractors.lexicon import Lexicon


def city_in(sentence: Span, lexicon: Lexicon) -> tuple[str, str] | None:
    """(city, country code) of the known city where something happens in ``sentence``.

    "in Madrid" / "at Da Nang" come first; other tagged cities ("ties between Seoul
    and Tokyo") only when no city follows "in" or "at".
    """
    for match in re.finditer(
        r"\b(?:in|at)\s+(?:the\s+)?(?:\w+\s+city\s+of\s+|city\s+of\s+)?"
        r"([A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){0,2})",
        sentence.text,
    ):
        words = match.group(1).split()
        for n in range(len(words), 0, -1):
            key = " ".join(words[:n]).lower()
            if key in lexicon.cities:
                return lexicon.city_names[key], lexicon.cities[key]
    for ent in sentence.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC", "ORG", "PERSON"):
            continue
        key = re.sub(r"^the\s+", "", ent.text.lower())
        if key in lexicon.cities:
            return lexicon.city_names[key], lexicon.cities[key]
    return None


def country_in(sentence: Span, lexicon: Lexicon) -> str | None:
    """Country named as the place of an event: "in Vietnam", "visit to Japan"."""
    pattern = re.compile(
        rf"\b(?:in|to|visit(?:s|ed|ing)?)\s+(?:the\s+)?(?P<c>{lexicon.affiliation_re})\b"
    )
    for match in pattern.finditer(sentence.text):
        code = lexicon.country_code(match.group("c"))
        if code:
            return code
    return None


def city_by_name(name: str, lexicon: Lexicon) -> tuple[str, str] | None:
    key = name.strip().lower()
    if key in lexicon.cities:
        return lexicon.city_names[key], lexicon.cities[key]
    return None
