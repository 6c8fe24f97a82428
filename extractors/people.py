"""The people of one article: name mentions grouped into persons, with title and side.

A person is written in full once and shortened afterwards, so a shorter name joins
the person whose name parts contain it (the one mentioned most recently when two
could). What a person is comes from the words around their mentions: a title and
an affiliation before the name ("former Ruritanian Prime Minister X", "Peru's X"),
an apposition after it ("X, Minister of Foreign Affairs of Chile,"), "X of Peru",
or "his Chilean counterpart, X". Those words belong to the person too: a parse that
hangs an argument on "Minister" rather than on the name still finds who it is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from extractors.descriptors import Affiliation, Descriptors, Title
from extractors.lexicon import Lexicon
from extractors.mentions import Mention, MentionFinder
from extractors.names import NameForm, could_be_same, display_form, fused, name_form, tidy

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


@dataclass(frozen=True)
class PersonMention:
    mention: Mention
    in_title: bool  # in the headline rather than the body
    reading: Reading


@dataclass
class Person:
    name: str
    form: NameForm
    mentions: list[PersonMention] = field(default_factory=list)
    title: str | None = None
    title_head: str | None = None
    offices: set[str] = field(default_factory=set)  # every title text the article gives, lower case
    country: str | None = None
    org: str | None = None
    former: bool = False
    counterpart: bool = False

    @property
    def body_mentions(self) -> list[Mention]:
        return [m.mention for m in self.mentions if not m.in_title]

    @property
    def aliases(self) -> list[str]:
        seen: list[str] = []
        for m in self.mentions:
            if m.mention.text != self.name and m.mention.text not in seen:
                seen.append(m.mention.text)
        return seen

    @property
    def side(self) -> str | None:
        return self.country or self.org

    def first_body_token(self) -> int:
        starts = [m.start for m in self.body_mentions]
        return min(starts) if starts else 10**9


@dataclass(frozen=True)
class Roster:
    """The people of an article and which tokens stand for whom."""

    people: tuple[Person, ...]
    body_owner: dict[int, int]  # body token (name or its descriptors) -> person index
    title_owner: dict[int, int]  # headline token -> person index
    name_at: dict[int, int]  # body token of a name proper -> person index


class AttributeReader:
    """Reads the title, side and "former" around a name mention."""

    def __init__(self, lexicon: Lexicon, courtesy: set[int], names: set[int]) -> None:
        self.lexicon = lexicon
        self.courtesy = courtesy
        self.names = names  # tokens of every name in the document

    def read(self, doc: Doc, mention: Mention, descriptors: Descriptors) -> Reading:
        before = self._before(doc, mention.start, descriptors)
        after = self._after(doc, mention.end, descriptors)
        title = before.title or after.title
        country = before.country or after.country
        org = before.org or after.org
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
        # "the Minister of Foreign Affairs of Ruritania, Hon. Ana Ruiz": an apposition.
        if i >= 1 and doc[i].text == "," and (i - 1 in d.title_at or i - 1 in d.affiliation_at):
            taken.add(i)
            i -= 1
        title: Title | None = None
        affiliation: Affiliation | None = None
        counterpart = False
        # "Minister of Trade of Ruritania X": the title's own affiliation.
        if i >= 0 and i in d.affiliation_at:
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
                # a determiner makes them two people ("the Foreign Secretary and Secretary X").
                k = i - 1
                if i >= 1 and doc[i].lower_ == "and" and k in d.title_at:
                    first = d.title_at[k]
                    if first.start == 0 or doc[first.start - 1].lower_ not in ("the", "a", "an"):
                        side = title.affiliation
                        title = Title(
                            first.start, title.end, doc[first.start : title.end].text,
                            title.head, title.plural, title.capitalised,
                            side if side != (None, None) else first.affiliation,
                        )  # fmt: skip
                        taken.update(range(first.start, i + 1))
                        i = first.start - 1
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


def cluster(
    body_mentions: list[Mention],
    title_mentions: list[Mention],
    readings: dict[tuple[bool, int], Reading],
    lexicon: Lexicon,
) -> list[Person]:
    """Group mentions into people; shorter names join the full name that contains them."""
    people: list[Person] = []

    def form_of(m: Mention) -> NameForm:
        return name_form(m.text, lexicon.name_particles, lexicon.patronymic_particles)

    full = sorted(
        (m for m in body_mentions if len(form_of(m).parts) >= 2),
        key=lambda m: (len(form_of(m).parts), len(m.text)),
        reverse=True,
    )
    for m in full:
        form = form_of(m)
        if not any(_same(form, m.text, p) for p in people):
            people.append(Person(name=display_form(tidy(m.text)), form=form))

    last_seen: dict[int, int] = {}
    for m in body_mentions:
        form = form_of(m)
        candidates = _candidates(form, m.text, people)
        if not candidates:
            people.append(Person(name=display_form(tidy(m.text)), form=form))
            candidates = [len(people) - 1]
        recent = sorted(candidates, key=lambda k: last_seen.get(k, -1), reverse=True)
        chosen = recent[0]
        people[chosen].mentions.append(PersonMention(m, False, readings[(False, m.start)]))
        last_seen[chosen] = m.start

    for m in title_mentions:
        form = form_of(m)
        candidates = _candidates(form, m.text, people)
        if not candidates:
            # Headline case capitalises every word, and the model then finds "people" in
            # it: a headline name counts when the body names them too or a title introduces it.
            if not m.after_title:
                continue
            people.append(Person(name=display_form(tidy(m.text)), form=form))
            candidates = [len(people) - 1]
        people[candidates[0]].mentions.append(PersonMention(m, True, readings[(True, m.start)]))
    return [p for p in people if p.mentions]


def _candidates(form: NameForm, text: str, people: list[Person]) -> list[int]:
    """People a mention can be: exact forms first, then a given or family name (the first
    or last part) before a middle one."""
    fitting = [k for k, p in enumerate(people) if _same(form, text, p)]
    exact = [k for k in fitting if people[k].form.part_set == form.part_set]
    if exact:
        return exact
    if len(form.parts) == 1:
        ends = [
            k
            for k in fitting
            if form.parts[0] in (people[k].form.parts[0], people[k].form.parts[-1])
        ]
        return ends or fitting
    return fitting


def _same(form: NameForm, text: str, person: Person) -> bool:
    return could_be_same(form, person.form) or fused(text) == fused(person.name)


def settle_attributes(people: list[Person], lexicon: Lexicon, named_orgs: list[str]) -> None:
    """Each person's title, side and "former", by the majority of what their mentions say."""
    for person in people:
        readings = [m.reading for m in person.mentions]
        titled = [r for r in readings if r.title is not None]
        person.offices = {r.title.text.lower() for r in titled if r.title is not None}
        if titled:
            first = titled[0]
            assert first.title is not None
            person.title = _title_text(first.title.text, first.former)
            person.title_head = first.title.head
            person.former = first.former
        sides = Counter((r.country, r.org) for r in readings if r.country or r.org)
        if sides:
            # One contradicting mention does not change a person's side; ties go to the first.
            best = max(sides.values())
            for r in readings:
                if (r.country or r.org) and sides[(r.country, r.org)] == best:
                    person.country, person.org = r.country, r.org
                    break
        person.counterpart = any(r.counterpart for r in readings)
        title = (person.title or "").lower().removeprefix("former ")
        if not person.side and named_orgs and title in lexicon.organisation_titles:
            person.org = named_orgs[0]


def _title_text(text: str, former: bool) -> str:
    small = {"of", "and", "for", "the", "to", "&"}
    words = text.replace("\n", " ").split()
    tidy_words = [w if w.lower() in small else w[:1].upper() + w[1:] for w in words]
    title = " ".join(tidy_words)
    if title.isupper() and len(title) > 3:
        title = " ".join(w.capitalize() for w in title.split())
    return f"former {title}" if former else title


def build_roster(
    body: Doc,
    title: Doc,
    body_descriptors: Descriptors,
    title_descriptors: Descriptors,
    finder: MentionFinder,
    lexicon: Lexicon,
    named_orgs: list[str],
) -> Roster:
    """Find, group and describe the people of an article."""

    def parts(mentions: list[Mention], at_least: int) -> frozenset[str]:
        forms = (
            name_form(m.text, lexicon.name_particles, lexicon.patronymic_particles).parts
            for m in mentions
        )
        return frozenset(part for form in forms if len(form) >= at_least for part in form)

    courtesy = {False: finder.courtesy_tokens(body), True: finder.courtesy_tokens(title)}
    first_pass = finder.find(body, body_descriptors, courtesy=courtesy[False])
    # Second pass: surnames and given names of those people, whatever the model tagged them.
    body_mentions = finder.find(body, body_descriptors, parts(first_pass, 2), courtesy[False])
    # A headline names people by the parts the body uses, even one-word names.
    title_mentions = finder.find(title, title_descriptors, parts(body_mentions, 1), courtesy[True])
    readers = {
        in_title: AttributeReader(
            lexicon, courtesy[in_title], {i for m in mentions for i in range(m.start, m.end)}
        )
        for in_title, mentions in ((False, body_mentions), (True, title_mentions))
    }
    readings = {
        (False, m.start): readers[False].read(body, m, body_descriptors) for m in body_mentions
    }
    readings |= {
        (True, m.start): readers[True].read(title, m, title_descriptors) for m in title_mentions
    }
    people = cluster(body_mentions, title_mentions, readings, lexicon)
    settle_attributes(people, lexicon, named_orgs)
    _counterpart_titles(people, body)
    body_owner: dict[int, int] = {}
    title_owner: dict[int, int] = {}
    name_at: dict[int, int] = {}
    for index, person in enumerate(people):
        for pm in person.mentions:
            owner = title_owner if pm.in_title else body_owner
            for i in (*range(pm.mention.start, pm.mention.end), *pm.reading.tokens):
                owner.setdefault(i, index)
            if not pm.in_title:
                name_at.update(dict.fromkeys(range(pm.mention.start, pm.mention.end), index))
    return Roster(tuple(people), body_owner, title_owner, name_at)


def _counterpart_titles(people: list[Person], body: Doc) -> None:
    """ "his Chilean counterpart, X" holds the office of the person the sentence is about."""
    for person in people:
        if not person.counterpart or person.title:
            continue
        first = min((m for m in person.body_mentions), key=lambda m: m.start, default=None)
        if first is None:
            continue
        sentence = body[first.start].sent
        others = [
            p
            for p in people
            if p is not person
            and p.title
            and any(sentence.start <= m.start < first.start for m in p.body_mentions)
        ]
        if others:
            person.title = (others[0].title or "").removeprefix("former ")
            person.title_head = others[0].title_head
