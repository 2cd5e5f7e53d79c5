"""Screenshots for a person to look at: home, a partnership, a chart page and search results,
at both widths, saved in test-artifacts/screenshots/ (not committed). What the tests check is
only what their names say: the shot is not blank, and what it should show was on screen."""

from __future__ import annotations

import struct
import zlib

import pytest

from browser_support import SCREENSHOTS, WIDTHS, open_page

pytestmark = pytest.mark.browser

PAGES = {"home": "", "partnership": "partnerships/tayside/", "chart": "compare/themes/"}


def distinct_bytes(png: bytes) -> int:
    """How many different byte values the decoded image holds (a blank page has one or two)."""
    chunks, position = [], 8
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position : position + 8])
        if kind == b"IDAT":
            chunks.append(png[position + 8 : position + 8 + length])
        position += 12 + length
    return len(set(zlib.decompress(b"".join(chunks))))


def in_view(page, selector: str) -> bool:
    return page.locator(selector).first.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; }"
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_saves_a_screenshot_that_is_not_blank_with_the_heading_in_view(site, browser, name, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with open_page(browser, width) as page:
        page.goto(site.url + PAGES[name], wait_until="load")
        assert in_view(page, "article h1")
        shot = page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=False)
    assert distinct_bytes(shot) > 20


@pytest.mark.parametrize("width", WIDTHS)
def test_saves_a_screenshot_of_search_results_with_the_first_result_in_view(site, browser, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with open_page(browser, width) as page:
        page.goto(site.url, wait_until="load")
        page.keyboard.press("/")
        page.keyboard.type("Tayside")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        page.wait_for_timeout(500)  # let the dialog's fade-in finish
        assert in_view(page, ".md-search-result__item")
        shot = page.screenshot(path=SCREENSHOTS / f"search-{width}.png")
    assert distinct_bytes(shot) > 20
