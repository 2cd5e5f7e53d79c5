"""Differences judged by 95% confidence intervals, the publisher's own direction, and the spine
drawn with better on one side (issue 27).

Expected values are worked here by hand from package rows, never taken from the code under test.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pandas as pd
import pytest

from cspp.load.model import load_model
from cspp.load.tables import named_tables
from cspp.render.charts import profile_charts
from cspp.shape.comparisons import comparisons
from cspp.shape.site import shape_site

from support import package_rows, page_soup, read_csv, spec_rows

LAC = "scotpho_lac_rate_0_17"
SNAPSHOT, YEAR = "2021 July snapshot", "2021 calendar year"
ANGUS, DUNDEE, PERTH = "S12000041", "S12000042", "S12000048"
SIMILAR = "similar (the interval includes Scotland's value)"
TECHDOC = "github-com-data-techdoc-rds"
FREE_MEALS = "scotpho_children_registered_for_free_school_meals"  # "Higher numbers are worse"


rows = package_rows


def series(indicator_id: str, period: str) -> dict[str, dict]:
    """A series' council rows in one period, by area code."""
    return {
        r["area_code"]: r
        for r in rows("measures", "indicator_values")
        if r["indicator_id"] == indicator_id
        and r["period"] == period
        and r["area_code"].startswith("S12")
    }


@pytest.fixture(scope="module")
def site(built):
    return built.dir


@pytest.fixture(scope="module")
def tayside_profile():
    """Tayside's profile chart, as the build makes it from the real data."""
    shaped = shape_site(named_tables(load_model()), dt.date(2026, 12, 1))
    tayside = [p for p in shaped.partnerships if p.id == "tayside"]
    profile, _trends = profile_charts(tayside, shaped.outcomes, shaped.cycles, shaped.ages)
    assert profile.key == "profile:tayside"
    return profile


# ---------------------------------------------------------------- judged by the interval


def scotland_lac_rate() -> float:
    """Scotland's rate has no row in the ScotPHO download: it is derived, all councils' looked-
    after children over all councils' children aged 0-17, per 1,000 (rate_definitions.csv)."""
    counts = series("scotpho_lac_count", SNAPSHOT)
    children = series("scotpho_pop_0_17_count", YEAR)
    assert len(counts) == len(children) == 32
    return (
        sum(float(r["value"]) for r in counts.values())
        / sum(float(r["value"]) for r in children.values())
        * 1000
    )


def test_three_tayside_councils_judged_against_scotlands_derived_rate(site):
    scotland = scotland_lac_rate()
    lac = series(LAC, SNAPSHOT)
    # By hand: Dundee City's whole interval is above Scotland's rate, Perth and Kinross's below,
    # and Angus's includes it.
    assert float(lac[DUNDEE]["lower_confidence_limit"]) > scotland
    assert float(lac[PERTH]["upper_confidence_limit"]) < scotland
    assert (
        float(lac[ANGUS]["lower_confidence_limit"])
        <= scotland
        <= float(lac[ANGUS]["upper_confidence_limit"])
    )
    expected = {DUNDEE: "higher", PERTH: "lower", ANGUS: SIMILAR}  # no direction stated: no verdict

    chart = {r["area_code"]: r for r in read_csv(site / "charts" / f"{LAC}-latest.csv")}
    assert {code: chart[code]["comparison_with_scotland"] for code in expected} == expected

    database = site / "downloads" / "scotland-cspp-latest.sqlite"
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        got = dict(
            connection.execute(
                "SELECT area_code, comparison_with_scotland FROM comparisons_with_scotland "
                "WHERE indicator_id = ? AND period = ? AND area_code IN (?, ?, ?)",
                (LAC, SNAPSHOT, *expected),
            ).fetchall()
        )
        scotland_held = connection.execute(
            "SELECT DISTINCT scotland_value, scotland_value_derived FROM comparisons_with_scotland "
            "WHERE indicator_id = ? AND period = ?",
            (LAC, SNAPSHOT),
        ).fetchall()
    assert got == expected
    assert len(scotland_held) == 1
    assert scotland_held[0][0] == pytest.approx(scotland) and scotland_held[0][1] == 1


def test_a_series_without_intervals_says_not_tested(site):
    # LGBF CHN11 has Scotland's value but no interval; teenage pregnancies the reverse.
    chn11 = read_csv(site / "charts" / "lgbf_chn11-latest.csv")
    assert {
        r["comparison_with_scotland"]
        for r in chn11
        if r["area_code"].startswith("S12") and r["value"]
    } == {"not tested"}
    assert all(
        r["lower_confidence_limit"] == ""
        for r in rows("measures", "indicator_values")
        if r["indicator_id"] == "lgbf_chn11"
    )
    teenage = read_csv(site / "charts" / "scotpho_teenage_pregnancies-latest.csv")
    assert {r["comparison_with_scotland"] for r in teenage} == {
        "not tested (no Scotland figure in the data held)"
    }


def test_better_or_worse_only_with_a_stated_direction_and_a_real_difference():
    """Small data made here: one series where lower is better, one with no direction."""
    values = pd.DataFrame(
        [
            # indicator, area, value, lower, upper
            ("fewer", "S1", 30.0, 25.0, 35.0),
            ("fewer", "S2", 10.0, 8.0, 12.0),
            ("fewer", "S3", 19.0, 15.0, 24.0),
            ("fewer", "S4", 18.0, None, None),
            ("fewer", "S9", 20.0, None, None),
            ("plain", "S1", 30.0, 25.0, 35.0),
            ("plain", "S9", 20.0, None, None),
            ("orphan", "S1", 30.0, 25.0, 35.0),
        ],
        columns=[
            "indicator_id",
            "area_code",
            "value",
            "lower_confidence_limit",
            "upper_confidence_limit",
        ],
    ).assign(area_name="x", period="2021")
    labels = pd.DataFrame(
        {
            "indicator_id": ["fewer", "plain", "orphan"],
            "better_when": ["lower", "", ""],
            "better_source_id": ["a-statement", "", ""],
        }
    )
    rates = pd.DataFrame(columns=["area_type", "rate", "reproduces_id", "period"])
    got = comparisons(values, labels, rates, "S9")
    judged = dict(zip(zip(got["indicator_id"], got["area_code"]), got["comparison_with_scotland"]))
    assert judged == {
        ("fewer", "S1"): "higher (worse)",
        ("fewer", "S2"): "lower (better)",
        ("fewer", "S3"): SIMILAR,
        ("fewer", "S4"): "not tested",
        ("plain", "S1"): "higher",
        ("orphan", "S1"): "not tested (no Scotland figure in the data held)",
    }


# ---------------------------------------------------------------- the publisher's direction


def test_every_recorded_direction_is_scotphos_own_statement():
    sources = {r["source_id"]: r for r in rows("sources", "sources")}
    techdoc = sources[TECHDOC]
    assert techdoc["url"].startswith(
        "https://github.com/Public-Health-Scotland/scotpho-profiles-tool/blob/1b2b50d"
    )
    assert techdoc["url"].endswith("/techdoc.rds")
    words = {"higher": "Higher numbers are better", "lower": "Higher numbers are worse"}
    stated = [r for r in rows("measures", "indicator_labels") if r["better_when"]]
    assert len(stated) == 24
    for row in stated:
        assert row["better_source_id"] == TECHDOC, row["indicator_id"]
        assert row["better_statement"] == words[row["better_when"]], row["indicator_id"]
        assert row["role"] == "measure", row["indicator_id"]  # never a count or a population
    by_id = {r["indicator_id"]: r for r in rows("measures", "indicator_labels")}
    assert by_id[FREE_MEALS]["better_when"] == "lower"
    assert by_id["scotpho_immunisation_uptake_at_24_months_mmr"]["better_when"] == "higher"
    # ScotPHO does not categorise these: they stay neutral, with its words kept.
    for neutral in (LAC, "scotpho_cpr_rate_0_15"):
        assert by_id[neutral]["better_when"] == ""
        assert by_id[neutral]["better_statement"].startswith(
            "Values for this indicator are not categorised"
        )


def test_an_indicator_page_quotes_the_publishers_words(site):
    text = (site / "indicators" / FREE_MEALS / "index.html").read_text(encoding="utf-8")
    assert "lower (the publisher states: “Higher numbers are worse”" in text


# ---------------------------------------------------------------- the spine (ScotPHO PR #80)


def quartiles(values: list[float]) -> tuple[float, float, float]:
    """Linear interpolation between the sorted values, at (n - 1) * p."""
    ordered = sorted(values)

    def at(p):
        spot = (len(ordered) - 1) * p
        below = int(spot)
        above = min(below + 1, len(ordered) - 1)
        return ordered[below] + (ordered[above] - ordered[below]) * (spot - below)

    return at(0.25), at(0.5), at(0.75)


def drawn(value: float, values: list[float], reversed_: bool = False) -> float:
    low, high = min(values), max(values)
    at = (value - low) / (high - low)
    return 1 - at if reversed_ else at


def spine_positions(site, indicator_id: str) -> dict[str, float]:
    return {
        r["measure"]: float(r["position_drawn"])
        for r in read_csv(site / "charts" / "profile-tayside.csv")
        if r["indicator_id"] == indicator_id and r["position_drawn"]
    }


def test_spine_box_median_and_scotland_sit_where_worked_by_hand(site, tayside_profile):
    values = [float(r["value"]) for r in series(LAC, SNAPSHOT).values()]
    q1, median, q3 = quartiles(values)
    expected = {
        "q1": drawn(q1, values),
        "median": drawn(median, values),
        "q3": drawn(q3, values),
        "scotland": drawn(scotland_lac_rate(), values),
        "min": 0.0,
        "max": 1.0,
    }
    assert expected["q1"] < expected["median"] < expected["q3"]  # not swapped, as PR #80 fixed
    got = spine_positions(site, LAC)
    assert {k: got[k] for k in expected} == pytest.approx(expected)

    data = spec_rows(tayside_profile.spec)
    label = "14. Children looked after by the local authority"
    span = next(r for r in data if r.get("label") == label and "q1" in r)
    assert {k: span[k] for k in ("q1", "median", "q3")} == pytest.approx(
        {k: expected[k] for k in ("q1", "median", "q3")}
    )
    tick = next(r for r in data if r.get("label") == label and r.get("kind") == "Scotland")
    assert tick["x"] == pytest.approx(expected["scotland"])


def test_a_lower_is_better_series_is_drawn_reversed(site, tayside_profile):
    values = [
        float(r["value"]) for r in series(FREE_MEALS, "2020 calendar year").values() if r["value"]
    ]
    q1, median, q3 = quartiles(values)
    got = spine_positions(site, FREE_MEALS)
    assert got["min"] == 1.0 and got["max"] == 0.0  # the highest share on the left
    assert got["q1"] == pytest.approx(drawn(q1, values, reversed_=True))
    assert got["q3"] == pytest.approx(drawn(q3, values, reversed_=True))
    assert got["q3"] < got["median"] < got["q1"]

    labels = {r["label"] for r in spec_rows(tayside_profile.spec) if "label" in r}
    assert "21. Children registered for free school meals (reversed)" in labels
    text = " ".join(tayside_profile.description)
    assert "drawn reversed" in text and "better on the right" in text


def test_spine_table_carries_the_judgement_in_words_and_shape(site):
    page = page_soup(site / "partnerships" / "tayside" / "index.html")
    block = page.select_one('[data-chart-key="profile:tayside"]')
    row = next(
        tr for tr in block.select("tr") if "looked after by the local authority" in tr.get_text()
    )
    text = row.get_text(" ")
    assert "Angus: ● similar" in text
    assert "Dundee City: ▲ higher" in text
    assert "Perth and Kinross: ▼ lower" in text
