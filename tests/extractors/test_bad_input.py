"""Bad input gets a clear error or an empty result, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.errors import InvalidArticle
from domain.models import ArticleIn, Extraction
from extractors.pipeline import SpacyExtractor

ARTICLES = Path(__file__).parent / "articles"


def test_bad_input_empty_text_is_a_clear_error(extractor: SpacyExtractor) -> None:
    with pytest.raises(InvalidArticle, match="empty"):
        extractor.extract(ArticleIn(title="t", text="   \n\n  "))


def test_bad_input_text_without_entities_has_no_meetings(extractor: SpacyExtractor) -> None:
    text = "the weather was mild and the markets were quiet all week long."
    assert extractor.extract(ArticleIn(title="", text=text)).meetings == []


def test_bad_input_two_megabyte_article_is_refused_before_parsing(
    extractor: SpacyExtractor,
) -> None:
    huge = ArticleIn(title="huge", text="Leaders met. " * 160_000)  # ~2 MB
    started = time.perf_counter()
    with pytest.raises(InvalidArticle, match="limit is 200,000"):
        extractor.extract(huge)
    # Refused by a length check, not after parsing two megabytes.
    assert time.perf_counter() - started < 2.0


def test_bad_input_non_english_text_has_no_meetings(extractor: SpacyExtractor) -> None:
    text = "王毅外长在北京会见了韩国前总理。双方讨论了经济合作。"
    assert extractor.extract(ArticleIn(title="", text=text)).meetings == []


def test_bad_input_invalid_articles_do_not_stop_a_batch(extractor: SpacyExtractor) -> None:
    articles = [
        ArticleIn(title="", text=""),
        ArticleIn.model_validate(json.loads((ARTICLES / "phone-call.json").read_text())),
    ]
    first, second = list(extractor.extract_many(articles))
    assert isinstance(first, InvalidArticle)
    assert isinstance(second, Extraction) and len(second.meetings) == 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
        min_size=1,
        max_size=400,
    )
)
def test_bad_input_arbitrary_text_never_raises(extractor: SpacyExtractor, text: str) -> None:
    article = ArticleIn(title=text[:40], text=text)
    try:
        result = extractor.extract(article)
    except InvalidArticle:
        assert not article.text.strip()
        return
    assert Extraction.model_validate(result.model_dump()) == result


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "Foreign Minister Wang Meets",
                "<p>President</p>",
                "\x00\x07",
                "met with",
                "Secretary-General",
                "\u202e",
                "x" * 300,
                "\n\n",
                "on Tuesday",
                "Ministers of Japan and Korea held talks in Seoul.",
            ]
        ),
        min_size=1,
        max_size=30,
    )
)
def test_bad_input_diplomatic_noise_never_raises(
    extractor: SpacyExtractor, parts: list[str]
) -> None:
    text = " ".join(parts)
    if not text.strip():
        return
    result = extractor.extract(ArticleIn(title="", text=text))
    for meeting in result.meetings:
        assert len(meeting.participants) >= 2


def run_cli(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "extract", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_bad_input_cli_reports_bad_files_and_keeps_order(tmp_path: Path) -> None:
    not_utf8 = tmp_path / "latin1.txt"
    not_utf8.write_bytes("Titre\n\nLe ministre a rencontr\xe9 son homologue.".encode("latin-1"))
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": "x", "text": ')
    wrong_type = tmp_path / "article.pdf"
    wrong_type.write_bytes(b"%PDF-1.4")
    good = ARTICLES / "phone-call.json"
    txt = tmp_path / "good.txt"
    data = json.loads((ARTICLES / "planned.json").read_text())
    txt.write_text(f"\n{data['title']}\n\n{data['text']}\n")

    proc = run_cli(not_utf8, good, broken, wrong_type, txt)
    assert proc.returncode == 1
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [Path(line["file"]).name for line in lines] == [
        "latin1.txt",
        "phone-call.json",
        "broken.json",
        "article.pdf",
        "good.txt",
    ]
    assert "UTF-8" in lines[0]["error"]
    assert lines[1]["meetings"][0]["kind"] == "call"
    assert "invalid JSON" in lines[2]["error"]
    assert "unsupported file type" in lines[3]["error"]
    assert lines[4]["meetings"][0]["status"] == "planned"
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_bad_input_cli_all_good_exits_zero() -> None:
    proc = run_cli(ARTICLES / "trilateral.json")
    assert proc.returncode == 0, proc.stderr
    (line,) = [json.loads(x) for x in proc.stdout.splitlines()]
    assert {"status", "kind", "date", "location", "participants", "topics"} <= set(
        line["meetings"][0]
    )
