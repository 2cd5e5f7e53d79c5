"""Keyboard only, on one partnership page: skip link first, visible focus everywhere, and the
navigation and search reachable and usable without a mouse (WCAG 2.1.1, 2.4.1, 2.4.7)."""

from __future__ import annotations

import pytest

from browser_support import WIDTHS, open_page, settle

pytestmark = pytest.mark.browser

PAGE = "partnerships/tayside/"
MAX_TABS = 400  # the navigation lists every page of a section, so content may be far down

# Judged in the state the theme's transitions end in.
FOCUSED = """() => {
  document.getAnimations().forEach(a => a.finish());
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();  // off-canvas (e.g. a closed drawer) is not visible
  return {
    tag: el.tagName, text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 60),
    classes: el.className && el.className.baseVal === undefined ? el.className : "",
    inNav: !!el.closest(".md-nav--primary"), inContent: !!el.closest(".md-content"),
    isSearch: el.matches(".md-search__input"),
    visible: el.checkVisibility({opacityProperty: true, visibilityProperty: true})
      && rect.width > 0 && rect.height > 0
      && rect.right > 0 && rect.bottom > 0 && rect.left < innerWidth && rect.top < innerHeight,
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
  };
}"""


def focused(page) -> dict:
    """The focused element, once the theme has reacted to the focus (e.g. opened search)."""
    settle(page)
    return page.evaluate(FOCUSED)


def tab(page) -> dict:
    page.keyboard.press("Tab")
    return focused(page)


def test_first_tab_focuses_skip_link_that_moves_focus_into_main_content(site, browser):
    with open_page(browser) as page:
        page.goto(site.url + PAGE, wait_until="load")
        first = tab(page)
        assert "md-skip" in first["classes"], first
        assert page.locator("a.md-skip").is_visible()
        page.keyboard.press("Enter")
        assert focused(page)["inContent"]
        assert tab(page)["inContent"], "the Tab after the skip link should stay in the content"


def tab_until(page, key: str) -> dict:
    for _ in range(MAX_TABS):
        focused = tab(page)
        if focused[key]:
            return focused
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached an element with {key}")


def tab_into_content(page, count: int) -> list[dict]:
    """Tab from the top until count elements in the main content have had focus."""
    focused = []
    while sum(f["inContent"] for f in focused) < count:
        assert len(focused) < MAX_TABS, "Tab never reached the main content"
        focused.append(tab(page))
    return focused


@pytest.mark.parametrize("width", WIDTHS)
def test_every_focused_element_is_visible_with_a_focus_indicator(site, browser, width):
    with open_page(browser, width) as page:
        page.goto(site.url + PAGE, wait_until="load")
        focused = tab_into_content(page, 15)
    assert [f for f in focused if not f["visible"]] == []
    assert [f for f in focused if not (f["outline"] or f["shadow"])] == []
    assert any(f["inNav"] for f in focused), "Tab never reached the main navigation"
    assert any(f["isSearch"] for f in focused), "Tab never reached the search box"
    assert sum(f["inContent"] for f in focused) > 5


def test_navigation_link_can_be_followed_by_keyboard(site, browser):
    with open_page(browser) as page:
        page.goto(site.url + PAGE, wait_until="load")
        tab_until(page, "inNav")
        href = page.evaluate("() => document.activeElement.href")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == href


@pytest.mark.parametrize("query, expected", [("Tayside", "Tayside"), ("S12000041", "S12000041")])
def test_search_by_keyboard_finds_pages_and_opens_one(site, browser, query, expected):
    with open_page(browser) as page:
        page.goto(site.url + PAGE, wait_until="load")
        tab_until(page, "isSearch")
        page.keyboard.type(query)
        first = page.locator(".md-search-result__item").first
        first.wait_for(state="visible")
        assert expected in page.locator(".md-search-result").inner_text()
        page.keyboard.press("ArrowDown")  # Material moves focus into the result list
        target = page.evaluate("() => document.activeElement.href")
        assert target and target.startswith(site.url)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.split("#")[0] == target.split("#")[0]


def test_the_drawer_is_closed_again_when_a_page_is_shown_from_history(site, browser):
    """Material's drawer is a checkbox; without autocomplete="off" (not allowed on checkboxes)
    a browser could restore it open when going back (a11y.js closes it)."""
    with open_page(browser, "390px") as page:
        page.goto(site.url + PAGE, wait_until="load")
        page.click('label.md-header__button[for="__drawer"]')
        assert page.evaluate("() => document.getElementById('__drawer').checked")
        with page.expect_navigation():
            page.locator(".md-nav--primary a.md-nav__link", has_text="Indicators").first.click()
        page.go_back(wait_until="load")
        assert page.url == site.url + PAGE
        assert not page.evaluate("() => document.getElementById('__drawer').checked")
