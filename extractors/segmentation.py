"""Sentence boundaries at line breaks, which the statistical parser ignores.

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
from spacy.tokens import Doc

COMPONENT = "diplograph_line_breaks"


@Language.component(COMPONENT)
def mark_line_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


def prepare(nlp: Language, abbreviations: Iterable[str]) -> None:
    """Line breaks end sentences; courtesy abbreviations ("Hon.", "Amb.") do not.

    The tokenizer knows "Dr." and "Mr." but splits "Hon." into a word and a full stop,
    after which the parser starts a new sentence inside a name. Both changes are made
    once, to a pipeline that may be shared.
    """
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)  # a pipeline with a custom callable has no cases
    for abbreviation in abbreviations:
        for form in {abbreviation, abbreviation.capitalize()}:
            tokenizer.add_special_case(form, [{ORTH: form}])
    if COMPONENT in nlp.pipe_names:
        return
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
    else:
        nlp.add_pipe(COMPONENT, first=True)
