"""No page asks another site for anything, every page carries a Content-Security-Policy that
forbids inline script, and the theme (search included) works under that policy."""

from __future__ import annotations

import pytest

from browser_support import csp_violations, open_page
from support import TEST_REPOSITORY, page_soup

pytestmark = pytest.mark.browser

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}  # data, never executed


def directives(policy: str) -> dict[str, list[str]]:
    parts = (d.split() for d in policy.split(";") if d.strip())
    return {words[0]: words[1:] for words in parts}


def test_no_page_requests_anything_from_another_host(crawl, site):
    outside = [
        f"/{v.path} at {v.width} requested {url}"
        for v in crawl
        for url in v.requests
        if not site.is_local(url)
    ]
    assert outside == [], "\n".join(outside)
    assert all(v.requests for v in crawl), "the request log is empty: is the listener attached?"


def test_the_header_links_to_the_repository_and_asks_its_host_nothing(site, browser):
    """The session's build has a repository address, so every page's header links to it; with
    Material's own partial, its JavaScript would then ask api.github.com for the repository's
    stars and forks (overrides/partials/source.html)."""
    with open_page(browser) as page:
        page.goto(site.url, wait_until="networkidle")
        link = page.locator("header a.md-source")
        assert link.get_attribute("href") == TEST_REPOSITORY and link.is_visible()
        assert page.locator(".md-source__facts").count() == 0
        assert [url for url in page.requests if not site.is_local(url)] == []
        assert csp_violations(page) == []


def test_no_policy_violation_on_any_page(crawl):
    violations = [f"/{v.path} at {v.width}: {c}" for v in crawl for c in v.csp]
    assert violations == [], "\n".join(violations)


def test_every_page_has_a_policy_before_its_first_script(site):
    for html in sorted(site.dir.rglob("*.html")):
        head = page_soup(html).head
        meta = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, html
        assert head.find("script").find_previous("meta") is meta, html
        policy = directives(meta["content"])
        assert policy["default-src"] == ["'self'"], html
        assert policy["script-src"] == ["'self'"], html
        assert policy["object-src"] == ["'none'"], html


def test_no_page_has_inline_script_the_policy_would_block(site):
    inline = []
    for html in sorted(site.dir.rglob("*.html")):
        soup = page_soup(html)
        inline += [
            f"{html.relative_to(site.dir)}: {s.decode()[:80]}"
            for s in soup.find_all("script")
            if not s.get("src") and s.get("type") not in DATA_SCRIPT_TYPES
        ]
        inline += [
            f"{html.relative_to(site.dir)}: {tag.name} {name}"
            for tag in soup.find_all(True)
            for name in tag.attrs
            if name.lower().startswith("on")
        ]
    assert inline == [], "\n".join(inline)


def test_policy_is_enforced_in_the_browser(site, browser):
    # Even if escaping failed somewhere, injected handlers must not run.
    with open_page(browser) as page:
        page.goto(site.url, wait_until="load")
        page.evaluate("""() => document.body.insertAdjacentHTML("beforeend",
            '<img src="x" onerror="window.__pwned = 1">')""")
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__pwned") is None
        assert any("script-src" in v for v in csp_violations(page))


def test_search_works_under_the_policy(site, browser):
    with open_page(browser) as page:
        page.goto(site.url, wait_until="load")
        page.keyboard.press("/")  # Material's shortcut opens the search dialog
        page.keyboard.type("Tayside")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        assert "Tayside" in page.locator(".md-search-result__list").inner_text()
        assert csp_violations(page) == []
        assert page.console_errors == []
