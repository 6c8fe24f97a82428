"""Reading articles from files and folders.

Formats: ``.txt`` (optional header lines, then the first non-empty line is the title),
``.json`` (one article), ``.jsonl`` (one article per line, streamed), ``.html`` /
``.htm`` (main text and title extracted with trafilatura, boilerplate dropped). Every
problem becomes a ``SourceItem`` with an error and the path (and line) it came from;
reading goes on. ``check_inputs`` refuses, before any work, a command whose paths cannot
give a single article.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import ValidationError

from domain.errors import DiplographError, InvalidArticle
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


# .txt header lines: "Date: 2024-03-05", "Published: 5 March 2024", "URL: https://...",
# "Source: Ministry of Foreign Affairs". Keys are case-insensitive; each names a field.
HEADER = re.compile(r"\s*(?P<key>date|published|url|source)\s*:\s*(?P<value>.*?)\s*", re.IGNORECASE)
HEADER_FIELDS = {"date": "published", "published": "published", "url": "url", "source": "source"}
FIELD_NAMES = {"published": "date", "url": "URL", "source": "source"}

_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
MONTH_NUMBERS = {
    **{name: n for n, name in enumerate(_MONTHS, start=1)},
    **{name[:3]: n for n, name in enumerate(_MONTHS, start=1)},
    "sept": 9,
}
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[a-z]+)\.?"
# A time after the year is allowed and ignored: "5 March 2024, 10:32 GMT".
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\b.*)?"
WRITTEN_DATES = (
    re.compile(rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+(?P<year>\d{{4}}){_TIME}", re.IGNORECASE),
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}}){_TIME}", re.IGNORECASE),
)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ].*)?")
DATE_FORMATS_HINT = "2024-03-05, 5 March 2024 or March 5, 2024"


@dataclass(frozen=True)
class Header:
    """One header line of a .txt article: its 1-based line number, field and value."""

    line: int
    field: str
    value: object


def parse_written_date(value: str) -> dt.date | None:
    """A publication date as people write it, or None when ``value`` is not one.

    ISO (``2024-03-05``, also with a time), ``5 March 2024`` and ``March 5, 2024``
    (month names in full or in three letters, an optional weekday before and time
    after). Numeric day/month orders (``03/05/2024``) are ambiguous and refused, and
    relative words ("today") are refused: no date is ever taken from the clock (which
    is why this is not dateparser, which reads "2 days ago" against it).
    """
    if ISO_DATE.fullmatch(value):
        try:
            return dt.datetime.fromisoformat(value).date()
        except ValueError:
            return None
    for pattern in WRITTEN_DATES:
        match = pattern.fullmatch(value)
        month = MONTH_NUMBERS.get(match.group("month").casefold()) if match else None
        if match and month:
            try:
                return dt.date(int(match.group("year")), month, int(match.group("day")))
            except ValueError:  # 31 February
                return None
    return None


def _header_value(field: str, value: str, line: int, raw: str) -> object:
    if field == "published":
        day = parse_written_date(value)
        if day is None:
            raise InvalidArticle(
                f"line {line}: {raw.strip()!r} is not a date; write it as {DATE_FORMATS_HINT}"
            )
        return day
    if field == "url":
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
            raise InvalidArticle(f"line {line}: {raw.strip()!r} is not an http(s) URL")
    return value


def _read_headers(lines: list[str], start: int) -> tuple[list[Header], int]:
    """The header lines from ``start`` on (blank lines skipped), and where they end.

    Raises:
        InvalidArticle: a header's value is not valid for its field.
    """
    headers: list[Header] = []
    at = start
    while at < len(lines):
        raw = lines[at]
        match = HEADER.fullmatch(raw)
        if raw.strip() and match is None:
            break
        if match is not None and match.group("value"):  # an empty value gives nothing
            field = HEADER_FIELDS[match.group("key").casefold()]
            value = _header_value(field, match.group("value"), at + 1, raw)
            headers.append(Header(at + 1, field, value))
        at += 1
    return headers, at


def _header_fields(headers: list[Header]) -> dict[str, object]:
    """ArticleIn fields from header lines; a field given twice is an error."""
    fields: dict[str, Header] = {}
    for header in headers:
        if header.field in fields:
            raise InvalidArticle(
                f"line {header.line}: a second {FIELD_NAMES[header.field]} header "
                f"(the first is on line {fields[header.field].line})"
            )
        fields[header.field] = header
    return {field: header.value for field, header in fields.items()}


def parse_text(text: str) -> ArticleIn:
    """A .txt article: header lines, the title line, then the text.

    Header lines (``Date:``/``Published:``, ``URL:``, ``Source:``) may stand before the
    title line, right after it, or both, and are not part of the text. Without them
    the first non-empty line is the title and the rest the text.

    Raises:
        InvalidArticle: empty, no text, or a header whose value is not valid (a date
            that is not one is an error, never silently text: the user meant a date).
    """
    lines = text.splitlines()
    before, title_at = _read_headers(lines, 0)
    if title_at == len(lines):
        raise InvalidArticle(
            "file has header lines but no title or text" if text.strip() else "file is empty"
        )
    after, body_at = _read_headers(lines, title_at + 1)
    title, body = lines[title_at].strip(), "\n".join(lines[body_at:]).strip()
    if not body:
        raise InvalidArticle("file has a title line but no text")
    return ArticleIn.model_validate(
        {"title": title, "text": body, **_header_fields([*before, *after])}
    )


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
        InvalidArticle: unreadable, not UTF-8, invalid JSON, empty, unsupported type,
            or a .txt header line whose value is not valid.
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


def with_published(items: Iterable[SourceItem], day: dt.date | None) -> Iterator[SourceItem]:
    """``items`` with ``day`` as the publication date of each article that has none.

    An article's own date (a .txt header, JSON ``published``, HTML metadata) wins.
    """
    for item in items:
        if day is None or item.article is None or item.article.published is not None:
            yield item
        else:
            yield replace(item, article=item.article.model_copy(update={"published": day}))


def count_sources(paths: Iterable[Path]) -> int:
    """How many items ``read_sources`` will yield (lines counted, not parsed)."""
    total = 0
    for path in expand_paths(paths):
        if path.suffix.lower() == ".jsonl" and path.is_file():
            try:
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1  # read_jsonl yields one item: the reason
        else:
            total += 1
    return total


class NoReadableInput(DiplographError):
    """The paths given to a command cannot give a single article."""


def _why_not_readable(path: Path) -> str | None:
    """Why ``path`` (not a folder) cannot give an article, or None when it may."""
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        return f"unsupported file type {path.suffix or '(none)'!r}"
    if not path.is_file():
        return "not a regular file"  # a FIFO or socket; opening one could block
    try:
        with path.open("rb"):
            return None
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"


def check_inputs(paths: Sequence[Path]) -> None:
    """Refuse, before any work, paths that cannot give a single article.

    A path that does not exist is a mistake in the command, not an article that failed:
    one is enough to refuse the command (nothing half done, nothing counted). Otherwise
    at least one article file must open; the others are read, and reported, as usual.

    Raises:
        NoReadableInput: a path does not exist, or no file among ``paths`` can be read.
    """
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise NoReadableInput(f"no such file or directory: {', '.join(missing)}")
    problems: list[str] = []
    for path in paths:
        files = list(expand_paths([path])) if path.is_dir() else [path]
        if not files:
            problems.append(f"{path}: no article file ({' '.join(ARTICLE_SUFFIXES)}) in it")
        for file in files:
            reason = _why_not_readable(file)
            if reason is None:
                return
            problems.append(f"{file}: {reason}")
    shown = "; ".join(problems[:3]) + (f"; and {len(problems) - 3} more" if problems[3:] else "")
    raise NoReadableInput(f"no readable input ({shown})")
