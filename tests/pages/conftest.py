"""Pages in a real headless browser: Debian's Chromium driven by Playwright.

Browser downloads are impossible on these machines, so Playwright drives the system
Chromium (``apt-get install chromium``; DIPLOGRAPH_CHROMIUM names another binary). A
missing browser fails the run with that instruction: page tests are never skipped.

The API under test is ``diplograph serve`` in its own process with its own embedded
graph and the sample articles loaded, as ``make run`` starts it. Every page test
records the requests the page makes and its console: a request that leaves 127.0.0.1
or a console error fails the test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

from tests.conftest import clean_env, free_port

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
LOCAL_SCHEMES = {"data", "blob", "about"}


def chromium_path() -> str:
    wanted = os.environ.get("DIPLOGRAPH_CHROMIUM", "chromium")
    found = shutil.which(wanted)
    if found is None:
        pytest.fail(
            f"no headless browser for the page tests: {wanted!r} is not on PATH. Install "
            "Debian's Chromium (`apt-get install chromium`) or point DIPLOGRAPH_CHROMIUM "
            "at a Chromium binary (README, 'The two commands').",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="session")
def pages_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`diplograph serve` on a graph of its own with the sample articles; its base URL."""
    data = tmp_path_factory.mktemp("pages-data")
    port = free_port()
    env = clean_env() | {
        "DIPLOGRAPH_DATA_DIR": str(data),
        "DIPLOGRAPH_PORT": str(port),
        "DIPLOGRAPH_GRAPH_HEAP": "512m",
        "DIPLOGRAPH_LOAD_SAMPLES": "true",
        "DIPLOGRAPH_SAMPLES_DIR": str(ROOT / "samples"),
    }
    log = data / "api.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve"], env=env, stdout=out, stderr=out
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the API did not start:\n" + log.read_text()
            try:
                stats = httpx.get(f"{base}/api/v1/stats", timeout=5)
                if stats.status_code == 200 and stats.json()["nodes"].get("Meeting", 0) > 0:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=60)


# Package scope: Playwright's sync API keeps an event loop running on this thread while
# it is open, which would break later tests that start their own (asyncio.run).
@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
    yield launched
    launched.close()


@dataclass
class Watched:
    """What a page did: every request's URL, console errors and uncaught exceptions."""

    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def left_the_machine(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in LOCAL_SCHEMES
            and urlsplit(url).hostname not in {"127.0.0.1", "localhost"}
        ]


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    """A fresh page; after the test, no request left 127.0.0.1 and no console error."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    seen = Watched(page)
    page.on("request", lambda request: seen.requests.append(request.url))

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            seen.errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    yield seen
    context.close()
    assert seen.left_the_machine() == [], "requests left the machine"
    assert seen.errors == [], "the page logged errors"


def screenshot(page: Page, name: str) -> Path:
    """The page's picture: into DIPLOGRAPH_SCREENSHOTS_DIR when set (`make screenshots`
    refreshes the README's, docs/screenshots), else a temporary folder, so that a test
    run never rewrites files of the checkout."""
    folder = Path(os.environ.get("DIPLOGRAPH_SCREENSHOTS_DIR") or tempfile.gettempdir())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"diplograph-{name}.png"
    if folder.resolve() == SCREENSHOTS.resolve():
        path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 0
    return path
