"""The Material templates this site forks still match the copies they were forked from.

A fork replaces Material's whole file, so an upgrade's changes to that file do not reach the site
unless someone carries them over. The copy each fork was made from is kept in
tests/fixtures/material/<version>/; when the installed Material's file differs from it, the test
shows the upstream change as a diff and names the forks to update.
"""

from __future__ import annotations

import difflib
import re
from importlib.metadata import version
from pathlib import Path

import material
import pytest

from cspp.paths import ROOT

MATERIAL_VERSION = "9.8.1"  # the version every fork was made from
PINNED = ROOT / "tests" / "fixtures" / "material" / MATERIAL_VERSION
INSTALLED = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "site_src" / "overrides"

# Material's template -> the files in site_src/overrides made from it. The two scripts are
# Material's inline scripts moved into files, so the Content-Security-Policy can forbid inline
# scripts.
FORKS = {
    "base.html": ["base.html"],
    "main.html": ["main.html"],
    "partials/javascripts/base.html": [
        "partials/javascripts/base.html",
        "assets/javascripts/md-scope.js",
    ],
    "partials/javascripts/content.html": [
        "partials/javascripts/content.html",
        "assets/javascripts/md-content.js",
    ],
    "partials/nav-item.html": ["partials/nav-item.html"],
    "partials/search.html": ["partials/search.html"],
    "partials/source.html": ["partials/source.html"],
    "partials/toc.html": ["partials/toc.html"],
}


@pytest.mark.parametrize("template", sorted(FORKS))
def test_material_template_is_unchanged_since_it_was_forked(template):
    then = (PINNED / template).read_text(encoding="utf-8")
    now = (INSTALLED / template).read_text(encoding="utf-8")
    installed = version("mkdocs-material")
    diff = "".join(
        difflib.unified_diff(
            then.splitlines(keepends=True),
            now.splitlines(keepends=True),
            f"material {MATERIAL_VERSION}/{template}",
            f"material {installed}/{template}",
        )
    )
    forks = ", ".join(f"site_src/overrides/{fork}" for fork in FORKS[template])
    if now != then:
        pytest.fail(
            f"Material {installed} changed {template} since {forks} forked it from "
            f"{MATERIAL_VERSION}: carry the change over into the fork, then pin the new "
            f"copy (tests/fixtures/material/README.md).\n{diff}"
        )


def test_every_fork_names_the_version_it_was_made_from():
    for fork in (fork for forks in FORKS.values() for fork in forks):
        text = (OVERRIDES / fork).read_text(encoding="utf-8")
        assert re.search(rf"\bMaterial (for MkDocs )?{re.escape(MATERIAL_VERSION)}\b", text), fork


def test_every_override_of_a_material_template_is_a_declared_fork():
    overrides = {
        path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*") if path.is_file()
    }
    replaced = {path for path in overrides if (INSTALLED / path).is_file()}
    declared = {fork for forks in FORKS.values() for fork in forks}
    assert declared <= overrides, sorted(declared - overrides)
    assert replaced <= declared, (
        f"{sorted(replaced - declared)}: add each to FORKS, with "
        f"Material's copy in tests/fixtures/material/{MATERIAL_VERSION}"
    )
    pinned = {path.relative_to(PINNED).as_posix() for path in PINNED.rglob("*.html")}
    assert pinned == set(FORKS)
