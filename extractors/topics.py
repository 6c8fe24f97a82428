"""Topics of a meeting: taxonomy cue phrases matched on lemmas in sentences about it."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span

from extractors.taxonomy import load_topics


class TopicMatcher:
    """Finds taxonomy topics in sentences, matching cue phrases on lemmas."""

    def __init__(self, nlp: Language) -> None:
        self._matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        # Cues go through the same pipeline so their lemmas match the article's.
        for topic in load_topics():
            patterns = list(nlp.pipe(topic.cues))
            self._matcher.add(topic.id, patterns)
        self._upper_cues = {
            cue for topic in load_topics() for cue in topic.cues if cue.isupper() and len(cue) <= 5
        }

    def topics_in(self, sentence: Span) -> list[str]:
        """Topic ids whose cue phrases occur in ``sentence``, in order of first match."""
        found: list[str] = []
        for match_id, start, end in self._matcher(sentence):
            span = sentence[start:end]
            # Short upper-case cues (AI, SCO, WTO) must match case, not the word "ai".
            if span.text.upper() in self._upper_cues and span.text != span.text.upper():
                continue
            topic_id = sentence.doc.vocab.strings[match_id]
            if topic_id not in found:
                found.append(topic_id)
        return found
