"""An analyst's corrections to who is who: merging two people, splitting one.

Merging moves everything of one Person node to another: attendance with its
provenance, titles with their dates, name forms (so later articles with those forms
resolve to the person kept) and the people they were said not to be. Splitting moves
the attendance written with some name forms to a new person and records that the
two are not the same (``NOT_SAME``), so automatic resolution never joins them again.
Both keep what is derived exact in the same transaction: meeting signatures (a
meeting's participant set), MET pairs and Person.countries. The caller then merges
meetings that a merge made identical (app/person_curation.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import RoutingControl

from domain.identity import signature_of_keys
from graph.connection import SyncDriver, SyncTransaction, write_with_retry
from graph.met import resync_pairs
from graph.person_countries import recount_countries

# -- merge ---------------------------------------------------------------------------

MOVE_ATTENDED = """
MATCH (o:Person {key: $other})-[r:ATTENDED]->(m:Meeting)
MATCH (k:Person {key: $keep})
MERGE (k)-[n:ATTENDED {article_id: r.article_id}]->(m)
SET n += properties(r)
DELETE r
RETURN DISTINCT m.id AS id
"""

# Titles keep the widest span of dates either person had.
_MOVE_AFFILIATION = """
MATCH (o:Person {{key: $other}})-[r:{rel}]->(x:{label})
MATCH (k:Person {{key: $keep}})
MERGE (k)-[n:{rel} {{title: r.title, former: r.former}}]->(x)
SET n.first_seen = CASE WHEN n.first_seen IS NULL OR r.first_seen < n.first_seen
                        THEN coalesce(r.first_seen, n.first_seen) ELSE n.first_seen END,
    n.last_seen = CASE WHEN n.last_seen IS NULL OR r.last_seen > n.last_seen
                       THEN coalesce(r.last_seen, n.last_seen) ELSE n.last_seen END
DELETE r
"""
MOVE_REPRESENTS = _MOVE_AFFILIATION.format(rel="REPRESENTS", label="Country")
MOVE_MEMBER_OF = _MOVE_AFFILIATION.format(rel="MEMBER_OF", label="Organization")

MOVE_NAMES = """
MATCH (n:PersonName)-[x:NAMES]->(:Person {key: $other})
MATCH (k:Person {key: $keep})
MERGE (n)-[:NAMES]->(k)
DELETE x
"""

MOVE_BLOCKS = """
MATCH (:Person {key: $other})-[x:BLOCKED_AS]->(b:NameBlock)
MATCH (k:Person {key: $keep})
MERGE (k)-[:BLOCKED_AS]->(b)
DELETE x
"""

MOVE_NOT_SAME = """
MATCH (:Person {key: $other})-[x:NOT_SAME]-(q:Person)
MATCH (k:Person {key: $keep})
WHERE q.key <> $keep
MERGE (k)-[:NOT_SAME]->(q)
DELETE x
"""

# The kept person has every name and search term of both; the merge is on record.
ABSORB_PERSON = """
MATCH (o:Person {key: $other})
MATCH (k:Person {key: $keep})
SET k.aliases = k.aliases + [a IN o.aliases WHERE NOT a IN k.aliases],
    k.search_terms = k.search_terms + [t IN o.search_terms WHERE NOT t IN k.search_terms],
    k.merged = coalesce(k.merged, []) + [o.id] + coalesce(o.merged, []),
    k.curated = CASE WHEN $curated THEN true ELSE k.curated END
WITH o
DETACH DELETE o
"""

# -- split ---------------------------------------------------------------------------

CREATE_SPLIT_PERSON = """
MATCH (p:Person {key: $from})
CREATE (q:Person {key: $key, id: $id, name: $name, aliases: $aliases,
                  search_terms: $terms, curated: true})
SET p.aliases = $kept_aliases, p.search_terms = $kept_terms, p.curated = true,
    p.name = CASE WHEN p.name IN $aliases THEN $kept_name ELSE p.name END
MERGE (p)-[:NOT_SAME]->(q)
"""

MOVE_FORM_ATTENDED = """
MATCH (p:Person {key: $from})-[r:ATTENDED]->(m:Meeting)
WHERE r.name_key IN $forms
MATCH (q:Person {key: $key})
CREATE (q)-[n:ATTENDED]->(m)
SET n = properties(r)
DELETE r
RETURN DISTINCT m.id AS id
"""

MOVE_FORM_NAMES = """
MATCH (n:PersonName)-[x:NAMES]->(:Person {key: $from})
WHERE n.key IN $forms
MATCH (q:Person {key: $key})
MERGE (n)-[:NAMES]->(q)
DELETE x
"""

ADD_BLOCKS = """
MATCH (q:Person {key: $key})
UNWIND $blocks AS token
MERGE (b:NameBlock {token: token})
MERGE (q)-[:BLOCKED_AS]->(b)
"""

# Titles are rebuilt from attendance, which says who held which title when.
DROP_AFFILIATIONS = """
UNWIND $keys AS key
MATCH (:Person {key: key})-[r:REPRESENTS|MEMBER_OF]->()
DELETE r
"""

_REBUILD_AFFILIATION = """
UNWIND $keys AS key
MATCH (p:Person {{key: key}})-[r:ATTENDED]->(m:Meeting)
WHERE r.{field} IS NOT NULL
MATCH (x:{label} {{{prop}: r.{field}}})
OPTIONAL MATCH (a:Article {{id: r.article_id}})
WITH p, r, x, coalesce(m.date, a.published) AS seen
MERGE (p)-[t:{rel} {{title: coalesce(r.title, ''), former: r.former}}]->(x)
SET t.first_seen = CASE WHEN seen IS NULL THEN t.first_seen
                        WHEN t.first_seen IS NULL OR seen < t.first_seen THEN seen
                        ELSE t.first_seen END,
    t.last_seen = CASE WHEN seen IS NULL THEN t.last_seen
                       WHEN t.last_seen IS NULL OR seen > t.last_seen THEN seen
                       ELSE t.last_seen END
"""
REBUILD_REPRESENTS = _REBUILD_AFFILIATION.format(
    field="country", label="Country", prop="code", rel="REPRESENTS"
)
REBUILD_MEMBER_OF = _REBUILD_AFFILIATION.format(
    field="org", label="Organization", prop="code", rel="MEMBER_OF"
)

# -- what both keep exact ------------------------------------------------------------

ATTENDEE_KEYS = """
UNWIND $ids AS id
MATCH (m:Meeting {id: id})<-[:ATTENDED]-(p:Person)
RETURN m.id AS id, collect(DISTINCT p.key) AS people
"""

SET_SIGNATURES = """
UNWIND $rows AS row
MATCH (m:Meeting {id: row.id})
SET m.signature = row.signature
"""

PERSON_KEYS_BY_ID = """
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id, p.key AS key
"""

PERSON_FOR_SPLIT = """
MATCH (p:Person {key: $key})
RETURN p.key AS key, p.id AS id, p.name AS name, p.aliases AS aliases,
       [(p)-[r:ATTENDED]->(:Meeting) | r.name_key] AS attended_forms
"""

KEY_TAKEN = """
UNWIND $keys AS key
MATCH (p:Person)
WHERE p.key = key OR p.id = key
RETURN DISTINCT key
"""


@dataclass(frozen=True)
class SplitOff:
    """The new person a split creates, prepared by the caller from the names given."""

    key: str
    id: str
    name: str
    aliases: list[str]
    terms: list[str]
    blocks: list[str]
    kept_name: str
    kept_aliases: list[str]
    kept_terms: list[str]


def keys_by_id(driver: SyncDriver, database: str, ids: Iterable[str]) -> dict[str, str]:
    """Person id -> key, for the ids that exist."""
    wanted = sorted(set(ids))
    records, _, _ = driver.execute_query(
        PERSON_KEYS_BY_ID, ids=wanted, database_=database, routing_=RoutingControl.READ
    )
    return {r["id"]: r["key"] for r in records}


def person_for_split(driver: SyncDriver, database: str, key: str) -> dict[str, object] | None:
    records, _, _ = driver.execute_query(
        PERSON_FOR_SPLIT, key=key, database_=database, routing_=RoutingControl.READ
    )
    return records[0].data() if records else None


def taken(driver: SyncDriver, database: str, candidates: Sequence[str]) -> set[str]:
    """Which of these strings are already a person's key or id."""
    records, _, _ = driver.execute_query(
        KEY_TAKEN, keys=list(candidates), database_=database, routing_=RoutingControl.READ
    )
    return {r["key"] for r in records}


def merge_persons(
    driver: SyncDriver, database: str, keep: str, others: Sequence[str], *, curated: bool = True
) -> list[str]:
    """Fold the people ``others`` (keys) into ``keep``, in one transaction.

    Args:
        curated: an analyst's decision: the person is kept even when the articles that
            named them are removed, so the decision holds for later ones.

    Returns:
        The signatures of the meetings whose participants changed, for the caller to
        merge meetings that became one.
    """

    def work(tx: SyncTransaction) -> list[str]:
        meetings: set[str] = set()
        for other in others:
            params: dict[str, Any] = {"keep": keep, "other": other, "curated": curated}
            meetings |= {r["id"] for r in tx.run(MOVE_ATTENDED, **params).data()}
            for statement in (
                MOVE_REPRESENTS, MOVE_MEMBER_OF, MOVE_NAMES, MOVE_BLOCKS, MOVE_NOT_SAME,
                ABSORB_PERSON,
            ):  # fmt: skip
                tx.run(statement, **params).consume()
        return _after_attendance_moved(tx, meetings, [keep, *others])

    return write_with_retry(driver, database, work)


def split_person(
    driver: SyncDriver, database: str, source: str, forms: Sequence[str], new: SplitOff
) -> list[str]:
    """Move the attendance written with name ``forms`` (name keys) from ``source`` to
    the new person ``new``, and record that the two are different people.

    Returns:
        The signatures of the meetings whose participants changed.
    """

    def work(tx: SyncTransaction) -> list[str]:
        created: dict[str, Any] = {
            "from": source, "key": new.key, "id": new.id, "name": new.name,
            "aliases": new.aliases, "terms": new.terms, "kept_name": new.kept_name,
            "kept_aliases": new.kept_aliases, "kept_terms": new.kept_terms,
        }  # fmt: skip
        tx.run(CREATE_SPLIT_PERSON, **created).consume()
        moving: dict[str, Any] = {"from": source, "forms": list(forms), "key": new.key}
        meetings = {r["id"] for r in tx.run(MOVE_FORM_ATTENDED, **moving).data()}
        tx.run(MOVE_FORM_NAMES, **moving).consume()
        tx.run(ADD_BLOCKS, key=new.key, blocks=new.blocks).consume()
        people = [source, new.key]
        tx.run(DROP_AFFILIATIONS, keys=people).consume()
        tx.run(REBUILD_REPRESENTS, keys=people).consume()
        tx.run(REBUILD_MEMBER_OF, keys=people).consume()
        return _after_attendance_moved(tx, meetings, people)

    return write_with_retry(driver, database, work)


def _after_attendance_moved(
    tx: SyncTransaction, meetings: set[str], people: Sequence[str]
) -> list[str]:
    """Inside ``tx``: signatures, MET pairs and countries follow the moved attendance."""
    ids = sorted(meetings)
    rows = [
        {"id": r["id"], "signature": signature_of_keys(r["people"])}
        for r in tx.run(ATTENDEE_KEYS, ids=ids).data()
    ]
    if rows:
        tx.run(SET_SIGNATURES, rows=rows).consume()
    resync_pairs(tx, ids, people)
    recount_countries(tx, people)
    return sorted({row["signature"] for row in rows})
