"""Where a document names a person: the token spans of person names.

The small statistical model finds most names but cuts long ones apart ("Khalid bin"
+ "Rashid Al Maktoum"), runs titles and honorifics into them ("H.H. Sheikh"), tags
surnames as organisations, and misses names after a plural title ("Foreign Ministers
Ana Ruiz of Peru and ..."). So a name is a run of capitalised words (with particles
such as "bin" or "de" inside), seeded by the model's PERSON entities and by any
title or honorific directly before it, and never containing a title, an
affiliation, a month or a function word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from extractors.descriptors import Descriptors
from extractors.lexicon import Lexicon
from extractors.names import fold

_MAX_NAME_TOKENS = 7
_CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
}  # fmt: skip
_JOINERS = {"-", "\u2010", "\u2011"}
_MISTER = {"mr", "mrs", "ms", "miss", "mme", "m"}  # after these comes a given name

_RETIRED = {"ret", "ret.", "retd", "retd.", "rtd", "rtd.", "retired"}


def _retired_mark(doc: Doc, i: int) -> bool:
    """ "(Ret)", "(retd.)" written between a military rank and the name."""
    return (
        doc[i].text == "("
        and i + 2 < len(doc)
        and doc[i + 1].lower_ in _RETIRED
        and doc[i + 2].text == ")"
    )


@dataclass(frozen=True)
class Mention:
    text: str
    start: int  # token offsets in the document
    end: int
    start_char: int
    end_char: int
    seeded_by_model: bool  # the model tagged (part of) it PERSON
    after_title: bool  # a title or honorific stands right before it


class MentionFinder:
    def __init__(self, lexicon: Lexicon, is_place: Callable[[str], bool] = lambda _: False) -> None:
        self.lexicon = lexicon
        self.is_place = is_place  # a city's name is not a person's unless a title says so
        self._honorific_words = {h for h in lexicon.honorifics if " " not in h}
        runs = sorted((tuple(h.split()) for h in lexicon.honorifics if " " in h), key=len)
        self._honorific_runs: dict[str, list[tuple[str, ...]]] = {}
        for run in reversed(runs):  # longest first
            self._honorific_runs.setdefault(run[0], []).append(run)
        self._cue_words = (
            lexicon.cue("partner_verbs")
            | lexicon.cue("with_verbs")
            | lexicon.cue("event_nouns")
            | lexicon.cue("light_verbs")
            | lexicon.cue("weak_verbs")
        )

    # -- what a token is ---------------------------------------------------------------

    def courtesy_tokens(self, doc: Doc) -> set[int]:
        """Tokens of honorifics: "His Royal Highness", "H.E.", "Dato' Sri", "HE Mr"."""
        found: set[int] = set()
        i = 0
        while i < len(doc):
            k = self._courtesy_length(doc, i)
            if k:
                found.update(range(i, i + k))
                i += k
            else:
                i += 1
        return found

    def _courtesy_length(self, doc: Doc, i: int) -> int:
        token = doc[i]
        if _retired_mark(doc, i):
            return 3  # "Lt Gen (Ret) Bambang": the rank's retirement, not the name
        if not token.text[:1].isupper():
            return 0
        if i + 1 < len(doc) and self.lexicon.is_affiliation(doc[i : i + 2].text):
            return 0  # "Sri Lanka" is a state, not an honorific and a name
        for run in self._honorific_runs.get(token.lower_, ()):
            if tuple(t.lower_ for t in doc[i : i + len(run)]) == run:
                return len(run)
        low = token.lower_
        if low == "he":  # "HE Mr ...": His/Her Excellency in capitals, never the pronoun
            return 1 if token.text == "HE" else 0
        if low in self._honorific_words or low.rstrip(".") in self._honorific_words:
            # "Dato'" is tokenised as "Dato" + "'"
            follow = i + 1 < len(doc) and doc[i + 1].text in ("'", "\u2019")
            return 2 if follow else 1
        return 0

    def _is_name_word(self, token: Token, descriptors: Descriptors, in_entity: bool) -> bool:
        text = token.text
        if token.i in descriptors.title_at or token.i in descriptors.affiliation_at:
            return False
        if not text[:1].isupper() or len(text) == 1:
            return False
        if token.lower_ in _CALENDAR and self._dated(token):
            return False
        if not re.fullmatch(r"[^\W\d_]+(?:['\u2019.][^\W\d_]*)*\.?", text):
            return False
        if token.is_stop and not in_entity:
            return False
        if token.tag_ in ("VBG", "VBD", "VBN", "VBZ") and not in_entity and token.is_sent_start:
            return False  # "Accompanying Kusuma in the talks were ...": a verb opens it
        # Headline case capitalises verbs, and the tagger then calls them names:
        # "Minister Meets Envoy", "Premier Pays Courtesy Call".
        low = token.lower_
        return not ({low, low.removesuffix("s"), token.lemma_.lower()} & self._cue_words)

    def _post_nominal(self, token: Token) -> bool:
        """ "T.D.", "QC", "Jr": letters after a name, not part of it."""
        plain = token.lower_.replace(".", "")
        return plain in self.lexicon.name_suffixes and (
            token.text.isupper() or "." in token.text or plain in ("jr", "sr", "snr", "jnr")
        )

    @staticmethod
    def _dated(token: Token) -> bool:
        """ "Monday", "March 5", "5 Jan": a calendar word, not "Jan" or "May" the person."""
        doc = token.doc
        near = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
        full = len(token.text) > 3 and token.lower_ not in ("june", "july", "august")
        return full or any(t.like_num for t in near)

    # -- runs ----------------------------------------------------------------------------

    def find(
        self,
        doc: Doc,
        descriptors: Descriptors,
        known_parts: frozenset[str] = frozenset(),
        courtesy: set[int] | None = None,
    ) -> list[Mention]:
        """Every person name in ``doc``, in text order, none overlapping.

        Args:
            known_parts: folded parts of full names found before: a surname the model
                tagged as an organisation ("Okonjo said") is still a mention of that person.
        """
        in_person = {i for e in doc.ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
        in_other = {
            i for e in doc.ents if e.label_ in ("GPE", "LOC", "ORG", "NORP", "FAC")
            for i in range(e.start, e.end)
        }  # fmt: skip
        courtesy = self.courtesy_tokens(doc) if courtesy is None else courtesy
        introduced = self._introduced(doc, descriptors, courtesy)
        described = self._described(doc, descriptors)
        # "Peru's Ana Ruiz": a possessive state introduces a full name, but also "Peru's
        # Central Bank", so only a run of two or more words that are not an institution's.
        possessed = {
            a.end + 1
            for a in descriptors.affiliations
            if a.end + 1 < len(doc) and doc[a.end].lower_ in ("'s", "\u2019s")
        }

        def word(i: int) -> bool:
            return (
                0 <= i < len(doc)
                and i not in courtesy
                and self._is_name_word(doc[i], descriptors, i in in_person)
            )

        mentions: list[Mention] = []
        covered: set[int] = set()
        known = {t.i for t in doc if known_parts and fold(t.text) in known_parts}
        for seed in sorted(in_person | introduced | known | possessed | described):
            if seed in covered or not word(seed):
                continue
            start, end = self._grow(doc, seed, word)
            covered.update(range(start, end))
            while (
                end - start > 1
                and doc[start].lower_.rstrip(".") in self.lexicon.name_titles
                # "Sultan bin Rashid": the word before "bin" is a given name, not a title.
                and doc[start + 1].lower_ not in self.lexicon.patronymic_particles
                # "Mr. Cheikh Tidiane Sall": after "Mr." comes the given name.
                and not (start > 0 and doc[start - 1].lower_.rstrip(".") in _MISTER)
            ):
                start += 1
            while end - start > 1 and self._post_nominal(doc[end - 1]):
                end -= 1
            # "Ambassador in Dhaka Bishnu Adhikari": the posting's place ran into the name.
            while (
                end - start > 2
                and start > 0
                and doc[start - 1].lower_ in ("in", "to", "at")
                and self.is_place(doc[start].text)
            ):
                start += 1
            # "Special Envoy for Middle East Affairs Ana Ruiz": the portfolio ran into the
            # name; no name has "Affairs" in it.
            portfolio_ends = [
                k
                for k in range(start, end - 2)
                if doc[k].is_alpha and doc[k].lower_ in self.lexicon.portfolio_words
            ]
            if portfolio_ends and not any(i in in_person for i in range(start, portfolio_ends[-1])):
                start = portfolio_ends[-1] + 1
            model = any(i in in_person for i in range(start, end))
            titled = (
                start in introduced
                or start in described
                or (
                    start in possessed
                    and end - start >= 2
                    and (
                        not all(i in in_other for i in range(start, end))
                        # "Poland's Tomasz Wierzbicki" tagged a place, which no gazetteer knows
                        or (
                            all(doc[i].ent_type_ == "GPE" for i in range(start, end))
                            and not self.is_place(doc[start:end].text)
                        )
                    )
                    and not any(t.lower_ in self.lexicon.institution_words for t in doc[start:end])
                )
            )
            part_of_known = (
                bool(known_parts)
                and all(
                    fold(t.text) in known_parts
                    or t.lower_ in self.lexicon.name_particles
                    or t.text in _JOINERS  # "Karimi-Sadr"
                    for t in doc[start:end]
                )
            )
            if not (model or titled or part_of_known):
                continue
            # A place or organisation the model recognised, unless a title introduces it.
            if not (model or titled or part_of_known) and all(
                i in in_other for i in range(start, end)
            ):
                continue
            last = doc[end - 1]
            if not model and (
                last.tag_ in ("NNS", "NNPS")
                or last.lower_ in self.lexicon.institution_words
                or (end - start == 1 and last.lemma_.lower() in self._cue_words)
            ):
                continue  # "Summits", "Armed Forces": capitalised nouns after a title
            span = doc[start:end]
            text = re.sub(r"\s*,\s*|\s+", " ", span.text).strip()
            if self.lexicon.is_affiliation(text) or (
                not (titled or part_of_known)
                and (doc[end - 1].lower_ in self.lexicon.institution_words or self.is_place(text))
            ):
                continue
            mentions.append(
                Mention(text, start, end, span.start_char, span.end_char, model, titled)
            )
        return mentions

    def _described(self, doc: Doc, descriptors: Descriptors) -> set[int]:
        """ "met with Ana Ruiz Salazar, special envoy of ...": a run of two or more
        capitalised words that an office follows in apposition is a name, whatever the
        model tagged it; not a place's, a state's or an institution's."""
        starts = set()
        for title in descriptors.titles:
            comma = title.start - 1
            # "X, the EU Commissioner for ...", "X, Peru's Foreign Minister": a state or
            # organisation may stand between the comma and the office.
            while comma > 0 and (
                doc[comma].lower_ in ("the", "a", "an", "former", "'s", "\u2019s")
                or comma in descriptors.affiliation_at
            ):
                comma -= 1
            if comma < 2 or doc[comma].text != ",":
                continue
            start = comma
            while (
                start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper()
            ):
                start -= 1
            run = doc[start:comma]
            if (
                len(run) >= 2
                and not any(t.lower_ in self.lexicon.institution_words for t in run)
                and not self.lexicon.is_affiliation(run.text)
                and not self.is_place(run.text)
                and not any(t.i in descriptors.title_at for t in run)
            ):
                starts.add(start)
        return starts

    def _introduced(self, doc: Doc, descriptors: Descriptors, courtesy: set[int]) -> set[int]:
        """Tokens that directly follow a title or courtesy words: where a name starts."""
        ends = {t.end for t in descriptors.titles if t.capitalised}
        # "the Chairperson of the Lakeland Union Commission, Ana Ruiz": after a title's
        # capitalised "of ..." phrase and a comma.
        for t in descriptors.titles:
            if not (t.capitalised and t.end < len(doc) and doc[t.end].lower_ in ("of", "for")):
                continue
            k = t.end + 1
            while k < min(len(doc), t.end + 10) and (
                doc[k].text[:1].isupper() or doc[k].lower_ in ("the", "of", "and", "for")
            ):
                k += 1
            if k < len(doc) and doc[k].text == "," and k > t.end + 1:
                ends.add(k)
        # "Ambassador to Ruritania Ana Ruiz", "Minister of Trade of Peru Ana Ruiz".
        for t in descriptors.titles:
            if t.capitalised and t.end + 1 < len(doc) and doc[t.end].lower_ in ("to", "of"):
                k = t.end + 1 + (doc[t.end + 1].lower_ == "the")
                a = descriptors.affiliation_at.get(k)
                if a is not None and a.start == k:
                    ends.add(a.end)
        # "Ambassador in Dhaka Ana Ruiz": a posting's city, then the name.
        for t in descriptors.titles:
            if t.capitalised and t.end + 1 < len(doc) and doc[t.end].lower_ in ("in", "to"):
                k = t.end + 1
                while k < len(doc) and doc[k].text[:1].isupper() and k - t.end <= 3:
                    if self.is_place(doc[t.end + 1 : k + 1].text):
                        ends.add(k + 1)
                        break
                    k += 1
        ends |= {e + 1 for e in list(ends) if e < len(doc) and doc[e].text == ","}
        ends |= {i + 1 for i in courtesy if i + 1 not in courtesy}
        # "his Ruritanian counterpart, Ana Ruiz": a role noun introduces a name too.
        for token in doc:
            if token.lemma_.lower() in self.lexicon.role_nouns and token.i + 1 < len(doc):
                ends.add(token.i + 2 if doc[token.i + 1].text == "," else token.i + 1)
        return {i for i in ends if i < len(doc) and doc[i].text[:1].isupper()}

    def _grow(self, doc: Doc, seed: int, word: Callable[[int], bool]) -> tuple[int, int]:
        def particle(i: int) -> bool:
            return 0 <= i < len(doc) and doc[i].lower_ in self.lexicon.name_particles

        def hyphenated(i: int) -> bool:
            """ "Amir-Abdollahian", "Diaz-Canel": one name even when a part is also a title."""
            return (
                i + 2 < len(doc)
                and doc[i].text[:1].isupper()
                and doc[i].is_alpha
                and not doc[i].whitespace_
                and doc[i + 1].text in _JOINERS
                and not doc[i + 1].whitespace_
                and doc[i + 2].text[:1].isupper()
            )

        start, end = seed, seed + 1
        while end - start < _MAX_NAME_TOKENS:
            if doc[end - 1].lower_ in ("'s", "\u2019s"):
                break
            if word(end) or (
                particle(end) and (word(end + 1) or (particle(end + 1) and word(end + 2)))
            ):
                end += 1
            elif hyphenated(end):
                end += 3
            elif (
                end + 1 < len(doc)
                and doc[end].text in _JOINERS
                and not doc[end - 1].whitespace_
                and not doc[end].whitespace_
                and doc[end + 1].is_alpha
            ):
                end += 2  # "Hae-chan", "Jae-in": hyphenated given names the tokenizer splits
            else:
                break
        # "Kang, Min-seo": a family name, a comma, then a hyphenated given name.
        if (
            end - start == 1
            and end + 3 < len(doc)
            and doc[end].text == ","
            and word(end + 1)
            and doc[end + 2].text in _JOINERS
            and not doc[end + 1].whitespace_
            and doc[end + 3].is_alpha
        ):
            end += 4
        while start > 0 and end - start < _MAX_NAME_TOKENS:
            if word(start - 1) or (particle(start - 1) and word(start - 2)):
                start -= 1
            else:
                break
        return start, end
