"""Reading articles from files and folders.

Formats: ``.txt`` (first non-empty line is the title), ``.json`` (one article),
``.jsonl`` (one article per line, streamed), ``.html`` / ``.htm`` (main text and
title extracted with trafilatura, boilerplate dropped). Every problem becomes a
``SourceItem`` with an error and the path (and line) it came from; reading goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from domain.errors import InvalidArticle
from domain.models import ArticleIn

MAX_FILE_BYTES = 5_000_000
MAX_LINE_BYTES = 2_000_000
ARTICLE_SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")


@dataclass(frozen=True)
class SourceItem:
    """One article read from a file, or the reason it could not be read."""

    origin: str  # "path" or "path:line"
    article: ArticleIn | None = None
    error: str | None = None


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidArticle(f"not UTF-8 text (byte {exc.start})") from exc


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidArticle(f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        return path.read_bytes()
    except OSError as exc:
        raise InvalidArticle(f"cannot read file: {exc.strerror or exc}") from exc


def parse_text(text: str) -> ArticleIn:
    """A .txt article: the first non-empty line is the title, the rest the text."""
    lines = text.strip().splitlines()
    if not lines:
        raise InvalidArticle("file is empty")
    title, body = lines[0].strip(), "\n".join(lines[1:]).strip()
    if not body:
        raise InvalidArticle("file has a title line but no text")
    return ArticleIn(title=title, text=body)


def parse_json_article(raw: object) -> ArticleIn:
    if not isinstance(raw, dict):
        raise InvalidArticle("JSON article must be an object with at least 'text'")
    try:
        article = ArticleIn.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'article'}: {e['msg']}" for e in exc.errors()
        )
        raise InvalidArticle(f"invalid article: {problems}") from exc
    if not article.text.strip():
        raise InvalidArticle("article text is empty")
    return article


def parse_json(text: str) -> ArticleIn:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidArticle(f"invalid JSON: {exc.msg} at line {exc.lineno}") from exc
    return parse_json_article(raw)


def parse_html(text: str) -> ArticleIn:
    """Main text, title, date and URL of a web page; navigation and boilerplate dropped."""
    import trafilatura

    extracted = trafilatura.extract(
        text, output_format="json", with_metadata=True, include_comments=False
    )
    if not extracted:
        raise InvalidArticle("no article text found in the HTML")
    data = json.loads(extracted)
    return parse_json_article(
        {
            "title": data.get("title") or "",
            "text": data.get("text") or "",
            "published": data.get("date"),
            "url": data.get("source") or data.get("url"),
            "source": data.get("sitename"),
        }
    )


def read_article(path: Path) -> ArticleIn:
    """One article from a .txt, .json or .html file.

    Raises:
        InvalidArticle: unreadable, not UTF-8, invalid JSON, empty or unsupported type.
    """
    suffix = path.suffix.lower()
    if suffix not in (".txt", ".json", ".html", ".htm"):
        raise InvalidArticle(
            f"unsupported file type {suffix or '(none)'!r}; use .txt, .json, .jsonl or .html"
        )
    text = _decode(_read_bytes(path))
    if suffix == ".txt":
        return parse_text(text)
    if suffix == ".json":
        return parse_json(text)
    return parse_html(text)


def read_jsonl(path: Path) -> Iterator[SourceItem]:
    """One item per line, streamed: memory stays bounded whatever the file's size."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield SourceItem(origin=str(path), error=f"cannot read file: {exc.strerror or exc}")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            origin = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                if len(raw) > MAX_LINE_BYTES:
                    raise InvalidArticle(
                        f"line is {len(raw):,} bytes; the limit is {MAX_LINE_BYTES:,}"
                    )
                yield SourceItem(origin=origin, article=parse_json(_decode(raw)))
            except InvalidArticle as exc:
                yield SourceItem(origin=origin, error=str(exc))


def expand_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and the article files inside directories (recursive, sorted)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES:
                    yield child
        else:
            yield path


def read_sources(paths: Iterable[Path]) -> Iterator[SourceItem]:
    """Articles from files and folders; errors are items too, never exceptions."""
    for path in expand_paths(paths):
        if not path.exists():
            yield SourceItem(origin=str(path), error="no such file or directory")
        elif path.suffix.lower() == ".jsonl":
            yield from read_jsonl(path)
        else:
            try:
                yield SourceItem(origin=str(path), article=read_article(path))
            except InvalidArticle as exc:
                yield SourceItem(origin=str(path), error=str(exc))


def count_sources(paths: Iterable[Path]) -> int:
    """How many items ``read_sources`` will yield (lines counted, not parsed)."""
    total = 0
    for path in expand_paths(paths):
        if path.suffix.lower() == ".jsonl" and path.is_file():
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total
