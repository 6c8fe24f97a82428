"""What words other than names refer to: offices, groups, events named after offices."""

from __future__ import annotations

from extractors.people import build_roster
from extractors.pipeline import SpacyExtractor
from extractors.references import Reference, Resolver


def _refer(extractor: SpacyExtractor, text: str, words: str) -> Reference:
    """What the first occurrence of ``words`` in ``text`` refers to."""
    doc = extractor.nlp(text)
    descriptors = extractor.descriptors.find(doc)
    title = extractor.nlp("")
    roster = build_roster(
        doc, title, descriptors, extractor.descriptors.find(title), extractor.mentions,
        extractor.lexicon, [],
    )  # fmt: skip
    resolver = Resolver(doc, roster, descriptors, extractor.lexicon, roster.body_owner)
    start = text.index(words)
    span = doc.char_span(start, start + len(words))
    assert span is not None
    return resolver.people_in({t.i for t in span})


def test_references_an_event_named_after_an_office_is_not_a_group(
    extractor: SpacyExtractor,
) -> None:
    text = (
        "Japanese Foreign Minister Kenji Sato Hara held a Foreign Ministers' Meeting with "
        "Brazilian Foreign Minister Paulo Souza Lima."
    )
    assert _refer(extractor, text, "a Foreign Ministers'") == Reference(frozenset(), False, False)


def test_references_plural_offices_are_a_group(extractor: SpacyExtractor) -> None:
    text = (
        "Japanese Foreign Minister Kenji Sato Hara met Brazilian Foreign Minister Paulo Souza "
        "Lima. The Foreign Ministers agreed to meet again."
    )
    assert _refer(extractor, text, "The Foreign Ministers").group
