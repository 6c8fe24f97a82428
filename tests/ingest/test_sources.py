"""Reading article files: streamed JSONL, folders, and every kind of bad file."""

from __future__ import annotations

import datetime as dt
import json
import tracemalloc
from pathlib import Path

import pytest

from app.sources import count_sources, parse_text, read_sources, with_published
from domain.errors import InvalidArticle
from domain.models import ArticleIn


def test_sources_jsonl_streams_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    line = json.dumps({"title": "t", "text": "Ministers met in Paris on Monday. " * 8}) + "\n"
    with path.open("w") as handle:
        for _ in range(100_000):
            handle.write(line)
    assert path.stat().st_size > 25_000_000
    assert count_sources([path]) == 100_000

    tracemalloc.start()
    read = sum(1 for item in read_sources([path]) if item.article is not None)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert read == 100_000
    assert peak < 5_000_000, f"peak {peak:,} bytes: the file was not streamed"


def test_sources_report_each_problem_with_its_origin(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "fine"}\n[1, 2]\n{"title": "no text"}\n')
    (tmp_path / "b.txt").write_text("Only a title\n")
    (tmp_path / "c.json").write_text(json.dumps({"text": "x", "published": "not a date"}))
    (tmp_path / "d.html").write_text("<html><head><title>x</title></head><body></body></html>")
    items = list(read_sources([tmp_path, tmp_path / "missing.json"]))
    problems = {Path(i.origin).name: i.error for i in items if i.error}
    assert problems["a.jsonl:2"] == "JSON article must be an object with at least 'text'"
    assert "text" in problems["a.jsonl:3"]
    assert problems["b.txt"] == "file has a title line but no text"
    assert "published" in problems["c.json"]
    assert problems["d.html"] == "no article text found in the HTML"
    assert problems["missing.json"] == "no such file or directory"
    assert [i.article.text for i in items if i.article] == ["fine"]


# Invented report: the people are fictional, the countries real.
BODY = (
    "Chilean Foreign Minister Mira Castellanos met Swedish Trade Minister Tomas Ekberg "
    "in Santiago on Monday.\nThey discussed copper exports and port investment."
)
TITLE = "Castellanos meets Ekberg in Santiago"


@pytest.mark.parametrize(
    "value",
    [
        "2024-03-05",
        "2024-03-05T23:30:00+08:00",
        "5 March 2024",
        "5th March 2024",
        "05 Mar 2024",
        "March 5, 2024",
        "Mar. 5, 2024",
        "march 5 2024",
        "Tuesday, 5 March 2024",
        "Tue, 05 Mar 2024 10:00:00 GMT",
        "March 5, 2024 at 3:15 p.m. EST",
    ],
)
def test_sources_txt_date_header_formats(value: str) -> None:
    article = parse_text(f"{TITLE}\nPublished: {value}\n\n{BODY}\n")
    assert article.published == dt.date(2024, 3, 5)
    assert (article.title, article.text) == (TITLE, BODY)


@pytest.mark.parametrize(
    "text",
    [
        f"Date: 2024-03-05\n{TITLE}\n\n{BODY}",  # before the title
        f"{TITLE}\nDATE: 2024-03-05\n{BODY}",  # right after it, any case
        f"\n  date : 2024-03-05\n\n{TITLE}\n\n{BODY}\n\n",  # blank lines around
        f"Source: Ministry of Foreign Affairs of Chile\n{TITLE}\n"
        f"Published: 5 March 2024\nURL: https://example.org/news/castellanos-ekberg\n\n{BODY}",
    ],
)
def test_sources_txt_headers_set_fields_and_leave_the_text(text: str) -> None:
    article = parse_text(text)
    assert article.published == dt.date(2024, 3, 5)
    assert (article.title, article.text) == (TITLE, BODY)
    assert article.id == ArticleIn(text=BODY).id  # headers are no part of the identity
    if "URL:" in text:
        assert article.url == "https://example.org/news/castellanos-ekberg"
        assert article.source == "Ministry of Foreign Affairs of Chile"


def test_sources_txt_without_headers_reads_as_before() -> None:
    # A "Date:" line inside the text is text; so is one after the first paragraph.
    text = f"\n{TITLE}  \n\n{BODY}\nDate: 2024-03-05 was set for the next round.\n"
    article = parse_text(text)
    assert article == ArticleIn(
        title=TITLE, text=f"{BODY}\nDate: 2024-03-05 was set for the next round."
    )
    assert article.published is None and article.url is None and article.source is None


@pytest.mark.parametrize(
    ("header", "error"),
    [
        ("Date: 5 Marhc 2024", "line 2: 'Date: 5 Marhc 2024' is not a date"),
        ("Published: 03/05/2024", "line 2: 'Published: 03/05/2024' is not a date"),
        ("Published: today", "line 2: 'Published: today' is not a date"),
        ("Date: 2024-02-30", "line 2: 'Date: 2024-02-30' is not a date"),
        ("Date: 31 February 2024", "is not a date"),
        ("URL: example.org/news", "line 2: 'URL: example.org/news' is not an http(s) URL"),
        ("Date: 2024-03-05\nPublished: 2024-03-06", "line 3: a second date header"),
    ],
)
def test_sources_txt_bad_header_fails_that_file_only(
    tmp_path: Path, header: str, error: str
) -> None:
    (tmp_path / "a-bad.txt").write_text(f"{TITLE}\n{header}\n\n{BODY}\n")
    (tmp_path / "b-good.txt").write_text(f"{TITLE}\nDate: 2024-03-05\n\n{BODY}\n")
    bad, good = read_sources([tmp_path])
    assert bad.article is None and bad.error is not None
    assert error in bad.error
    assert good.article is not None and good.article.published == dt.date(2024, 3, 5)


def test_sources_txt_headers_without_text_are_reported() -> None:
    with pytest.raises(InvalidArticle, match="header lines but no title or text"):
        parse_text("Date: 2024-03-05\nURL: https://example.org/a\n")
    with pytest.raises(InvalidArticle, match="title line but no text"):
        parse_text(f"Date: 2024-03-05\n{TITLE}\nSource: Example Wire\n")


def test_sources_with_published_fills_only_undated_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{TITLE}\n{BODY}\n")
    (tmp_path / "b.txt").write_text(f"Date: 2024-01-09\n{TITLE}\n{BODY} Own date.\n")
    (tmp_path / "c.json").write_text(json.dumps({"text": BODY, "published": "2023-12-01"}))
    (tmp_path / "d.txt").write_text("")
    items = list(with_published(read_sources([tmp_path]), dt.date(2024, 3, 5)))
    assert [i.article.published if i.article else i.error for i in items] == [
        dt.date(2024, 3, 5),
        dt.date(2024, 1, 9),
        dt.date(2023, 12, 1),
        "file is empty",
    ]
    unchanged = list(with_published(read_sources([tmp_path / "a.txt"]), None))
    assert unchanged[0].article is not None and unchanged[0].article.published is None
