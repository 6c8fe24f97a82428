"""/explore in a real browser, over the sample articles.

Penny Wong (Australia) meets Wang Yi (China) in Canberra on 2024-03-20 and in Beijing
on 2024-10-15; Wang Yi also speaks with Antony Blinken on 2024-04-16. The first
Canberra report opens with a dateline, so its evidence offsets (in the article) do
not start at 0: a page that read them as offsets in the sentence would mark the
wrong words.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from tests.pages.conftest import Watched, screenshot

CANBERRA_SENTENCE = (
    "Australian Foreign Minister Penny Wong held talks with Chinese Foreign Minister "
    "Wang Yi in Canberra on Wednesday."
)
READY = "document.body.dataset.state === 'ready'"
PANEL_READY = "document.getElementById('panel').dataset.state === 'ready'"


def drawn(page: Page) -> set[str]:
    return set(page.evaluate("cy.nodes().map(n => n.id())"))


def meeting_dates(page: Page) -> set[str]:
    return set(page.evaluate("cy.nodes('[label = \"Meeting\"]').map(n => n.data('date'))"))


def meeting_on(page: Page, day: str) -> str:
    found: str = page.evaluate(f'cy.nodes(\'[label = "Meeting"][date = "{day}"]\').id()')
    assert found, f"no meeting of {day} drawn"
    return found


def on_screen(page: Page, node_id: str) -> tuple[float, float]:
    """Where the node is drawn, in page coordinates (for real mouse clicks)."""
    x, y = page.evaluate(
        """(id) => {
            const at = cy.getElementById(id).renderedPosition();
            const box = cy.container().getBoundingClientRect();
            return [box.left + at.x, box.top + at.y];
        }""",
        node_id,
    )
    return x, y


def state(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_explore_search_expand_and_read_the_evidence(watched: Watched, pages_api: str) -> None:
    page = watched.page
    page.goto(f"{pages_api}/explore")
    page.fill("#search", "wong")
    page.get_by_role("option", name="Penny Wong").click()
    page.wait_for_function(f"{READY} && cy.nodes().length > 1", timeout=30_000)
    assert state(page)["center"] == ["person:penny-wong"]
    assert {"person:penny-wong", "country:AU"} <= drawn(page)
    assert meeting_dates(page) == {"2024-03-20", "2024-10-15"}
    assert "person:wang-yi" not in drawn(page)
    expect(page.locator("#panel h2")).to_have_text("Penny Wong")
    expect(page.locator("#panel .counterparts")).to_contain_text("Wang Yi")

    # Double-click the Beijing meeting: one more /graph around it, and Wang Yi appears.
    beijing = meeting_on(page, "2024-10-15")
    before = len(drawn(page))
    with page.expect_response(
        lambda r: "/api/v1/graph?" in r.url and f"center={beijing.replace(':', '%3A')}" in r.url
    ) as grown:
        page.mouse.dblclick(*on_screen(page, beijing))
    assert grown.value.ok
    page.wait_for_function(f"{READY} && cy.getElementById('person:wang-yi').nonempty()")
    assert len(drawn(page)) > before
    assert {"place:beijing|CN", "country:CN"} <= drawn(page)

    # Open the Canberra meeting: its sources, each cited sentence highlighted whole.
    page.mouse.click(*on_screen(page, meeting_on(page, "2024-03-20")))
    page.wait_for_function(f"{PANEL_READY} && document.querySelector('#panel .source')")
    panel = page.locator("#panel")
    expect(panel.locator("h2")).to_have_text("2024-03-20")
    expect(panel).to_contain_text("Canberra, Australia")
    expect(panel.locator(".participants")).to_contain_text("Wang Yi")
    expect(panel.locator(".source")).to_have_count(2)
    cited = panel.locator("mark.meeting", has_text="held talks with")
    expect(cited).to_have_text(CANBERRA_SENTENCE)
    assert int(cited.get_attribute("data-start") or 0) > 0  # after the dateline
    screenshot(page, "explore")


def test_explore_restores_a_shared_view(watched: Watched, pages_api: str) -> None:
    page = watched.page
    page.goto(f"{pages_api}/explore?center=person:wang-yi&from=2024-04-01&to=2024-12-31")
    page.wait_for_function(f"{READY} && {PANEL_READY}", timeout=30_000)
    expect(page.locator("#from")).to_have_value("2024-04-01")
    expect(page.locator("#to")).to_have_value("2024-12-31")
    assert page.evaluate("cy.nodes('.center').id()") == "person:wang-yi"
    # Only the period's meetings; Canberra in March is left out, and so is what
    # the panel counts: Penny Wong met him once in the period, twice in all.
    assert meeting_dates(page) == {"2024-04-16", "2024-10-15"}
    counterparts = page.locator("#panel .counterparts li")
    expect(counterparts).to_have_count(2)
    expect(counterparts.filter(has_text="Penny Wong")).to_contain_text("1 meeting")

    # All time: the same centre, every meeting, and the URL says so.
    page.get_by_role("button", name="All time").click()
    page.wait_for_function(f"{READY} && cy.nodes('[label = \"Meeting\"]').length === 3")
    assert meeting_dates(page) == {"2024-03-20", "2024-04-16", "2024-10-15"}
    assert state(page) == {"center": ["person:wang-yi"]}

    # Back restores the period from the URL.
    page.go_back()
    page.wait_for_function(f"{READY} && cy.nodes('[label = \"Meeting\"]').length === 2")
    expect(page.locator("#from")).to_have_value("2024-04-01")
