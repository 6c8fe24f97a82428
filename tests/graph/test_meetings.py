"""Meeting nodes in the real graph: merging duplicates keeps what every report knew."""

from __future__ import annotations

import datetime as dt

import neo4j

from graph.connection import GraphTarget
from graph.meetings import merge_meetings
from graph.writer import write_articles
from tests.builders import facts


def reported(driver: neo4j.Driver, database: str, meeting_id: str) -> tuple[str | None, str | None]:
    records, _, _ = driver.execute_query(
        "MATCH (m:Meeting {id: $id}) RETURN m.first_reported AS first, m.last_reported AS last",
        id=meeting_id,
        database_=database,
    )
    (record,) = records
    return record["first"], record["last"]


def test_meetings_undated_reports_never_erase_reporting_dates(
    clean_graph: neo4j.Driver, graph_target: GraphTarget
) -> None:
    # Fictional ministers of real countries, one meeting reported three times.
    people = [("Mira Castellanos", "CL", None), ("Tomas Ekberg", "SE", None)]
    db = graph_target.database
    write_articles(
        clean_graph,
        db,
        [
            facts("Undated report.", "keep", people, published=None),
            facts("Dated report.", "dated", people, published=dt.date(2025, 3, 6)),
            facts("Another undated report.", "undated", people, published=None),
        ],
    )
    assert reported(clean_graph, db, "keep") == (None, None)

    # The keeper had no reporting date: the duplicate's fills it.
    merge_meetings(clean_graph, db, "keep", ["dated"])
    assert reported(clean_graph, db, "keep") == ("2025-03-06", "2025-03-06")
    # An undated duplicate, or another undated report, takes nothing away.
    merge_meetings(clean_graph, db, "keep", ["undated"])
    write_articles(clean_graph, db, [facts("Third report.", "keep", people, published=None)])
    assert reported(clean_graph, db, "keep") == ("2025-03-06", "2025-03-06")
