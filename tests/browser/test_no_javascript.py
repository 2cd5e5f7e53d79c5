"""With JavaScript off, a sample of every kind of page still shows its heading, tables, charts
(inline SVG or images) and links."""

from __future__ import annotations

import pytest

from browser_support import open_page

pytestmark = pytest.mark.browser

# page kind -> (how to find one page of that kind, must it have a table, must it have a chart)
KINDS = {
    "home": ("", False, False),
    "partnerships index": ("partnerships/", True, False),
    "partnership": ("partnerships/tayside/", True, False),
    "plan": ("plans/*", False, False),
    "indicator": ("indicators/*", True, True),
    "indicators index": ("indicators/", True, False),
    "compare": ("compare/themes/", True, True),
    "review": ("review/", True, True),
    "data": ("data/", True, False),
    "gaps": ("gaps/", True, False),
    "downloads": ("downloads/", True, False),
}

CONTENT = "article.md-content__inner"
CHARTS = f"{CONTENT} svg[role=img], {CONTENT} figure img, {CONTENT} img[src$='.svg']"


def sample(site, pattern: str) -> str:
    """The page itself, or the first page in a folder for "folder/*"."""
    if not pattern.endswith("*"):
        return pattern
    pages = [p for p in site.paths() if p.startswith(pattern[:-1]) and p != pattern[:-1]]
    assert pages, f"no page matches {pattern}"
    return pages[0]


def open_details(page) -> None:
    """Collapsed <details> (e.g. a chart's data table) open natively, by keyboard, without JavaScript."""
    for details in page.locator(f"{CONTENT} details").all():
        summary = details.locator("> summary")
        if details.get_attribute("open") is None and summary.is_visible():
            summary.press("Enter")


def hidden(locator) -> list[str]:
    return [el.evaluate("e => e.outerHTML.slice(0, 120)") for el in locator.all()
            if not el.is_visible()]


@pytest.mark.parametrize("kind", KINDS)
def test_page_shows_its_content_without_javascript(site, browser, kind):
    pattern, has_table, has_chart = KINDS[kind]
    with open_page(browser, java_script_enabled=False) as page:
        response = page.goto(site.url + sample(site, pattern), wait_until="load")
        assert response.ok
        assert page.evaluate("() => document.documentElement.classList.contains('no-js')")
        assert page.locator(f"{CONTENT} h1").first.is_visible()
        open_details(page)
        tables, charts = page.locator(f"{CONTENT} table"), page.locator(CHARTS)
        links = page.locator(f"{CONTENT} a[href]")
        assert links.count() > 0 and links.first.is_visible()
        assert tables.count() > 0 or not has_table
        assert charts.count() > 0 or not has_chart
        assert hidden(tables) == [] and hidden(charts) == []
