"""Screenshots for a person to look at: home, a partnership, a chart page and search results,
at both widths, saved in test-artifacts/screenshots/ (not committed)."""

from __future__ import annotations

import pytest

from browser_support import SCREENSHOTS, WIDTHS, open_page

pytestmark = pytest.mark.browser

PAGES = {"home": "", "partnership": "partnerships/tayside/", "chart": "compare/themes/"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_screenshot(site, browser, name, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{width}.png"
    with open_page(browser, width) as page:
        page.goto(site.url + PAGES[name], wait_until="load")
        page.screenshot(path=path, full_page=False)
    assert path.stat().st_size > 10_000


@pytest.mark.parametrize("width", WIDTHS)
def test_search_results_screenshot(site, browser, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"search-{width}.png"
    with open_page(browser, width) as page:
        page.goto(site.url, wait_until="load")
        page.keyboard.press("/")
        page.keyboard.type("Tayside")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        page.wait_for_timeout(500)  # let the dialog's fade-in finish
        page.screenshot(path=path)
    assert path.stat().st_size > 10_000
