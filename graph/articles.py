"""Articles in the graph: what is stored already, and replacing an article's facts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from neo4j import RoutingControl

from graph.connection import SyncDriver, SyncTransaction, graph_errors, write_with_retry
from graph.met import resync_pairs
from graph.person_countries import recount_countries

FIND_ARTICLES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.extractor_version AS extractor_version
"""

FIND_ARTICLES_BY_URL = """
UNWIND $urls AS url
MATCH (a:Article)
WHERE a.url = url
RETURN a.id AS id, a.url AS url
"""

# An article's facts are the relationships it produced: REPORTS from it, ATTENDED
# and ABOUT carrying its id on the meetings it reported. Meetings and people that
# only it supported go with them. Every match starts from a key, never a scan.
ARTICLE_FOOTPRINT = """
MATCH (a:Article {id: $id})
OPTIONAL MATCH (a)-[:REPORTS]->(m:Meeting)
OPTIONAL MATCH (m)<-[r:ATTENDED]-(p:Person)
WHERE r.article_id = $id
RETURN collect(DISTINCT m.id) AS meetings, collect(DISTINCT p.key) AS people
"""

DELETE_ARTICLE_FACTS = """
MATCH (a:Article {id: $id})-[rep:REPORTS]->(m:Meeting)
OPTIONAL MATCH (m)<-[att:ATTENDED]-(:Person)
WHERE att.article_id = $id
DELETE att
WITH DISTINCT a, rep, m
OPTIONAL MATCH (m)-[ab:ABOUT]->(:Topic)
WHERE ab.article_id = $id
DELETE ab
WITH DISTINCT rep
DELETE rep
"""

DELETE_ARTICLE = """
MATCH (a:Article {id: $id})
DETACH DELETE a
"""

DELETE_ORPHAN_MEETINGS = """
UNWIND $ids AS id
MATCH (m:Meeting {id: id})
WHERE NOT (m)<-[:REPORTS]-(:Article)
DETACH DELETE m
"""

# A person an analyst merged or split (graph/person_edits.py) stays, meetings or not:
# the node carries their decision for the articles still to come.
DELETE_ORPHAN_PEOPLE = """
UNWIND $keys AS key
MATCH (p:Person {key: key})
WHERE NOT (p)-[:ATTENDED]->(:Meeting) AND p.curated IS NULL
OPTIONAL MATCH (n:PersonName)-[:NAMES]->(p)
DETACH DELETE n, p
"""

LIST_ARTICLES = """
MATCH (a:Article)
WHERE a.id > $after
RETURN a.id AS id, a.title AS title, a.text AS text, a.published AS published,
       a.url AS url, a.source AS source, a.extractor_version AS extractor_version
ORDER BY a.id
LIMIT $limit
"""


@dataclass(frozen=True)
class StoredArticle:
    id: str
    title: str
    text: str
    published: str | None
    url: str | None
    source: str | None
    extractor_version: str | None


def stored_versions(driver: SyncDriver, database: str, ids: Sequence[str]) -> dict[str, str]:
    """Extractor version of each article id already in the graph."""
    with graph_errors():
        records, _, _ = driver.execute_query(
            FIND_ARTICLES, ids=list(ids), database_=database, routing_=RoutingControl.READ
        )
    return {r["id"]: r["extractor_version"] for r in records}


def ids_by_url(driver: SyncDriver, database: str, urls: Sequence[str]) -> dict[str, list[str]]:
    """Ids of stored articles for each URL (an earlier version of the same page)."""
    if not urls:
        return {}
    with graph_errors():
        records, _, _ = driver.execute_query(
            FIND_ARTICLES_BY_URL, urls=list(urls), database_=database, routing_=RoutingControl.READ
        )
    found: dict[str, list[str]] = {}
    for r in records:
        found.setdefault(r["url"], []).append(r["id"])
    return found


def delete_articles_in(tx: SyncTransaction, ids: Sequence[str]) -> tuple[set[str], set[str]]:
    """Inside ``tx``: remove articles and every fact only they supported.

    Returns:
        The ids of the meetings they reported and the keys of the people they had
        attending, whose MET pairs the caller must resync.
    """
    meetings: set[str] = set()
    people: set[str] = set()
    for article_id in ids:
        footprint = tx.run(ARTICLE_FOOTPRINT, id=article_id).single()
        if footprint is not None:
            meetings.update(m for m in footprint["meetings"] if m)
            people.update(p for p in footprint["people"] if p)
        tx.run(DELETE_ARTICLE_FACTS, id=article_id).consume()
        tx.run(DELETE_ARTICLE, id=article_id).consume()
    tx.run(DELETE_ORPHAN_MEETINGS, ids=sorted(meetings)).consume()
    tx.run(DELETE_ORPHAN_PEOPLE, keys=sorted(people)).consume()
    return meetings, people


def delete_articles(driver: SyncDriver, database: str, ids: Sequence[str]) -> None:
    """Remove articles and every fact only they supported, in one transaction.

    Raises:
        GraphWriteFailed, GraphUnavailable: nothing was removed.
    """

    def work(tx: SyncTransaction) -> None:
        meetings, people = delete_articles_in(tx, ids)
        resync_pairs(tx, meetings, people)
        recount_countries(tx, people)

    if ids:
        write_with_retry(driver, database, work)


def iter_articles(driver: SyncDriver, database: str, page: int = 200) -> Iterator[StoredArticle]:
    """Every stored article, in id order, fetched a page at a time."""
    after = ""
    while True:
        with graph_errors():
            records, _, _ = driver.execute_query(
                LIST_ARTICLES,
                after=after,
                limit=page,
                database_=database,
                routing_=RoutingControl.READ,
            )
        if not records:
            return
        for r in records:
            yield StoredArticle(
                id=r["id"],
                title=r["title"] or "",
                text=r["text"],
                published=r["published"],
                url=r["url"],
                source=r["source"],
                extractor_version=r["extractor_version"],
            )
        after = records[-1]["id"]
