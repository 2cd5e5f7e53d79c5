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
    return [
        el.evaluate("e => e.outerHTML.slice(0, 120)") for el in locator.all() if not el.is_visible()
    ]


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


@pytest.mark.parametrize("width", ["1280px", "390px"])
def test_search_without_javascript_leads_to_a_list_of_every_page(site, browser, width):
    """What a reader without JavaScript gets: the search form, and on submitting it, the search
    page, which lists every page (for the browser's own find), with the query in its address."""
    with open_page(browser, width, java_script_enabled=False) as page:
        page.goto(site.url + "partnerships/tayside/", wait_until="load")
        if width == "390px":  # on a phone the form opens from the header's search button
            page.click('label.md-header__button[for="__search"]')
        page.fill(".md-search__input", "Fife")
        with page.expect_navigation(wait_until="load"):  # waits for the new page, not the old
            page.click(".md-search__submit")
        assert page.url == site.url + "search/?q=Fife"
        listed = page.eval_on_selector_all(f"{CONTENT} li a", "links => links.map(a => a.href)")
        assert set(listed) == {site.url + path for path in site.paths()} - {
            site.url + "search/",
            site.url + "404.html",
        }
        with page.expect_navigation(wait_until="load"):
            page.locator(f"{CONTENT} li a", has_text="Fife").first.click()
        assert page.url == site.url + "partnerships/fife/"


def test_with_javascript_the_search_page_opens_the_search_with_the_query(site, browser):
    with open_page(browser) as page:
        page.goto(site.url + "search/?q=Tayside", wait_until="load")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        assert "Tayside" in page.locator(".md-search-result__list").inner_text()
        assert not page.locator(".md-search__submit").is_visible()  # Enter opens the best result
