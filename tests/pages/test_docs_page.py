"""/docs and /redoc work with no network: their assets come from this server."""

from __future__ import annotations

from tests.pages.conftest import Watched, screenshot


def test_docs_lists_the_operations(watched: Watched, pages_api: str) -> None:
    page = watched.page
    page.goto(f"{pages_api}/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/persons/{person_id}/counterparts" in [p.replace("\u200b", "") for p in paths]
    screenshot(page, "docs")


def test_redoc_renders_the_reference(watched: Watched, pages_api: str) -> None:
    page = watched.page
    page.goto(f"{pages_api}/redoc")
    page.wait_for_selector("text=Diplograph", timeout=30_000)
    page.wait_for_selector("[data-section-id]", timeout=30_000)
    # Redoc's credit stays, without the logo it would fetch from Redocly's CDN (the
    # fixture fails the test on any request that leaves 127.0.0.1).
    page.wait_for_selector("text=API docs by Redocly", timeout=30_000)
    page.wait_for_selector('img[alt="redocly logo"]', state="detached", timeout=10_000)
    assert f"{pages_api}/redoc/redoc.standalone.js" in watched.requests
