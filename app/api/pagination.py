"""Opaque cursors and bounded limits for every list."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

from app.problems import ProblemError

T = TypeVar("T")
MAX_LIMIT = 200

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")]
Cursor = Annotated[
    str | None,
    Query(max_length=512, description="next_cursor of the previous page; omit for the first"),
]


class Page(BaseModel, Generic[T]):
    data: list[T]
    next_cursor: str | None = None
    total: int | None = None


def encode_cursor(*values: str) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, parts: int) -> tuple[str, ...] | None:
    """The values inside a cursor; a 422 problem for anything we did not issue."""
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise ProblemError(
            422, "invalid-cursor", "Invalid cursor", "use next_cursor as given"
        ) from exc
    if (
        not isinstance(values, list)
        or len(values) != parts
        or not all(isinstance(v, str) for v in values)
    ):
        raise ProblemError(422, "invalid-cursor", "Invalid cursor", "use next_cursor as given")
    return tuple(values)


def offset_from(cursor: str | None) -> int:
    """The position inside a list computed in full (small lists, sorted in Python)."""
    values = decode_cursor(cursor, 1)
    if values is None:
        return 0
    if not values[0].isdigit() or len(values[0]) > 9:
        raise ProblemError(422, "invalid-cursor", "Invalid cursor", "use next_cursor as given")
    return int(values[0])
