"""Which states a person represents, from what the articles say, by majority.

Articles name a person's country with every meeting (ATTENDED.country); one misread
sentence can give someone a second country. So ``Person.countries`` holds the
countries that the most articles give, and any other that at least two articles give
(people do change posts); a country one article gives against more that say otherwise
is not added. REPRESENTS keeps every attribution with its dates, for the record.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.connection import SyncTransaction

# Countries that enough articles give, counted once per article.
RECOUNT_COUNTRIES = """
UNWIND $keys AS key
MATCH (p:Person {key: key})
OPTIONAL MATCH (p)-[r:ATTENDED]->(:Meeting)
WITH p, r.country AS code, count(DISTINCT r.article_id) AS articles
WITH p, collect(CASE WHEN code IS NULL THEN null ELSE {code: code, articles: articles} END)
     AS tallies
WITH p, tallies, reduce(top = 0, t IN tallies |
                        CASE WHEN t.articles > top THEN t.articles ELSE top END) AS top
SET p.countries = [t IN tallies WHERE t.articles = top OR t.articles >= $enough | t.code]
"""

ENOUGH_ARTICLES = 2


def recount_countries(tx: SyncTransaction, person_keys: Iterable[str]) -> None:
    """Inside ``tx``: set ``countries`` of these people from their attendance."""
    keys = sorted(set(person_keys))
    if keys:
        tx.run(RECOUNT_COUNTRIES, keys=keys, enough=ENOUGH_ARTICLES).consume()
