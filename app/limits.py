"""Request guards that run before a route: body size, content type, write rate.

They are plain ASGI middleware so a refused request costs no parsing: an oversized
body is refused from its Content-Length, or as soon as the streamed bytes pass the
limit, before it is read into memory.

The write rate is counted per client: per API key for a key the settings know, per
address for everyone else. Counting per key *sent* would let a client that invents a
new key on every request mint itself a fresh allowance, and a bucket, each time.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from app.problems import PROBLEM_BASE
from app.security import valid_key
from app.settings import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# Enough for every client of a busy minute; a bucket costs a few hundred bytes, so
# the limiter holds a few MB at most.
MAX_BUCKETS = 10_000


async def _problem(
    send: Send, status: int, kind: str, title: str, detail: str, headers: dict[str, str]
) -> None:
    body = json.dumps(
        {"type": PROBLEM_BASE + kind, "title": title, "status": status, "detail": detail}
    ).encode()
    raw_headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode()),
        *((k.lower().encode(), v.encode()) for k, v in headers.items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})


class RequestGuard:
    """413 for bodies over ``max_body``, 415 for non-JSON writes, 429 over the write rate."""

    def __init__(self, app: ASGIApp, *, max_body: int, writes_per_minute: int) -> None:
        self.app = app
        self.max_body = max_body
        self.rate = RateLimiter(writes_per_minute)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = {k.decode().lower(): v.decode("latin-1") for k, v in scope["headers"]}
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _problem(send, 413, "payload-too-large", "Request body too large",
                           f"the limit is {self.max_body} bytes", {})  # fmt: skip
            return
        media = headers.get("content-type", "").split(";")[0].strip().lower()
        if media != "application/json":
            await _problem(send, 415, "unsupported-media-type", "Unsupported media type",
                           "send the body as application/json", {})  # fmt: skip
            return
        wait = self.rate.acquire(client_identity(scope, headers.get("x-api-key")))
        if wait > 0:
            await _problem(send, 429, "rate-limited", "Too many requests",
                           "slow down: too many writes from this client",
                           {"Retry-After": str(math.ceil(wait))})  # fmt: skip
            return

        received = 0
        refused = False

        async def limited_receive() -> Message:
            # Past the limit: answer 413 now and tell the app the client went away, so
            # it stops reading and nothing it produces afterwards is sent.
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    refused = True
                    await _problem(send, 413, "payload-too-large", "Request body too large",
                                   f"the limit is {self.max_body} bytes", {})  # fmt: skip
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:
                await send(message)

        await self.app(scope, limited_receive, guarded_send)


def client_identity(scope: Scope, key: str | None) -> str:
    """Whom a write counts against: its API key when valid, else its address."""
    # The guard sits outside the routes, so it reads the settings where they do, on the
    # app (Starlette puts it in the scope before any middleware runs).
    settings: Settings = scope["app"].state.settings
    if key and valid_key(key, settings):
        return "key:" + key
    return "address:" + str((scope.get("client") or ("unknown",))[0])


class RateLimiter:
    """A token bucket per client: ``per_minute`` writes, refilled continuously.

    Buckets are bounded in number and in time. One left alone for a minute has
    refilled, so it is dropped: a new bucket would be the same. Past ``max_buckets``
    clients within a minute, the least recently seen is dropped, which gives it a full
    allowance again; only a client writing from that many addresses gains by it.
    """

    REFILL_SECONDS = 60.0  # an empty bucket is full again after a minute

    def __init__(
        self,
        per_minute: int,
        *,
        max_buckets: int = MAX_BUCKETS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.capacity = float(per_minute)
        self.refill = per_minute / self.REFILL_SECONDS
        self.max_buckets = max_buckets
        self._clock = clock
        # client -> (tokens, last seen); least recently seen first, so also oldest first.
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many clients have a bucket now."""
        return len(self._buckets)

    def acquire(self, client: str) -> float:
        """0 when the write may go ahead; else seconds until it may."""
        if self.capacity <= 0:
            return 0.0
        now = self._clock()
        with self._lock:
            self._drop_refilled(now)
            tokens, last = self._buckets.pop(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.refill)
            allowed = tokens >= 1
            self._buckets[client] = (tokens - 1 if allowed else tokens, now)
            if len(self._buckets) > self.max_buckets:
                self._buckets.popitem(last=False)
            return 0.0 if allowed else (1 - tokens) / self.refill

    def _drop_refilled(self, now: float) -> None:
        while self._buckets:
            oldest, (_, last) = next(iter(self._buckets.items()))
            if now - last < self.REFILL_SECONDS:
                return
            del self._buckets[oldest]
