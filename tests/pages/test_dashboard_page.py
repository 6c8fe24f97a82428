"""/dashboard draws its charts from the public API, and its numbers are the API's."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest
from playwright.sync_api import Page

from tests.pages.conftest import Watched, screenshot

WAIT = 30_000  # ms: the first answers of a freshly started API can take a while


def api_get(base: str, path: str, **params: object) -> dict:
    response = httpx.get(f"{base}{path}", params=params, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def meetings_per_month(base: str, **params: object) -> dict[str, int]:
    """Meetings per month as /meetings lists them, page after page."""
    counts: Counter[str] = Counter()
    cursor = None
    while True:
        page = api_get(
            base, "/api/v1/meetings", limit=200, **params, **({"cursor": cursor} if cursor else {})
        )
        counts.update(m["date"][:7] for m in page["data"] if m["date"])
        cursor = page["next_cursor"]
        if not cursor:
            return dict(counts)


def drawn(page: Page, chart: str) -> dict[str, int]:
    """What a chart shows: its first dataset by label, the empty bars left out."""
    labels, values = page.evaluate(
        "name => [window.charts[name].data.labels, window.charts[name].data.datasets[0].data]",
        chart,
    )
    return {label: value for label, value in zip(labels, values, strict=True) if value}


@pytest.fixture
def dashboard(watched: Watched, pages_api: str) -> Page:
    page = watched.page
    page.goto(f"{pages_api}/dashboard")
    page.wait_for_selector("body[data-state=ready]", timeout=WAIT)
    return page


def test_dashboard_page_meetings_per_month_are_the_apis(dashboard: Page, pages_api: str) -> None:
    expected = meetings_per_month(pages_api)
    assert sum(expected.values()) > 5, "the samples should hold meetings in several months"
    assert drawn(dashboard, "per-month") == expected
    labels = dashboard.evaluate("window.charts['per-month'].data.labels")
    assert labels[0] == min(expected) and labels[-1] == max(expected)
    assert labels == sorted(labels)


def test_dashboard_page_per_month_narrowed_to_a_country(dashboard: Page, pages_api: str) -> None:
    code = api_get(pages_api, "/api/v1/countries", limit=1)["data"][0]["code"]
    expected = meetings_per_month(pages_api, country=code)
    with dashboard.expect_response(
        lambda r: r.url.endswith(f"/api/v1/export/meetings.jsonl?country={code}")
    ) as response:
        dashboard.select_option("#per-month-country", code)
    assert response.value.status == 200
    dashboard.wait_for_selector("body[data-state=ready]", timeout=WAIT)
    assert drawn(dashboard, "per-month") == expected
    assert dashboard.get_attribute("#per-month-csv", "href") == (
        f"/api/v1/export/meetings.csv?country={code}"
    )


def test_dashboard_page_countries_pairs_and_totals_are_the_apis(
    dashboard: Page, pages_api: str
) -> None:
    top = api_get(pages_api, "/api/v1/countries", limit=10)["data"]
    assert drawn(dashboard, "countries") == {c["code"]: c["meetings"] for c in top}
    stats = api_get(pages_api, "/api/v1/stats")
    totals = dashboard.locator("#totals dd").all_inner_texts()
    assert f"{stats['nodes']['Meeting']:,}" == totals[0]
    pairs = drawn(dashboard, "pairs")
    assert pairs
    for pair, count in pairs.items():
        a, b = pair.split("\N{EN DASH}")
        partners = api_get(pages_api, f"/api/v1/countries/{a}/partners")["data"]
        assert {p["code"]: p["meetings"] for p in partners}[b] == count
    topics = dashboard.evaluate("window.charts.topics.data.datasets.length")
    assert topics > 0


def test_dashboard_page_bilateral_timeline_of_two_chosen_countries(
    dashboard: Page, pages_api: str
) -> None:
    default = dashboard.get_attribute("#bilateral-card", "data-relation")
    assert default, "a timeline is drawn before anything is chosen"
    # Two countries that met, other than the pair shown at first.
    countries = api_get(pages_api, "/api/v1/countries", limit=10)["data"]
    a, b = next(
        (c["code"], p["code"])
        for c in countries
        for p in api_get(pages_api, f"/api/v1/countries/{c['code']}/partners")["data"]
        if {c["code"], p["code"]} != set(default.split("-"))
    )
    dashboard.select_option("#bilateral-a", a)
    dashboard.select_option("#bilateral-b", b)
    with dashboard.expect_response(
        lambda r: r.url.endswith(f"/api/v1/relations/{a}/{b}?interval=month")
    ) as response:
        dashboard.click("#bilateral-form button")
    assert response.value.status == 200
    dashboard.wait_for_selector(f"#bilateral-card[data-relation={a}-{b}]", timeout=WAIT)

    relation = api_get(pages_api, f"/api/v1/relations/{a}/{b}", interval="month")
    assert relation["total"] > 0
    assert drawn(dashboard, "bilateral") == {
        bucket["period"]: bucket["meetings"] for bucket in relation["timeline"]
    }
    note = dashboard.inner_text("#bilateral-note")
    assert note.startswith(f"{relation['total']} meeting") and f"of {a} and {b}" in note
    screenshot(dashboard, "dashboard")


def test_dashboard_page_every_data_link_answers(dashboard: Page) -> None:
    links = dashboard.evaluate("[...document.querySelectorAll('a.data-link')].map(a => a.href)")
    assert len(links) >= 8  # stats, 2 exports, countries, 2 topics, partners, relations
    for url in links:
        response = httpx.get(url, timeout=30)
        assert response.status_code == 200, url
        assert response.content, url
