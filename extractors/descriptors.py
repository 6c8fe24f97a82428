"""Titles ("First Deputy Foreign Minister") and affiliations ("Malaysian", "the UN") in a parse.

Both are found with spaCy's matchers over the lexicon, once per document, as token
spans. Everything downstream (which words are a name, what a person's title and
country are, what "the foreign minister" refers to) reads these spans instead of
searching the text again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extractors.lexicon import Lexicon

_SPAN_POSTINGS = {"to", "in", "at"}  # "Ambassador to France": France is the posting, not the side
_DEPARTMENTS = {"ministry", "department", "office"}
_HYPHENS = {"-", "\u2010", "\u2011"}


@dataclass(frozen=True)
class Title:
    start: int  # token offsets in the document
    end: int
    text: str
    head: str  # lemma of the head noun: "minister", "president", "secretary"
    plural: bool
    capitalised: bool  # "Foreign Minister" names an office; "the foreign minister" refers back
    affiliation: tuple[str | None, str | None] = (None, None)  # "Minister ... of Japan"
    initials: bool = False  # written as an acronym: "EAM", "Prime CS"


@dataclass(frozen=True)
class Affiliation:
    start: int
    end: int
    text: str
    country: str | None
    org: str | None


@dataclass(frozen=True)
class Descriptors:
    titles: tuple[Title, ...]
    affiliations: tuple[Affiliation, ...]
    title_at: dict[int, Title]  # token index -> the title covering it
    affiliation_at: dict[int, Affiliation]


class DescriptorFinder:
    """Matchers for titles and affiliations, built once per pipeline."""

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._affiliations = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._affiliations.add(
            "AFFILIATION", [nlp.make_doc(p) for p in lexicon.affiliation_phrases]
        )
        self._acronyms = {p.lower() for p in lexicon.affiliation_phrases if p.isupper()}
        heads = sorted(lexicon.title_heads)
        modifiers = sorted(lexicon.title_modifiers | {"-"})
        portfolio = sorted(lexicon.portfolio_words | {"-"})
        head = {"LOWER": {"IN": heads}}
        rank = {"LOWER": {"IN": modifiers}, "OP": "*"}
        # "Secretary-General", "Ambassador Extraordinary and Plenipotentiary".
        general = [{"LOWER": {"IN": sorted(lexicon.title_post_modifiers)}, "OP": "*"}]
        of = {"LOWER": {"IN": ["of", "for", "on"]}}  # "Adviser on Foreign Affairs"
        the = {"LOWER": "the", "OP": "?"}
        words = {"LOWER": {"IN": portfolio}, "OP": "+"}
        self._titles = Matcher(nlp.vocab)
        # "Deputy Prime Minister", "Minister of Foreign Affairs and Trade". Two offices joined
        # by "and" stay two titles: "the Foreign Secretary and Secretary X" are two people.
        initials = {"TEXT": {"IN": sorted(lexicon.title_acronyms)}}
        patterns: list[list[dict[str, Any]]] = [
            [rank, head, *general],
            [rank, head, *general, of, the, words],
            [rank, initials],
        ]
        self._titles.add("TITLE", patterns, greedy="LONGEST")

    def find(self, doc: Doc) -> Descriptors:
        affiliations = self._find_affiliations(doc)
        affiliation_at = {i: a for a in affiliations for i in range(a.start, a.end)}
        titles = self._find_titles(doc, affiliation_at)
        title_at = {i: t for t in titles for i in range(t.start, t.end)}
        return Descriptors(tuple(titles), tuple(affiliations), title_at, affiliation_at)

    def _find_affiliations(self, doc: Doc) -> list[Affiliation]:
        spans = []
        for _, start, end in self._affiliations(doc):
            span = doc[start:end]
            # "us", "who" and "Who" are words; "US", "WHO" and "Chad" are affiliations.
            if not span.text[:1].isupper():
                continue
            if span.text.lower() in self._acronyms and not span.text.isupper():
                continue
            spans.append(span)
        found = []
        for span in filter_spans(spans):
            country, org = self.lexicon.affiliation(span.text)
            if country or org:
                found.append(Affiliation(span.start, span.end, span.text, country, org))
        return found

    def _find_titles(self, doc: Doc, affiliation_at: dict[int, Affiliation]) -> list[Title]:
        spans = [doc[s:e] for _, s, e in self._titles(doc)]
        found = []
        for matched in filter_spans(spans):
            span = _trim(_before_a_state(self._with_listed_portfolios(matched), affiliation_at))
            if span is None or _given_name(span, self.lexicon.patronymic_particles):
                continue
            affiliation = self._affiliation_after_of(span, affiliation_at)
            expansion = self.lexicon.title_acronyms.get(span[-1].text)
            if expansion is not None:
                # "Prime CS": the office spelled out, its head the expansion's last word.
                text = " ".join([*(t.text for t in span[:-1]), expansion])
                found.append(
                    Title(
                        start=span.start,
                        end=span.end,
                        text=text,
                        head=expansion.split()[-1].lower(),
                        plural=False,
                        capitalised=True,
                        affiliation=affiliation,
                        initials=True,
                    )
                )
                continue
            head = next(
                (t for t in reversed(span) if t.lower_ in self.lexicon.title_heads), span[-1]
            )
            singular = self.lexicon.title_singular.get(head.lower_, head.lower_)
            found.append(
                Title(
                    start=span.start,
                    end=span.end,
                    text=span.text,
                    head=singular,
                    plural=singular != head.lower_,
                    capitalised=head.text[:1].isupper(),
                    affiliation=affiliation,
                )
            )
        return found

    def _with_listed_portfolios(self, span: Span) -> Span:
        """ "Minister of Foreign Affairs, Employment and Tourism", "Minister for Climate Change
        and Energy": a portfolio runs on over capitalised common nouns the word list lacks,
        and over further portfolios joined by commas and "and"."""
        doc = span.doc
        if not any(t.lower_ in ("of", "for") for t in span):
            span = self._with_unlisted_portfolio(span)
            if not any(t.lower_ in ("of", "for") for t in span):
                return span
        end = self._portfolio_words_from(doc, span.end)
        while end + 1 < len(doc) and doc[end].lower_ in (",", "and", "&"):
            k = self._portfolio_words_from(doc, end + 1)
            if k == end + 1:
                break
            end = k
        return doc[span.start : self._at_the_ministry(doc, end)]

    def _at_the_ministry(self, doc: Doc, end: int) -> int:
        """ "Minister of State at the Ministry of Foreign Affairs", "Undersecretary of State of
        the Ministry of Foreign Affairs": the department an office sits in is part of it."""
        words = [t.lower_ for t in doc[end : end + 4]]
        if words[:1] not in (["at"], ["of"]) or len(words) < 4 or words[1] != "the":
            return end
        if words[2] not in _DEPARTMENTS:
            return end
        if words[3] not in ("of", "for"):
            return end + 3
        k = end + 4
        while k < len(doc) and (
            doc[k].lower_ in ("and", "&") or self._ordinary_capitalised(doc[k])
        ):
            k += 1
        while doc[k - 1].lower_ in ("and", "&", "of", "for"):
            k -= 1
        return k

    def _with_unlisted_portfolio(self, span: Span) -> Span:
        """ "Minister for Maritime Affairs and Investment": a portfolio whose first words the
        list lacks counts when capitalised ordinary words run on to one it has."""
        doc = span.doc
        if span.end + 1 >= len(doc) or doc[span.end].lower_ not in ("of", "for"):
            return span
        k = span.end + 1
        listed = False
        while k < len(doc) and (
            doc[k].lower_ in ("and", "&") or self._ordinary_capitalised(doc[k])
        ):
            listed = listed or doc[k].lower_ in self.lexicon.portfolio_words
            k += 1
        while k > span.end + 1 and doc[k - 1].lower_ in ("and", "&"):
            k -= 1
        return doc[span.start : k] if listed else span

    def _ordinary_capitalised(self, token: Token) -> bool:
        low = token.lower_
        return (
            token.text[:1].isupper()
            and token.is_alpha
            and (low in self.lexicon.common_nouns or low in self.lexicon.adjectives)
            and token.ent_type_ not in ("PERSON", "GPE", "NORP", "LOC")
            and not self.lexicon.is_affiliation(token.text)
        )

    def _portfolio_words_from(self, doc: Doc, k: int) -> int:
        """The end of the capitalised common nouns starting at token ``k``. A word the list
        lacks that runs straight into a capitalised or hyphenated word begins a name instead:
        "Minister of Foreign Affairs Oh Jin-ho", "... Lee Min-seok"."""
        start = k
        while (
            k < len(doc)
            and doc[k].text[:1].isupper()
            and doc[k].lower_ in self.lexicon.common_nouns
            and doc[k].ent_type_ != "PERSON"
        ):
            k += 1
        while (
            k > start
            and k < len(doc)
            and (doc[k].text[:1].isupper() or doc[k].text in _HYPHENS)
            and doc[k - 1].lower_ not in self.lexicon.portfolio_words
        ):
            k -= 1
        return k

    def _affiliation_after_of(
        self, span: Span, affiliation_at: dict[int, Affiliation]
    ) -> tuple[str | None, str | None]:
        """ "Minister of Foreign Affairs of Japan" serves Japan; "Ambassador to Japan" does not."""
        doc = span.doc
        end = span.end
        # "for" introduces a portfolio or a posting ("Envoy for Iran"), never the side.
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            k = end + 1 + (doc[end + 1].lower_ == "the")
            if k in affiliation_at:
                return affiliation_at[k].country, affiliation_at[k].org
        for i in range(span.start, span.end):
            a = affiliation_at.get(i)
            if a is not None and i > span.start and doc[i - 1].lower_ not in _SPAN_POSTINGS:
                before = (
                    doc[i - 2].lower_
                    if doc[i - 1].lower_ == "the" and i >= 2
                    else doc[i - 1].lower_
                )
                if before == "of":
                    return a.country, a.org
        return None, None


def _given_name(span: Span, patronymic_particles: frozenset[str]) -> bool:
    """ "Sultan bin Rashid", "Amir bin Khalid": a ruler's title before "bin" is the
    person's given name."""
    doc = span.doc
    return len(span) == 1 and span.end < len(doc) and doc[span.end].lower_ in patronymic_particles


def _before_a_state(span: Span, affiliation_at: dict[int, Affiliation]) -> Span:
    """ "Deputy Prime Minister of the Kingdom of Cambodia": a portfolio never holds a
    state's name; the title ends where the state begins, which says whose office it is."""
    for k in range(span.start + 1, span.end):
        if (
            k in affiliation_at
            and affiliation_at[k].start == k
            and affiliation_at[k].end > span.end
        ):
            return span.doc[span.start : k]
    return span


def _trim(span: Span) -> Span | None:
    """Drop joining words at the edges of a matched title ("and", "the", "-", ",")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in ("and", "&", "-", ",", "the", "of", "for"):
        start += 1
    while end > start and doc[end - 1].lower_ in ("and", "&", "-", ",", "the", "of", "for", "at"):
        end -= 1
    return doc[start:end] if end > start else None
