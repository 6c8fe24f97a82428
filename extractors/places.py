"""Where a meeting took place, read from the phrases that attach a place to it.

A place is a capitalised name in a locative phrase ("in Lakeport", "at the palace in
Lakeport") or a place entity, looked up in the GeoNames gazetteer; a country name
gives the country alone. The meeting's own phrase wins over its sentence, the
sentence over the headline, and those over where the story was filed (a dateline
names the newsroom, which is not always where the leaders met).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from spacy.tokens import Span, Token

from domain.models import Location
from extractors.gazetteer import Gazetteer, name_key
from extractors.lexicon import Lexicon

_LOCATIVE = frozenset({"in", "at", "to", "for", "inside", "near", "outside"})
_IN = frozenset({"in", "inside"})
_PLACE_PARTICLES = frozenset(
    {
        "de",
        "del",
        "do",
        "da",
        "dos",
        "das",
        "la",
        "las",
        "los",
        "el",
        "es",
        "al",
        "an",
        "am",
        "sur",
        "upon",
    }
)
_TOWNS = {"city", "town", "capital", "port", "resort", "village"}
_PLACE_ENTITIES = {"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON"}


class PlaceReader:
    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer

    def name(self, phrase: str, prefer: Collection[str] = ()) -> Location | None:
        """The city or country ``phrase`` names, if it names one."""
        city = self.gazetteer.best(phrase, prefer)
        if city is not None:
            # The spelling the article uses ("Kiev", "New York"): that is what its evidence
            # says; but a one-word name split in syllables ("Ha Noi") is the same spelling.
            written = phrase.removeprefix("the ").strip()
            if " " in written and name_key(written.replace(" ", "")) == name_key(city.name):
                written = city.name
            return Location(city=written, country=city.country)
        country, _ = self.lexicon.affiliation(phrase)
        if country and not self.lexicon.demonyms.get(phrase.lower()):
            return Location(city=None, country=country)
        return None

    def in_tokens(
        self,
        tokens: Iterable[Token],
        prefer: Collection[str] = (),
        *,
        locative_only: bool = True,
        people: Collection[int] = (),
        preps: frozenset[str] = frozenset(),
    ) -> Location | None:
        """The first city (else country) named in a locative phrase among ``tokens``.

        Args:
            people: token ids of person names, which are never places ("Ms Lima").
        """
        country_only: Location | None = None
        tokens = list(tokens)
        # "at the palace of Belem, in Lakeport": "in" names the city, "at" the venue.
        for wanted in (preps,) if preps else (_IN, _LOCATIVE - _IN):
            for token in tokens:
                capital = self._capital_named(token, wanted)
                if capital is not None:
                    return capital
                if token.i in people or not self._locative(token, locative_only, wanted):
                    continue
                for phrase in self._phrases(token, people):
                    found = self.name(phrase, prefer)
                    if found is None:
                        continue
                    if found.city:
                        return found
                    country_only = country_only or found
                    break  # "Sri Lanka" names a state; "Lanka" inside it is no town
            if not locative_only:
                break
        return country_only

    def in_span(
        self, span: Span, prefer: Collection[str] = (), people: Collection[int] = ()
    ) -> Location | None:
        """A city named in a locative phrase of ``span`` (a sentence, a headline)."""
        found = self.in_tokens(span, prefer, people=people)
        return found if found is not None and found.city else None

    def _capital_named(self, token: Token, preps: frozenset[str]) -> Location | None:
        """ "in the Egyptian capital", "to the capital of Peru": the country's capital."""
        if token.lower_ != "capital" or token.dep_ != "pobj" or token.head.lower_ not in preps:
            return None
        words = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
        words += [
            o for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
        ]
        for word in words:
            country, _ = self.lexicon.affiliation(word.text)
            city = self.gazetteer.capital_of(country) if country else None
            if city is not None:
                return Location(city=city.name, country=city.country)
        return None

    def _locative(
        self, token: Token, locative_only: bool, preps: frozenset[str] = frozenset()
    ) -> bool:
        if not token.text[:1].isupper() or token.dep_ == "poss":
            return False
        if any(c.lower_ in ("'s", "\u2019s") for c in token.children):
            return False  # "Lakeport's initiative" names a government, not a venue
        head = token
        while head.dep_ in ("compound", "flat", "appos", "conj") and head.head.i != head.i:
            head = head.head
        # "in Lakeport", and "in the city of Lakeport".
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _TOWNS:
            head = head.head.head
        if head.dep_ == "pobj" and head.head.lower_ in (preps or _LOCATIVE):
            return True
        if locative_only:
            return False
        return token.ent_type_ in _PLACE_ENTITIES and token.ent_type_ != "PERSON"

    def _phrases(self, token: Token, people: Collection[int] = ()) -> list[str]:
        """Candidate names around ``token``: its entity and its run of capitalised words,
        which stops at a person's name ("Envoy for Middle East Affairs Ana Lima").

        A run that ends in an institution word ("the Belem Palace", "Lakeport City Hall")
        names a venue; the city is in a phrase of its own ("... in Lakeport").
        """
        doc = token.doc
        out = []
        if token.ent_type_:
            for ent in doc.ents:
                if ent.start <= token.i < ent.end:
                    words = [t for t in ent if t.lower_ != "the"]
                    if words:
                        out.append(doc[words[0].i : words[-1].i + 1])
                    break
        start, end = token.i, token.i + 1
        while (
            start > 0
            and doc[start - 1].text[:1].isupper()
            and not doc[start - 1].is_sent_start
            and start - 1 not in people
        ):
            start -= 1
        while (
            end < len(doc)
            and end not in people
            and (
                doc[end].text[:1].isupper()
                # "San Antonio del Táchira", "Rio de Janeiro": a particle inside a place name.
                or (
                    doc[end].lower_ in _PLACE_PARTICLES
                    and end + 1 < len(doc)
                    and doc[end + 1].text[:1].isupper()
                )
            )
        ):
            end += 1
        out.append(doc[start:end])
        out.sort(key=len, reverse=True)  # "San Antonio del Táchira" before "San Antonio"
        names = []
        for span in out:
            if span[-1].lower_ in self.lexicon.institution_words:
                continue
            names.append(span.text)
            # "Lakeport City" or "Greater Lakeport": shorter names inside the run.
            for n in range(min(self.gazetteer.max_words, len(span)) - 1, 0, -1):
                names += [span[len(span) - n :].text, span[:n].text]
        return [p for p in dict.fromkeys(names) if p.lower() not in self.lexicon.name_particles]
