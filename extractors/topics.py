"""Topics of a meeting: taxonomy cue phrases matched on lemmas in sentences about it."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span

from extractors.taxonomy import load_topics


class TopicMatcher:
    """Finds taxonomy topics in sentences, matching cue phrases on lemmas."""

    def __init__(self, nlp: Language) -> None:
        # Lemmas catch inflections ("supply chains"); lower-case forms catch proper
        # nouns, whose lemmas keep their capitals ("Free Trade Agreement").
        self._matchers = [
            PhraseMatcher(nlp.vocab, attr="LEMMA"),
            PhraseMatcher(nlp.vocab, attr="LOWER"),
        ]
        for topic in load_topics():
            # Cues go through the same pipeline so their lemmas match the article's.
            patterns = list(nlp.pipe(topic.cues))
            for matcher in self._matchers:
                matcher.add(topic.id, patterns)
        self._upper_cues = {
            cue for topic in load_topics() for cue in topic.cues if cue.isupper() and len(cue) <= 5
        }

    def topics_in(self, sentence: Span) -> list[str]:
        """Topic ids whose cue phrases occur in ``sentence``, in order of first match."""
        found: list[str] = []
        matches = sorted(m for matcher in self._matchers for m in matcher(sentence))
        for match_id, start, end in matches:
            span = sentence[start:end]
            # Short upper-case cues (AI, SCO, WTO) must match case, not the word "ai".
            if span.text.upper() in self._upper_cues and span.text != span.text.upper():
                continue
            topic_id = sentence.doc.vocab.strings[match_id]
            # A forum named as the venue ("on the sidelines of the APEC summit") says
            # where they met, not what they discussed.
            if topic_id == MULTILATERAL and _is_venue(span):
                continue
            if topic_id not in found:
                found.append(topic_id)
        return found


MULTILATERAL = "multilateral"
_VENUE_WORDS = {"sidelines", "margins", "margin", "attend", "attending", "host", "ahead", "during",
                "at", "gathering", "forum", "summit", "meeting"}  # fmt: skip


def _is_venue(span: Span) -> bool:
    before = span.doc[max(span.sent.start, span.start - 6) : span.start]
    after = span.doc[span.end : min(span.sent.end, span.end + 3)]
    return any(
        t.lower_ in _VENUE_WORDS or t.lemma_.lower() in _VENUE_WORDS for t in [*before, *after]
    )
