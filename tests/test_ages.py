"""How old each series' figures are (shape/ages.py), on small tables written here, and the
words every page and chart says it in, written by hand from the rule."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from cspp.shape.ages import age_words, passed_updates, series_ages, span_words

TODAY = dt.date(2026, 12, 8)
SNAPSHOT = {"snapshot_id": "", "publisher": "", "release": "", "release_date": None,
            "copied_from": None, "copied_on": None, "retrieved": "2026-12-06", "licence": "OGL-UK-3.0",
            "next_update": None, "next_update_source_title": "", "next_update_source_url": ""}


def snapshots(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{**SNAPSHOT, **row} for row in rows])


def values(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """(indicator_id, period, snapshot_id) rows; the area and value do not matter here."""
    return pd.DataFrame([{"indicator_id": i, "area_code": "S12000005", "period": p, "value": 1.0,
                          "snapshot_id": s} for i, p, s in rows])


ECP = {"snapshot_id": "ecp-2025-06", "publisher": "End Child Poverty",
       "release": "June 2025 local indicators", "release_date": "2025-06"}


def test_a_next_update_that_has_passed_says_a_newer_release_may_exist():
    table = snapshots({**ECP, "next_update": "2026-06"})
    ages = series_ages(values(("ecp_ahc", "2014/15", "ecp-2025-06"),
                              ("ecp_ahc", "2023/24", "ecp-2025-06")), table, TODAY)
    assert age_words(ages["ecp_ahc"]) == (
        "Figures for 2014/15 to 2023/24. Release: June 2025 local indicators, by End Child "
        "Poverty; 2025-06. A newer release may exist (expected by 2026-06).")


def test_a_next_update_still_to_come_is_stated_as_expected():
    table = snapshots({**ECP, "next_update": "2026-12"})  # December 2026 is not over on the 8th
    ages = series_ages(values(("ecp_ahc", "2023/24", "ecp-2025-06")), table, TODAY)
    assert not ages["ecp_ahc"].next_update_passed
    assert age_words(ages["ecp_ahc"]).endswith("; 2025-06. Next release expected by 2026-12.")


def test_a_blank_release_date_says_it_is_not_recorded():
    table = snapshots({"snapshot_id": "nrs-mye-1998-2018", "publisher": "National Records of Scotland",
                       "release": "Mid-2018 estimates"})
    ages = series_ages(values(("population", "2018", "nrs-mye-1998-2018")), table, TODAY)
    assert age_words(ages["population"]) == (
        "Figures for 2018. Release: Mid-2018 estimates, by National Records of Scotland; "
        "release date not recorded.")


def test_a_third_party_copy_says_when_the_copy_was_saved():
    table = snapshots({"snapshot_id": "dwp-cilif-2023-03", "publisher": "DWP",
                       "release": "March 2023 release", "release_date": "2023-03",
                       "copied_from": "https://github.com/example/copy", "copied_on": "2024-03-02"})
    ages = series_ages(values(("cilif", "2014/15", "dwp-cilif-2023-03"),
                              ("cilif", "2021/22", "dwp-cilif-2023-03")), table, TODAY)
    assert ages["cilif"].third_party
    assert age_words(ages["cilif"]) == (
        "Figures for 2014/15 to 2021/22. Release: March 2023 release, by DWP; 2023-03; "
        "third-party copy saved 2024-03-02.")


def test_the_periods_are_in_the_publishers_order_not_the_rows():
    table = snapshots(ECP)
    ages = series_ages(values(("ecp_ahc", "2023/24", "ecp-2025-06"),
                              ("ecp_ahc", "2014/15", "ecp-2025-06"),
                              ("ecp_ahc", "2019/20", "ecp-2025-06")), table, TODAY)
    assert (ages["ecp_ahc"].first_period, ages["ecp_ahc"].newest_period) == ("2014/15", "2023/24")


def test_a_year_alone_passes_only_when_the_year_is_over():
    table = snapshots({**ECP, "next_update": "2026"}, {**ECP, "snapshot_id": "old", "next_update": "2025"})
    assert passed_updates(table, TODAY) == ["old"]
    assert passed_updates(table, dt.date(2027, 1, 1)) == ["ecp-2025-06", "old"]


def test_a_summary_spans_the_newest_periods_of_its_series():
    table = snapshots({**ECP, "next_update": "2026-06"},
                      {"snapshot_id": "lgbf-2024-03", "publisher": "Improvement Service",
                       "release": "early 2024"})
    ages = series_ages(values(("ecp_ahc", "2023/24", "ecp-2025-06"),
                              ("lgbf_chn11", "2019-20", "lgbf-2024-03"),
                              ("lgbf_chn11", "2021-22", "lgbf-2024-03"),
                              ("lgbf_chn01", "2022-23", "lgbf-2024-03")), table, TODAY)
    assert span_words(list(ages.values())) == (
        "Figures from 2021-22 to 2023/24, from 2 publisher releases; for 1 of them a newer "
        "release may exist.")
