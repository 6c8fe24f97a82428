"""Reading articles from files: .txt, .json (one article) and .jsonl (one per line)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from domain.errors import InvalidArticle
from domain.models import ArticleIn

MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True)
class SourceItem:
    """One article read from a file, or the reason it could not be read."""

    origin: str  # "path" or "path:line"
    article: ArticleIn | None = None
    error: str | None = None


def _decode(path: Path, data: bytes) -> str:
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
        return ArticleIn.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'article'}: {e['msg']}" for e in exc.errors()
        )
        raise InvalidArticle(f"invalid article: {problems}") from exc


def read_article(path: Path) -> ArticleIn:
    """One article from a .txt or .json file.

    Raises:
        InvalidArticle: unreadable, not UTF-8, invalid JSON, empty or unsupported type.
    """
    suffix = path.suffix.lower()
    if suffix not in (".txt", ".json"):
        raise InvalidArticle(f"unsupported file type {suffix or '(none)'!r}; use .txt or .json")
    text = _decode(path, _read_bytes(path))
    if suffix == ".txt":
        return parse_text(text)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidArticle(f"invalid JSON: {exc.msg} at line {exc.lineno}") from exc
    return parse_json_article(raw)


def read_sources(paths: list[Path]) -> Iterator[SourceItem]:
    """Articles from files, each as a SourceItem; errors are items too, never exceptions."""
    for path in paths:
        try:
            yield SourceItem(origin=str(path), article=read_article(path))
        except InvalidArticle as exc:
            yield SourceItem(origin=str(path), error=str(exc))
