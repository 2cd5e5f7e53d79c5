"""Text from the data never runs: a site built from packages whose text fields carry script,
HTML, Markdown and template payloads shows them as plain text, and a javascript: URL in a URL
field is refused by validation."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cspp.validate import validate_packages

from browser_support import csp_violations, open_page
from support import PAYLOADS, edit_csv_rows

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def injected_site(injected):
    """The session's build with markup in every free-text column (tests/conftest.py)."""
    site, packages, _ = injected
    return site, first_plan_with_priorities(packages)


def first_plan_with_priorities(packages: Path) -> dict:
    with (packages / "plans" / "priorities.csv").open(encoding="utf-8", newline="") as f:
        plan_id = next(csv.DictReader(f))["plan_id"]
    with (packages / "plans" / "plans.csv").open(encoding="utf-8", newline="") as f:
        return next(row for row in csv.DictReader(f) if row["plan_id"] == plan_id)


def pages_with_payload(site) -> list[str]:
    return [
        p
        for p in site.paths()
        if "pwned"
        in (site.dir / (p + "index.html" if p.endswith("/") or not p else p)).read_text(
            encoding="utf-8"
        )
    ]


def test_payload_reaches_the_plan_and_partnership_pages(injected_site):
    site, plan = injected_site
    found = pages_with_payload(site)
    assert f"plans/{plan['plan_id']}/" in found
    assert f"partnerships/{plan['partnership_id']}/" in found


def kind(path: str) -> str:
    """Pages made from the same template share a kind: plans/x/ and plans/y/ are "plans/*"."""
    parts = path.strip("/").split("/")
    return f"{parts[0]}/*" if len(parts) > 1 and parts[0] in GENERATED else path


GENERATED = {"partnerships", "plans", "indicators"}


def sample_by_kind(paths: list[str], per_kind: int = 3) -> list[str]:
    chosen: dict[str, list[str]] = {}
    for path in paths:
        chosen.setdefault(kind(path), [])
        if len(chosen[kind(path)]) < per_kind:
            chosen[kind(path)].append(path)
    return [path for paths in chosen.values() for path in paths]


def test_no_payload_executes_or_loads_anything(injected_site, browser):
    """In a browser, on three pages of every kind that shows the payload (every page is read
    for markup without a browser in tests/test_site.py)."""
    site, plan = injected_site
    problems = []
    pages = sample_by_kind(pages_with_payload(site))
    assert {"plans/*", "partnerships/*", "indicators/*", "compare/themes/"} <= set(map(kind, pages))
    with open_page(browser) as page:
        for path in pages:
            page.requests.clear()
            page.console_errors.clear()
            page.goto(site.url + path, wait_until="load")
            problems += [f"/{path}: {p}" for p in executed(page)]
    assert problems == [], "\n".join(problems)


def executed(page) -> list[str]:
    found = []
    if page.evaluate("() => window.__pwned") is not None:
        found.append("window.__pwned was set")
    found += [f"dialog: {d}" for d in page.dialogs]
    found += [f"request: {u}" for u in page.requests if "evil.example" in u]
    found += [f"policy violation: {v}" for v in csp_violations(page)]  # escaping must suffice
    found += [
        f"javascript: link {h}"
        for h in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        if h.lower().startswith("javascript:")
    ]
    return found


def test_payload_text_is_shown_literally(injected_site, browser):
    site, plan = injected_site
    with open_page(browser) as page:
        for path in (f"plans/{plan['plan_id']}/", f"partnerships/{plan['partnership_id']}/"):
            page.goto(site.url + path, wait_until="load")
            text = page.locator("article").inner_text()
            missing = [p for p in PAYLOADS if p not in text]
            assert missing == [], f"/{path} does not show {missing} as text"


def test_payload_in_search_results_is_inert(injected_site, browser):
    site, plan = injected_site
    with open_page(browser) as page:
        page.goto(site.url, wait_until="load")
        page.keyboard.press("/")
        page.keyboard.type("pwned")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        page.wait_for_timeout(500)
        assert executed(page) == []


def test_javascript_url_is_refused_by_validation(small_packages):
    plan = first_plan_with_priorities(small_packages)

    def plans(rows):
        next(r for r in rows if r["plan_id"] == plan["plan_id"])["document_url"] = (
            "javascript:window.__pwned=1"
        )

    edit_csv_rows(small_packages / "plans" / "plans.csv", plans)
    problems = validate_packages(small_packages)
    assert [(p.file, p.field, p.value) for p in problems] == [
        ("datapackages/plans/plans.csv", "document_url", "javascript:window.__pwned=1")
    ]
