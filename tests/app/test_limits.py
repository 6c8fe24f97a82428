"""The write rate limiter: a bucket per known key or per address, bounded in number and age.

The floods go through the app exactly as uvicorn calls it (one ASGI call per request),
so the guard, the key check and the limiter are the ones production runs. No graph is
needed: a refused write never reaches one, and the app is not started.
"""

from __future__ import annotations

import asyncio
import gc
import secrets
import tracemalloc

from fastapi import FastAPI

from app.limits import MAX_BUCKETS, RateLimiter, RequestGuard
from app.main import create_app
from app.settings import Settings

KEY = "limits-key-5d1a"
HERE = ("203.0.113.7", 40000)


def keyed_app(writes_per_minute: int = 600) -> FastAPI:
    return create_app(Settings(api_keys=[KEY], writes_per_minute=writes_per_minute))


async def post(app: FastAPI, key: str, client: tuple[str, int] = HERE) -> int:
    """POST an empty JSON object to /api/v1/articles; the answer's status."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/v1/articles",
        "raw_path": b"/api/v1/articles",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", b"2"),
            (b"x-api-key", key.encode()),
        ],
        "client": client,
        "server": ("testserver", 80),
    }
    body_sent = False

    async def receive() -> dict[str, object]:
        nonlocal body_sent
        if body_sent:
            return {"type": "http.disconnect"}
        body_sent = True
        return {"type": "http.request", "body": b"{}", "more_body": False}

    statuses: list[int] = []

    async def send(message: dict[str, object]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(int(message["status"]))  # type: ignore[call-overload]

    await app(scope, receive, send)  # type: ignore[arg-type]
    return statuses[0]


def limiter_of(app: FastAPI) -> RateLimiter:
    """The limiter inside the app's request guard (the stack exists after one request)."""
    layer = app.middleware_stack
    while not isinstance(layer, RequestGuard):
        layer = layer.app  # type: ignore[union-attr]
    return layer.rate


def test_limits_random_keys_leave_buckets_and_memory_flat() -> None:
    app = keyed_app()

    async def flood(requests: int) -> None:
        for _ in range(requests):
            await post(app, secrets.token_hex(16))

    tracemalloc.start()
    try:
        asyncio.run(flood(10_000))  # warm: every lazily built part of the app exists
        gc.collect()
        buckets_before, memory_before = len(limiter_of(app)), tracemalloc.get_traced_memory()[0]
        asyncio.run(flood(90_000))
        gc.collect()
        buckets_after, memory_after = len(limiter_of(app)), tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # All those keys are unknown: they count against the one address they came from.
    assert buckets_before == buckets_after == 1
    # A bucket per key would be some 200 bytes each: about 18 MB for 90,000 keys.
    assert memory_after - memory_before < 500_000


def test_limits_unknown_keys_share_their_address_allowance() -> None:
    app = keyed_app(writes_per_minute=3)

    async def statuses() -> tuple[list[int], int, int]:
        guessing = [await post(app, secrets.token_hex(16)) for _ in range(4)]
        known = await post(app, KEY)
        elsewhere = await post(app, secrets.token_hex(16), client=("198.51.100.9", 40000))
        return guessing, known, elsewhere

    guessing, known, elsewhere = asyncio.run(statuses())
    # A new key per request buys no new allowance: the fourth guess is throttled.
    assert guessing == [401, 401, 401, 429]
    # A valid key has its own bucket (422: the empty body reached the route).
    assert known == 422
    assert elsewhere == 401


def test_limits_bucket_count_is_capped() -> None:
    limiter = RateLimiter(600)
    for n in range(100_000):
        limiter.acquire(f"address:10.{n >> 16}.{(n >> 8) & 255}.{n & 255}")
    assert len(limiter) == MAX_BUCKETS


def test_limits_keep_a_throttled_client_throttled_until_it_refills() -> None:
    now = [1000.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert [limiter.acquire("a") for _ in range(2)] == [0.0, 0.0]
    assert limiter.acquire("a") > 0
    for n in range(100):
        limiter.acquire(f"other-{n}")
    assert limiter.acquire("a") > 0, "other clients did not push a's bucket out"
    assert len(limiter) == 101

    now[0] += RateLimiter.REFILL_SECONDS
    assert limiter.acquire("a") == 0.0
    # Every bucket idle for the refill time was full again, so it was dropped.
    assert len(limiter) == 1
