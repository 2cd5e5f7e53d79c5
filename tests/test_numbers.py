"""Numbers for people: each kind of unit, from real package rows, against values worked by hand.

The expected strings were written from the stored values below, not produced by the code."""

from __future__ import annotations

import csv

import pytest

from cspp.paths import DATAPACKAGES
from cspp.render.numbers import MINUS, Unit


def package_rows(name: str) -> list[dict]:
    with (DATAPACKAGES / "measures" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def series() -> dict[str, dict]:
    """indicators.csv rows joined with their indicator_labels.csv rows, by id."""
    labels = {r["indicator_id"]: r for r in package_rows("indicator_labels")}
    return {
        r["indicator_id"]: {**r, **labels[r["indicator_id"]]} for r in package_rows("indicators")
    }


@pytest.fixture(scope="module")
def values() -> dict[tuple[str, str, str], str]:
    return {
        (r["indicator_id"], r["area_code"], r["period"]): r["value"]
        for r in package_rows("indicator_values")
    }


# (series, area, period, stored value, table cell, in a sentence)
CASES = [
    # A proportion stored 0-1 by LGBF: shown times 100, one decimal.
    ("lgbf_chn24", "S92000003", "2021-22", "0.226156075", "22.6%", "22.6% of children"),
    # A percentage already 0-100 (ScotPHO): not multiplied.
    (
        "scotpho_children_in_low_income_families",
        "S12000042",
        "2016 August snapshot",
        "23.1",
        "23.1%",
        "23.1% of children",
    ),
    # Money: whole pounds with a thousands separator.
    ("lgbf_chn01", "S12000042", "2022-23", "7381.1889", "£7,381", "£7,381 per pupil (real terms)"),
    # A rate: one decimal, with what it is per.
    (
        "scotpho_cpr_rate_0_15",
        "S12000042",
        "2021 July snapshot",
        "3.5",
        "3.5",
        "3.5 per 1,000 children aged 0-15",
    ),
    # A count: thousands separators, no decimals.
    ("dwp_cilif_relative_children", "S12000049", "2021/22", "37973", "37,973", "37,973 children"),
    # A gap in percentage points, stored with eight decimals.
    ("lgbf_chn14a", "S12000042", "2022-23", "19.8671851", "19.9", "19.9 percentage points"),
    # A score: whole points.
    ("lgbf_chn12a", "S12000042", "2022-23", "771.62", "772", "772 tariff points"),
]


@pytest.mark.parametrize("indicator_id, area, period, stored, cell, sentence", CASES)
def test_a_stored_value_is_shown_in_its_plain_unit(
    series, values, indicator_id, area, period, stored, cell, sentence
):
    assert values[(indicator_id, area, period)] == stored  # the package row the case is worked from
    unit = Unit.of(series[indicator_id])
    assert unit.text(float(stored)) == cell
    assert unit.full(float(stored)) == sentence


def test_changes_are_signed_and_percentages_change_in_points(series):
    share = Unit.of(series["lgbf_chn24"])  # stored 0-1
    assert share.change(0.226156075 - 0.213756) == "+1.2 percentage points"
    assert share.change(0.20 - 0.226156075) == f"{MINUS}2.6 percentage points"
    money = Unit.of(series["lgbf_chn01"])
    assert money.change(6636.5278 - 6761.42) == f"{MINUS}£125"
    rate = Unit.of(series["scotpho_cpr_rate_0_15"])
    assert rate.change(0.0) == "no change"
    assert rate.change(0.31) == "+0.3 per 1,000 children aged 0-15"


def test_a_blank_value_says_so(series):
    unit = Unit.of(series["lgbf_chn24"])
    assert unit.text(None) == "not available"
    assert unit.text(float("nan"), "blank in the source") == "blank in the source"


def test_a_series_without_a_plain_label_falls_back_to_its_stored_unit():
    unit = Unit.of({"unit": "proportion (0-1) as stored in LGBF data file", "plain_unit": None})
    assert unit.text(0.5) == "50.0%"
