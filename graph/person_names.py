"""Looking people up by their names: the reads that cross-article resolution needs.

Every name form written for a person is a ``(:PersonName {key})-[:NAMES]->(:Person)``
node, so a name seen before resolves with one keyed lookup, wherever an analyst has
moved it since. Every part of those names long enough to tell people apart is a
``(:NameBlock {token})`` the person is ``BLOCKED_AS``, so the candidates a new variant
could belong to ("Sergei Volkov" for "Sergey Volkov") are the people sharing a part
with it, found by key, never by scanning every person.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import RoutingControl

from graph.connection import SyncDriver, SyncTransaction, graph_errors, write_with_retry

# A form's person: through its PersonName node, or, for a graph written before name
# nodes existed, the person whose own key it is.
PERSONS_BY_NAME_KEYS = """
UNWIND $keys AS key
OPTIONAL MATCH (n:PersonName {key: key})-[:NAMES]->(named:Person)
OPTIONAL MATCH (own:Person {key: key})
WITH key, coalesce(named.key, own.key) AS person
WHERE person IS NOT NULL
RETURN key, person
"""

PERSONS_BY_BLOCKS = """
UNWIND $tokens AS token
MATCH (:NameBlock {token: token})<-[:BLOCKED_AS]-(p:Person)
WITH DISTINCT p
RETURN p.key AS key, p.aliases AS aliases, coalesce(p.countries, []) AS countries,
       [(p)-[:MEMBER_OF]->(o:Organization) | o.code] AS orgs,
       [(p)-[t:REPRESENTS|MEMBER_OF]->() WHERE t.title <> '' | t.title] AS titles,
       [(p)-[:NOT_SAME]-(q:Person) | q.key] AS apart
"""

PERSONS_BY_KEYS = """
UNWIND $keys AS key
MATCH (p:Person {key: key})
RETURN p.key AS key, p.aliases AS aliases, coalesce(p.countries, []) AS countries,
       [(p)-[:MEMBER_OF]->(o:Organization) | o.code] AS orgs,
       [(p)-[t:REPRESENTS|MEMBER_OF]->() WHERE t.title <> '' | t.title] AS titles,
       [(p)-[:NOT_SAME]-(q:Person) | q.key] AS apart
"""

PERSON_PAGE = """
MATCH (p:Person)
WHERE p.key > $after
WITH p ORDER BY p.key LIMIT $limit
RETURN p.key AS key, p.aliases AS aliases, coalesce(p.countries, []) AS countries,
       [(p)-[:MEMBER_OF]->(o:Organization) | o.code] AS orgs,
       [(p)-[t:REPRESENTS|MEMBER_OF]->() WHERE t.title <> '' | t.title] AS titles,
       [(p)-[:NOT_SAME]-(q:Person) | q.key] AS apart,
       size([(p)-[:ATTENDED]->(:Meeting) | 1]) AS attended
"""


@dataclass(frozen=True)
class StoredPerson:
    """What resolution weighs about a stored person: names and affiliations."""

    key: str
    aliases: tuple[str, ...]
    countries: frozenset[str]
    orgs: frozenset[str]
    titles: frozenset[str]  # offices held, as the articles wrote them
    apart: frozenset[str]  # keys of people an analyst said this one is not
    attended: int = 0


def _stored(record: dict[str, Any]) -> StoredPerson:
    return StoredPerson(
        key=str(record["key"]),
        aliases=tuple(record["aliases"] or ()),
        countries=frozenset(record["countries"] or ()),
        orgs=frozenset(record["orgs"] or ()),
        titles=frozenset(record["titles"] or ()),
        apart=frozenset(record["apart"] or ()),
        attended=int(record.get("attended") or 0),
    )


def persons_by_name_keys(driver: SyncDriver, database: str, keys: Iterable[str]) -> dict[str, str]:
    """Name key -> key of the person that name form was resolved to, for known forms."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    with graph_errors():
        records, _, _ = driver.execute_query(
            PERSONS_BY_NAME_KEYS, keys=wanted, database_=database, routing_=RoutingControl.READ
        )
    return {r["key"]: r["person"] for r in records}


def persons_by_blocks(
    driver: SyncDriver, database: str, tokens: Iterable[str]
) -> list[StoredPerson]:
    """Everyone with a name part among ``tokens``."""
    wanted = sorted(set(tokens))
    if not wanted:
        return []
    with graph_errors():
        records, _, _ = driver.execute_query(
            PERSONS_BY_BLOCKS, tokens=wanted, database_=database, routing_=RoutingControl.READ
        )
    return [_stored(r.data()) for r in records]


def persons_by_keys(driver: SyncDriver, database: str, keys: Iterable[str]) -> list[StoredPerson]:
    wanted = sorted(set(keys))
    if not wanted:
        return []
    with graph_errors():
        records, _, _ = driver.execute_query(
            PERSONS_BY_KEYS, keys=wanted, database_=database, routing_=RoutingControl.READ
        )
    return [_stored(r.data()) for r in records]


def all_persons(driver: SyncDriver, database: str, page: int = 1000) -> Sequence[StoredPerson]:
    """Every person, a page at a time (for re-resolving a whole graph)."""
    found: list[StoredPerson] = []
    after = ""
    while True:
        with graph_errors():
            records, _, _ = driver.execute_query(
                PERSON_PAGE, after=after, limit=page, database_=database,
                routing_=RoutingControl.READ,
            )  # fmt: skip
        if not records:
            return found
        found += [_stored(r.data()) for r in records]
        after = found[-1].key


def index_names(
    driver: SyncDriver,
    database: str,
    names: Sequence[tuple[str, str]],
    blocks: Sequence[tuple[str, str]],
) -> None:
    """Give people written before name nodes existed their PersonName and NameBlock
    nodes (idempotent; a form already resolved elsewhere stays where it is).

    Args:
        names: (person key, name key) pairs.
        blocks: (person key, name part) pairs.
    """
    from graph.writer import MERGE_NAME_BLOCKS, MERGE_PERSON_NAMES

    name_rows = [{"person_key": p, "key": k} for p, k in sorted(set(names))]
    block_rows = [{"person_key": p, "token": t} for p, t in sorted(set(blocks))]

    def work(tx: SyncTransaction) -> None:
        for start in range(0, max(len(name_rows), len(block_rows)), 1000):
            if name_rows[start : start + 1000]:
                tx.run(MERGE_PERSON_NAMES, rows=name_rows[start : start + 1000]).consume()
            if block_rows[start : start + 1000]:
                tx.run(MERGE_NAME_BLOCKS, rows=block_rows[start : start + 1000]).consume()

    write_with_retry(driver, database, work)
