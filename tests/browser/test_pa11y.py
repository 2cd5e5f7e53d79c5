"""pa11y with the HTML_CodeSniffer runner (WCAG 2 AA), a second accessibility engine beside axe:
on every hub page and two pages of each generated kind, chosen so that every template and chart
type is checked (axe still checks every page). It is shown able to fail on a page with a fault."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from cspp.paths import ROOT

from browser_support import CHROMIUM, CHROMIUM_ARGS, SEARCH_INDEX, search_index_with_no_documents
from support import serve

pytestmark = pytest.mark.browser

PA11Y = ROOT / "node_modules" / ".bin" / "pa11y-ci"  # npm ci
# The one place where an HTML_CodeSniffer error may be allowed, each with its reason. Empty.
PA11Y_EXCEPTIONS: dict[str, str] = {}
GENERATED = ("partnerships/", "plans/", "indicators/", "compare/themes/", "releases/")


def run_pa11y(urls: list[str], folder: Path) -> dict[str, list[dict]]:
    """Each URL's errors, less the allowed exceptions. Two pa11y-ci processes, one per core,
    each taking every other page one at a time: pa11y-ci's own concurrency loses pages here
    ("No target with given id found")."""
    shares = [urls[i::2] for i in range(2) if urls[i::2]]
    runs = [
        subprocess.Popen(
            [str(PA11Y), "--config", str(config(share, folder / f"pa11y-{i}.json")), "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, share in enumerate(shares)
    ]
    results = {}
    for run in runs:
        stdout, _ = run.communicate(timeout=900)
        results.update(json.loads(stdout)["results"])
    return {
        url: [i for i in issues if i.get("code") not in PA11Y_EXCEPTIONS]
        for url, issues in results.items()
    }


def config(urls: list[str], path: Path) -> Path:
    path.write_text(
        json.dumps(
            {
                "urls": urls,
                "defaults": {
                    "standard": "WCAG2AA",
                    "runners": ["htmlcs"],
                    "timeout": 60000,
                    "concurrency": 1,
                    "chromeLaunchConfig": {"executablePath": CHROMIUM, "args": CHROMIUM_ARGS},
                },
            }
        ),
        encoding="utf-8",
    )
    return path


def describe(results: dict[str, list[dict]]) -> str:
    return "\n".join(
        f"{url}: {issue.get('code') or issue.get('message')} {issue.get('context', '')[:100]}"
        for url, issues in results.items()
        for issue in issues
    )


def sample(site) -> list[str]:
    """Every page not made from a template of many pages, and two of each such template: a
    partnership of three councils and one of one, an indicator with a trend chart and one
    without, two plans, two themes and two releases."""
    paths = site.paths()
    chosen = [p for p in paths if not p.startswith(GENERATED) or p in GENERATED]
    indicators, plans, themes, releases = (
        [p for p in paths if p.startswith(folder) and p != folder]
        for folder in ("indicators/", "plans/", "compare/themes/", "releases/")
    )
    with_trend = [
        p for p in indicators if (site.dir / "charts" / f"{p.split('/')[1]}-trend.svg").exists()
    ]
    without = [p for p in indicators if p not in with_trend]
    return chosen + [
        "partnerships/tayside/",
        "partnerships/fife/",
        with_trend[0],
        without[0],
        *plans[:2],
        *themes[:2],
        *releases[:2],
    ]


def test_pa11y_finds_no_error_on_every_kind_of_page(site, tmp_path):
    pages = sample(site)
    assert {"", "search/", "compare/map/", "compare/themes/", "review/"} <= set(pages)
    # As in the crawl (browser_support.crawl): pa11y never opens the search dialog, so the
    # search worker gets the index with no documents instead of building Lunr on every page.
    with site.answering(SEARCH_INDEX, search_index_with_no_documents(site)):
        results = run_pa11y([site.url + page for page in pages], tmp_path)
    assert len(results) == len(pages)
    assert not any(results.values()), describe(results)


def test_pa11y_reports_a_form_without_a_submit_button(tmp_path):
    page = tmp_path / "site"
    page.mkdir()
    (page / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>A form</title></head><body><main>'
        '<form action="x"><label for="q">Query</label><input id="q" name="q"></form>'
        "</main></body></html>",
        encoding="utf-8",
    )
    with serve(page) as url:
        results = run_pa11y([url], tmp_path)
    codes = {issue.get("code", "") for issue in results[url]}
    assert any(code.endswith("H32.2") for code in codes), codes


def test_no_error_of_pa11y_is_allowed():
    # Allowing one is a deliberate act: say why in PA11Y_EXCEPTIONS and here.
    assert PA11Y_EXCEPTIONS == {}
