"""Browser-test fixtures: drive Debian's Chromium over the site the session built and serves.

The crawl of every page at both widths runs once per session; the accessibility, request and
Content-Security-Policy tests each read their part of its record, so no page is loaded twice.
"""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import sync_playwright

from cspp.paths import ROOT

from axe_exclusions import EXCLUDED_RULES, disabled_rules
from support import Built

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = {"1280px": {"width": 1280, "height": 900}, "390px": {"width": 390, "height": 844}}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

# Collects Content-Security-Policy violations; Playwright injects it outside the page's policy.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline")));
"""


AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # npm ci, from package-lock.json
SEARCH_INDEX = "search/search_index.json"
BROWSERS = 2  # the crawl's threads: one per core
AXE_URL_PATH = "__tests__/axe.min.js"  # served as a file so Chromium caches its compiled code


def axe_options(only: list[str] | None = None) -> dict:
    """axe-core's options for every WCAG A and AA rule, or for the rules named in `only`."""
    run_only = (
        {"type": "rule", "values": [rule for rule in only if rule not in EXCLUDED_RULES]}
        if only
        else {"type": "tag", "values": WCAG_TAGS}
    )
    return {
        "runOnly": run_only,
        "rules": disabled_rules(EXCLUDED_RULES),
        "resultTypes": ["violations"],
    }


@pytest.fixture(scope="session")
def site(built) -> Built:
    """The session's build of the real data (tests/conftest.py), served on 127.0.0.1."""
    return built


@contextmanager
def chromium():
    """One headless Debian Chromium; one per thread, as Playwright's sync API is per thread."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def browser():
    with chromium() as browser:
        yield browser


def load_axe(page, site: Built) -> None:
    """axe-core into the loaded page, once per page load (by URL, which the page's policy allows,
    so that Chromium caches its compiled code)."""
    target = site.dir / AXE_URL_PATH
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(AXE_JS, target)
    if not page.evaluate("() => 'axe' in window"):
        page.add_script_tag(url=site.url + AXE_URL_PATH)


# Every transition and animation that ends, brought to its end. axe judges colours as they are
# drawn when it runs: halfway through a fade (the search dialog's results fade in over 400 ms;
# widening a page starts 250 ms transitions of the search form's colours), text is judged
# paler than it is at rest, and color-contrast fails by chance. Finishing them gives the state
# that waiting for them would give, without the wait. One that never ends is left running.
FINISH_ANIMATIONS_JS = """() => document.getAnimations()
  .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
  .forEach(a => a.finish())"""


def run_axe(page, site: Built, only: list[str] | None = None) -> list[dict]:
    """axe-core's violations on the loaded page at rest, by every WCAG A and AA rule or by
    those in `only`."""
    load_axe(page, site)
    page.evaluate(FINISH_ANIMATIONS_JS)
    options = json.dumps(axe_options(only))
    return page.evaluate(f"axe.run(document, {options}).then(r => r.violations)")


@contextmanager
def open_page(browser, width: str = "1280px", **context_options):
    """A fresh context and page that records requests, console errors and CSP violations."""
    context = browser.new_context(viewport=WIDTHS[width], **context_options)
    page = context.new_page()
    page.requests = []
    page.console_errors = []
    page.dialogs = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    if context_options.get("java_script_enabled", True):
        page.add_init_script(CSP_LISTENER)
    try:
        yield page
    finally:
        context.close()


def csp_violations(page) -> list[str]:
    reported = page.evaluate("() => window.__cspViolations || []")
    logged = [m for m in page.console_errors if "Content Security Policy" in m]
    return reported + logged


@dataclass
class Visit:
    """What happened while one page was loaded and audited at one width."""

    path: str
    width: str
    violations: list[dict] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    layout: dict = field(default_factory=dict)  # LAYOUT_JS: the page's width, length and charts
    folded: dict = field(default_factory=dict)  # FOLDED_JS: closed folds' contents, and hidden


# How the page lies out at this width: the headline figures on the first screen as loaded, then,
# with every chart image loaded (they are lazy), the page's length and each chart's box, the
# file the browser chose for it and, for a chart drawn inline, its text sizes.
LAYOUT_JS = """async () => {
  const root = document.documentElement;
  const figures = [...document.querySelectorAll('.cspp-figure')].map(el => ({
    bottom: el.getBoundingClientRect().bottom + scrollY,
    period: (el.querySelector('.cspp-figure-period') || {}).textContent || '',
    scotland: (el.querySelector('.cspp-figure-scotland td') || {}).textContent || ''}));
  const images = [...document.querySelectorAll('.cspp-chart-figure img')];
  images.forEach(img => { img.loading = 'eager'; });
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  const charts = [...document.querySelectorAll('.cspp-chart-figure')].map(figure => {
    const drawn = figure.querySelector('img, svg'), box = drawn.getBoundingClientRect();
    const inline = drawn.tagName.toLowerCase() === 'svg';
    return {key: figure.closest('.cspp-chart').dataset.chartKey, src: inline ? '' : drawn.currentSrc,
            left: box.left, right: box.right, width: box.width,
            drawnWidth: inline ? parseFloat(drawn.getAttribute('width')) : drawn.naturalWidth,
            fonts: inline ? [...drawn.querySelectorAll('text')].map(
              t => parseFloat(getComputedStyle(t).fontSize)) : []};
  });
  return {viewport: root.clientWidth, viewportHeight: innerHeight, scrollWidth: root.scrollWidth,
          height: root.scrollHeight, figures, charts};
}"""


# The width at which a page is loaded: a phone's. The crawl then widens the same page to the
# desktop width (Material and the site's scripts follow a change of width as they do a load).
LOADED_WIDTH = "390px"
# The width at which axe also audits what the browser does not draw.
FULL_AUDIT_WIDTH = "1280px"

# The contents of closed folds (<details> without `open`): how many there are and how many of
# them the browser does not draw; those are taken out of the page while axe runs every rule,
# until RESTORE_JS puts them back where they were. Hidden, they are judged only by the rules
# in HIDDEN_CONTENT_RULES, which the full-width audit runs on the whole page. On the
# partnership pages nine elements in ten are in closed folds: left in, they took most of axe's
# time, and every other rule passes them over as hidden.
# test_axe checks that the contents of every closed fold are hidden at both widths.
FOLDED_JS = """() => {
  const closed = [...document.querySelectorAll('details:not([open]) > :not(summary)')]
    .filter(el => !el.matches('details:not([open]) > * *'));
  const hidden = closed.filter(el => !el.checkVisibility());
  window.__csppSetAside = hidden.map(el => [el, el.parentNode, el.nextSibling]);
  hidden.forEach(el => el.remove());
  return {closed: closed.length, hidden: hidden.length};
}"""
RESTORE_JS = """() => (window.__csppSetAside || []).reverse()
  .forEach(([el, parent, next]) => parent.insertBefore(el, next))"""

# The WCAG rules that axe-core applies to hidden elements as well as drawn ones (its rules with
# `excludeHidden: false`), less color-contrast and link-in-text-block, which judge only text
# drawn on the screen. test_axe pins this list to the installed axe-core, and shows on the
# heaviest pages that these rules on the whole page, and every rule on the page without its
# folds' hidden contents, judge every element exactly as every rule on the whole page does.
HIDDEN_CONTENT_RULES = [
    "area-alt",
    "aria-hidden-body",
    "aria-hidden-focus",
    "blink",
    "duplicate-id-aria",
    "marquee",
    "meta-refresh",
    "meta-viewport",
    "no-autoplay-audio",
]

# Two animation frames: what the page does in reply to a change (ResizeObserver callbacks, the
# choice of each chart's file, the theme's reaction to focus) has run before it is measured.
SETTLED_JS = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def settle(page) -> None:
    page.evaluate(SETTLED_JS)


def measure_and_audit(page, site: Built, path: str, width: str) -> Visit:
    """Measure the page, audit it with every rule without the hidden contents of its closed
    folds, put those back and, at FULL_AUDIT_WIDTH, audit the whole page with the rules that
    judge hidden elements too."""
    layout = page.evaluate(LAYOUT_JS)
    folded = page.evaluate(FOLDED_JS)
    violations = run_axe(page, site)
    page.evaluate(RESTORE_JS)
    if width == FULL_AUDIT_WIDTH:
        violations += run_axe(page, site, HIDDEN_CONTENT_RULES)
    return Visit(path, width, violations, list(page.requests), csp_violations(page), layout, folded)


def visit(page, site: Built, path: str) -> list[Visit]:
    """Load the page at LOADED_WIDTH, as a phone does, then widen it to FULL_AUDIT_WIDTH, and
    measure and audit it at each (measure_and_audit). One load serves both widths: a load is
    about a quarter of a visit's CPU. The requests of the wider visit are all the page made."""
    page.requests.clear()
    page.console_errors.clear()
    page.set_viewport_size(WIDTHS[LOADED_WIDTH])
    page.goto(site.url + path, wait_until="load")
    narrow = measure_and_audit(page, site, path, LOADED_WIDTH)
    page.set_viewport_size(WIDTHS[FULL_AUDIT_WIDTH])
    settle(page)
    return [narrow, measure_and_audit(page, site, path, FULL_AUDIT_WIDTH)]


def crawl_share(site: Built, paths: list[str]) -> list[Visit]:
    with chromium() as browser, open_page(browser, LOADED_WIDTH) as page:
        return [v for path in paths for v in visit(page, site, path)]


def search_index_with_no_documents(site: Built) -> bytes:
    """The site's own search index config, with no documents."""
    index = json.loads((site.dir / SEARCH_INDEX).read_text(encoding="utf-8"))
    return json.dumps({**index, "docs": []}).encode()


@pytest.fixture(scope="session")
def crawl(site) -> list[Visit]:
    """Every page at every width, audited with axe-core, with the requests it made.
    Two threads, each with its own browser, share the pages: axe is CPU-bound.

    Every page load starts Material's search worker, which fetches the whole search index and
    builds its Lunr index: about a quarter of the CPU of a visit, for a dialog the crawl never
    opens. So while the crawl runs, the server answers that request with no documents; the
    request is still made and recorded. The search dialog, with the real index, is audited on
    its own (test_axe.test_no_axe_violations_with_search_dialog_open). The stub is served, not
    routed in the browser: Playwright's routing switches off the HTTP cache, and with it
    Chromium's cache of compiled scripts, which every visit reuses."""
    with (
        site.answering(SEARCH_INDEX, search_index_with_no_documents(site)),
        ThreadPoolExecutor(max_workers=BROWSERS) as pool,
    ):
        paths = site.paths()
        runs = [pool.submit(crawl_share, site, paths[i::BROWSERS]) for i in range(BROWSERS)]
        return [v for run in runs for v in run.result()]


def describe_violations(visits: list[Visit]) -> list[str]:
    lines = []
    for v in visits:
        for violation in v.violations:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]][:5]
            lines.append(
                f"/{v.path} at {v.width}: {violation['id']} ({violation['impact']}): "
                f"{violation['help']}; {len(violation['nodes'])} element(s), e.g. {targets}"
            )
    return lines
