"""One Person node per real person: names resolved across articles.

Each written name of a batch goes, in this order, to

1. the person that name form was resolved to before (a ``PersonName`` node; this is
   also how an analyst's merge or split holds for articles still to come);
2. the one stored person whose name it can be a writing of (extractors/person_names.py)
   when the evidence agrees: the same parts in another order need no contradicting
   country; a variant (an initial, a middle name, another romanisation, a short given
   name) needs a country or organisation both share, one word of the name alone that
   and an office both held;
3. a new person.

When two people could be meant, or the evidence is thin, the name gets a person of its
own: a split costs a reader a second node, a false merge gives one person another's
meetings. Strings that are not names ("Chairperson", "Foreign Ministers") never become
people: they are dropped from the meeting before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from domain.models import ArticleFacts, Participant, PersonRef, fold, person_slug
from extractors.lexicon import Lexicon, load_lexicon
from extractors.person_names import PersonName, Variation, is_person_name, parse_name, variation
from graph.connection import SyncDriver
from graph.person_names import (
    StoredPerson,
    persons_by_blocks,
    persons_by_keys,
    persons_by_name_keys,
)


@dataclass
class Mention:
    """One article's writing of a person, with the affiliations the article gives them."""

    name: PersonName
    countries: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)  # folded


@dataclass
class KnownPerson:
    """A person as resolution sees them: every name form and affiliation so far."""

    key: str
    names: list[PersonName]
    countries: set[str]
    orgs: set[str]
    titles: set[str] = field(default_factory=set)  # folded
    apart: set[str] = field(default_factory=set)

    def absorb(self, mention: Mention) -> None:
        if all(n.key != mention.name.key for n in self.names):
            self.names.append(mention.name)
        self.countries |= mention.countries
        self.orgs |= mention.orgs
        self.titles |= mention.titles


def closeness(mention: Mention, person: KnownPerson) -> Variation | None:
    """How ``mention`` can be ``person``, given names and affiliations; None if not."""
    # A name is compared with the person's full names: that one article called them by
    # their family name alone says nothing about another person of that family.
    names = person.names
    if any(len(n.parts) > 1 for n in names):
        names = [n for n in names if len(n.parts) > 1]
    found = [v for n in names if (v := variation(mention.name, n)) is not None]
    if not found:
        return None
    shared = bool(mention.countries & person.countries or mention.orgs & person.orgs)
    contradicted = bool(
        mention.countries and person.countries and not mention.countries & person.countries
    )
    if Variation.SAME in found:
        return None if contradicted else Variation.SAME
    if not shared:
        return None
    if Variation.VARIANT in found:
        return Variation.VARIANT
    # A family name alone is shared by relatives and by namesakes the graph has not met
    # yet: it takes the same office as well as the same country.
    return Variation.SHORT if mention.titles & person.titles else None


def choose(mention: Mention, candidates: Iterable[KnownPerson]) -> KnownPerson | None:
    """The one candidate ``mention`` is; None when none is, or when two could be."""
    by_closeness: dict[Variation, list[KnownPerson]] = {}
    for person in candidates:
        found = closeness(mention, person)
        if found is not None:
            by_closeness.setdefault(found, []).append(person)
    for level in (Variation.SAME, Variation.VARIANT, Variation.SHORT):
        matched = by_closeness.get(level, [])
        if matched:
            return matched[0] if len(matched) == 1 else None
    return None


def known_person(stored: StoredPerson, lexicon: Lexicon) -> KnownPerson:
    return KnownPerson(
        key=stored.key,
        names=[parse_name(alias, lexicon) for alias in stored.aliases],
        countries=set(stored.countries),
        orgs=set(stored.orgs),
        titles={fold(t) for t in stored.titles},
        apart=set(stored.apart),
    )


class PersonResolver:
    """Resolves the names of each batch against the graph and the batches before it.

    Batches are resolved before the one ahead of them is written (ingestion overlaps
    the two), so the people this resolver created or met are kept in memory as well,
    indexed by name part as the graph indexes them.
    """

    def __init__(self, driver: SyncDriver, database: str, lexicon: Lexicon | None = None):
        self.driver = driver
        self.database = database
        self.lexicon = lexicon or load_lexicon()
        self._people: dict[str, KnownPerson] = {}  # person key -> person
        self._by_block: dict[str, set[str]] = {}  # name part -> person keys
        self._form_owner: dict[str, str] = {}  # name key -> person key

    def resolve(self, batch: list[ArticleFacts]) -> None:
        """Drop participants that are not people, then fill each article's ``people``."""
        for facts in batch:
            _drop_non_people(facts, self.lexicon)
        mentions = [_mentions(f, self.lexicon) for f in batch]
        keys = {m.name.key for found in mentions for m in found.values() if _lasting(m.name)}
        owners = persons_by_name_keys(self.driver, self.database, keys - set(self._form_owner))
        self._form_owner.update(owners)
        self._remember(persons_by_keys(self.driver, self.database, set(owners.values())))
        # Everyone the new forms could be, in one read for the batch.
        unknown = {
            block
            for found in mentions
            for m in found.values()
            if not _lasting(m.name) or m.name.key not in self._form_owner
            for block in m.name.blocks
        }
        self._remember(persons_by_blocks(self.driver, self.database, unknown))
        for facts, found in zip(batch, mentions, strict=True):
            for written, mention in found.items():
                person = self._person_for(mention)
                facts.people[written] = PersonRef(
                    person=person.key,
                    id=person_slug(mention.name.core),
                    display=mention.name.core,
                    name_key=mention.name.key,
                    blocks=sorted(mention.name.blocks),
                    lasting=_lasting(mention.name),
                )

    def _person_for(self, mention: Mention) -> KnownPerson:
        lasting = _lasting(mention.name)
        owner = self._form_owner.get(mention.name.key) if lasting else None
        if owner is None:
            chosen = choose(mention, self._sharing_a_part(mention.name))
            owner = chosen.key if chosen else mention.name.key
            if lasting:
                self._form_owner[mention.name.key] = owner
        person = self._people.setdefault(owner, KnownPerson(owner, [], set(), set()))
        person.absorb(mention)
        self._index(person)
        return person

    def _remember(self, stored: Iterable[StoredPerson]) -> None:
        for found in stored:
            if found.key not in self._people:
                self._people[found.key] = known_person(found, self.lexicon)
                self._index(self._people[found.key])

    def _index(self, person: KnownPerson) -> None:
        for name in person.names:
            for block in name.blocks:
                self._by_block.setdefault(block, set()).add(person.key)

    def _sharing_a_part(self, name: PersonName) -> list[KnownPerson]:
        keys = set().union(*(self._by_block.get(b, set()) for b in name.blocks))
        return [self._people[k] for k in sorted(keys)]


def _lasting(name: PersonName) -> bool:
    """One word alone names a family: each article's use of it is resolved afresh."""
    return len(name.parts) > 1


def _drop_non_people(facts: ArticleFacts, lexicon: Lexicon) -> None:
    """Participants whose "name" is an office, a courtesy word or a group go; a meeting
    left with nobody goes with them."""
    kept = []
    for item in facts.meetings:
        people: list[Participant] = [
            p for p in item.meeting.participants if is_person_name(p.name, lexicon)
        ]
        if people:
            item.meeting.participants = people
            kept.append(item)
    facts.meetings = kept


def _mentions(facts: ArticleFacts, lexicon: Lexicon) -> dict[str, Mention]:
    """Written name -> mention, affiliations pooled over the article's meetings."""
    found: dict[str, Mention] = {}
    for item in facts.meetings:
        for p in item.meeting.participants:
            mention = found.setdefault(p.name, Mention(parse_name(p.name, lexicon)))
            if p.country:
                mention.countries.add(p.country)
            if p.org:
                mention.orgs.add(p.org)
            if p.title:
                mention.titles.add(fold(p.title))
    by_key: dict[str, Mention] = {}
    for mention in found.values():  # one article, one person per name form
        pooled = by_key.setdefault(mention.name.key, mention)
        pooled.countries |= mention.countries
        pooled.orgs |= mention.orgs
        pooled.titles |= mention.titles
    return {written: by_key[m.name.key] for written, m in found.items()}
