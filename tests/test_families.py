"""Family groups and the rank view: expectations worked by hand from the package rows
(partnerships/family_groups.csv, measures/indicator_values.csv)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest

from cspp.load.model import load_model, scotland_code
from cspp.render.charts.indicators import latest_chart
from cspp.shape.families import shape_families
from cspp.shape.indicators import INDICATOR_TABLES, shape_indicators
from cspp.shape.rates import derived_rates

from support import load_tool, page_soup

DUNDEE = "S12000042"
LAC = "scotpho_lac_rate_0_17"  # ScotPHO, 95% intervals, no Scotland row (a derived one exists)
# family_groups.csv: the councils with "4" in cpop-2023-09 and "Urban" in lgbf-chn01-2026.
CPOP_4 = {
    "East Ayrshire",
    "Na h-Eileanan Siar",
    "Inverclyde",
    "North Ayrshire",
    "West Dunbartonshire",
    "Dundee City",
    "Glasgow City",
    "North Lanarkshire",
}
LGBF_URBAN = {
    "Falkirk",
    "Aberdeen City",
    "City of Edinburgh",
    "West Dunbartonshire",
    "Dundee City",
    "East Dunbartonshire",
    "Glasgow City",
    "North Lanarkshire",
}


@pytest.fixture(scope="module")
def model():
    return load_model()


@pytest.fixture(scope="module")
def indicators(model):
    values, councils = model.table("indicator_values"), model.table("councils")
    rates = derived_rates(
        model.table("rate_definitions"),
        values,
        councils,
        model.table("partnerships"),
        scotland_code(councils, values),
    )
    return shape_indicators(
        *(model.table(name) for name in INDICATOR_TABLES), rates=rates, today=dt.date(2026, 12, 10)
    )


def families_of(model):
    return shape_families(
        model.table("family_groupings"),
        model.table("family_groups"),
        model.table("family_group_averages"),
        model.table("councils"),
    )


def test_dundee_city_family_group_and_members_in_both_groupings(model):
    families = families_of(model)
    cpop, lgbf = families.groupings["cpop-2023-09"], families.groupings["lgbf-chn01-2026"]
    assert cpop.group_of[DUNDEE] == "4" and lgbf.group_of[DUNDEE] == "Urban"
    assert {families.names[c] for c in cpop.members(DUNDEE)} == CPOP_4
    assert {families.names[c] for c in lgbf.members(DUNDEE)} == LGBF_URBAN


def test_a_series_is_set_beside_its_publishers_grouping_else_cpops(model):
    families = families_of(model)
    assert families.for_series("lgbf_chn01").id == "lgbf-chn01-2026"
    assert families.for_series(LAC).id == "cpop-2023-09"
    assert "CHN01 only" in families.why(LAC)


def rank_csv(indicators) -> dict[str, dict]:
    data = next(d for d in indicators.series if d.id == LAC)
    chart = latest_chart(data, indicators.councils, indicators.scotland_code)
    return {r["area_name"]: r for r in csv.DictReader(io.StringIO(chart.csv))}


def test_rank_view_csv_ranks_the_councils_highest_first_with_ties_sharing(indicators):
    rows = rank_csv(indicators)
    # Sorted by hand: 27.1, 27.0, 21.0, ...; Falkirk and Dumfries and Galloway both 12.2 (11th),
    # then 12.0 twice (13th); Perth and Kinross and Argyll and Bute both 10.4 (20th); 4.0 last.
    expected = {
        "West Dunbartonshire": "1",
        "Clackmannanshire": "2",
        "Dundee City": "7",
        "Falkirk": "11",
        "Dumfries and Galloway": "11",
        "City of Edinburgh": "13",
        "Angus": "16",
        "Perth and Kinross": "20",
        "Argyll and Bute": "20",
        "East Lothian": "22",
        "East Renfrewshire": "32",
    }
    assert {name: rows[name]["rank"] for name in expected} == expected
    assert len(rows) == 32


def test_rank_view_csv_marks_tayside_and_family_groups_and_keeps_the_intervals(indicators):
    rows = rank_csv(indicators)
    tayside = {
        n: (r["family_grouping"], r["family_group"])
        for n, r in rows.items()
        if r["partnership_id"] == "tayside"
    }
    assert tayside == {
        "Angus": ("cpop-2023-09", "2"),
        "Dundee City": ("cpop-2023-09", "4"),
        "Perth and Kinross": ("cpop-2023-09", "1"),
    }
    dundee = rows["Dundee City"]
    assert (
        dundee["value"],
        dundee["lower_confidence_limit"],
        dundee["upper_confidence_limit"],
    ) == ("16.7", "15.1", "18.3")


def test_rank_view_draws_scotland_as_a_derived_rate_labelled_so(indicators):
    rows = rank_csv(indicators)
    # 13,255 looked-after children (2021 July) over 1,024,981 aged 0-17 (2021), x 1,000.
    assert float(rows["Dundee City"]["scotland_line"]) == pytest.approx(12.9319, abs=1e-4)
    assert rows["Dundee City"]["scotland_line_basis"].startswith("derived here")
    assert "Scotland" not in rows  # no Scotland row is made up: the package has none


def test_rank_view_spec_draws_each_interval(indicators):
    data = next(d for d in indicators.series if d.id == LAC)
    chart = latest_chart(data, indicators.councils, indicators.scotland_code)
    for spec in (chart.spec, chart.narrow):
        data = spec["data"]  # Altair moves inline values into "datasets", named by digest
        values = data["values"] if "values" in data else spec["datasets"][data["name"]]
        points = {p["label"]: p for p in values}
        dundee = points["7. Dundee City (Tayside) · CPOP 4"]
        assert (dundee["low"], dundee["value"], dundee["high"]) == (15.1, 16.7, 18.3)


def test_tayside_page_shows_dundee_city_beside_both_family_groups(built):
    soup = page_soup(built.dir / "partnerships" / "tayside" / "index.html")
    section = soup.find(id="similar-areas").find_parent("details")
    dundee = section.find("h4", string="Dundee City").find_next("ul").find_all("li")
    groups = {
        li.get_text(" ", strip=True).split(",")[0]: li.get_text(" ", strip=True) for li in dundee
    }
    assert set(groups) == {"CPOP family group 4", "LGBF family group Urban"}
    for name in CPOP_4 - {"Dundee City"}:
        assert name in groups["CPOP family group 4"]
    for name in LGBF_URBAN - {"Dundee City"}:
        assert name in groups["LGBF family group Urban"]


def test_tayside_page_gives_dundee_citys_rank_in_its_group(built):
    # CPOP group 4's looked-after rates, by hand: 27.1, 21.0, 20.7, 16.8, Dundee 16.7, 16.0,
    # 10.5, 8.6: Dundee City is 5th of 8.
    soup = page_soup(built.dir / "partnerships" / "tayside" / "index.html")
    table = next(
        t
        for t in soup.select("table")
        if t.caption and t.caption.get_text().startswith("Dundee City within")
    )
    row = next(tr for tr in table.select("tbody tr") if LAC in tr.a["href"])
    cells = [c.get_text(" ", strip=True) for c in row.find_all(["th", "td"])]
    assert cells[2:4] == ["CPOP family group 4", "5 of 8"]
    assert "no average" not in cells[4] and "Dundee City 16.7" in cells[4]


def test_an_indicator_page_gives_the_derived_scotland_rate_its_chart_draws(built):
    """Looked-after children, 31 July 2021: ScotPHO gives no Scotland row; the rate derived
    from the councils' counts is 13,255 / 1,024,981 x 1,000 = 12.93 per 1,000 aged 0-17,
    worked by hand from scotpho_lac_count and scotpho_pop_0_17_count."""
    soup = page_soup(built.dir / "indicators" / "scotpho_lac_rate_0_17" / "index.html")
    scotland = soup.find("h2", id="scotland").find_next("p").get_text(" ", strip=True)
    assert "No Scotland figure from the publisher in the data held" in scotland
    assert "12.9 per 1,000 children aged 0-17" in scotland
    assert "(derived)" in scotland


# The LGBF data table's FG_Data_FG_Avg_Indicator_Real for CHN01 in 2024-25, copied by hand from
# measures/snapshots/lgbf-data-table-2026-08/lgbf-family-groups-source.csv (e.g. line 16,
# Aberdeen City, Urban; line 226, Fife, 2; line 46, Angus, 3; line 31, Aberdeenshire, Rural).
CHN01_AVERAGES_2024_25 = {"Urban": 7458.48375, "2": 7779.52, "3": 7648.08875, "Rural": 9902.5075}


def test_the_publishers_family_group_averages_are_copied_as_the_file_gives_them(model):
    families = families_of(model)
    assert families.publishers_averages("lgbf_chn01", "2024-25") == CHN01_AVERAGES_2024_25
    assert families.publishers_averages(LAC, "2021") == {}


def test_an_indicator_page_shows_the_publishers_averages_and_says_whose_they_are(built):
    soup = page_soup(built.dir / "indicators" / "lgbf_chn01" / "index.html")
    table = next(
        t
        for t in soup.select("table")
        if t.caption and t.caption.get_text().startswith("Each family group's average as the")
    )
    assert table.caption.get_text().endswith(
        "Local Government Benchmarking Framework gives it, 2024-25"
    )
    rows = {
        tr.th.get_text(strip=True): tr.td.get_text(strip=True) for tr in table.select("tbody tr")
    }
    assert rows == {
        "LGBF family group 2": "£7,780",
        "LGBF family group 3": "£7,648",
        "LGBF family group Rural": "£9,903",
        "LGBF family group Urban": "£7,458",
    }
    text = soup.get_text(" ", strip=True)
    assert "Each group's average is the publisher's own, copied from its file" in text
    assert "LGBF family group Urban £7,458 per pupil (real terms)" in text  # the chart's words


def test_a_series_without_the_publishers_averages_says_none_is_shown(built):
    soup = page_soup(built.dir / "indicators" / LAC / "index.html")
    text = soup.get_text(" ", strip=True)
    assert "No family-group average is shown for this series" in text
    assert "Each family group's average as the" not in text


def lgbf_rows(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """LGBF data-table rows: council, year, family group, the group's average."""
    return pd.DataFrame(
        [
            {
                "Indicators_Information_Code": "CHN01",
                "LA_Information_LocalAuthority": council,
                "LA_Data_LGBF_Year": year,
                "FG_Data_FamilyGroup": group,
                "FG_Data_FG_Avg_Indicator_Real": average,
            }
            for council, year, group, average in rows
        ]
    )


SNAPSHOT = {"source_id": "a-source", "snapshot_id": "a-snapshot"}
CHN01 = {"CHN01": "lgbf_chn01"}  # the publisher's code -> the series


def test_the_import_tool_keeps_one_average_per_group_and_year_exactly_as_written():
    tool = load_tool("import_family_group_averages")
    table = lgbf_rows(
        ("Dundee City", "2024-25", "Urban", "7458.48375"),
        ("Glasgow City", "2024-25", "Urban", "7458.48375"),
        ("Fife", "2024-25", "2", "7779.52"),
    )
    groups = {"Dundee City": "Urban", "Glasgow City": "Urban", "Fife": "2"}
    rows = tool.averages(table, SNAPSHOT, groups, CHN01)
    assert rows[["family_group", "period", "value"]].values.tolist() == [
        ["Urban", "2024-25", "7458.48375"],
        ["2", "2024-25", "7779.52"],
    ]
    assert set(rows["snapshot_id"]) == {"a-snapshot"}


def test_the_import_tool_refuses_two_averages_for_one_group_or_a_council_in_another_group():
    tool = load_tool("import_family_group_averages")
    disagreeing = lgbf_rows(
        ("Dundee City", "2024-25", "Urban", "7458.48375"),
        ("Glasgow City", "2024-25", "Urban", "7000"),
    )
    with pytest.raises(SystemExit, match="Urban 2024-25: the councils' rows give 2 averages"):
        tool.averages(
            disagreeing, SNAPSHOT, {"Dundee City": "Urban", "Glasgow City": "Urban"}, CHN01
        )
    moved = lgbf_rows(("Fife", "2024-25", "Urban", "7458.48375"))
    with pytest.raises(SystemExit, match="Fife: group Urban in the file, 2 in family_groups.csv"):
        tool.averages(moved, SNAPSHOT, {"Fife": "2"}, CHN01)
