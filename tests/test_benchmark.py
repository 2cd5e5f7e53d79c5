"""The benchmark's own parts: synthetic data that stays valid and builds, and page weight
arithmetic."""

from __future__ import annotations

import csv
import gzip

from cspp.paths import DATAPACKAGES
from cspp.publish.build import build_site
from cspp.validate import validate_packages

from support import load_tool

benchmark = load_tool("benchmark")


def rows(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_synthetic_data_is_valid_and_repeats_partnerships_but_not_councils(tmp_path):
    out = tmp_path / "datapackages"
    benchmark.make_synthetic(DATAPACKAGES, out, 2)

    real = rows(DATAPACKAGES / "partnerships" / "partnerships.csv")
    made = rows(out / "partnerships" / "partnerships.csv")
    assert len(made) == 2 * len(real)
    assert len({r["partnership_id"] for r in made}) == len(made)
    assert len({r["area_name"] for r in made}) == len(made)
    assert len(rows(out / "partnerships" / "councils.csv")) == 32
    assert len(rows(out / "plans" / "priorities.csv")) == 2 * len(
        rows(DATAPACKAGES / "plans" / "priorities.csv")
    )
    assert validate_packages(out) == []


def test_the_scaled_small_dataset_builds_a_page_for_every_copy(small_dataset, tmp_path):
    """`make bench` builds scaled data; a page that breaks on it must fail here first. A cloned
    partnership has no council (the councils are Scotland's, kept once)."""
    scaled = tmp_path / "datapackages"
    benchmark.make_synthetic(small_dataset, scaled, 2)
    partnerships = [r["partnership_id"] for r in rows(scaled / "partnerships" / "partnerships.csv")]
    assert "tayside-x2" in partnerships

    problems = build_site(site_dir=tmp_path / "site", packages=scaled, cache=tmp_path / "cache")

    assert [p.to_dict() for p in problems] == []
    for partnership in partnerships:
        assert (tmp_path / "site" / "partnerships" / partnership / "index.html").is_file()


def test_synthetic_copies_refer_to_their_own_copy():
    assert benchmark.suffix("tayside", 2, r"^[a-z0-9]+(-[a-z0-9]+)*$") == "tayside-x2"
    assert benchmark.suffix("lgbf_chn24", 3, r"^[a-z0-9_]+$") == "lgbf_chn24_x3"
    assert benchmark.suffix("tayside", 1, None) == "tayside"
    assert benchmark.suffix("", 2, None) == ""


def test_page_weight_counts_only_what_a_page_loads_beyond_the_shared_assets(tmp_path):
    site = tmp_path
    (site / "assets").mkdir()
    (site / "assets" / "theme.css").write_text("body{}" * 100)
    (site / "a").mkdir()
    (site / "a" / "chart.svg").write_text("<svg></svg>")
    home = '<link rel="stylesheet" href="assets/theme.css"><a href="a/">A</a>'
    page_a = (
        '<link rel="stylesheet" href="../assets/theme.css">'
        '<img src="chart.svg" alt=""><a href="https://example.org/x.png">x</a>'
    )
    missing = '<link rel="stylesheet" href="/assets/theme.css">'  # 404.html links from the root
    (site / "index.html").write_text(home)
    (site / "404.html").write_text(missing)
    (site / "a" / "index.html").write_text(page_a)
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text("{}")

    weight = benchmark.page_weights(site)

    by_page = {p["page"]: p for p in weight["pages"]}
    assert by_page["index.html"]["own"] == len(home)
    assert by_page["404.html"]["own"] == len(missing)
    assert by_page["a/index.html"]["own"] == len(page_a) + len("<svg></svg>")
    assert by_page["a/index.html"]["own_gzip"] == (
        len(gzip.compress(page_a.encode(), 6, mtime=0))
        + len(gzip.compress(b"<svg></svg>", 6, mtime=0))
    )
    assert weight["shared"] == len("body{}" * 100)
    assert weight["search_index"] == 2
    assert weight["site"] == len(home) + len(missing) + len(page_a) + len("<svg></svg>") + 600 + 2
