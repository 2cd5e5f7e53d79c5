"""Charts: every chart block on the built site is complete, and chart data matches the packages."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pandas as pd
import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema
from bs4 import BeautifulSoup

from cspp.load.model import load_model, read_boundaries
from cspp.load.tables import named_tables
from cspp.render.charts import Chart, indicator_charts, map_chart, other_charts
from cspp.render.pages import html as pages_html
from cspp.shape.indicators import INDICATOR_TABLES, shape_indicators
from cspp.shape.site import shape_site

from support import page_soup, spec_rows

SCOTLAND = "S92000003"
LGBF = "lgbf_chn24"  # a proportion-valued LGBF series with several periods


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built.dir


@pytest.fixture(scope="module")
def model():
    return load_model()


def soup(path: Path) -> BeautifulSoup:
    return page_soup(path)


def chart_blocks(site: Path):
    for page in sorted(site.rglob("*.html")):
        for block in soup(page).select("div.cspp-chart"):
            yield page, block


def resolve(site: Path, page: Path, href: str) -> Path:
    """The file a relative link on a built page points to (directory URLs end in index.html)."""
    url = "/" + page.relative_to(site).as_posix()
    target = urlparse(urljoin(url, href)).path.lstrip("/")
    path = site / target
    return path / "index.html" if target.endswith("/") or path.is_dir() else path


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# ------------------------------------------------------------------ every chart on the site


def test_every_chart_has_title_description_table_csv_and_source(site):
    blocks = list(chart_blocks(site))
    assert len(blocks) > 100
    for page, block in blocks:
        where = f"{page.relative_to(site)} {block.get('data-chart-key')}"
        assert block.select_one(".cspp-chart-title").get_text(strip=True), where
        figure = block.select_one("figure.cspp-chart-figure")
        img, svg = figure.find("img"), figure.find("svg")
        assert (img is not None and img.get("alt")) or (
            svg is not None
            and svg.get("role") in ("img", "group")
            and svg.find("title")
            and svg.find("desc")
        ), where
        assert block.select_one(".cspp-chart-description p").get_text(strip=True), where
        table = block.select_one("details table")
        assert table is not None and table.select("tbody tr"), where
        csv_link = block.find("a", href=re.compile(r"\.csv$"))
        assert csv_link is not None and resolve(site, page, csv_link["href"]).is_file(), where
        assert block.select(".cspp-chart-source a[href]"), where
        if img is not None:
            assert resolve(site, page, img["src"]).is_file(), where
        source = figure.select_one("picture > source[media][srcset]")
        if source is not None:  # a wide layout beside the narrow one in img
            assert resolve(site, page, source["srcset"]).is_file(), where
            assert source["srcset"] != img["src"], where


def test_chart_images_make_no_requests_to_other_sites(site):
    for page, block in chart_blocks(site):
        for element in block.find_all(["img", "script", "link", "image"]):
            for attr in ("src", "href", "xlink:href"):
                value = element.get(attr, "")
                assert not value.startswith(("http://", "https://", "//")), page


def test_chart_text_stays_out_of_the_search_index(site):
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    map_svg = (site / "charts" / "council-areas-map.svg").read_text(encoding="utf-8")
    assert "Central belt, enlarged" in map_svg  # text that exists only inside the map's SVG
    assert "Central belt, enlarged" not in index


@pytest.mark.parametrize("layout", ["", "-narrow"])
def test_svg_files_have_an_accessible_name_and_description(site, layout):
    svg = (site / "charts" / f"{LGBF}-latest{layout}.svg").read_text(encoding="utf-8")
    root = BeautifulSoup(svg, "html.parser").find("svg")
    assert root["role"] == "img"
    assert "latest value for each council area" in root.find("title").get_text()
    assert "Range:" in root.find("desc").get_text()


# ------------------------------------------------------------------ chart data against packages


def test_indicator_chart_csv_equals_package_rows_for_latest_period(site, model):
    values = model.table("indicator_values")
    rows = values[values["indicator_id"] == LGBF]
    latest = sorted(rows["period"].unique())[-1]
    expected = {
        (r["area_code"], r["period"], float(r["value"]))
        for r in rows[rows["period"] == latest].to_dict("records")
    }
    plotted = read_csv(site / "charts" / f"{LGBF}-latest.csv")
    assert {(r["area_code"], r["period"], float(r["value"])) for r in plotted} == expected
    assert len(plotted) == len(expected)


def test_lgbf_proportions_are_shown_as_percentages(site):
    for row in read_csv(site / "charts" / f"{LGBF}-latest.csv"):
        assert float(row["value_shown"]) == pytest.approx(float(row["value"]) * 100)
        assert row["unit_shown"] == "% of children"  # indicator_labels.csv's plain unit


def test_tayside_councils_are_three_bars_of_one_partnership(site, model):
    councils = model.table("councils")
    tayside = set(councils.loc[councils["partnership_id"] == "tayside", "council_code"])
    plotted = read_csv(site / "charts" / f"{LGBF}-latest.csv")
    assert {r["area_code"] for r in plotted if r["partnership_id"] == "tayside"} == tayside
    assert len(tayside) == 3


def test_latest_chart_names_min_and_max_councils_and_scotland(site, model):
    values = model.table("indicator_values")
    rows = values[values["indicator_id"] == LGBF]
    latest = rows[rows["period"] == sorted(rows["period"].unique())[-1]]
    councils = latest[latest["area_code"] != SCOTLAND]
    lowest = councils.loc[councils["value"].idxmin()]
    text = (site / "indicators" / LGBF / "index.html").read_text(encoding="utf-8")
    block = BeautifulSoup(text, "html.parser").select_one(
        f'[data-chart-key="indicator-latest:{LGBF}"]'
    )
    description = block.select_one(".cspp-chart-description").get_text(" ")
    assert f"{lowest['value'] * 100:.1f}% of children ({lowest['area_name']})" in description
    scotland = latest.loc[latest["area_code"] == SCOTLAND, "value"].iloc[0]
    assert f"Scotland: {scotland * 100:.1f}%" in description


def test_trend_chart_only_where_the_series_has_more_than_one_period(site, model):
    values = model.table("indicator_values")
    periods = values.groupby("indicator_id")["period"].nunique()
    for indicator_id, count in periods.items():
        assert (site / "charts" / f"{indicator_id}-trend.csv").exists() == (count > 1), indicator_id


def test_review_blanks_are_not_found_not_zero(site, model):
    criteria = model.table("review_criteria")
    rows = criteria[criteria["review_id"] == "review-2020-2023"]
    blank = rows[rows["fully_met"].isna()]
    assert len(blank) > 0
    page = next(
        p for p, b in chart_blocks(site) if b.get("data-chart-key") == "review:review-2020-2023"
    )
    block = soup(page).select_one('[data-chart-key="review:review-2020-2023"]')
    cells = {
        tr.th.get_text(): [td.get_text() for td in tr.find_all("td")]
        for tr in block.select("tbody tr")
    }
    for r in blank.to_dict("records"):
        assert cells[f"{r['criterion_number']}. {r['criterion']}"][0] == "not found"
    plotted = read_csv(site / "charts" / "review-review-2020-2023.csv")
    assert {r["criterion_number"] for r in plotted if r["fully_met"] == ""} == set(
        blank["criterion_number"]
    )


# ------------------------------------------------------------------ the map


def test_map_has_32_council_areas_in_30_partnership_groups(site, model):
    page = site / "compare" / "map" / "index.html"
    svg = soup(page).select_one('[data-chart-key="map"] figure svg')
    links = svg.find_all("a")
    targets = {a["href"] for a in links}
    fills = {a.find("path")["fill"] for a in links}
    named = {a["aria-label"].split(":")[0].removesuffix(" partnership") for a in links}
    assert named == set(model.table("councils")["council_name"])
    assert len(named) == 32
    assert len(targets) == 30 and len(fills) == 30
    for href in targets:
        assert resolve(site, page, href).is_file(), href


def test_the_map_of_data_with_three_councils_draws_their_three_areas():
    """Valid data may hold fewer councils than the boundaries file: the map draws those it holds
    (the build stopped with a KeyError before)."""
    tayside = {"S12000041": "Angus", "S12000042": "Dundee City", "S12000048": "Perth and Kinross"}
    councils = pd.DataFrame(
        {
            "council_code": list(tayside),
            "council_name": list(tayside.values()),
            "partnership_id": "tayside",
            "area_name": "Tayside",
        }
    )
    chart = map_chart(councils, read_boundaries())
    drawn = [f["properties"] for f in features_in(chart.spec)]
    assert sorted(p["code"] for p in drawn) == sorted(tayside)
    assert {p["label"] for p in drawn} == {
        f"{name}: Tayside partnership" for name in tayside.values()
    }
    assert chart.title.startswith("Scotland's 3 council areas")


def features_in(spec) -> list[dict]:
    """The council areas a spec draws: every GeoJSON feature with a council code, once."""
    features = [
        row
        for row in spec_rows(spec)
        if row.get("type") == "Feature" and "code" in row.get("properties", {})
    ]
    return list({f["properties"]["code"]: f for f in features}.values())


def test_map_page_lists_every_council_with_its_partnership(site, model):
    block = soup(site / "compare" / "map" / "index.html").select_one('[data-chart-key="map"]')
    page = site / "compare" / "map" / "index.html"
    listed = {tr.th.get_text(): tr.find_all("td")[-1].a for tr in block.select("tbody tr")}
    names = model.table("partnerships").set_index("partnership_id")["area_name"]
    expected = {
        r["council_name"]: names[r["partnership_id"]]
        for r in model.table("councils").to_dict("records")
    }
    assert {council: link.get_text() for council, link in listed.items()} == expected
    for link in listed.values():
        assert resolve(site, page, link["href"]).is_file(), link["href"]


# ------------------------------------------------------------------ themes on the site


def test_every_priority_is_themed_or_listed_as_unthemed(site, model):
    derived = read_csv(site / "compare" / "priority-themes-derived.csv")
    themed = {r["priority_id"] for r in derived}
    page = soup(site / "compare" / "unthemed" / "index.html")
    listed = {tr.th.get_text() for tr in page.select("tbody tr")}
    assert themed.isdisjoint(listed)
    assert themed | listed == set(model.table("priorities")["priority_id"])


def test_derived_table_is_labelled_and_says_how_each_row_was_made(site):
    rows = read_csv(site / "compare" / "priority-themes-derived.csv")
    assert {r["derived_by"] for r in rows} <= {"document", "rule", "correction"}
    assert all(r["matched_phrase"] for r in rows if r["derived_by"] in ("document", "rule"))
    text = soup(site / "compare" / "themes" / "index.html").get_text(" ")
    assert "Derived data" in text and "keyword rule" in text


def test_theme_matrix_counts_match_the_derived_table(site, model):
    plans = model.table("plans")
    csp = set(
        plans.loc[
            (plans["document_type"] == "childrens-services-plan") & (plans["cycle"] == "2023-2026"),
            "plan_id",
        ]
    )
    derived = [
        r for r in read_csv(site / "compare" / "priority-themes-derived.csv") if r["plan_id"] in csp
    ]
    expected = pd.Series([(r["partnership_id"], r["theme_id"]) for r in derived]).value_counts()
    plotted = read_csv(site / "charts" / "themes-matrix-2023-2026.csv")
    got = {
        (r["partnership_id"], r["theme_id"]): int(r["priorities"])
        for r in plotted
        if r["priorities"] != "0"
    }
    assert got == {key: int(n) for key, n in expected.items()}


# ------------------------------------------------------------------ specs and blocks


def test_every_kind_of_chart_spec_is_valid_vega_lite(small_dataset):
    """The build makes specs without Altair's checks (render/charts/theme.py). Specs of one kind
    and composition differ only in their data and words, so the first of each is validated. The
    small dataset (fixtures/dataset.py) makes every kind and composition the real data makes."""
    model = load_model(small_dataset)
    site = shape_site(named_tables(model), dt.date(2026, 12, 1))
    charts = (
        [map_chart(site.councils, read_boundaries())]
        + other_charts(
            site.reviews,
            site.themes,
            site.theme_changes,
            site.partnerships,
            site.outcomes,
            site.cycles,
            site.ages,
        )
        + indicator_charts(
            shape_indicators(
                *(model.table(n) for n in INDICATOR_TABLES),
                rates=site.outcomes.rates,
                today=dt.date(2026, 12, 1),
            )
        )
    )
    variants = {}
    for chart in charts:
        for key, spec in chart.layouts().items():
            kind = key.split(":")[0].removesuffix("|narrow") + (
                "|narrow" if key.endswith("|narrow") else ""
            )
            variants.setdefault((kind, composition(spec)), (key, spec))
    assert {kind for kind, _ in variants} == {
        "map",
        *[
            kind + layout
            for kind in (
                "indicator-latest",
                "indicator-trend",
                "review",
                "themes-matrix",
                "themes-by-cycle",
                "profile",
                "profile-trends",
                "theme-change",
                "theme-plans",
            )
            for layout in ("", "|narrow")
        ],
    }
    schema = load_schema()
    for key, spec in variants.values():
        assert validate_jsonschema(spec, schema, raise_error=False) is None, key


def composition(spec: dict) -> str:
    """A spec's views and marks, nested as in the spec, without data, words or numbers."""
    parts = spec.get("layer") or spec.get("vconcat")
    if parts:
        return "[" + ",".join(composition(part) for part in parts) + "]"
    mark = spec.get("mark", "")
    return mark.get("type", "") if isinstance(mark, dict) else mark


def test_relative_urls_follow_directory_urls():
    assert pages_html.href("indicators/x.md", "charts/a.svg") == "../../charts/a.svg"
    assert pages_html.href("indicators/index.md", "charts/a.svg") == "../charts/a.svg"
    assert pages_html.href("index.md", "charts/a.svg") == "charts/a.svg"
    assert (
        pages_html.href("compare/map.md", "partnerships/tayside.md")
        == "../../partnerships/tayside/"
    )


def test_data_text_in_a_block_is_escaped():
    table = pd.DataFrame({"Area": ["<script>alert(1)</script>"], "Value": ["[x](http://e.com)"]})
    chart = Chart(
        key="k",
        slug="s",
        title="<b>t</b> {{ x }}",
        description=["<img src=x onerror=y>"],
        table=table,
        data=table,
        sources=[("<i>src</i>", "https://example.org/")],
        spec={},
        alt='"quoted"',
    )
    html = (
        pages_html.environment()
        .from_string('{% import "macros.html" as m with context %}{{ m.chart(chart) }}')
        .render(page="compare/index.md", chart=chart)
    )
    parsed = BeautifulSoup(html, "html.parser")
    assert parsed.find("script") is None and parsed.find("b") is None and parsed.find("i") is None
    assert parsed.find("img", attrs={"onerror": True}) is None
    assert parsed.find("img")["alt"] == '"quoted"'
    assert (
        "&lt;script&gt;" in html
        and parsed.select_one(".cspp-chart-title").get_text() == "<b>t</b> {{ x }}"
    )
