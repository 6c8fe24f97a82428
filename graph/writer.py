"""Batched, idempotent writes of articles and their facts.

Every statement is ``UNWIND $rows AS row MERGE ...`` for one label or relationship
type, so a batch of articles costs one round trip per type, and writing the same
input twice leaves the graph as it was. A batch is one transaction: it lands whole
or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from domain.countries import country_name
from domain.identity import signature_of_keys
from domain.models import ArticleFacts, Evidence, PersonRef, search_terms
from graph.articles import delete_articles_in
from graph.connection import SyncDriver, SyncTransaction, write_with_retry
from graph.met import add_pairs, resync_pairs
from graph.person_countries import recount_countries

Row = dict[str, Any]

MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a += row.props
"""

MERGE_COUNTRIES = """
UNWIND $rows AS row
MERGE (c:Country {code: row.code})
ON CREATE SET c.name = row.name
"""

MERGE_ORGANIZATIONS = """
UNWIND $rows AS row
MERGE (o:Organization {code: row.code})
"""

# The longest spelling seen (courtesy words aside) becomes the canonical name; every
# spelling is an alias.
MERGE_PERSONS = """
UNWIND $rows AS row
MERGE (p:Person {key: row.key})
ON CREATE SET p.id = row.id, p.name = row.name, p.aliases = [], p.search_terms = []
SET p.name = CASE WHEN size(row.name) > size(p.name) THEN row.name ELSE p.name END,
    p.aliases = p.aliases + [alias IN row.aliases WHERE NOT alias IN p.aliases],
    p.search_terms = p.search_terms + [t IN row.terms WHERE NOT t IN p.search_terms]
"""

# A name form names one person: the first resolution wins, so a form an analyst moved
# to another person (graph/person_edits.py) keeps pointing where they put it.
MERGE_PERSON_NAMES = """
UNWIND $rows AS row
MATCH (p:Person {key: row.person_key})
MERGE (n:PersonName {key: row.key})
WITH n, p
WHERE NOT EXISTS { MATCH (n)-[:NAMES]->(:Person) }
MERGE (n)-[:NAMES]->(p)
"""

# The parts of a person's names, to find the candidates a new variant could be.
MERGE_NAME_BLOCKS = """
UNWIND $rows AS row
MATCH (p:Person {key: row.person_key})
MERGE (b:NameBlock {token: row.token})
MERGE (p)-[:BLOCKED_AS]->(b)
"""

# Which states took part: the edge country pages and bilateral timelines traverse.
MERGE_INVOLVES = """
UNWIND $rows AS row
MATCH (m:Meeting {id: row.meeting_id})
MATCH (c:Country {code: row.code})
MERGE (m)-[:INVOLVES]->(c)
"""

# A later report may know what an earlier one did not (the date, the city), and a
# meeting announced as planned becomes held once any report says it took place.
MERGE_MEETINGS = """
UNWIND $rows AS row
MERGE (m:Meeting {id: row.id})
ON CREATE SET m += row.props
SET m.date = coalesce(m.date, row.props.date),
    m.city = coalesce(m.city, row.props.city),
    m.country = coalesce(m.country, row.props.country),
    m.status = CASE WHEN m.status = 'held' OR row.props.status = 'held'
                    THEN 'held' ELSE 'planned' END,
    m.countries = m.countries + [code IN row.props.countries WHERE NOT code IN m.countries],
    m.first_reported = CASE WHEN row.reported < m.first_reported OR m.first_reported IS NULL
                            THEN row.reported ELSE m.first_reported END,
    m.last_reported = CASE WHEN row.reported > m.last_reported OR m.last_reported IS NULL
                           THEN row.reported ELSE m.last_reported END
"""

MERGE_PLACES = """
UNWIND $rows AS row
MERGE (pl:Place {id: row.id})
ON CREATE SET pl.city = row.city, pl.country = row.country
WITH pl, row
MATCH (c:Country {code: row.country})
MERGE (pl)-[:IN]->(c)
WITH pl, row
MATCH (m:Meeting {id: row.meeting_id})
MERGE (m)-[:HELD_IN]->(pl)
"""

MERGE_ATTENDED = """
UNWIND $rows AS row
MATCH (p:Person {key: row.person_key})
MATCH (m:Meeting {id: row.meeting_id})
MERGE (p)-[r:ATTENDED {article_id: row.article_id}]->(m)
SET r += row.props
"""

# first_seen / last_seen: the earliest and latest dated report of a title. An undated
# report (row.seen null) leaves them as they are; a dated one fills a null.
MERGE_REPRESENTS = """
UNWIND $rows AS row
MATCH (p:Person {key: row.person_key})
MATCH (c:Country {code: row.code})
MERGE (p)-[r:REPRESENTS {title: row.title, former: row.former}]->(c)
SET r.first_seen = CASE WHEN row.seen IS NULL THEN r.first_seen
                        WHEN r.first_seen IS NULL OR row.seen < r.first_seen THEN row.seen
                        ELSE r.first_seen END,
    r.last_seen = CASE WHEN row.seen IS NULL THEN r.last_seen
                       WHEN r.last_seen IS NULL OR row.seen > r.last_seen THEN row.seen
                       ELSE r.last_seen END
"""

MERGE_MEMBER_OF = """
UNWIND $rows AS row
MATCH (p:Person {key: row.person_key})
MATCH (o:Organization {code: row.code})
MERGE (p)-[r:MEMBER_OF {title: row.title, former: row.former}]->(o)
SET r.first_seen = CASE WHEN row.seen IS NULL THEN r.first_seen
                        WHEN r.first_seen IS NULL OR row.seen < r.first_seen THEN row.seen
                        ELSE r.first_seen END,
    r.last_seen = CASE WHEN row.seen IS NULL THEN r.last_seen
                       WHEN r.last_seen IS NULL OR row.seen > r.last_seen THEN row.seen
                       ELSE r.last_seen END
"""

MERGE_ABOUT = """
UNWIND $rows AS row
MATCH (m:Meeting {id: row.meeting_id})
MATCH (t:Topic {id: row.topic_id})
MERGE (m)-[r:ABOUT {article_id: row.article_id}]->(t)
SET r += row.props
"""

MERGE_REPORTS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MATCH (m:Meeting {id: row.meeting_id})
MERGE (a)-[r:REPORTS]->(m)
SET r += row.props
"""


def _evidence(evidence: Evidence | None) -> Row:
    if evidence is None:
        return {"sentence": None, "start": None, "end": None, "confidence": None}
    return evidence.model_dump()


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _seen(facts: ArticleFacts, day: dt.date | None) -> str | None:
    # When a person held a title: the meeting's day, else the article's, else unknown.
    # Never the ingestion day: an old article read today says nothing about today.
    return _iso(day) or _iso(facts.article.published)


def _article_rows(batch: Sequence[ArticleFacts]) -> list[Row]:
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return [
        {
            "id": facts.id,
            "props": {
                "title": facts.article.title,
                "text": facts.article.text,
                "url": facts.article.url,
                "source": facts.article.source,
                "published": _iso(facts.article.published),
                "extractor_version": facts.extractor_version,
                "ingested_at": now,
            },
        }
        for facts in batch
    ]


def _country_rows(batch: Sequence[ArticleFacts]) -> list[Row]:
    codes: set[str] = set()
    for facts in batch:
        for item in facts.meetings:
            codes.update(p.country for p in item.meeting.participants if p.country)
            if item.meeting.location and item.meeting.location.country:
                codes.add(item.meeting.location.country)
    return [{"code": code, "name": country_name(code)} for code in sorted(codes)]


def _organization_rows(batch: Sequence[ArticleFacts]) -> list[Row]:
    codes = {p.org for facts in batch for item in facts.meetings for p in item.meeting.participants}
    return [{"code": code} for code in sorted(c for c in codes if c)]


def _person_rows(batch: Sequence[ArticleFacts]) -> list[Row]:
    by_key: dict[str, Row] = {}
    for facts in batch:
        for item in facts.meetings:
            for p in item.meeting.participants:
                ref = facts.person(p.name)
                row = by_key.setdefault(
                    ref.person,
                    {"key": ref.person, "id": ref.id, "name": ref.display, "aliases": []},
                )
                if len(ref.display) > len(row["name"]):
                    row["name"] = ref.display
                # One word an article shortened the name to ("Osei") names the person
                # only in that article; across articles it names a family.
                spelled_out = [a for a in p.aliases if len(a.split()) > 1]
                for alias in (p.name, *spelled_out):
                    if alias not in row["aliases"]:
                        row["aliases"].append(alias)
    for row in by_key.values():
        row["terms"] = search_terms(row["aliases"])
    return list(by_key.values())


def _refs(batch: Sequence[ArticleFacts]) -> Iterator[PersonRef]:
    """The resolved person of every participant of the batch."""
    for facts in batch:
        for item in facts.meetings:
            for p in item.meeting.participants:
                yield facts.person(p.name)


def _person_name_rows(batch: Sequence[ArticleFacts]) -> list[Row]:
    found = {(ref.name_key, ref.person) for ref in _refs(batch) if ref.lasting}
    return [{"key": key, "person_key": person} for key, person in sorted(found)]


def _name_block_rows(batch: Sequence[ArticleFacts]) -> list[Row]:
    found = {(token, ref.person) for ref in _refs(batch) for token in ref.blocks}
    return [{"token": token, "person_key": person} for token, person in sorted(found)]


def _involves_rows(batch: Sequence[ArticleFacts]) -> list[Row]:
    return [
        {"meeting_id": item.id, "code": code}
        for facts in batch
        for item in facts.meetings
        for code in sorted({p.country for p in item.meeting.participants if p.country})
    ]


def _meeting_rows(batch: Sequence[ArticleFacts]) -> list[Row]:
    # One row per report: a meeting two articles of the batch report gets both
    # reporting dates.
    rows: list[Row] = []
    for facts in batch:
        for item in facts.meetings:
            m = item.meeting
            rows.append(
                {
                    "id": item.id,
                    "reported": _iso(facts.article.published),
                    "props": {
                        "signature": signature_of_keys(
                            facts.person(p.name).person for p in m.participants
                        ),
                        "status": m.status,
                        "kind": m.kind,
                        "date": _iso(m.date),
                        "city": m.location.city if m.location else None,
                        "country": m.location.country if m.location else None,
                        "countries": sorted({p.country for p in m.participants if p.country}),
                    },
                }
            )
    return rows


def place_id(city: str, country: str) -> str:
    return f"{city.casefold()}|{country.upper()}"


def _place_rows(batch: Sequence[ArticleFacts]) -> list[Row]:
    rows = []
    for facts in batch:
        for item in facts.meetings:
            loc = item.meeting.location
            if loc and loc.city and loc.country:
                rows.append(
                    {
                        "id": place_id(loc.city, loc.country),
                        "city": loc.city,
                        "country": loc.country,
                        "meeting_id": item.id,
                    }
                )
    return rows


def _attended_rows(batch: Sequence[ArticleFacts]) -> list[Row]:
    rows = []
    for facts in batch:
        for item in facts.meetings:
            for p in item.meeting.participants:
                ref = facts.person(p.name)
                rows.append(
                    {
                        "person_key": ref.person,
                        "meeting_id": item.id,
                        "article_id": facts.id,
                        "props": {
                            "name": p.name,
                            "name_key": ref.name_key,
                            "title": p.title,
                            "role": p.role,
                            "country": p.country,
                            "org": p.org,
                            "former": p.former,
                            "extractor_version": facts.extractor_version,
                            **_evidence(p.evidence),
                        },
                    }
                )
    return rows


def _affiliation_rows(batch: Sequence[ArticleFacts], field: str) -> list[Row]:
    rows = []
    for facts in batch:
        for item in facts.meetings:
            for p in item.meeting.participants:
                code = getattr(p, field)
                if code:
                    rows.append(
                        {
                            "person_key": facts.person(p.name).person,
                            "code": code,
                            "title": p.title or "",
                            "former": p.former,
                            "seen": _seen(facts, item.meeting.date),
                        }
                    )
    return rows


def _about_rows(batch: Sequence[ArticleFacts]) -> list[Row]:
    rows = []
    for facts in batch:
        for item in facts.meetings:
            for topic in item.meeting.topics:
                rows.append(
                    {
                        "meeting_id": item.id,
                        "topic_id": topic.id,
                        "article_id": facts.id,
                        "props": {
                            "extractor_version": facts.extractor_version,
                            **_evidence(topic.evidence),
                        },
                    }
                )
    return rows


def _reports_rows(batch: Sequence[ArticleFacts]) -> list[Row]:
    return [
        {
            "article_id": facts.id,
            "meeting_id": item.id,
            "props": {
                "extractor_version": facts.extractor_version,
                **_evidence(item.meeting.evidence),
            },
        }
        for facts in batch
        for item in facts.meetings
    ]


# Order matters: relationships MATCH the nodes written before them.
_STATEMENTS: tuple[tuple[str, Callable[[Sequence[ArticleFacts]], list[Row]]], ...] = (
    (MERGE_ARTICLES, _article_rows),
    (MERGE_COUNTRIES, _country_rows),
    (MERGE_ORGANIZATIONS, _organization_rows),
    (MERGE_PERSONS, _person_rows),
    (MERGE_PERSON_NAMES, _person_name_rows),
    (MERGE_NAME_BLOCKS, _name_block_rows),
    (MERGE_MEETINGS, _meeting_rows),
    (MERGE_PLACES, _place_rows),
    (MERGE_INVOLVES, _involves_rows),
    (MERGE_ATTENDED, _attended_rows),
    (MERGE_REPRESENTS, lambda batch: _affiliation_rows(batch, "country")),
    (MERGE_MEMBER_OF, lambda batch: _affiliation_rows(batch, "org")),
    (MERGE_ABOUT, _about_rows),
    (MERGE_REPORTS, _reports_rows),
)


def build_statements(batch: Sequence[ArticleFacts]) -> list[tuple[str, list[Row]]]:
    """The (statement, rows) pairs that write ``batch``, in dependency order, empty ones skipped."""
    planned = [(statement, rows(batch)) for statement, rows in _STATEMENTS]
    return [(statement, rows) for statement, rows in planned if rows]


def write_articles(
    driver: SyncDriver,
    database: str,
    batch: Iterable[ArticleFacts],
    *,
    replacing: Sequence[str] = (),
) -> int:
    """Write a batch of articles and their facts in one transaction.

    Args:
        replacing: ids of earlier versions of these articles; their facts are removed
            in the same transaction, so a failed write loses nothing.

    Returns:
        The number of statements run.

    Raises:
        GraphWriteFailed: rejected, or kept conflicting with concurrent writers.
        GraphUnavailable: the graph went away; nothing of the batch was written.
    """
    written = list(batch)
    meeting_ids = {item.id for facts in written for item in facts.meetings}
    people = {ref.person for ref in _refs(written)}
    statements = build_statements(written)

    def work(tx: SyncTransaction) -> int:
        old_meetings, old_people = (
            delete_articles_in(tx, replacing) if replacing else (set(), set())
        )
        for statement, rows in statements:
            tx.run(statement, rows=rows).consume()
        if replacing:  # attendance may have been taken away: recompute the pairs
            resync_pairs(tx, meeting_ids | old_meetings, old_people)
        else:
            add_pairs(tx, meeting_ids)
        recount_countries(tx, people | old_people)
        return len(statements)

    return write_with_retry(driver, database, work)
