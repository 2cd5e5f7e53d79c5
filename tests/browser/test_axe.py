"""axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on every built page at 1280 px and 390 px,
and once with the search dialog open and showing results."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from axe_exclusions import EXCLUDED_RULES, disabled_rules
from browser_support import (
    AXE_JS,
    FINISH_ANIMATIONS_JS,
    FOLDED_JS,
    FULL_AUDIT_WIDTH,
    HIDDEN_CONTENT_RULES,
    LAYOUT_JS,
    LOADED_WIDTH,
    RESTORE_JS,
    axe_options,
    describe_violations,
    load_axe,
    open_page,
    run_axe,
    visit,
)
from support import Built, serve

pytestmark = pytest.mark.browser


def test_every_page_was_audited_at_both_widths(crawl, site):
    audited = {(v.path, v.width) for v in crawl}
    assert audited == {(p, w) for p in site.paths() for w in ("1280px", "390px")}
    assert len(site.paths()) > 1
    # Each page is loaded at 390 x 844 and then widened: each audit saw its own window.
    screens = {(v.width, v.layout["viewportHeight"]) for v in crawl}
    assert screens == {("1280px", 900), ("390px", 844)}


# Pages of the heaviest templates: a partnership's, an indicator's with intervals, a comparison.
HEAVY_PAGES = [
    "partnerships/tayside/",
    "indicators/scotpho_lac_rate_0_17/",
    "compare/priorities/",
]


def test_a_widened_page_lies_out_as_one_loaded_at_that_width(crawl, site, browser):
    """The crawl loads each page at 390 px and widens it to 1280 px: what it measured there is
    what a page loaded at 1280 px measures (its length, its width, each chart's file and box)."""
    widened = {v.path: v.layout for v in crawl if v.width == FULL_AUDIT_WIDTH}
    with open_page(browser, FULL_AUDIT_WIDTH) as page:
        for path in HEAVY_PAGES:
            page.goto(site.url + path, wait_until="load")
            assert page.evaluate(LAYOUT_JS) == widened[path], path


@pytest.mark.parametrize("width", ["1280px", "390px"])
def test_no_axe_violations_on_any_page(crawl, width):
    problems = describe_violations([v for v in crawl if v.width == width])
    assert problems == [], "\n".join(problems)


def test_what_the_audits_leave_out_is_hidden_at_both_widths(crawl):
    """axe runs every rule on each page without the contents of its closed folds: at both
    widths, every closed fold's contents are hidden (so the browser draws none of them)."""
    not_hidden = [
        f"/{v.path} at {v.width}: {v.folded}"
        for v in crawl
        if v.folded["hidden"] != v.folded["closed"]
    ]
    assert not_hidden == []
    narrow = [v.folded["hidden"] for v in crawl if v.width != FULL_AUDIT_WIDTH]
    assert sum(narrow) > 1000  # the partnership pages' tables


# Every element an audit judged, by rule and outcome, named by its place in the whole page, so
# that an element has the same name with or without the contents of the folds.
JUDGED_JS = """async options => {
  window.__csppPlaces = window.__csppPlaces
    || new Map([...document.querySelectorAll('*')].map((el, place) => [el, place]));
  const result = await axe.run(document, {...options, elementRef: true});
  const judged = {};
  for (const outcome of ['violations', 'passes', 'incomplete', 'inapplicable'])
    for (const rule of result[outcome])
      (judged[rule.id] = judged[rule.id] || {})[outcome] =
        rule.nodes.map(node => window.__csppPlaces.get(node.element)).sort((a, b) => a - b);
  return judged;
}"""


def every_result(only: list[str] | None = None) -> dict:
    """The audit's options with every element judged kept in its result, not only violations."""
    return {k: v for k, v in axe_options(only).items() if k != "resultTypes"}


def test_the_audit_in_two_parts_judges_every_element_as_one_audit_of_the_whole_page(site, browser):
    """The full-width audit: every rule without the hidden contents of closed folds, then the
    rules that judge hidden elements too on the whole page. On the heaviest pages it judges
    every element, by every rule, exactly as every rule on the whole page does."""
    with open_page(browser, FULL_AUDIT_WIDTH) as page:
        for path in HEAVY_PAGES:
            page.goto(site.url + path, wait_until="load")
            load_axe(page, site)
            whole = page.evaluate(JUDGED_JS, every_result())
            folded = page.evaluate(FOLDED_JS)
            without_folds = page.evaluate(JUDGED_JS, every_result())
            page.evaluate(RESTORE_JS)
            hidden_content = page.evaluate(JUDGED_JS, every_result(HIDDEN_CONTENT_RULES))
            in_two_parts = {
                **{r: j for r, j in without_folds.items() if r not in HIDDEN_CONTENT_RULES},
                **hidden_content,
            }
            assert folded["hidden"] > 0, path
            assert in_two_parts == whole, path


# A closed fold hiding an image map whose link has no text: a fault that only the rules judging
# hidden elements too can find.
FAULT_IN_A_FOLD = (
    '<!doctype html><html lang="en"><head><title>A fold</title>'
    '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main>'
    "<h1>A fold</h1><details><summary>The map</summary>"
    '<img src="map.png" alt="Map of the areas" usemap="#areas"><map name="areas">'
    '<area href="#fife" shape="rect" coords="0,0,9,9"></map></details></main></body></html>'
)


@contextmanager
def site_of_one_page(html: str, folder: Path) -> Iterator[Built]:
    """html as the home page of a site in folder, served while the caller runs (axe is loaded
    from the site, as in the crawl)."""
    (folder / "index.html").write_text(html, encoding="utf-8")
    with serve(folder) as url:
        yield Built(folder, url)


def test_the_full_width_audit_finds_a_fault_hidden_in_a_closed_fold(browser, tmp_path):
    """As an audit of the whole page does; the narrow audit leaves hidden contents out."""
    with (
        site_of_one_page(FAULT_IN_A_FOLD, tmp_path) as site,
        open_page(browser, LOADED_WIDTH) as page,
    ):
        narrow, full = visit(page, site, "")
        page.reload(wait_until="load")
        whole_page = run_axe(page, site)
    assert narrow.folded == full.folded == {"closed": 2, "hidden": 2}
    assert [v["id"] for v in whole_page] == ["area-alt"]
    assert [v["id"] for v in full.violations] == ["area-alt"]
    assert narrow.violations == []


def test_only_the_contents_of_closed_folds_are_left_out(browser):
    with open_page(browser, "390px") as page:
        page.set_content(
            '<main><details><summary id="s">More</summary><p id="closed">Hidden</p>'
            '<details><summary>Inner</summary><p id="inner">Hidden</p></details></details>'
            '<details open><summary>Open</summary><p id="open">Shown</p></details>'
            '<p id="plain">Shown</p></main>'
        )
        ids = "[...document.querySelectorAll('[id]')].map(el => el.id)"
        counts = page.evaluate(FOLDED_JS)
        left = page.evaluate(ids)
        page.evaluate(RESTORE_JS)
        restored = page.evaluate(ids)
    assert counts == {"closed": 2, "hidden": 2}  # the outer fold's paragraph and inner fold
    assert left == ["s", "open", "plain"]
    assert restored == ["s", "closed", "inner", "open", "plain"]  # back where they were


def test_no_axe_violations_with_search_dialog_open(site, browser):
    with open_page(browser, "1280px") as page:
        page.goto(site.url + "partnerships/", wait_until="load")
        page.keyboard.press("/")  # Material's shortcut opens the search dialog
        page.keyboard.type("Tayside")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        assert page.locator(".md-search").is_visible()
        violations = run_axe(page, site)
    assert [v["id"] for v in violations] == [], violations


# Dark grey text (7:1 on white) that fades in from almost nothing once its class "faint" is
# removed, as the search dialog's results fade in, beside a spinner that never stops.
FADING_IN = (
    '<!doctype html><html lang="en"><head><title>Fading in</title><style>'
    "#results { color: #595959; transition: opacity 1.5s linear; }"
    "#results.faint { opacity: 0.1; }"
    "@keyframes turn { to { transform: rotate(1turn); } }"
    "#spinner { display: inline-block; animation: turn 1s linear infinite; }"
    '</style></head><body><main><p id="results" class="faint">Tayside</p>'
    '<span id="spinner" aria-hidden="true">*</span></main></body></html>'
)


def test_axe_judges_text_that_fades_in_as_it_is_once_faded_in(browser, tmp_path):
    with site_of_one_page(FADING_IN, tmp_path) as site, open_page(browser, "1280px") as page:
        page.goto(site.url, wait_until="load")
        page.evaluate("() => document.getElementById('results').classList.remove('faint')")
        violations = run_axe(page, site)
        opacity = page.evaluate(
            "() => getComputedStyle(document.getElementById('results')).opacity"
        )
    assert violations == [], [v["id"] for v in violations]
    assert opacity == "1"


def test_an_animation_that_never_ends_is_left_running(browser):
    with open_page(browser, "1280px") as page:
        page.set_content(FADING_IN)
        page.evaluate(FINISH_ANIMATIONS_JS)  # finishing one that never ends would throw
        state = page.evaluate("() => document.getAnimations().map(a => a.playState)")
    assert state == ["running"]


def test_rule_exclusion_list_is_pinned():
    # Changing this set is a deliberate act: say why in axe_exclusions.py and here.
    assert set(EXCLUDED_RULES) == set()
    assert axe_options()["rules"] == {}  # so every audit runs every WCAG A and AA rule


# A page with one fault for each of four WCAG A rules: no language, no title, an image with no
# text alternative, a link with no name.
FAULTY_PAGE = (
    '<html><head></head><body><main><img src="x.png"><a href="#x"></a></main></body></html>'
)
# Rules axe-core tags WCAG A or AA but ships switched off (experimental or deprecated), so that
# running by tag leaves them out: a change to this set comes with an axe-core upgrade.
EXPERIMENTAL_OR_OFF_BY_DEFAULT = {
    "aria-roledescription",
    "audio-caption",
    "css-orientation-lock",
    "p-as-heading",
    "table-fake-caption",
    "td-has-header",
}


def rules_run(result: dict) -> set[str]:
    """Every rule an axe-core result shows was run, whatever its outcome."""
    return {
        rule["id"]
        for outcome in ("violations", "passes", "incomplete", "inapplicable")
        for rule in result[outcome]
    }


@pytest.fixture(scope="module")
def faulty_page_audit(browser) -> dict:
    """The crawl's audit of FAULTY_PAGE, with what axe-core says of its own rules: those tagged
    WCAG A or AA, and those it does not skip on hidden elements (read from axe._audit, its
    internal registry: the public axe.getRules does not say)."""
    options = axe_options()
    with open_page(browser, "390px") as page:
        page.set_content(FAULTY_PAGE)
        page.add_script_tag(path=str(AXE_JS))
        return {
            "result": page.evaluate(f"axe.run(document, {json.dumps(options)})"),
            "tagged": page.evaluate(f"axe.getRules({json.dumps(options['runOnly']['values'])})"),
            "judging_hidden": page.evaluate(
                "() => axe._audit.rules.filter(rule => rule.excludeHidden === false)"
                ".map(rule => rule.id)"
            ),
        }


def test_the_audit_options_find_faults_planted_in_a_page(faulty_page_audit):
    """The crawl's audits pass only if axe really checks: with the same options, a faulty page
    fails on each planted fault, and every rule axe-core tags WCAG A or AA is run."""
    result, tagged = faulty_page_audit["result"], faulty_page_audit["tagged"]
    found = {v["id"] for v in result["violations"]}
    assert {"html-has-lang", "document-title", "image-alt", "link-name"} <= found
    assert rules_run(result) == {r["ruleId"] for r in tagged} - EXPERIMENTAL_OR_OFF_BY_DEFAULT


# Rules axe-core applies to hidden elements but which judge only text drawn on the screen, so
# hidden contents never change what they find (the two-part audit's test shows it).
ON_SCREEN_TEXT_RULES = {"color-contrast", "link-in-text-block"}


def test_the_hidden_content_rules_are_the_rules_axe_applies_to_hidden_elements(faulty_page_audit):
    """HIDDEN_CONTENT_RULES is every rule of the audit that axe-core does not skip on hidden
    elements, less the rules that judge text on the screen."""
    run = rules_run(faulty_page_audit["result"])
    judging_hidden = set(faulty_page_audit["judging_hidden"])
    assert ON_SCREEN_TEXT_RULES <= judging_hidden & run
    assert sorted(judging_hidden & run - ON_SCREEN_TEXT_RULES) == HIDDEN_CONTENT_RULES


def test_a_rule_is_switched_off_only_with_a_reason():
    explained = {"color-contrast": "a reason a reviewer can judge", "region": "another reason"}
    assert disabled_rules(explained) == {
        "color-contrast": {"enabled": False},
        "region": {"enabled": False},
    }
    with pytest.raises(ValueError, match=r"without a reason: list, region;"):
        disabled_rules({"color-contrast": "a reason", "region": " ", "list": ""})
