"""Correcting and re-resolving who is who in a stored graph.

``merge`` and ``split`` are an analyst's decisions: they hold for articles ingested
later (the name forms move with the person, and a split records that the two are
not the same). ``resolve`` applies the ingest-time rules (app/person_resolution.py)
to a whole graph, e.g. one written before they existed, merging only pairs that each
have no other candidate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.ingest import consolidate_meetings
from app.person_resolution import KnownPerson, Mention, closeness, known_person
from domain.errors import DiplographError
from domain.models import person_slug, search_terms
from extractors.lexicon import Lexicon, load_lexicon
from extractors.person_names import Variation, parse_name
from graph.connection import SyncDriver
from graph.person_edits import (
    SplitOff,
    keys_by_id,
    merge_persons,
    person_for_split,
    split_person,
    taken,
)
from graph.person_names import StoredPerson, all_persons, index_names


class CurationError(DiplographError):
    """A merge or split that cannot be done as asked; nothing was changed."""


@dataclass(frozen=True)
class Merge:
    keep: str  # person key
    others: tuple[str, ...]


def merge(driver: SyncDriver, database: str, keep_id: str, other_ids: Sequence[str]) -> int:
    """Fold the people ``other_ids`` into ``keep_id``; returns meetings merged as a result.

    Raises:
        CurationError: an id names nobody, or a person would be merged into themself.
    """
    ids = [keep_id, *other_ids]
    if len(set(ids)) != len(ids):
        raise CurationError("a person cannot be merged with themself")
    keys = keys_by_id(driver, database, ids)
    missing = [i for i in ids if i not in keys]
    if missing:
        raise CurationError(f"no person with id {', '.join(missing)}")
    signatures = merge_persons(driver, database, keys[keep_id], [keys[i] for i in other_ids])
    return len(consolidate_meetings(driver, database, signatures))


def split(
    driver: SyncDriver, database: str, person_id: str, names: Sequence[str],
    lexicon: Lexicon | None = None,
) -> str:  # fmt: skip
    """Move the meetings where ``person_id`` was written as one of ``names`` to a new
    person; returns the new person's id.

    Raises:
        CurationError: no such person, a name they were never written as, or every
            name they have (nothing would be left).
    """
    lexicon = lexicon or load_lexicon()
    keys = keys_by_id(driver, database, [person_id])
    if person_id not in keys:
        raise CurationError(f"no person with id {person_id}")
    person = person_for_split(driver, database, keys[person_id])
    assert person is not None
    aliases: list[str] = list(person["aliases"] or [])  # type: ignore[call-overload]
    attended = set(person["attended_forms"] or [])  # type: ignore[call-overload]
    forms = {parse_name(n, lexicon).key for n in names}
    unknown = [n for n in names if parse_name(n, lexicon).key not in attended]
    if unknown:
        written = sorted({a for a in aliases if parse_name(a, lexicon).key in attended})
        raise CurationError(
            f"{person_id} has no meeting written as {', '.join(map(repr, unknown))}; "
            f"their meetings are written as: {', '.join(map(repr, written))}"
        )
    if attended <= forms:
        raise CurationError(f"those are all the names {person_id} is written with")
    moving = [a for a in aliases if parse_name(a, lexicon).key in forms]
    staying = [a for a in aliases if a not in moving]
    first = parse_name(names[0], lexicon)
    key, new_id = _free(driver, database, first.key, person_slug(first.core))
    new = SplitOff(
        key=key,
        id=new_id,
        name=max(moving or [first.core], key=len),
        aliases=moving or [first.core],
        terms=search_terms(moving or [first.core]),
        blocks=sorted(set().union(*(parse_name(a, lexicon).blocks for a in moving or names))),
        kept_name=max(staying, key=len) if staying else str(person["name"]),
        kept_aliases=staying,
        kept_terms=search_terms(staying),
    )
    signatures = split_person(driver, database, keys[person_id], sorted(forms), new)
    consolidate_meetings(driver, database, signatures)
    return new_id


def _free(driver: SyncDriver, database: str, key: str, slug: str) -> tuple[str, str]:
    """A key and an id no person has yet: the name's own, else numbered."""
    for n in range(1, 100):
        candidate = (key, slug) if n == 1 else (f"{key}~{n}", f"{slug}-{n}")
        if not taken(driver, database, candidate):
            return candidate
    raise CurationError(f"no free id for {slug}")


def propose_merges(people: Sequence[StoredPerson], lexicon: Lexicon) -> list[Merge]:
    """Pairs of stored people that the ingest-time rules would have made one: each the
    other's only candidate, and nobody said they are not the same."""
    known = {p.key: known_person(p, lexicon) for p in people}
    attended = {p.key: p.attended for p in people}
    by_block: dict[str, set[str]] = {}
    for person in known.values():
        for name in person.names:
            for block in name.blocks:
                by_block.setdefault(block, set()).add(person.key)
    matches = {key: _matches(person, known, by_block) for key, person in known.items()}
    merges = []
    for a, found in sorted(matches.items()):
        if len(found) != 1:
            continue
        (b,) = found
        if a < b and matches.get(b) == {a}:
            keep, other = sorted((a, b), key=lambda k: (-attended[k], k))
            merges.append(Merge(keep, (other,)))
    return merges


def _matches(
    person: KnownPerson, known: dict[str, KnownPerson], by_block: dict[str, set[str]]
) -> set[str]:
    blocks = set().union(*(n.blocks for n in person.names)) if person.names else set()
    candidates = set().union(*(by_block.get(b, set()) for b in blocks)) - {person.key}
    found = set()
    for key in candidates - person.apart:
        other = known[key]
        if person.key in other.apart:
            continue
        if _closest(person, other) is not None:
            found.add(key)
    return found


def _closest(person: KnownPerson, other: KnownPerson) -> Variation | None:
    levels = [
        closeness(Mention(name, person.countries, person.orgs, person.titles), other)
        for name in person.names
    ]
    for level in (Variation.SAME, Variation.VARIANT, Variation.SHORT):
        if level in levels:
            return level
    return None


def resolve_graph(driver: SyncDriver, database: str, *, dry_run: bool = False,
                  lexicon: Lexicon | None = None) -> list[Merge]:  # fmt: skip
    """Index every person's names, then merge the people the rules say are one."""
    lexicon = lexicon or load_lexicon()
    people = all_persons(driver, database)
    if not dry_run:
        parsed = {p.key: [parse_name(alias, lexicon) for alias in p.aliases] for p in people}
        index_names(
            driver,
            database,
            names=[(key, n.key) for key, found in parsed.items() for n in found],
            blocks=[(key, b) for key, found in parsed.items() for n in found for b in n.blocks],
        )
    merges = propose_merges(people, lexicon)
    if not dry_run:
        for m in merges:
            signatures = merge_persons(driver, database, m.keep, list(m.others), curated=False)
            consolidate_meetings(driver, database, signatures)
    return merges
