"""Answers to GET requests kept until the graph changes.

Dashboards ask the same questions again and again (a person's counterparts, a
country's latest meetings) while the graph changes only when articles are ingested.
A cached answer is kept with the graph's version token (graph/version.py) and served
again only while the token is the same, so a cached answer is never older than the
last completed write, whichever process made it. Checking the token is one keyed
lookup (about 1 ms) where the counterparts of a busy person cost 5-6 ms of graph
work.

What is kept: complete 200 answers to GET under /api/v1 of at most MAX_ENTRY_BYTES,
not the streamed exports; least recently used first out when the total passes the
configured size. Answers do not depend on the API key, so the key is not part of the
cache key; when reads need a key, a cached answer is only served to a request that
carries a valid one (anything else goes to the app, which answers 401).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from neo4j.exceptions import DriverError, Neo4jError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.graph_state import GraphState
from graph.version import current_token

log = logging.getLogger(__name__)

CACHED_PREFIX = "/api/v1/"
NOT_CACHED = ("/api/v1/export/",)
MAX_ENTRY_BYTES = 1_000_000
STATUS_HEADER = b"x-diplograph-cache"


@dataclass(frozen=True)
class _Entry:
    token: str
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    """Pure ASGI middleware (it must see whole bodies and replay them)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_bytes: int,
        graph: Callable[[], GraphState | None],
        may_read: Callable[[Scope], bool],
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self._graph = graph
        self._may_read = may_read
        self._entries: OrderedDict[bytes, _Entry] = OrderedDict()
        self._size = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if (
            self.max_bytes <= 0
            or scope.get("method") != "GET"
            or not path.startswith(CACHED_PREFIX)
            or path.startswith(NOT_CACHED)
        ):
            await self.app(scope, receive, send)
            return
        token = await self._token()
        if token is None:  # the graph cannot say; the app answers (and reports) itself
            await self.app(scope, receive, send)
            return
        key = path.encode() + b"?" + scope.get("query_string", b"")
        entry = self._entries.get(key)
        if entry is not None and entry.token == token and self._may_read(scope):
            self._entries.move_to_end(key)
            await _replay(entry, send)
            return
        await self._fill(scope, receive, send, key, token)

    async def _token(self) -> str | None:
        graph = self._graph()
        if graph is None or not graph.schema_ready:
            return None
        try:
            return await current_token(graph.driver, graph.database)
        except (Neo4jError, DriverError, OSError) as exc:  # only means "do not cache"
            log.debug("graph version unknown (%s); not caching", exc)
            return None

    async def _fill(
        self, scope: Scope, receive: Receive, send: Send, key: bytes, token: str
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, keep, size
            if message["type"] == "http.response.start":
                start = message
                keep = message["status"] == 200
                message = {**message, "headers": [*message["headers"], (STATUS_HEADER, b"miss")]}
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if size > MAX_ENTRY_BYTES:
                    keep = False
                    chunks.clear()
                elif not message.get("more_body", False) and start is not None:
                    self._store(key, _Entry(token, list(start["headers"]), b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, capture)

    def _store(self, key: bytes, entry: _Entry) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self._size -= len(old.body)
        self._entries[key] = entry
        self._size += len(entry.body)
        while self._size > self.max_bytes and self._entries:
            _, evicted = self._entries.popitem(last=False)
            self._size -= len(evicted.body)


async def _replay(entry: _Entry, send: Send) -> None:
    headers = [*entry.headers, (STATUS_HEADER, b"hit")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": entry.body, "more_body": False})
