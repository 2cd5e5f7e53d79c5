"""A rebuild reuses what its inputs have not changed (rendered charts, validation, the indicator
pages and charts), and its site is the same, file for file, as a build from an empty cache.
The builds are of the small dataset (fixtures/dataset.py): what is reused does not depend on
the data's size. The first build is the session's small build, copied with its cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cspp.publish import build
from cspp.publish.build import build_site

from support import edit_csv_rows, snapshot

# The SQLite download is the one file two builds of the same data do not write identically
# (SQLAlchemy orders a table's constraints differently from run to run).
NOT_REPRODUCIBLE = ".sqlite"


def comparable(site: Path) -> dict[str, str]:
    return {
        name: digest
        for name, digest in snapshot(site).items()
        if not name.endswith(NOT_REPRODUCIBLE)
    }


def correct_a_plan_title(packages: Path) -> None:
    edit_csv_rows(
        packages / "plans" / "plans.csv",
        lambda rows: rows[0].update(title=rows[0]["title"] + " (corrected)"),
    )


def change_an_indicator_value(packages: Path) -> None:
    edit_csv_rows(
        packages / "measures" / "indicator_values.csv",
        lambda rows: rows[0].update(value=rows[0]["value"] + "1"),
    )  # 0.07 becomes 0.071


def from_empty_cache(packages: Path, base: Path) -> Path:
    assert build_site(site_dir=base / "site", packages=packages, cache=base / "cache") == []
    return base / "site"


class Calls:
    """Counts the calls of a function of the build module, and still calls it."""

    def __init__(self, monkeypatch, name: str) -> None:
        self.count, real = 0, getattr(build, name)

        def counting(*args, **kwargs):
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(build, name, counting)


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory, small_build):
    """The session's small build (from an empty cache), copied with its cache, then rebuilt
    with that cache after a plan title was corrected."""
    assert small_build.exit_code == 0
    base = tmp_path_factory.mktemp("rebuilds")
    packages = Path(shutil.copytree(small_build.packages, base / "datapackages"))
    site = Path(shutil.copytree(small_build.site, base / "site"))
    cache = Path(shutil.copytree(small_build.cache, base / "cache"))
    correct_a_plan_title(packages)
    with pytest.MonkeyPatch.context() as patch:
        indicators = Calls(patch, "indicator_charts")
        assert build_site(site_dir=site, packages=packages, cache=cache) == []
    return {"packages": packages, "site": site, "cache": cache, "indicators": indicators}


def test_a_plan_title_correction_reuses_the_indicator_pages_and_charts(rebuilt):
    assert rebuilt["indicators"].count == 0


def test_the_rebuilt_site_is_the_same_as_a_build_from_an_empty_cache(rebuilt, tmp_path):
    fresh = from_empty_cache(rebuilt["packages"], tmp_path)
    assert comparable(rebuilt["site"]) == comparable(fresh)
    assert "(corrected)" in (rebuilt["site"] / "search" / "search_index.json").read_text("utf-8")


def test_a_changed_indicator_value_reaches_every_page_that_shows_it(rebuilt, tmp_path, monkeypatch):
    packages, site, cache = rebuilt["packages"], rebuilt["site"], rebuilt["cache"]
    before = comparable(site)
    change_an_indicator_value(packages)
    indicators = Calls(monkeypatch, "indicator_charts")
    assert build_site(site_dir=site, packages=packages, cache=cache) == []
    assert indicators.count == 1
    assert comparable(site) == comparable(from_empty_cache(packages, tmp_path))
    assert comparable(site) != before
