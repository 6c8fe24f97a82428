"""The people of one article: name mentions grouped into persons, with title and side.

A person is written in full once and shortened afterwards, so a shorter name joins
the person whose name parts contain it (the one mentioned most recently when two
could). What each mention's surroundings say (``attributes``) settles into one title,
side and "former" per person, by the majority of their mentions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from extractors.attributes import AttributeReader, Reading, title_text
from extractors.descriptors import Descriptors
from extractors.lexicon import Lexicon
from extractors.mentions import Mention, MentionFinder
from extractors.names import NameForm, could_be_same, display_form, fused, name_form, tidy


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

    @property
    def spokesperson(self) -> bool:
        """The voice of a government: reports its meetings, is no party to them."""
        return "spokes" in (self.title or "").lower()

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
            person.title = title_text(first.title.text, first.former)
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
        serves_an_org = title in lexicon.organisation_titles or any(
            title.startswith(f"{t} ") for t in lexicon.organisation_titles
        )  # "Commissioner for Trade" of the organisation the article names
        if not person.side and named_orgs and serves_an_org:
            person.org = named_orgs[0]


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
            lexicon,
            courtesy[in_title],
            {i for m in mentions for i in range(m.start, m.end)},
            headline=in_title,
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
