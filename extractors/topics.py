"""Topics of a meeting: taxonomy cue phrases matched on lemmas in sentences about it."""

from __future__ import annotations

from collections.abc import Collection

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

    def topics_in(self, sentence: Span, names: Collection[int] = ()) -> list[str]:
        """Topic ids whose cue phrases occur in ``sentence``, in order of first match.

        Args:
            names: token ids of people's names and titles: "National Security Adviser" is
                an office, not a talk about security.
        """
        found: list[str] = []
        matches = sorted(m for matcher in self._matchers for m in matcher(sentence))
        for match_id, start, end in matches:
            span = sentence.doc[start:end]  # the matcher gives document offsets
            topic_id = sentence.doc.vocab.strings[match_id]
            if any(t.i in names for t in span) or (topic_id != MULTILATERAL and _in_a_name(span)):
                continue
            # Short upper-case cues (AI, SCO, WTO) must match case, not the word "ai".
            if span.text.upper() in self._upper_cues and span.text != span.text.upper():
                continue
            # A forum named as the venue ("at the margins of the regional forum") says
            # where they met, not what they discussed.
            if topic_id == MULTILATERAL and _is_venue(span):
                continue
            if topic_id not in found:
                found.append(topic_id)
        return found


MULTILATERAL = "multilateral"
_VENUE_WORDS = {"sidelines", "margins", "margin", "attend", "attending", "host", "ahead", "during",
                "at", "gathering", "forum", "summit", "meeting", "session", "conference",
                "occasion", "participate", "part"}  # fmt: skip


def _in_a_name(span: Span) -> bool:
    """ "the Munich Security Conference", "Asia-Pacific Economic Cooperation": a cue inside
    a capitalised name names an institution or an event, not a subject of the talks
    (forums excepted: naming one as a subject is how "multilateral" is said)."""
    if all(t.ent_type_ in _NAME_ENTITIES for t in span):
        return True
    if not all(t.text[:1].isupper() for t in span):
        return False
    doc = span.doc
    neighbours = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    return any(
        t.text[:1].isupper() and t.is_alpha and not t.is_sent_start and t.i >= span.sent.start
        for t in neighbours
    ) or any(t.text in ("-",) and t.i == span.start - 1 for t in neighbours)


_NAME_ENTITIES = {"ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PERSON"}


def _is_venue(span: Span) -> bool:
    """ "during the annual session of the regional assembly": the forum is where
    they met. Near words or the phrase the forum's name hangs from say so."""
    before = span.doc[max(span.sent.start, span.start - 6) : span.start]
    after = span.doc[span.end : min(span.sent.end, span.end + 3)]
    near = [*before, *after]
    head = span.root
    for _ in range(6):
        if head.head.i == head.i or head.pos_ in ("VERB", "AUX"):
            break
        head = head.head
        near.append(head)
    return any(t.lower_ in _VENUE_WORDS or t.lemma_.lower() in _VENUE_WORDS for t in near)
