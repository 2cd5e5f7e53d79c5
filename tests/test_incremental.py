"""A rebuild after a small correction redoes only what changed (the pages MkDocs rebuilds, the
generation steps), and its site is the same, file for file, as a full build of the same data
from an empty cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import copy_packages, edit_csv_rows, snapshot

from cspp import build
from cspp.build import build_site
from cspp.incremental import Published, signature

# The SQLite download is the one file two full builds of the same data do not write identically
# (SQLAlchemy orders a table's constraints differently from run to run).
NOT_REPRODUCIBLE = ".sqlite"


def correct_a_plan_title(packages: Path, suffix: str) -> None:
    def edit(rows):
        rows[0]["title"] += suffix
    edit_csv_rows(packages / "plans" / "plans.csv", edit)


def built_pages(site: Path) -> dict[str, int]:
    """Each built page and when it was last written."""
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def comparable(site: Path) -> dict[str, str]:
    return {name: digest for name, digest in snapshot(site).items()
            if not name.endswith(NOT_REPRODUCIBLE)}


def change_an_indicator_value(packages: Path) -> None:
    def edit(rows):
        rows[0]["value"] = str(int(rows[0]["value"]) + 1)
    edit_csv_rows(packages / "measures" / "indicator_values.csv", edit)


def full_build(packages: Path, base: Path) -> Path:
    """A build with no earlier site and an empty cache."""
    site = base / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "CACHE", base / "cache")
        assert build_site(site_dir=site, packages=packages) == []
    return site


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    """A site built, then rebuilt after one plan title changed; and a full build of the same."""
    base = tmp_path_factory.mktemp("incremental")
    packages = copy_packages(base / "datapackages")
    correct_a_plan_title(packages, " (draft)")  # the data version is today's from the start
    site = base / "site"
    assert build_site(site_dir=site, packages=packages) == []
    before = built_pages(site)
    correct_a_plan_title(packages, " (corrected)")
    assert build_site(site_dir=site, packages=packages) == []
    full = full_build(packages, base / "full")
    return {"packages": packages, "site": site, "full": full, "before": before}


def test_only_pages_whose_source_changed_are_rebuilt(rebuilt):
    before, after = rebuilt["before"], built_pages(rebuilt["site"])
    rewritten = {page for page in after if after[page] != before.get(page)}
    untouched = set(after) - rewritten
    assert "404.html" in rewritten  # MkDocs writes its templates every time
    assert "partnerships/index.html" in untouched
    assert "indicators/index.html" in untouched
    assert len(rewritten) < len(after) / 4


def test_the_rebuilt_site_is_the_same_as_a_full_build(rebuilt):
    site, full = rebuilt["site"], rebuilt["full"]
    assert comparable(site) == comparable(full)
    assert "(corrected)" in (site / "search" / "search_index.json").read_text(encoding="utf-8")


def test_the_search_index_keeps_every_page_not_rebuilt(rebuilt):
    index = json.loads((rebuilt["site"] / "search" / "search_index.json").read_text("utf-8"))
    pages = {entry["location"].split("#")[0] for entry in index["docs"]}
    assert {"", "partnerships/", "indicators/", "partnerships/tayside/"} <= pages


def test_a_changed_indicator_value_reaches_every_page_that_shows_it(rebuilt, tmp_path):
    site, packages = rebuilt["site"], rebuilt["packages"]
    change_an_indicator_value(packages)
    assert build_site(site_dir=site, packages=packages) == []
    full = full_build(packages, tmp_path)
    assert comparable(site) == comparable(full)
    assert comparable(site) != comparable(rebuilt["full"])


def test_a_site_replaced_by_hand_is_rebuilt_in_full(rebuilt, tmp_path):
    site, packages = rebuilt["site"], rebuilt["packages"]
    index = site / "search" / "search_index.json"
    index.write_text(index.read_text("utf-8").replace("Tayside", "Tay"), encoding="utf-8")
    assert not Published(site).can_rebuild_changed_only(
        json.loads(Published(site).state.read_text("utf-8"))["signature"])
    before = built_pages(site)
    assert build_site(site_dir=site, packages=packages) == []
    after = built_pages(site)
    assert all(after[page] != before[page] for page in after)
    assert comparable(site) == comparable(full_build(packages, tmp_path))


def test_a_different_site_url_is_a_different_build(tmp_path, monkeypatch):
    # Every page's canonical link carries the site URL, so no page can be kept.
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    monkeypatch.setenv("SITE_URL", "https://one.example/")
    first = signature(docs, None)
    monkeypatch.setenv("SITE_URL", "https://two.example/")
    assert signature(docs, None) != first
    assert signature(docs, "https://one.example/") == first


def test_a_damaged_record_means_a_full_build(tmp_path):
    site = tmp_path / "site"
    published = Published(site)
    published.docs.mkdir(parents=True)
    published.state.write_text("{not json", encoding="utf-8")
    assert not published.can_rebuild_changed_only(signature(published.docs, None))
