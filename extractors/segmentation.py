"""Sentence boundaries at line breaks, which the statistical parser ignores, and none
after a courtesy abbreviation, where it wrongly puts one.

Articles arrive with a subtitle, a byline or a header line that has no full stop;
the parser runs it into the first sentence, and the meeting in that sentence then
seems to involve whoever the header named. A line break always ends a sentence in
the articles this project reads, so a small component marks the token after one as
a sentence start before the parser runs (the parser keeps boundaries already set).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

COMPONENT = "diplograph_line_breaks"
BULLETS = {"\u2022", "-", "*", "\u2013", "\u2014", "\u25aa", "\u25cf", "\u00b7"}


class SentenceHints:
    """Marks a sentence start after each line break, and none right after a courtesy
    abbreviation: "meet Hon. Fatuma Hassan" is one sentence, which the parser would
    otherwise end at the full stop."""

    def __init__(self, abbreviations: Iterable[str], initials: Iterable[str]) -> None:
        self.abbreviations = {a.lower() for a in abbreviations}
        self.initials = set(initials)

    def __call__(self, doc: Doc) -> Doc:
        line_start = 0
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if "\n" in previous.text or "\n" in previous.whitespace_:
                token.is_sent_start = True
                line_start = token.i
            elif previous.lower_ in self.abbreviations:
                token.is_sent_start = False
            elif previous.text in self.initials and token.tag_ == "NNP":
                token.is_sent_start = False  # "call on PM Ana Ruiz": not "3 PM. Ana ..."
            elif previous.text == ":" and _speaker_label(doc[line_start : previous.i]):
                token.is_sent_start = True  # "Tan Wei: On May 10, the minister ..."
            elif previous.i == line_start and previous.text in BULLETS:
                # "• Met the Minister of ...": the bullet is no word of the item; parsed with
                # it, the item's first verb is taken for a name or a number.
                token.is_sent_start = True
        return doc


def _speaker_label(words: Doc | Span) -> bool:
    """ "Tan Wei", "CCTV", "Spokesperson Ana Ruiz": a transcript's speaker before a colon."""
    return 0 < len(words) <= 5 and all(w.text[:1].isupper() for w in words)


@Language.factory(COMPONENT, default_config={"abbreviations": [], "initials": []})
def make_sentence_hints(
    nlp: Language, name: str, abbreviations: list[str], initials: list[str]
) -> SentenceHints:
    return SentenceHints(abbreviations, initials)


def prepare(nlp: Language, abbreviations: Iterable[str], initials: Iterable[str] = ()) -> None:
    """Line breaks end sentences; courtesy abbreviations ("Hon.", "Amb.") and an office's
    initials before a name ("PM Ana Ruiz") do not.

    The tokenizer knows "Dr." and "Mr." but splits "Hon." into a word and a full stop,
    after which the parser starts a new sentence inside a name. Both changes are made
    once, to a pipeline that may be shared.
    """
    abbreviations = list(abbreviations)
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)  # a pipeline with a custom callable has no cases
    for abbreviation in abbreviations:
        for form in {abbreviation, abbreviation.capitalize()}:
            tokenizer.add_special_case(form, [{ORTH: form}])
    if COMPONENT in nlp.pipe_names:
        return
    config = {"abbreviations": sorted(abbreviations), "initials": sorted(initials)}
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser", config=config)
    else:
        nlp.add_pipe(COMPONENT, first=True, config=config)
