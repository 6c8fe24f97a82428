"""Where a meeting took place: known cities (data file) and country names in the text."""

from __future__ import annotations

import re

from spacy.tokens import Span

from extractors.lexicon import Lexicon


def city_in(sentence: Span, lexicon: Lexicon) -> tuple[str, str] | None:
    """(city, country code) of the first known city tagged as a place in ``sentence``."""
    for ent in sentence.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC", "ORG", "PERSON"):
            continue
        key = re.sub(r"^the\s+", "", ent.text.lower())
        if key in lexicon.cities:
            return lexicon.city_names[key], lexicon.cities[key]
    # Cities the small model leaves untagged, written after "in" ("talks in Busan").
    for match in re.finditer(r"\b(?:in|at)\s+([A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){0,2})", sentence.text):
        words = match.group(1).split()
        for n in range(len(words), 0, -1):
            key = " ".join(words[:n]).lower()
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
