"""People in an article: name mentions, one cluster per person, and their titles.

Mentions come from the statistical NER (PERSON) plus names that directly follow an
official title ("Foreign Minister Kang Kyung-wha") which the small model misses.
Within an article, surname-only and reordered mentions ("Wang", "Kishida Fumio")
join the cluster of the full name whose tokens contain theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from extractors.lexicon import Lexicon

# Words that end a name when NER runs one into the next word, as headline case does
# ("Wang Yi Meets ...", "Kishida Holds Phone Talks").
_NAME_STOPWORDS = {
    "meets", "meet", "met", "holds", "hold", "held", "talks", "talk", "says", "said", "visits",
    "visit", "calls", "call", "phone", "hosts", "receives", "welcomes", "discuss", "discusses",
    "urges", "presses", "hails", "and", "with", "in", "at", "on", "of", "to", "for", "from",
    "as", "by", "the", "a", "an", "amid", "over", "after", "before", "ahead", "agree", "agrees",
    "sign", "signs", "exchange", "exchanges", "greetings", "condemns", "decries", "pledges",
    "vows", "tells", "warns", "arrives", "leaves", "set", "due", "will",
}  # fmt: skip
# Ranks that qualify a title: "Deputy Secretary of State", "Acting President".
_RANK = r"(?:(?:deputy|vice|acting|first|senior|chief|top|interim|outgoing)\s+)*"
_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "h.e.", "he", "sir", "madam"}


@dataclass
class Mention:
    text: str
    start: int  # character offsets in the document text
    end: int
    sentence: int  # index of the sentence in the document
    token: int  # index of the name's last token (the syntactic head in English names)
    in_title: bool = False


@dataclass
class Person:
    name: str
    tokens: frozenset[str]
    mentions: list[Mention] = field(default_factory=list)
    title: str | None = None
    country: str | None = None
    org: str | None = None
    former: bool = False
    attribute_evidence: Mention | None = None

    @property
    def aliases(self) -> list[str]:
        seen: list[str] = []
        for m in self.mentions:
            if m.text != self.name and m.text not in seen:
                seen.append(m.text)
        return seen


def name_tokens(name: str) -> frozenset[str]:
    return frozenset(t.lower().rstrip(".") for t in re.split(r"\s+", name) if t)


def _clean_span(span: Span, lexicon: Lexicon) -> Span | None:
    """Trim titles, honorifics, possessives and headline verbs off a PERSON entity."""
    tokens = list(span)
    title_words = {w for t in lexicon.titles for w in t.split()}
    while tokens and (
        tokens[0].lower_ in title_words
        or tokens[0].lower_ in _HONORIFICS
        or tokens[0].lower_ in ("former", "ex", "then")
        or lexicon.is_place_or_group(tokens[0].text)
    ):
        tokens.pop(0)
    for k, tok in enumerate(tokens):
        if k > 0 and (tok.lower_ in _NAME_STOPWORDS or tok.lower_ in ("'s", "\u2019s")):
            tokens = tokens[:k]
            break
    while tokens and tokens[-1].text in ("'s", "\u2019s", "'", "\u2019", ",", "-"):
        tokens.pop()
    if not tokens:
        return None
    end = tokens[-1].i + 1
    doc = span.doc
    # Hyphenated given names the tokenizer splits and NER cuts: "Moon Jae" + "-in".
    while (
        end + 1 < len(doc)
        and doc[end].text in ("-", "\u2010", "\u2011")
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and doc[end + 1].is_lower
    ):
        end += 2
    cleaned = doc[tokens[0].i : end]
    text = cleaned.text
    if (
        not any(c.isalpha() for c in text)
        or any(c.isdigit() for c in text)
        or not text[0].isupper()
        or lexicon.is_place_or_group(text)
        or len(cleaned) > 5
    ):
        return None
    return cleaned


def _titled_names(doc: Doc, lexicon: Lexicon, taken: set[int]) -> list[Span]:
    """Capitalised names right after an official title that NER did not tag."""
    found = []
    pattern = re.compile(
        rf"\b(?:(?i:{lexicon.title_re})|(?:{lexicon.affiliation_re})['\u2019]s)\s+", re.UNICODE
    )
    for match in pattern.finditer(doc.text):
        first = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if first is None:
            continue
        i = first.start
        j = i
        while (
            j < len(doc)
            and j - i < 4
            and doc[j].pos_ == "PROPN"
            and doc[j].text[:1].isupper()
            and doc[j].lower_ not in _NAME_STOPWORDS
            and not lexicon.is_place_or_group(doc[j].text)
        ):
            j += 1
        if j - i >= 2 and not any(k in taken for k in range(i, j)):
            found.append(doc[i:j])
    return found


def find_mentions(doc: Doc, lexicon: Lexicon, *, in_title: bool = False) -> list[Mention]:
    """Every person-name mention in ``doc``, in text order."""
    sentence_of = {}
    for s_index, sent in enumerate(doc.sents):
        for tok in sent:
            sentence_of[tok.i] = s_index
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        cleaned = _clean_span(ent, lexicon)
        if cleaned is not None:
            spans.append(cleaned)
    taken = {tok.i for span in spans for tok in span}
    spans.extend(_titled_names(doc, lexicon, taken))
    spans.sort(key=lambda s: s.start)
    return [
        Mention(
            text=re.sub(r"\s+", " ", span.text),
            start=span.start_char,
            end=span.end_char,
            sentence=sentence_of.get(span.start, 0),
            token=span.end - 1,
            in_title=in_title,
        )
        for span in spans
    ]


def name_part_mentions(doc: Doc, people: list[Person], known: list[Mention]) -> list[Mention]:
    """Single-name mentions NER tagged as something else ("Hayashi" as ORG).

    A capitalised proper noun that is part of a full name already found in the
    article is a mention of that person, whatever label the model gave it.
    """
    parts = {t for p in people if len(p.tokens) >= 2 for t in p.tokens}
    covered = {i for m in known if not m.in_title for i in range(m.start, m.end)}
    sentence_of = {}
    for s_index, sent in enumerate(doc.sents):
        for tok in sent:
            sentence_of[tok.i] = s_index
    found = []
    for tok in doc:
        if (
            tok.pos_ == "PROPN"
            and tok.text[:1].isupper()
            and tok.lower_.rstrip(".") in parts
            and tok.idx not in covered
        ):
            found.append(
                Mention(
                    text=tok.text,
                    start=tok.idx,
                    end=tok.idx + len(tok.text),
                    sentence=sentence_of.get(tok.i, 0),
                    token=tok.i,
                )
            )
    return found


def cluster_people(mentions: list[Mention]) -> list[Person]:
    """Group mentions into people: a shorter name joins the full name containing its tokens.

    An ambiguous short name ("Kim" beside two Kims) goes to the person mentioned
    most recently before it.
    """
    people: list[Person] = []
    by_length = sorted(
        {m.text for m in mentions}, key=lambda n: (len(name_tokens(n)), len(n)), reverse=True
    )
    for name in by_length:
        tokens = name_tokens(name)
        if len(tokens) < 2:
            continue
        if not any(tokens <= p.tokens for p in people):
            people.append(Person(name=name, tokens=tokens))

    last_seen: dict[int, int] = {}
    for m in mentions:
        tokens = name_tokens(m.text)
        candidates = [k for k, p in enumerate(people) if tokens <= p.tokens]
        if not candidates:
            people.append(Person(name=m.text, tokens=tokens))
            candidates = [len(people) - 1]
        if len(candidates) > 1:
            exact = [k for k in candidates if people[k].tokens == tokens]
            recent = sorted(candidates, key=lambda k: last_seen.get(k, -1), reverse=True)
            chosen = exact[0] if exact else recent[0]
        else:
            chosen = candidates[0]
        people[chosen].mentions.append(m)
        last_seen[chosen] = m.start if not m.in_title else -1
    return [p for p in people if p.mentions]


# -- titles, countries, organisations --------------------------------------------


@dataclass(frozen=True)
class Attributes:
    title: str | None
    country: str | None
    org: str | None
    former: bool


def _tidy_title(title: str) -> str:
    words = re.sub(r"\s+", " ", title.strip()).split(" ")
    small = {"of", "and", "for", "the", "to"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in words)


class AttributeReader:
    """Reads "former South Korean Prime Minister" around a name mention."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        affil = lexicon.affiliation_re
        title = lexicon.title_re
        self._before = re.compile(
            rf"(?P<former>\b(?i:former|ex-|then-)\s*)?"
            rf"(?:(?P<affil>\b(?:{affil}))(?:['\u2019]s)?\s+)?"
            rf"(?P<title>\b(?i:{_RANK}{title}|counterpart))\s*,?\s*(?i:h\.e\.\s+)?(?:(?i:mr|ms|mrs)\.?\s+)?$"
        )
        self._possessive = re.compile(rf"(?P<affil>\b(?:{affil}))['\u2019]s\s+$")
        self._after = re.compile(
            rf"^\s*,\s*(?:(?i:the|a|an)\s+)?(?P<former>(?i:former)\s+)?"
            rf"(?:(?P<affil>(?:{affil}))(?:['\u2019]s)?\s+)?(?P<title>(?i:{_RANK}{title}))"
            rf"(?:\s+(?i:of|for)\s+(?:the\s+)?(?P<affil2>(?:{affil})))?"
        )
        self._of_after = re.compile(rf"^\s+(?i:of)\s+(?:the\s+)?(?P<affil2>(?:{affil}))\b")
        self._appositive = re.compile(rf"(?:(?P<affil>\b(?:{affil}))\s+)(?P<title>(?i:{title}))\b")

    def read(self, text: str, mention: Mention, sentence_start: int) -> Attributes | None:
        before = text[max(sentence_start, mention.start - 160) : mention.start]
        after = text[mention.end : mention.end + 200]
        title = country = org = None
        former = False
        found = False
        match = self._before.search(before)
        if match:
            found = True
            former = bool(match.group("former"))
            if match.group("title").lower() != "counterpart":
                title = match.group("title")
            if match.group("affil"):
                country, org = self.lexicon.affiliation(match.group("affil"))
        else:
            possessive = self._possessive.search(before)
            if possessive:
                found = True
                country, org = self.lexicon.affiliation(possessive.group("affil"))
        after_match = self._after.match(after)
        if after_match:
            found = True
            former = former or bool(after_match.group("former"))
            title = title or after_match.group("title")
            for group in ("affil", "affil2"):
                if after_match.group(group) and not (country or org):
                    country, org = self.lexicon.affiliation(after_match.group(group))
        if after.startswith(",") and not (country or org):
            # "Wang Yi, member of the Political Bureau ... and Chinese foreign minister,"
            segment = re.split(
                r"[;()\n]|\.\s|,(?=\s+(?:held|met|said|who)\b)|\b(?:met|held|said|told)\b",
                after[1:],
            )[0][:160]
            apposition = self._appositive.search(segment)
            if apposition:
                found = True
                title = title or apposition.group("title")
                if not (country or org):
                    country, org = self.lexicon.affiliation(apposition.group("affil"))
            else:
                # "chairman of the State Affairs Commission of the DPRK": the last
                # state named in the apposition is the one the person serves.
                titled = re.match(
                    rf"\s*(?:the\s+)?(?P<title>(?i:{self.lexicon.title_re}))\s+of\b", segment
                )
                states = list(re.finditer(rf"\b(?:{self.lexicon.affiliation_re})\b", segment))
                if titled and states:
                    found = True
                    title = title or titled.group("title")
                    if not (country or org):
                        country, org = self.lexicon.affiliation(states[-1].group(0))
        of_match = self._of_after.match(after)
        if of_match and not (country or org):
            found = True
            country, org = self.lexicon.affiliation(of_match.group("affil2"))
        if not found:
            return None
        if title:
            title = _tidy_title(title)
            if former:
                title = f"former {title}"
        return Attributes(title=title, country=country, org=org, former=former)


def attribute_people(
    people: list[Person], doc: Doc, reader: AttributeReader, sentence_starts: list[int]
) -> None:
    """Fill title, country, org and former from the context of each person's mentions."""
    for person in people:
        ordered = sorted(person.mentions, key=lambda m: (m.in_title, -len(m.text.split()), m.start))
        for m in ordered:
            if m.in_title:
                continue
            attrs = reader.read(doc.text, m, sentence_starts[m.sentence])
            if attrs is None:
                continue
            if person.title is None and attrs.title:
                person.title = attrs.title
                person.former = attrs.former
                person.attribute_evidence = m
            if person.country is None and person.org is None and (attrs.country or attrs.org):
                person.country, person.org = attrs.country, attrs.org
                person.attribute_evidence = person.attribute_evidence or m
            if person.title and (person.country or person.org):
                break
