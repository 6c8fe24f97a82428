"""What the words around a name say about the person: title, side and "former".

A title and an affiliation before the name ("former Ruritanian Prime Minister X",
"Peru's X", "Minister of Trade of Peru X", "his Chilean counterpart, X"), an
apposition after it ("X, Minister of Foreign Affairs of Chile,"), or "X of Peru". The
words read belong to the person too: a parse that hangs an argument on "Minister"
rather than on the name still finds who it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from extractors.descriptors import Affiliation, Descriptors, Title
from extractors.lexicon import Lexicon
from extractors.mentions import Mention

_FORMER = {"former", "ex", "ex-", "then", "then-", "late"}
_APPOSITION_STOP = {";", "(", ")", "\n", "\n\n", ":", "\u2014", "--"}
_APPOSITION_TOKENS = 30


@dataclass(frozen=True)
class Reading:
    """What the words around one mention say about the person."""

    title: Title | None = None
    country: str | None = None
    org: str | None = None
    former: bool = False
    counterpart: bool = False  # "his Chilean counterpart, X": X holds the same office
    tokens: frozenset[int] = frozenset()  # the descriptor tokens, owned by the person


class AttributeReader:
    """Reads the title, side and "former" around a name mention."""

    def __init__(
        self, lexicon: Lexicon, courtesy: set[int], names: set[int], *, headline: bool = False
    ) -> None:
        self.lexicon = lexicon
        self.courtesy = courtesy
        self.names = names  # tokens of every name in the document
        # A headline's comma joins ("Peru premier, Chile's Ruiz meet"), it does not describe.
        self.headline = headline

    def read(self, doc: Doc, mention: Mention, descriptors: Descriptors) -> Reading:
        before = self._before(doc, mention.start, descriptors)
        after = self._after(doc, mention.end, descriptors)
        title = before.title or after.title
        # "Ghana's President, X, the chairman of the ECOWAS Authority": the side written
        # before the name is the one the person acts for; an apposition adds another hat.
        nearest = before if (before.country or before.org) else after
        country, org = nearest.country, nearest.org
        if not (country or org) and title is not None:
            country, org = title.affiliation
        return Reading(
            title=title,
            country=country if not org else None,
            org=org,
            former=before.former or after.former,
            counterpart=before.counterpart,
            tokens=before.tokens | after.tokens,
        )

    def _before(self, doc: Doc, start: int, d: Descriptors) -> Reading:
        i = start - 1
        taken: set[int] = set()
        while i >= 0 and (i in self.courtesy or doc[i].lower_ in ("mr", "mr.", "dr", "dr.")):
            taken.add(i)
            i -= 1
        title: Title | None = None
        affiliation: Affiliation | None = None
        counterpart = False
        # "the Chairperson of the Lakeland Union Commission, H.E. Dr. Ana Ruiz": the name is
        # an apposition to the title phrase before the comma.
        if i >= 1 and doc[i].text == "," and not self.headline:
            phrase = self._title_phrase_before(doc, i, d)
            if phrase is not None:
                title, affiliation = phrase
                taken.update(range(title.start, i + 1))
                i = title.start - 1
            elif i - 1 in d.title_at or i - 1 in d.affiliation_at:
                taken.add(i)
                i -= 1
        if title is None:
            title = _office_across(doc, i, d)
            if title is not None:
                taken.update(range(title.start, start))
                i = title.start - 1
        # "Minister of Trade of Ruritania X": the title's own affiliation.
        if title is not None:
            pass
        elif i >= 0 and i in d.affiliation_at:
            a = d.affiliation_at[i]
            k = a.start - 1
            k -= k >= 0 and doc[k].lower_ == "the"
            if k >= 1 and doc[k].lower_ == "of" and (k - 1) in d.title_at:
                title, affiliation = d.title_at[k - 1], a
                taken.update(range(title.start, a.end))
                i = title.start - 1
            elif k >= 1 and doc[k].lower_ in ("to", "in", "at", "for") and (k - 1) in d.title_at:
                # "Ambassador to Ruritania X": a posting; the side comes before the title.
                title = d.title_at[k - 1]
                taken.update(range(title.start, a.end))
                i = title.start - 1
            elif not (k >= 0 and doc[k].lower_ in ("to", "in", "at", "from", "for")):
                affiliation = a  # "Peru's X", "Chilean X"
                taken.update(range(a.start, a.end))
                i = a.start - 1
        elif i >= 0 and doc[i].lower_ in ("'s", "\u2019s") and (i - 1) in d.affiliation_at:
            affiliation = d.affiliation_at[i - 1]
            taken.update(range(affiliation.start, i + 1))
            i = affiliation.start - 1
        if title is None:
            if i >= 1 and doc[i].text == "," and doc[i - 1].lower_ == "counterpart":
                i -= 1  # "his Chilean counterpart, X"
            if i >= 0 and doc[i].lower_ in ("counterpart", "counterparts"):
                counterpart = True
                taken.update(range(i, start))
                i -= 1
            elif i >= 0 and i in d.title_at:
                title = d.title_at[i]
                taken.update(range(title.start, i + 1))
                i = title.start - 1
                # "State Councilor and Foreign Minister X": two offices of one person, unless
                # a determiner makes them two people ("the Foreign Secretary and Secretary X"),
                # and initials alone stand for someone already named ("EAM and Prime CS X").
                k = i - 1
                if i >= 1 and doc[i].lower_ == "and" and k in d.title_at:
                    first = d.title_at[k]
                    if not first.initials and (
                        first.start == 0 or doc[first.start - 1].lower_ not in ("the", "a", "an")
                    ):
                        side = title.affiliation
                        title = Title(
                            first.start, title.end, doc[first.start : title.end].text,
                            title.head, title.plural, title.capitalised,
                            side if side != (None, None) else first.affiliation,
                        )  # fmt: skip
                        taken.update(range(first.start, i + 1))
                        i = first.start - 1
        if title is not None and i >= 2 and doc[i].text == "," and i - 1 in d.affiliation_at:
            # "the visiting minister from Moldova, Foreign Minister X": where X comes from.
            a = d.affiliation_at[i - 1]
            if a.start > 0 and doc[a.start - 1].lower_ == "from":
                affiliation = a
                taken.update(range(a.start - 1, title.start))
                i = a.start - 2
        if (
            title is not None
            and i >= 1
            and doc[i].text == ","
            and doc[i - 1].lower_ == "counterpart"
        ):
            # "his Ugandan counterpart, President X": the side comes with the counterpart.
            counterpart = True
            taken.update(range(i - 1, title.start))
            i -= 2
        if title is not None or counterpart:
            while i >= 0 and i in self.courtesy:
                i -= 1
            if affiliation is None and i >= 0 and i in d.affiliation_at:
                a = d.affiliation_at[i]
                affiliation = a
                taken.update(range(a.start, a.end))
                i = a.start - 1
            elif affiliation is None and i >= 1 and doc[i].lower_ in ("'s", "\u2019s"):
                a_or_none = d.affiliation_at.get(i - 1)
                if a_or_none is not None:
                    affiliation = a_or_none
                    taken.update(range(a_or_none.start, i + 1))
                    i = a_or_none.start - 1
            elif affiliation is None and title is not None:
                affiliation = self._shared_by_a_pair(doc, i, d)
        former = i >= 0 and doc[i].lower_ in _FORMER
        if former:
            taken.add(i)
            i -= 1
        if i >= 0 and doc[i].lower_ in ("the", "his", "her", "their") and (title or counterpart):
            taken.add(i)
        return Reading(
            title=title,
            country=affiliation.country if affiliation else None,
            org=affiliation.org if affiliation else None,
            former=former,
            counterpart=counterpart,
            tokens=frozenset(taken),
        )

    def _shared_by_a_pair(self, doc: Doc, i: int, d: Descriptors) -> Affiliation | None:
        """ "Japanese Foreign Minister A and Defence Minister B": the state before the first
        of two officials joined by "and" is the second's too."""
        if i < 1 or doc[i].lower_ != "and":
            return None
        k = i - 1
        while k >= 0 and k in self.names:
            k -= 1
        while k >= 0 and (k in d.title_at or k in self.courtesy):
            k -= 1
        if k == i - 1 or k < 0:
            return None
        if doc[k].lower_ in ("'s", "\u2019s"):
            k -= 1
        return d.affiliation_at.get(k)

    def _title_phrase_before(
        self, doc: Doc, comma: int, d: Descriptors
    ) -> tuple[Title, Affiliation | None] | None:
        """A title with a capitalised "of ..." phrase ending at ``comma``, and the state or
        organisation that phrase names ("Chairperson of the Lakeland Union Commission,")."""
        k = comma - 1
        while k >= max(0, comma - 12) and (
            doc[k].text[:1].isupper()
            or doc[k].lower_ in ("of", "the", "for", "and", "&", "-", "to", "from", "(", ")")
            or k in d.title_at
        ):
            if k in d.title_at:
                title = d.title_at[k]
                after = title.end
                # "Ambassador of Korea to Kenya,": the posting ("to") is no side;
                # "Secretary of State for Foreign Affairs,": a portfolio ("for") is none.
                # "the visiting minister from Moldova,": where the visitor comes from.
                if after < comma and doc[after].lower_ not in ("of", "to", "for", "from"):
                    return None
                sides = [
                    a for a in d.affiliations
                    if after <= a.start < comma
                    and doc[a.start - 1].lower_ in ("of", "the", "from")
                ]  # fmt: skip
                if not sides:
                    # "the WHO Regional Director for the Eastern Mediterranean, X", "Niger's
                    # elected President, X": the state or organisation before the office.
                    j = title.start - 1
                    while j > 0 and doc[j].is_lower and doc[j].pos_ in ("ADJ", "VERB", "ADV"):
                        j -= 1  # "elected", "newly appointed"
                    j -= j > 0 and doc[j].lower_ in ("'s", "\u2019s")
                    before = d.affiliation_at.get(j)
                    sides = [before] if before is not None else []
                return title, (sides[-1] if sides else None)
            k -= 1
        return None

    def _after(self, doc: Doc, end: int, d: Descriptors) -> Reading:
        i = end
        taken: set[int] = set()
        # "X of Peru", "X of the European Union", "X (Peru)"
        if i + 1 < len(doc) and doc[i].lower_ in ("of", "("):
            k = i + 1 + (doc[i + 1].lower_ == "the")
            a = d.affiliation_at.get(k)
            if a is not None and a.start == k:
                return Reading(country=a.country, org=a.org, tokens=frozenset(range(i, a.end)))
        if i < len(doc) and doc[i].text == "," and i + 1 < len(doc):
            return self._apposition(doc, i + 1, d)
        return Reading(tokens=frozenset(taken))

    def _apposition(self, doc: Doc, start: int, d: Descriptors) -> Reading:
        """ ", the former Ruritanian Minister of Trade, ..." after a name."""
        title: Title | None = None
        country = org = None
        former = False
        end = start
        limit = min(len(doc), start + _APPOSITION_TOKENS)
        i = start
        while i < limit:
            token = doc[i]
            if token.text in _APPOSITION_STOP or (token.is_sent_start and i > start):
                break
            if i in self.names:
                # ", Ruritanian Foreign Minister Ana Ruiz": the words describe the next name.
                return Reading()
            if token.pos_ in ("VERB", "AUX") and i not in d.title_at and i not in d.affiliation_at:
                break
            if i == start and not (
                i in d.title_at
                or i in d.affiliation_at
                or token.lower_ in ("the", "a", "an", "former", "who", "then")
                or token.lower_ in _FORMER
            ):
                return Reading()
            if token.text == "," and title is not None:
                # "..., Minister for Foreign Affairs, Ruritania, said": the state after a comma.
                a = d.affiliation_at.get(i + 1)
                if (
                    a is not None
                    and not (country or org)
                    and a.end < len(doc)
                    and (doc[a.end].is_punct)
                ):
                    country, org = a.country, a.org
                    end = a.end
                else:
                    end = i
                break
            if token.lower_ in _FORMER and title is None:
                former = True
            if i in d.title_at and title is None:
                title = d.title_at[i]
                if doc[title.end - 1].dep_ in ("nsubj", "nsubjpass"):
                    # "Nikhil, EAM is going to Lima": a name called out, then the subject
                    # of a clause of its own, not an apposition.
                    return Reading()
                i = title.end
                end = i
                if title.affiliation != (None, None):
                    country, org = title.affiliation
                continue
            if i in d.affiliation_at:
                a = d.affiliation_at[i]
                k = a.start - 1
                if k > 0 and doc[k].lower_ == "the":
                    k -= 1
                previous = doc[k].lower_ if k >= 0 else ""
                if previous not in ("to", "in", "at", "from", "with", "for", "on", "and"):
                    # The last state named is the one served: "chairman of the party of X".
                    country, org = a.country, a.org
                i = a.end
                end = i
                continue
            i += 1
            end = i
        if title is None and not (country or org):
            return Reading()
        return Reading(
            title=title,
            country=None if org else country,
            org=org,
            former=former,
            tokens=frozenset(range(start - 1, end)),
        )


# Words that join an office to capitalised words before a name, and how many such words
# they take: a posting's place ("Ambassador in Dhaka X") or a portfolio the title list
# lacks ("Special Envoy for Middle East Affairs X").
_ACROSS = {"in": 3, "to": 3, "for": 6}


def _office_across(doc: Doc, i: int, d: Descriptors) -> Title | None:
    """The office whose posting or portfolio ends at token ``i``, just before a name."""
    if i < 2 or i in d.title_at:
        return None
    k = i
    while k > max(0, i - max(_ACROSS.values())) and doc[k].text[:1].isupper():
        if k in d.title_at:
            return None
        k -= 1
    joiner = doc[k].lower_
    if k == i or k - 1 not in d.title_at or i - k > _ACROSS.get(joiner, 0):
        return None
    if joiner != "for" and i in d.affiliation_at:
        return None  # "Ambassador to Ruritania X": the state is read as the posting below
    return d.title_at[k - 1]


def title_text(text: str, former: bool) -> str:
    small = {"of", "and", "for", "the", "to", "at", "in", "on", "&"}
    words = text.replace("\n", " ").split()
    tidy_words = [w if w.lower() in small else w[:1].upper() + w[1:] for w in words]
    title = " ".join(tidy_words)
    if title.isupper() and len(title) > 3:
        title = " ".join(w.capitalize() for w in title.split())
    return f"former {title}" if former else title
