"""The filter of the "Every priority" page (site_src/assets/explorer.js): its labelled controls
narrow the priorities to the rows the CSVs say, opening the folds (one per partnership) that hold
them and hiding the others, the address keeps the filter and a reload restores it, the keyboard
reaches every control, axe finds nothing on the filtered page, and without JavaScript there is no
control, only every priority in its fold. Expected rows come from the package CSVs and the themes
the site publishes (compare/priority-themes-derived.csv)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest

from browser_support import csp_violations, open_page, run_axe
from support import derived_themes, published_priorities

pytestmark = pytest.mark.browser

PAGE = "compare/priorities/"
ROWS = ".cspp-explorer tbody tr"
# Each narrows the one before: 92 priorities hold both words, 11 of them have the theme, 3 of
# those are in the cycle (at the time of writing; the test only needs each step to narrow).
WORDS, THEME, CYCLE = "young people", "Mental health and wellbeing", "2023-2026"
LABELS = {
    "words": "Words in the priority",
    "theme": "Theme",
    "cycle": "Cycle",
    "partnership": "Partnership",
}

# (partnership, cycle, plan, priority) of each row a reader can see: the partnership from the
# summary of its fold, the plan and its cycle from the line above its table.
SHOWN = """rows => rows.filter(row => row.checkVisibility()).map(row => {
  const words = text => text.split(/\\s+/).filter(Boolean).join(" ");
  const line = row.closest(".cspp-table").previousElementSibling;
  const plan = words(line.querySelector("a").textContent);
  return [words(row.closest("details").querySelector("summary").textContent)
            .match(/^(.+): [\\d,]+ priorit/)[1],
          words(line.textContent).slice(plan.length).match(/^ \\((?:cycle )?(.+)\\): \\d+ priorit/)[1],
          plan, words(row.cells[0].textContent)];
})"""
FOLDS = ".cspp-explorer details.cspp-fold"


def expected(
    site, words: str = "", theme: str = "", cycle: str = "", partnership: str = ""
) -> Counter:
    """(partnership, cycle, plan, priority) of each priority that holds every word, ignoring case,
    and has the theme, cycle and partnership asked for."""
    themes = derived_themes(site.dir)
    return Counter(
        (p["partnership"], p["cycle"], " ".join(p["title"].split()), " ".join(p["shown"].split()))
        for p in published_priorities()
        if all(word in p["text"].lower() for word in words.lower().split())
        and (not theme or theme in themes.get(p["priority_id"], []))
        and (not cycle or p["cycle"] == cycle)
        and (not partnership or p["partnership"] == partnership)
    )


def shown(page) -> Counter:
    return Counter(map(tuple, page.eval_on_selector_all(ROWS, SHOWN)))


def folds(page) -> dict[str, str]:
    """Each fold a reader can see, by its summary: "open" or "closed"."""
    return dict(
        page.eval_on_selector_all(
            FOLDS,
            """folds => folds.filter(f => f.checkVisibility())
      .map(f => [f.querySelector("summary").textContent.split(/\\s+/).filter(Boolean).join(" "),
                 f.open ? "open" : "closed"])""",
        )
    )


def status(total: int, wanted: Counter) -> str:
    partnerships = len({partnership for partnership, *_ in wanted})
    return (
        f"{sum(wanted.values())} of {total} priorities shown, in {partnerships} "
        f"partnership{'' if partnerships == 1 else 's'}"
    )


def unfiltered(page, total: int) -> str:
    return (
        f"Every priority: {total} in {page.locator(FOLDS).count()} partnerships, each folded below"
    )


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def values(page) -> dict[str, str]:
    return {
        name: page.get_by_label(label, exact=True).input_value() for name, label in LABELS.items()
    }


def test_the_filter_narrows_the_rows_keeps_them_in_the_address_and_a_reload_restores_them(
    site, browser
):
    wanted = expected(site, WORDS, THEME, CYCLE)
    total = len(published_priorities())
    assert (
        0
        < sum(wanted.values())
        < sum(expected(site, WORDS, THEME).values())
        < sum(expected(site, WORDS).values())
        < total
    )
    filters = {"words": [WORDS], "theme": [THEME], "cycle": [CYCLE]}
    with open_page(browser) as page:
        page.goto(site.url + PAGE, wait_until="load")
        assert page.get_by_role("status").inner_text() == unfiltered(page, total)
        assert shown(page) == Counter() and set(folds(page).values()) == {"closed"}
        page.get_by_label(LABELS["words"]).press_sequentially(WORDS)
        page.get_by_label(LABELS["theme"], exact=True).select_option(THEME)
        page.get_by_label(LABELS["cycle"], exact=True).select_option(CYCLE)
        assert shown(page) == wanted
        # Only the folds that hold a match are shown, open, each saying how many match.
        per_partnership = Counter(partnership for partnership, *_ in wanted.elements())
        assert {summary.split(":")[0]: state for summary, state in folds(page).items()} == {
            partnership: "open" for partnership in per_partnership
        }
        for summary in folds(page):
            n = per_partnership[summary.split(":")[0]]
            assert summary.endswith(f"({n} {'matches' if n == 1 else 'match'} the filter)")
        assert page.get_by_role("status").inner_text() == status(total, wanted)
        # A plan's line shows with its table, and only with it.
        assert page.eval_on_selector_all(
            ".cspp-explorer .cspp-table",
            """boxes => boxes.every(
            box => box.checkVisibility() === box.previousElementSibling.checkVisibility())""",
        )
        page.wait_for_url(lambda url: parse_qs(urlsplit(url).query) == filters)

        page.reload(wait_until="load")
        assert query(page) == filters
        assert values(page) == {"words": WORDS, "theme": THEME, "cycle": CYCLE, "partnership": ""}
        assert shown(page) == wanted
        assert page.get_by_role("status").inner_text() == status(total, wanted)
        violations = run_axe(page, site)
        assert csp_violations(page) == [] and page.console_errors == []
    assert [v["id"] for v in violations] == [], violations


def test_showing_every_priority_again_puts_back_every_fold_as_the_reader_left_it(site, browser):
    total = len(published_priorities())
    with open_page(browser, "390px") as page:
        page.goto(site.url + PAGE, wait_until="load")
        first = page.locator(FOLDS).first
        first.locator("summary").click()  # the reader opens one partnership before filtering
        before = folds(page)
        assert list(before.values()).count("open") == 1
        page.get_by_label(LABELS["cycle"], exact=True).select_option(CYCLE)
        assert shown(page) == expected(site, cycle=CYCLE)
        page.get_by_role("button", name="Show every priority").click()
        assert folds(page) == before
        assert page.get_by_role("status").inner_text() == unfiltered(page, total)
        assert shown(page) == expected(site, partnership=first.get_attribute("data-partnership"))


def test_a_link_with_a_partnership_filters_by_it_and_drops_a_theme_the_page_does_not_offer(
    site, browser
):
    with open_page(browser, "390px") as page:
        page.goto(site.url + PAGE + "?partnership=Fife&theme=No+such+theme", wait_until="load")
        assert values(page) == {"words": "", "theme": "", "cycle": "", "partnership": "Fife"}
        assert shown(page) == expected(site, partnership="Fife") != Counter()
        page.wait_for_url(lambda url: query(page) == {"partnership": ["Fife"]})


def test_back_to_the_page_after_following_a_link_at_once_shows_the_last_words_typed(site, browser):
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
    site, browser
):
    total = len(published_priorities())
    with open_page(browser) as page:
        page.goto(site.url + PAGE + f"?cycle={CYCLE}", wait_until="load")
        first_match = page.locator(f"{FOLDS}:not([hidden]) > summary").first.text_content()
        page.get_by_label(LABELS["words"]).focus()
        order = [page.evaluate(FOCUSED)]
        for _ in range(5):
            page.keyboard.press("Tab")
            order.append(page.evaluate(FOCUSED))
        # From the controls to the first partnership that holds a match, open, then into it.
        assert order == [
            "cspp-filter-words",
            "cspp-filter-theme",
            "cspp-filter-cycle",
            "cspp-filter-partnership",
            "Show every priority",
            first_match,
        ]
        assert page.evaluate("() => document.activeElement.parentElement.open")
        page.keyboard.press("Tab")
        assert page.evaluate(
            "() => document.activeElement.closest('details summary') === null"
            " && document.activeElement.closest('details.cspp-fold') !== null"
        )
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        assert page.get_by_role("status").inner_text() == unfiltered(page, total)
        assert page.evaluate(FOCUSED) == "cspp-filter-words"
        page.wait_for_url(lambda url: urlsplit(url).query == "")


def test_without_javascript_the_page_has_no_control_and_shows_every_priority(site, browser):
    with open_page(browser, java_script_enabled=False) as page:
        page.goto(site.url + PAGE + f"?cycle={CYCLE}", wait_until="load")
        assert page.locator("article input, article select, article button").count() == 0
        assert page.locator("article [role=status]").count() == 0
        assert shown(page) == Counter()  # every partnership folded, its summary saying how many
        for summary in page.locator(f"{FOLDS} > summary").all():
            summary.press("Enter")  # a fold opens without JavaScript, by keyboard
        assert set(folds(page).values()) == {"open"}
        assert shown(page) == expected(site)
