"""A wrong edit never produces a broken or half-updated site: site/ stays exactly as it was.
The data is the small dataset (fixtures/dataset.py): six partnerships, their eight councils and
those councils' family groups."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspp import cli
from cspp.publish import build
from cspp.publish.mkdocs import MkDocsFailed

from support import snapshot


@pytest.fixture
def existing_site(tmp_path) -> Path:
    site = tmp_path / "site"
    (site / "partnerships" / "tayside").mkdir(parents=True)
    (site / "index.html").write_text("<h1>the published site</h1>", encoding="utf-8")
    (site / "partnerships" / "tayside" / "index.html").write_text("<h1>Tayside</h1>")
    return site


def break_a_council_code(packages: Path) -> None:
    path = packages / "partnerships" / "councils.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("S12000033", "S1200003X", 1)
    path.write_text("".join(lines), encoding="utf-8")


def test_build_function_refuses_invalid_data_and_leaves_site_unchanged(
    small_packages, existing_site, tmp_path
):
    break_a_council_code(small_packages)
    before = snapshot(existing_site)
    problems = build.build_site(
        site_dir=existing_site, packages=small_packages, cache=tmp_path / "cache"
    )
    # Aberdeen City's code is gone, so its two family groups (lines 4 and 12) point at nothing.
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("datapackages/partnerships/councils.csv", 2, "council_code"),
        ("datapackages/partnerships/family_groups.csv", 4, "council_code"),
        ("datapackages/partnerships/family_groups.csv", 12, "council_code"),
    ]
    assert snapshot(existing_site) == before
    assert not list(existing_site.parent.glob(".site-*")), "no staging folder is left behind"


def test_build_command_prints_the_report_and_exits_1(
    small_packages, existing_site, capsys, tmp_path
):
    break_a_council_code(small_packages)
    before = snapshot(existing_site)
    code = cli.main(
        [
            "build",
            "--packages",
            str(small_packages),
            "--site-dir",
            str(existing_site),
            "--cache-dir",
            str(tmp_path / "cache"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines()[-1] == "3 problems in 2 files. Nothing was built."
    assert snapshot(existing_site) == before


def test_a_failing_mkdocs_build_leaves_site_unchanged(
    small_packages, existing_site, monkeypatch, tmp_path, small_build
):
    def fail(docs, out, site_url, *configuration):
        (out / "index.html").write_text("half written", encoding="utf-8")
        raise MkDocsFailed("WARNING: a page links to a file that does not exist")

    monkeypatch.setattr(build, "run_mkdocs", fail)
    before = snapshot(existing_site)
    cache = small_build.charts_into(tmp_path / "cache")  # MkDocs fails, not rendering
    with pytest.raises(build.BuildError, match="does not exist"):
        build.build_site(site_dir=existing_site, packages=small_packages, cache=cache)
    assert snapshot(existing_site) == before
    assert not list(existing_site.parent.glob(".site-*"))


def test_invalid_data_stops_the_build_before_any_chart_or_page(
    small_packages, existing_site, monkeypatch, tmp_path
):
    started = []
    monkeypatch.setattr(build, "ChartFiles", lambda *args: started.append("charts"))
    monkeypatch.setattr(build, "page_files", lambda *args: started.append("pages"))
    break_a_council_code(small_packages)
    problems = build.build_site(
        site_dir=existing_site, packages=small_packages, cache=tmp_path / "cache"
    )
    assert [p.line for p in problems] == [2, 4, 12]  # councils.csv, then its two family groups
    assert started == []
