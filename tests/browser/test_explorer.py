"""The filter of the "Every priority" page (site_src/assets/explorer.js): its labelled controls
narrow the table to the rows the CSVs say, the address keeps the filter and a reload restores it,
the keyboard reaches every control, axe finds nothing on the filtered page, and without
JavaScript there is no control, only the complete table. Expected rows come from the package CSVs
and the themes the site publishes (compare/priority-themes-derived.csv)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from support import derived_themes, published_priorities

from browser_support import csp_violations, open_page, run_axe

pytestmark = pytest.mark.browser

PAGE = "compare/priorities/"
ROWS = ".cspp-explorer tbody tr"
# Each narrows the one before: 92 priorities hold both words, 11 of them have the theme, 3 of
# those are in the cycle (at the time of writing; the test only needs each step to narrow).
WORDS, THEME, CYCLE = "young people", "Mental health and wellbeing", "2023-2026"
LABELS = {"words": "Words in the priority", "theme": "Theme", "cycle": "Cycle",
          "partnership": "Partnership"}

SHOWN = """rows => rows.filter(row => row.checkVisibility()).map(row => [...row.cells]
  .slice(0, 4).map(cell => cell.textContent.split(/\\s+/).filter(Boolean).join(" ")))"""


def expected(site, words: str = "", theme: str = "", cycle: str = "",
             partnership: str = "") -> Counter:
    """(partnership, cycle, plan, priority) of each priority that holds every word, ignoring case,
    and has the theme, cycle and partnership asked for."""
    themes = derived_themes(site.dir)
    return Counter(
        (p["partnership"], p["cycle"], " ".join(p["title"].split()), " ".join(p["text"].split()))
        for p in published_priorities()
        if all(word in p["text"].lower() for word in words.lower().split())
        and (not theme or theme in themes.get(p["priority_id"], []))
        and (not cycle or p["cycle"] == cycle)
        and (not partnership or p["partnership"] == partnership))


def shown(page) -> Counter:
    return Counter(map(tuple, page.eval_on_selector_all(ROWS, SHOWN)))


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def values(page) -> dict[str, str]:
    return {name: page.get_by_label(label, exact=True).input_value()
            for name, label in LABELS.items()}


def test_the_filter_narrows_the_rows_keeps_them_in_the_address_and_a_reload_restores_them(
        site, browser):
    wanted = expected(site, WORDS, THEME, CYCLE)
    total = len(published_priorities())
    assert 0 < sum(wanted.values()) < sum(expected(site, WORDS, THEME).values()) \
        < sum(expected(site, WORDS).values()) < total
    filters = {"words": [WORDS], "theme": [THEME], "cycle": [CYCLE]}
    with open_page(browser) as page:
        page.goto(site.url + PAGE, wait_until="load")
        assert page.get_by_role("status").inner_text() == f"{total} of {total} priorities shown"
        page.get_by_label(LABELS["words"]).press_sequentially(WORDS)
        page.get_by_label(LABELS["theme"], exact=True).select_option(THEME)
        page.get_by_label(LABELS["cycle"], exact=True).select_option(CYCLE)
        assert shown(page) == wanted
        status = f"{sum(wanted.values())} of {total} priorities shown"
        assert page.get_by_role("status").inner_text() == status
        page.wait_for_url(lambda url: parse_qs(urlsplit(url).query) == filters)

        page.reload(wait_until="load")
        assert query(page) == filters
        assert values(page) == {"words": WORDS, "theme": THEME, "cycle": CYCLE, "partnership": ""}
        assert shown(page) == wanted
        assert page.get_by_role("status").inner_text() == status
        violations = run_axe(page, site)
        assert csp_violations(page) == [] and page.console_errors == []
    assert [v["id"] for v in violations] == [], violations


def test_a_link_with_a_partnership_filters_by_it_and_drops_a_theme_the_page_does_not_offer(
        site, browser):
    with open_page(browser, "390px") as page:
        page.goto(site.url + PAGE + "?partnership=Fife&theme=No+such+theme", wait_until="load")
        assert values(page) == {"words": "", "theme": "", "cycle": "", "partnership": "Fife"}
        assert shown(page) == expected(site, partnership="Fife") != Counter()
        page.wait_for_url(lambda url: query(page) == {"partnership": ["Fife"]})


def test_back_to_the_page_after_following_a_link_at_once_shows_the_last_words_typed(
        site, browser):
    """The address keeps what was typed just before leaving, and the page shown again filters by
    it: the browser's memory of the form must not put back words the rows are not filtered by."""
    with open_page(browser) as page:
        page.goto(site.url + PAGE, wait_until="load")
        page.get_by_label(LABELS["words"]).press_sequentially(WORDS)
        with page.expect_navigation():
            page.locator("article a", has_text="priority themes").first.click()
        page.go_back(wait_until="load")
        assert query(page) == {"words": [WORDS]}
        assert values(page)["words"] == WORDS
        assert shown(page) == expected(site, WORDS)


FOCUSED = """() => { const el = document.activeElement;
  return el.id || el.getAttribute("aria-label") || el.textContent; }"""


def test_the_keyboard_goes_through_the_controls_to_the_table_and_back_to_show_every_priority(
        site, browser):
    total = len(published_priorities())
    with open_page(browser) as page:
        page.goto(site.url + PAGE + f"?cycle={CYCLE}", wait_until="load")
        page.get_by_label(LABELS["words"]).focus()
        order = [page.evaluate(FOCUSED)]
        for _ in range(5):
            page.keyboard.press("Tab")
            order.append(page.evaluate(FOCUSED))
        assert order == ["cspp-filter-words", "cspp-filter-theme", "cspp-filter-cycle",
                         "cspp-filter-partnership", "Show every priority",
                         "Every priority of every plan"]
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        assert page.get_by_role("status").inner_text() == f"{total} of {total} priorities shown"
        assert page.evaluate(FOCUSED) == "cspp-filter-words"
        page.wait_for_url(lambda url: urlsplit(url).query == "")


def test_without_javascript_the_page_has_no_control_and_shows_every_priority(site, browser):
    with open_page(browser, java_script_enabled=False) as page:
        page.goto(site.url + PAGE + f"?cycle={CYCLE}", wait_until="load")
        assert page.locator("article input, article select, article button").count() == 0
        assert page.locator("article [role=status]").count() == 0
        assert shown(page) == expected(site)
