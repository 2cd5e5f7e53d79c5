"""Text from the data never runs: a site built from packages whose text fields carry script,
HTML, Markdown and template payloads shows them as plain text, and a javascript: URL in a URL
field is refused by validation."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from browser_support import build_and_serve, csp_violations, open_page
from support import edit_csv_rows
from cspp.paths import DATAPACKAGES
from cspp.validate import validate_packages

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "[x](javascript:window.__pwned=1)",
    "![x](https://evil.example/x.png)",
    "<!-- comment -->",
    "{{ 7*7 }}",
]
PAYLOAD = "pwned " + " ".join(PAYLOADS)
# Passes the https-only pattern (no spaces) but would break out of an unescaped href attribute.
URL_PAYLOAD = 'https://evil.example/"><img/src=x/onerror=window.__pwned=1>'


def first_plan_with_priorities(packages: Path) -> dict:
    with (packages / "plans" / "priorities.csv").open(encoding="utf-8", newline="") as f:
        plan_id = next(csv.DictReader(f))["plan_id"]
    with (packages / "plans" / "plans.csv").open(encoding="utf-8", newline="") as f:
        return next(row for row in csv.DictReader(f) if row["plan_id"] == plan_id)


def inject(packages: Path, plan: dict) -> None:
    def plans(rows):
        row = next(r for r in rows if r["plan_id"] == plan["plan_id"])
        row.update(title=PAYLOAD, vision=PAYLOAD, document_url=URL_PAYLOAD)

    def priorities(rows):
        next(r for r in rows if r["plan_id"] == plan["plan_id"])["text"] = PAYLOAD

    def memberships(rows):
        next(r for r in rows if r["partnership_id"] == plan["partnership_id"])["organisation"] = PAYLOAD

    edit_csv_rows(packages / "plans" / "plans.csv", plans)
    edit_csv_rows(packages / "plans" / "priorities.csv", priorities)
    edit_csv_rows(packages / "partnerships" / "memberships.csv", memberships)


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    root = tmp_path_factory.mktemp("injected")
    packages = Path(shutil.copytree(DATAPACKAGES, root / "datapackages"))
    plan = first_plan_with_priorities(packages)
    inject(packages, plan)
    for site in build_and_serve(root / "site", packages):
        yield site, plan


def pages_with_payload(site) -> list[str]:
    return [p for p in site.paths()
            if "pwned" in (site.dir / (p + "index.html" if p.endswith("/") or not p else p))
            .read_text(encoding="utf-8")]


def test_payload_reaches_the_plan_and_partnership_pages(injected):
    site, plan = injected
    found = pages_with_payload(site)
    assert f"plans/{plan['plan_id']}/" in found
    assert f"partnerships/{plan['partnership_id']}/" in found


def test_no_payload_executes_or_loads_anything(injected, browser):
    site, plan = injected
    problems = []
    with open_page(browser) as page:
        for path in pages_with_payload(site):
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
    found += [f"javascript: link {h}" for h in page.eval_on_selector_all(
        "a[href]", "els => els.map(e => e.getAttribute('href'))") if h.lower().startswith("javascript:")]
    return found


def test_payload_text_is_shown_literally(injected, browser):
    site, plan = injected
    with open_page(browser) as page:
        for path in (f"plans/{plan['plan_id']}/", f"partnerships/{plan['partnership_id']}/"):
            page.goto(site.url + path, wait_until="load")
            text = page.locator("article").inner_text()
            missing = [p for p in PAYLOADS if p not in text]
            assert missing == [], f"/{path} does not show {missing} as text"


def test_payload_in_search_results_is_inert(injected, browser):
    site, plan = injected
    with open_page(browser) as page:
        page.goto(site.url, wait_until="load")
        page.keyboard.press("/")
        page.keyboard.type("pwned")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        page.wait_for_timeout(500)
        assert executed(page) == []


def test_javascript_url_is_refused_by_validation(tmp_path):
    packages = Path(shutil.copytree(DATAPACKAGES, tmp_path / "datapackages"))
    plan = first_plan_with_priorities(packages)

    def plans(rows):
        next(r for r in rows if r["plan_id"] == plan["plan_id"])["document_url"] = \
            "javascript:window.__pwned=1"

    edit_csv_rows(packages / "plans" / "plans.csv", plans)
    problems = validate_packages(packages)
    assert [(p.file, p.field, p.value) for p in problems] == [
        ("datapackages/plans/plans.csv", "document_url", "javascript:window.__pwned=1")]
