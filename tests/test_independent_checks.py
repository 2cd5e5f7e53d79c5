"""Checks by tools this project did not write, over every page of the built site: the Nu HTML
Checker, and a link checker for every link, anchor and asset. Each is shown able to fail on a
small page with the fault it looks for. (pa11y, which needs a browser, is in browser/.)"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from cspp.paths import ROOT

from support import load_tool, page_soup

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"  # npm ci
# The one place where a Nu HTML Checker message may be allowed, each with its reason. Empty.
VNU_EXCEPTIONS: dict[str, str] = {}
links = load_tool("check_links")


def vnu_errors(folder: Path) -> list[dict]:
    """The checker's errors for every HTML file under folder, less the allowed exceptions."""
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--skip-non-html",
            "--errors-only",
            "--format",
            "json",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [m for m in messages if m["message"] not in VNU_EXCEPTIONS]


def describe(messages: list[dict]) -> str:
    return "\n".join(
        f"{Path(urlsplit(m['url']).path).name} line {m.get('lastLine')}: {m['message']}"
        for m in messages[:20]
    )


def test_the_nu_html_checker_finds_no_error_on_any_page(built):
    errors = vnu_errors(built.dir)
    assert errors == [], describe(errors)


def test_the_nu_html_checker_reports_the_faults_it_found_in_the_theme(tmp_path):
    (tmp_path / "page.html").write_text(
        '<!doctype html><html lang="en"><title>t</title>'
        '<input type="checkbox" id="a" autocomplete="off">'
        '<label for="nowhere">a label for no control</label></html>',
        encoding="utf-8",
    )
    messages = [m["message"] for m in vnu_errors(tmp_path)]
    assert any("autocomplete" in m for m in messages), messages
    assert any("for" in m and "label" in m for m in messages), messages


def test_no_message_of_the_nu_html_checker_is_allowed():
    # Allowing one is a deliberate act: say why in VNU_EXCEPTIONS and here.
    assert VNU_EXCEPTIONS == {}


def test_every_link_anchor_and_asset_resolves_within_the_site(built):
    broken = links.broken_links(built.dir, urlsplit(built.url).path, parse=page_soup)
    assert broken == [], "\n".join(map(str, broken[:20]))


def test_the_link_checker_reports_broken_links_anchors_and_assets(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">A</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/">fine</a> <a href="a/#here">fine</a> <a href="#top" id="top">fine</a>'
        '<a href="https://example.org/x">elsewhere</a> <a href="mailto:x@example.org">mail</a>'
        '<a href="b/">no page</a> <a href="a/#there">no anchor</a> <img src="c.svg" alt="">'
        '<link rel="stylesheet" href="/site/style.css">',
        encoding="utf-8",
    )
    (tmp_path / "style.css").write_text("", encoding="utf-8")
    found = {(b.reference, b.problem) for b in links.broken_links(tmp_path, "/site/")}
    assert found == {
        ("b/", "no such file"),
        ("a/#there", "no such anchor"),
        ("c.svg", "no such file"),
    }
    assert links.broken_links(tmp_path, "/elsewhere/") != []  # the stylesheet is below /site/


def test_the_link_checker_reads_a_site_served_at_the_root(tmp_path):
    """The command's default base path, "/": a root-relative link and a relative one are read
    inside the site (they were once all taken for links to other sites, so nothing was checked)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">A</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="/a/#here">fine</a> <a href="a/#there">no anchor</a> <img src="c.svg" alt="">',
        encoding="utf-8",
    )
    found = {(b.reference, b.problem) for b in links.broken_links(tmp_path)}
    assert found == {("a/#there", "no such anchor"), ("c.svg", "no such file")}
