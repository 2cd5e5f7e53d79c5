"""How old each series' figures are (shape/ages.py), on small tables written here, and the
words every page and chart says it in, written by hand from the rule; then the built site walked:
every chart of statistics, indicator page and partnership summary gives a period and a release."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pandas as pd

from cspp.paths import DATAPACKAGES
from cspp.shape.ages import age_words, passed_updates, series_ages, snapshot_holdings, span_words

from support import page_soup

TODAY = dt.date(2026, 12, 8)
SNAPSHOT = {
    "snapshot_id": "",
    "publisher": "",
    "release": "",
    "release_date": None,
    "copied_from": None,
    "copied_on": None,
    "retrieved": "2026-12-06",
    "licence": "OGL-UK-3.0",
    "next_update": None,
    "next_update_source_title": "",
    "next_update_source_url": "",
}


def snapshots(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{**SNAPSHOT, **row} for row in rows])


def values(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """(indicator_id, period, snapshot_id) rows; the area and value do not matter here."""
    return pd.DataFrame(
        [
            {
                "indicator_id": i,
                "area_code": "S12000005",
                "period": p,
                "value": 1.0,
                "snapshot_id": s,
            }
            for i, p, s in rows
        ]
    )


ECP = {
    "snapshot_id": "ecp-2025-06",
    "publisher": "End Child Poverty",
    "release": "June 2025 local indicators",
    "release_date": "2025-06",
}


def test_a_next_update_that_has_passed_says_a_newer_release_may_exist():
    table = snapshots({**ECP, "next_update": "2026-06"})
    ages = series_ages(
        values(("ecp_ahc", "2014/15", "ecp-2025-06"), ("ecp_ahc", "2023/24", "ecp-2025-06")),
        table,
        TODAY,
    )
    assert age_words(ages["ecp_ahc"]) == (
        "Figures for 2014/15 to 2023/24. Release: June 2025 local indicators, by End Child "
        "Poverty; 2025-06. A newer release may exist (expected by 2026-06)."
    )


def test_a_next_update_still_to_come_is_stated_as_expected():
    table = snapshots({**ECP, "next_update": "2026-12"})  # December 2026 is not over on the 8th
    ages = series_ages(values(("ecp_ahc", "2023/24", "ecp-2025-06")), table, TODAY)
    assert not ages["ecp_ahc"].next_update_passed
    assert age_words(ages["ecp_ahc"]).endswith("; 2025-06. Next release expected by 2026-12.")


def test_a_blank_release_date_says_it_is_not_recorded():
    table = snapshots(
        {
            "snapshot_id": "nrs-mye-1998-2018",
            "publisher": "National Records of Scotland",
            "release": "Mid-2018 estimates",
        }
    )
    ages = series_ages(values(("population", "2018", "nrs-mye-1998-2018")), table, TODAY)
    assert age_words(ages["population"]) == (
        "Figures for 2018. Release: Mid-2018 estimates, by National Records of Scotland; "
        "release date not recorded."
    )


def test_a_third_party_copy_says_when_the_copy_was_saved():
    table = snapshots(
        {
            "snapshot_id": "dwp-cilif-2023-03",
            "publisher": "DWP",
            "release": "March 2023 release",
            "release_date": "2023-03",
            "copied_from": "https://github.com/example/copy",
            "copied_on": "2024-03-02",
        }
    )
    ages = series_ages(
        values(
            ("cilif", "2014/15", "dwp-cilif-2023-03"), ("cilif", "2021/22", "dwp-cilif-2023-03")
        ),
        table,
        TODAY,
    )
    assert ages["cilif"].third_party
    assert age_words(ages["cilif"]) == (
        "Figures for 2014/15 to 2021/22. Release: March 2023 release, by DWP; 2023-03; "
        "third-party copy saved 2024-03-02."
    )


def test_periods_that_are_ranges_themselves_are_quoted():
    table = snapshots(ECP)
    ages = series_ages(
        values(
            ("visits", "2017/18 to 2019/20 financial years", "ecp-2025-06"),
            ("visits", "2020/21 to 2022/23 financial years", "ecp-2025-06"),
        ),
        table,
        TODAY,
    )
    assert age_words(ages["visits"]).startswith(
        "Figures for “2017/18 to 2019/20 financial years” to “2020/21 to 2022/23 financial "
        "years”. Release:"
    )


def test_the_periods_are_in_the_publishers_order_not_the_rows():
    table = snapshots(ECP)
    ages = series_ages(
        values(
            ("ecp_ahc", "2023/24", "ecp-2025-06"),
            ("ecp_ahc", "2014/15", "ecp-2025-06"),
            ("ecp_ahc", "2019/20", "ecp-2025-06"),
        ),
        table,
        TODAY,
    )
    assert (ages["ecp_ahc"].first_period, ages["ecp_ahc"].newest_period) == ("2014/15", "2023/24")


def test_a_year_alone_passes_only_when_the_year_is_over():
    table = snapshots(
        {**ECP, "next_update": "2026"}, {**ECP, "snapshot_id": "old", "next_update": "2025"}
    )
    assert passed_updates(table, TODAY) == ["old"]
    assert passed_updates(table, dt.date(2027, 1, 1)) == ["ecp-2025-06", "old"]


def test_a_summary_spans_the_newest_periods_of_its_series():
    table = snapshots(
        {**ECP, "next_update": "2026-06"},
        {
            "snapshot_id": "lgbf-2024-03",
            "publisher": "Improvement Service",
            "release": "early 2024",
        },
    )
    ages = series_ages(
        values(
            ("ecp_ahc", "2023/24", "ecp-2025-06"),
            ("lgbf_chn11", "2019-20", "lgbf-2024-03"),
            ("lgbf_chn11", "2021-22", "lgbf-2024-03"),
            ("lgbf_chn01", "2022-23", "lgbf-2024-03"),
        ),
        table,
        TODAY,
    )
    assert span_words(list(ages.values())) == (
        "Figures from 2021-22 to 2023/24, from 2 publisher releases; for 1 of them a newer "
        "release may exist."
    )


def test_each_snapshot_is_listed_with_the_newest_period_it_holds_or_none():
    """The downloads page's rows: a snapshot whose series a newer one replaced holds none."""
    table = snapshots(
        ECP,
        {
            "snapshot_id": "lgbf-2024-03",
            "publisher": "Improvement Service",
            "release": "early 2024",
        },
        {
            "snapshot_id": "lgbf-2023-03",
            "publisher": "Improvement Service",
            "release": "early 2023",
            "copied_from": "https://example.org/copy",
            "copied_on": "2023-04-01",
        },
    )
    ages = series_ages(
        values(
            ("lgbf_chn11", "2022-23", "lgbf-2024-03"),
            ("lgbf_chn01", "2021-22", "lgbf-2024-03"),
            ("ecp_ahc", "2023/24", "ecp-2025-06"),
        ),
        table,
        TODAY,
    )
    rows = [
        (r["snapshot_id"], r["newest_period"], r["third_party"])
        for r in snapshot_holdings(table, ages)
    ]
    assert rows == [
        ("ecp-2025-06", "2023/24", False),
        ("lgbf-2023-03", "", True),
        ("lgbf-2024-03", "2022-23", False),
    ]


# ------------------------------------------------------------ the built site walked


STATISTICS_CHARTS = (
    "indicator-latest:",
    "indicator-trend:",
    "profile:",
    "profile-trends:",
    "theme-change:",
)
AGE = re.compile(r"^Figures (?:for|from) (?P<periods>.+?)[.,] .*releases?\b", re.IGNORECASE)


def snapshot_rows() -> dict[str, dict]:
    with (DATAPACKAGES / "measures" / "snapshots.csv").open(encoding="utf-8", newline="") as f:
        return {row["snapshot_id"]: row for row in csv.DictReader(f)}


def csv_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_chart_of_statistics_gives_its_period_and_release_in_caption_and_description(built):
    seen = 0
    for page in sorted(built.dir.rglob("*.html")):
        for block in page_soup(page).select("div.cspp-chart"):
            if not block["data-chart-key"].startswith(STATISTICS_CHARTS):
                continue
            where, seen = f"{page.relative_to(built.dir)} {block['data-chart-key']}", seen + 1
            caption = block.select_one("figure figcaption.cspp-chart-age")
            assert caption is not None, where
            words = caption.get_text(strip=True)
            assert AGE.match(words), (where, words)
            assert words in block.select_one(".cspp-chart-description").get_text(" "), where
    assert seen > 100


def test_an_indicator_charts_caption_names_its_newest_period_and_its_files_release(built):
    """Worked from the chart's own CSV and snapshots.csv: the newest period the caption names
    is one the chart plots, and the release is that of the snapshot its rows came from."""
    releases = {i: row["release"] for i, row in snapshot_rows().items()}
    for page in sorted((built.dir / "indicators").glob("*/index.html")):
        for block in page_soup(page).select('div.cspp-chart[data-chart-key^="indicator-"]'):
            rows = csv_rows(built.dir / "charts" / f"{block['id'].removeprefix('chart-')}.csv")
            words = block.select_one("figcaption.cspp-chart-age").get_text(strip=True)
            periods = AGE.match(words)["periods"].rstrip("”")
            assert any(periods.endswith(r["period"]) for r in rows), (page, words)
            assert {r["snapshot_id"] for r in rows} == {rows[0]["snapshot_id"]}, page
            assert f"Release: {releases[rows[0]['snapshot_id']]}, by " in words, (page, words)


def test_every_indicator_page_says_how_old_its_figures_are(built):
    snapshots = snapshot_rows()
    pages = sorted((built.dir / "indicators").glob("*/index.html"))
    assert len(pages) > 100
    for page in pages:
        series = page.parent.name
        rows = csv_rows(built.dir / "indicators" / f"{series}.csv")
        section = page_soup(page).select_one("section.cspp-age")
        assert section is not None, series
        facts = {
            dt_.get_text(strip=True): dd.get_text(" ", strip=True)
            for dt_, dd in zip(section.select("dt"), section.select("dd"))
        }
        snapshot = snapshots[rows[0]["snapshot_id"]]
        assert facts["Newest period"] in {r["period"] for r in rows}, series
        assert facts["Periods covered"].endswith(facts["Newest period"]), series
        assert facts["Release"] == snapshot["release"], series
        assert facts["Release date"] == (snapshot["release_date"] or "release date not recorded")
        assert snapshot["snapshot_id"] in facts["Publisher file (snapshot)"], series
        assert facts["Its licence"] == snapshot["licence"], series
        assert ("Third-party copy" in facts) == bool(snapshot["copied_from"]), series
        assert "Next update" in facts, series


def test_every_partnership_summary_gives_the_span_of_its_figures_and_their_releases(built):
    pages = sorted((built.dir / "partnerships").glob("*/index.html"))
    assert len(pages) == 30
    for page in pages:
        line = page_soup(page).select_one("section.cspp-glance .cspp-glance-age")
        assert line is not None, page.parent.name
        assert re.match(
            r"^Figures from \S.* to \S.*, from \d+ publisher releases?\b",
            line.get_text(" ", strip=True),
        ), (page.parent.name, line.get_text())


def test_the_downloads_page_lists_every_snapshot_beside_the_data_version(built):
    page = page_soup(built.dir / "downloads" / "index.html")
    lead = page.find(lambda tag: tag.name == "p" and tag.get_text().startswith("Data version"))
    assert "not the age of the figures" in lead.get_text()
    table = page.find("caption", string=re.compile("releases held")).find_parent("table")
    shown = table.get_text(" ")
    for snapshot_id, row in snapshot_rows().items():
        assert snapshot_id in shown and row["release"] in shown, snapshot_id


def test_no_page_says_a_scotland_figure_is_not_published(built):
    for page in built.dir.rglob("*.html"):
        text = page_soup(page).get_text(" ")
        for sentence in re.split(r"(?<=[.;:])\s", text):
            assert not ("Scotland" in sentence and "not published" in sentence), (page, sentence)
