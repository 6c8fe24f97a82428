"""An HTTP load generator: N concurrent clients hitting URLs for a fixed time.

The generator shares the machine's two cores with the API and the graph server, so
every millisecond of CPU it spends per request is taken from the thing measured. It
therefore speaks just enough HTTP/1.1 over asyncio streams (keep-alive GET, a
Content-Length or chunked body) instead of going through a full client library:
about a tenth of the client CPU per request of httpx.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class LoadResult:
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


class ResponseError(Exception):
    """The server sent something this generator cannot read as an HTTP/1.1 response."""


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def _request_line(url: str) -> tuple[str, int, bytes]:
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise ValueError(f"only plain http URLs are supported: {url}")
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    host = parts.hostname
    port = parts.port or 80
    request = f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: */*\r\n\r\n"
    return host, port, request.encode("ascii")


async def _read_response(reader: asyncio.StreamReader) -> int:
    """Read one response; return its status code."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split(" ", 2)[1])
    except (IndexError, ValueError) as exc:
        raise ResponseError(lines[0]) from exc
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)  # the chunk and its CRLF
            if size == 0:
                break
    return status


async def _run(urls: list[str], clients: int, seconds: float) -> LoadResult:
    requests = [_request_line(url) for url in urls]
    host, port = requests[0][0], requests[0][1]
    if any((h, p) != (host, port) for h, p, _ in requests):
        raise ValueError("all URLs of one run must share host and port")
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def client(offset: int) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, port)
        k = offset
        try:
            while time.perf_counter() < deadline:
                payload = requests[k % len(requests)][2]
                k += clients
                started = time.perf_counter()
                try:
                    writer.write(payload)
                    status = await _read_response(reader)
                    if status >= 400:
                        errors += 1
                except (OSError, asyncio.IncompleteReadError, ResponseError):
                    errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
                latencies.append((time.perf_counter() - started) * 1000)
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    elapsed = time.perf_counter() - began
    return LoadResult(
        requests=len(latencies),
        errors=errors,
        seconds=elapsed,
        p50_ms=statistics.median(latencies) if latencies else 0.0,
        p95_ms=_percentile(latencies, 0.95),
        p99_ms=_percentile(latencies, 0.99),
    )


def hammer(urls: list[str], clients: int, seconds: float) -> LoadResult:
    """Keep ``clients`` requests in flight over ``urls`` (round robin) for ``seconds``."""
    return asyncio.run(_run(urls, clients, seconds))
