"""Progress of a long command: a live bar on a terminal, plain log lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class Progress:
    """Counts items done against a total and shows rate and time left."""

    def __init__(self, total: int, stream: TextIO = sys.stderr, label: str = "articles") -> None:
        self.total = max(total, 0)
        self.stream = stream
        self.label = label
        self.done = 0
        self.started = time.monotonic()
        self._last_line = 0.0
        self.interactive = stream.isatty()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 and self.total else 0.0
        share = self.done / self.total if self.total else 1.0
        bar = "#" * int(share * 30)
        return (
            f"[{bar:<30}] {self.done}/{self.total} {self.label} {rate:.1f}/s ETA {_duration(left)}"
        )

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.interactive:
            if now - self._last_line > 0.1 or self.done >= self.total:
                self.stream.write("\r" + self.line())
                self.stream.flush()
                self._last_line = now
        elif now - self._last_line > 5 or self.done >= self.total:
            self.stream.write(self.line() + "\n")
            self.stream.flush()
            self._last_line = now

    def finish(self) -> None:
        if self.interactive:
            self.stream.write("\r" + self.line() + "\n")
            self.stream.flush()
