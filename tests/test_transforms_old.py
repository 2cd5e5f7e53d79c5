"""The transforms of the four formats today's statistics came from (LGBF data table, ScotPHO
download, DWP CiLIF export, NRS single-year-of-age workbook), and the vintage rule.

Each fixture in tests/fixtures/snapshots/ is a few rows cut from the real file; the rows each
gives are written out by hand below from those rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from cspp.ingest.apply import with_snapshot_rows
from cspp.ingest.transforms import VALUE_COLUMNS, Inputs, TransformError, transform

FIXTURES = Path(__file__).parent / "fixtures" / "snapshots"
SPELLINGS = {
    "Angus": "S12000041",
    "Eilean Siar": "S12000013",
    "Na h-Eileanan Siar": "S12000013",
    "Orkney Islands": "S12000023",
    "Scotland": "S92000003",
}
NAMES = {"S12000041": "Angus", "S12000013": "Na h-Eileanan Siar", "S92000003": "Scotland"}


def inputs_for(
    format: str, codes: dict[str, str], names: dict[str, str] = NAMES, series_held: str = ""
) -> Inputs:
    """Inputs as cspp statistics makes them: codes is publisher_code -> indicator_id."""
    snapshot = pd.Series(
        {"snapshot_id": "test-snapshot", "format": format, "series_held": series_held}
    )
    indicators = pd.DataFrame(
        {"indicator_id": list(codes.values()), "publisher_code": list(codes), "format": format}
    )
    return Inputs(snapshot, indicators, SPELLINGS, names)


def rows_of(file: Path, inputs: Inputs) -> list[tuple[str, ...]]:
    return [tuple(row) for row in transform(file, inputs)[VALUE_COLUMNS].itertuples(index=False)]


def edited(tmp_path: Path, fixture: str, old: str, new: str) -> Path:
    """A copy of a fixture with one piece of its text changed."""
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    assert old in text
    copy = tmp_path / fixture
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


# ---------------------------------------------------------------- LGBF data table

MIRROR_SCOTLAND = "Scotland value from Scotland_Indicator_Real column (identical on every LA row)"
HUB_SCOTLAND = (
    "Scotland value from Scotland_Data_Scotland_Indicator_Real column (identical on every LA row)"
)


def test_lgbf_reads_the_2024_mirror_header():
    rows = rows_of(
        FIXTURES / "lgbf_mirror_2024.csv", inputs_for("lgbf-data-table", {"CHN24": "lgbf_chn24"})
    )
    assert rows == [
        (
            "lgbf_chn24",
            "S12000013",
            "Na h-Eileanan Siar",
            "2020-21",
            "0.166804746",
            "",
            "",
            'LGBF name "Eilean Siar"',
        ),
        ("lgbf_chn24", "S12000041", "Angus", "2020-21", "0.206009164", "", "", ""),
        ("lgbf_chn24", "S92000003", "Scotland", "2020-21", "0.208594664", "", "", MIRROR_SCOTLAND),
        (
            "lgbf_chn24",
            "S12000013",
            "Na h-Eileanan Siar",
            "2021-22",
            "0.198007062",
            "",
            "",
            'LGBF name "Eilean Siar"',
        ),
        ("lgbf_chn24", "S12000041", "Angus", "2021-22", "0.241934657", "", "", ""),
        ("lgbf_chn24", "S92000003", "Scotland", "2021-22", "0.226156075", "", "", MIRROR_SCOTLAND),
    ]


def test_lgbf_reads_the_spatial_hub_header_and_keeps_only_wanted_series():
    rows = rows_of(
        FIXTURES / "lgbf_spatial_hub.csv", inputs_for("lgbf-data-table", {"CHN01": "lgbf_chn01"})
    )
    assert rows == [
        (
            "lgbf_chn01",
            "S12000013",
            "Na h-Eileanan Siar",
            "2023-24",
            "12722.151",
            "",
            "",
            'LGBF name "Eilean Siar"',
        ),
        ("lgbf_chn01", "S12000041", "Angus", "2023-24", "7116.5458", "", "", ""),
        ("lgbf_chn01", "S92000003", "Scotland", "2023-24", "7480.2687", "", "", HUB_SCOTLAND),
        (
            "lgbf_chn01",
            "S12000013",
            "Na h-Eileanan Siar",
            "2024-25",
            "13166.27",
            "",
            "",
            'LGBF name "Eilean Siar"',
        ),
        ("lgbf_chn01", "S12000041", "Angus", "2024-25", "7485.7", "", "", ""),
        ("lgbf_chn01", "S92000003", "Scotland", "2024-25", "7605.71", "", "", HUB_SCOTLAND),
    ]


def test_a_copy_holding_some_series_is_read_for_those_only():
    codes = {"CHN01": "lgbf_chn01", "CHN02": "lgbf_chn02"}
    partial = inputs_for("lgbf-data-table", codes, series_held="CHN01")
    assert {row[0] for row in rows_of(FIXTURES / "lgbf_spatial_hub.csv", partial)} == {"lgbf_chn01"}
    with pytest.raises(TransformError, match='no series "CHN02"'):
        transform(FIXTURES / "lgbf_spatial_hub.csv", inputs_for("lgbf-data-table", codes))


def test_lgbf_refuses_scotland_figures_that_disagree(tmp_path):
    file = edited(
        tmp_path,
        "lgbf_spatial_hub.csv",
        "CHN01,Eilean Siar,2024-25,13166.27,21935,1666,7605.71",
        "CHN01,Eilean Siar,2024-25,13166.27,21935,1666,7605.72",
    )
    with pytest.raises(TransformError) as error:
        transform(file, inputs_for("lgbf-data-table", {"CHN01": "lgbf_chn01"}))
    assert "line 5" in error.value.where
    assert "CHN01 2024-25" in error.value.problem and "7605.72" in error.value.problem


# ---------------------------------------------------------------- ScotPHO download

CPR_SOURCE = (
    "ScotPHO indicator 13035; numerator from Scottish Government child protection "
    "statistics (31 July snapshot)"
)
SCOTPHO = {
    "numerator: Children on the child protection register": "scotpho_cpr_count",
    "measure: Children on the child protection register": "scotpho_cpr_rate_0_15",
    "measure: Mid-year population estimate - all ages": "scotpho_pop_all_ages",
}
ORKNEY = {**NAMES, "S12000023": "Orkney Islands"}


def test_scotpho_counts_from_numerator_rates_from_measure_with_their_interval():
    rows = rows_of(
        FIXTURES / "scotpho_download.csv", inputs_for("scotpho-download", SCOTPHO, ORKNEY)
    )
    july = "2021 July snapshot"
    assert rows == [
        (
            "scotpho_cpr_count",
            "S12000023",
            "Orkney Islands",
            july,
            "",
            "",
            "",
            "ScotPHO numerator; ScotPHO year field 2021; blank (suppressed/not available) in source; "
            + CPR_SOURCE,
        ),
        (
            "scotpho_cpr_count",
            "S12000041",
            "Angus",
            july,
            "25",
            "",
            "",
            "ScotPHO numerator; ScotPHO year field 2021; " + CPR_SOURCE,
        ),
        (
            "scotpho_cpr_rate_0_15",
            "S12000023",
            "Orkney Islands",
            july,
            "",
            "",
            "",
            "ScotPHO year field 2021; blank (suppressed/not available) in source; " + CPR_SOURCE,
        ),
        (
            "scotpho_cpr_rate_0_15",
            "S12000041",
            "Angus",
            july,
            "1.3",
            "0.9",
            "2",
            "ScotPHO year field 2021; 95% CI 0.9-2; " + CPR_SOURCE,
        ),
        (
            "scotpho_pop_all_ages",
            "S12000041",
            "Angus",
            "2021 mid-year estimate",
            "116120",
            "",
            "",
            "ScotPHO year field 2021; NRS mid-2021 population estimate (rounded as published by ScotPHO)",
        ),
    ]


def test_scotpho_refuses_a_code_that_is_not_the_names(tmp_path):
    file = edited(
        tmp_path,
        "scotpho_download.csv",
        '"S12000041","Council area","Angus"',
        '"S12000099","Council area","Angus"',
    )
    with pytest.raises(TransformError, match="S12000099"):
        transform(file, inputs_for("scotpho-download", SCOTPHO, ORKNEY))


# ---------------------------------------------------------------- DWP CiLIF

CILIF_NOTE = (
    "financial year ending March; age filter of export not recorded in file "
    "(CiLIF counts dependent children aged 0-19 unless filtered)"
)


def test_cilif_keeps_the_scottish_councils_and_marks_provisional_years():
    rows = rows_of(
        FIXTURES / "cilif_export.csv",
        inputs_for("dwp-cilif", {"CILIF_REL": "dwp_cilif_relative_children"}),
    )
    assert rows == [
        (
            "dwp_cilif_relative_children",
            "S12000013",
            "Na h-Eileanan Siar",
            "2020/21",
            "605",
            "",
            "",
            CILIF_NOTE,
        ),
        (
            "dwp_cilif_relative_children",
            "S12000041",
            "Angus",
            "2020/21",
            "3512",
            "",
            "",
            CILIF_NOTE,
        ),
        (
            "dwp_cilif_relative_children",
            "S12000013",
            "Na h-Eileanan Siar",
            "2021/22",
            "771",
            "",
            "",
            "provisional (p) in source; " + CILIF_NOTE,
        ),
        (
            "dwp_cilif_relative_children",
            "S12000041",
            "Angus",
            "2021/22",
            "4597",
            "",
            "",
            "provisional (p) in source; " + CILIF_NOTE,
        ),
    ]


def test_cilif_names_a_council_it_cannot_find(tmp_path):
    file = edited(tmp_path, "cilif_export.csv", '"Angus",', '"Angus Council",')
    with pytest.raises(TransformError, match=r"no row for Angus \(S12000041\)"):
        transform(file, inputs_for("dwp-cilif", {"CILIF_REL": "dwp_cilif_relative_children"}))


def test_cilif_refuses_an_export_by_another_geography(tmp_path):
    file = edited(
        tmp_path,
        "cilif_export.csv",
        "National - Regional - LA - OAs",
        "Westminster Parliamentary Constituencies",
    )
    with pytest.raises(TransformError, match="area field"):
        transform(file, inputs_for("dwp-cilif", {"CILIF_REL": "dwp_cilif_relative_children"}))


# ---------------------------------------------------------------- NRS workbook

NRS = {"F:0": "nrs_mye_female_age_00", "M:17": "nrs_mye_male_age_17"}
NRS_NOTE = (
    "single year of age and sex only; no 0-15/0-17 totals in source (summing is left to the "
    "user); pre-2022-Census-rebasing estimates"
)


def test_nrs_workbook_keeps_the_wanted_ages_by_sex():
    rows = rows_of(FIXTURES / "nrs_sya_workbook.xlsx", inputs_for("nrs-sya-workbook", NRS))
    assert rows == [
        ("nrs_mye_female_age_00", "S12000041", "Angus", "2018", "480", "", "", NRS_NOTE),
        ("nrs_mye_female_age_00", "S92000003", "Scotland", "2018", "25478", "", "", NRS_NOTE),
        ("nrs_mye_male_age_17", "S12000041", "Angus", "2018", "689", "", "", NRS_NOTE),
        ("nrs_mye_male_age_17", "S92000003", "Scotland", "2018", "28431", "", "", NRS_NOTE),
    ]


def workbook_with(tmp_path: Path, cell: str, value) -> Path:
    workbook = openpyxl.load_workbook(FIXTURES / "nrs_sya_workbook.xlsx")
    workbook.active[cell] = value
    copy = tmp_path / "nrs_sya_workbook.xlsx"
    workbook.save(copy)
    return copy


def test_nrs_workbook_refuses_a_new_area_and_a_renamed_column(tmp_path):
    with pytest.raises(TransformError, match='"Angus Council" is not in area_names.csv'):
        transform(
            workbook_with(tmp_path, "A2", "Angus Council"), inputs_for("nrs-sya-workbook", NRS)
        )
    with pytest.raises(TransformError, match='no column "Population"'):
        transform(workbook_with(tmp_path, "E1", "Persons"), inputs_for("nrs-sya-workbook", NRS))


def test_nrs_workbook_refuses_a_file_that_is_not_a_workbook(tmp_path):
    file = tmp_path / "download"
    shutil.copyfile(FIXTURES / "cilif_export.csv", file)
    with pytest.raises(TransformError, match="not an xlsx workbook"):
        transform(file, inputs_for("nrs-sya-workbook", NRS))


# ---------------------------------------------------------------- every format's refusals

FORMATS = {
    "lgbf-data-table": ("lgbf_spatial_hub.csv", {"CHN01": "lgbf_chn01"}, NAMES),
    "scotpho-download": ("scotpho_download.csv", SCOTPHO, ORKNEY),
    "dwp-cilif": ("cilif_export.csv", {"CILIF_REL": "dwp_cilif_relative_children"}, NAMES),
    "nrs-sya-workbook": ("nrs_sya_workbook.xlsx", NRS, NAMES),
}
ERROR_PAGE = "<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head></html>\n"


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize(
    "content, problem",
    [
        ("", "the file is empty"),
        ("\n\n", "the file is empty"),
        (ERROR_PAGE, "the file is a web page (HTML)"),
    ],
)
def test_every_format_refuses_an_empty_file_or_a_web_page(tmp_path, format, content, problem):
    fixture, codes, names = FORMATS[format]
    file = tmp_path / fixture
    file.write_text(content, encoding="utf-8")
    with pytest.raises(TransformError) as error:
        transform(file, inputs_for(format, codes, names))
    assert error.value.where == fixture and error.value.problem.startswith(problem)
    assert str(error.value).startswith("snapshot test-snapshot, ") and "Fix: fetch" in str(
        error.value
    )


@pytest.mark.parametrize(
    "format, old, new, problem",
    [
        (
            "lgbf-data-table",
            "LA_Data_LA_IndicatorReal",
            "LA_Data_LA_Indicator",
            'no column "LA_Data_LA_IndicatorReal"',
        ),
        (
            "lgbf-data-table",
            "Indicators_Information_Code",
            "Code_Indicator",
            'no column "Indicators_Information_Code" or "Code"',
        ),
        ("scotpho-download", '"numerator"', '"count"', 'no column "numerator"'),
        ("dwp-cilif", '"Year"', '"Area"', 'no column "Year"'),
    ],
)
def test_every_format_refuses_a_renamed_column(tmp_path, format, old, new, problem):
    fixture, codes, names = FORMATS[format]
    with pytest.raises(TransformError) as error:
        transform(edited(tmp_path, fixture, old, new), inputs_for(format, codes, names))
    assert error.value.where == f"{fixture}, line 1" and error.value.problem.startswith(problem)


@pytest.mark.parametrize(
    "format, old, new",
    [
        ("lgbf-data-table", "CHN01,Angus,2024-25", "CHN01,Angus Council,2024-25"),
        (
            "scotpho-download",
            '"Council area","Angus",2021,"2021 July',
            '"Council area","Angus Council",2021,"2021 July',
        ),
    ],
)
def test_a_new_area_name_is_refused_with_its_line(tmp_path, format, old, new):
    fixture, codes, names = FORMATS[format]
    with pytest.raises(TransformError) as error:
        transform(edited(tmp_path, fixture, old, new), inputs_for(format, codes, names))
    assert error.value.where.startswith(f"{fixture}, line 3")
    assert '"Angus Council" is not in area_names.csv' in error.value.problem
    assert "area_names.csv" in error.value.fix


@pytest.mark.parametrize(
    "format, code",
    [
        ("lgbf-data-table", "CHN02"),
        ("scotpho-download", "measure: Children looked after by local authority"),
        ("nrs-sya-workbook", "F:91"),
    ],
)
def test_a_wanted_series_missing_from_the_file_is_refused(format, code):
    fixture, codes, names = FORMATS[format]
    with pytest.raises(TransformError, match=f'no series "{code}" in the file'):
        transform(FIXTURES / fixture, inputs_for(format, {**codes, code: "wanted_series"}, names))


# ---------------------------------------------------------------- the vintage rule

SNAPSHOTS = pd.DataFrame(
    [
        {
            "snapshot_id": "older",
            "release_date": "2020",
            "copied_on": "",
            "retrieved": "2026-12-01",
        },
        {
            "snapshot_id": "current",
            "release_date": "2024-03",
            "copied_on": "",
            "retrieved": "2026-12-01",
        },
        {
            "snapshot_id": "newer",
            "release_date": "2026",
            "copied_on": "",
            "retrieved": "2026-12-01",
        },
        # No release date recorded: a third party's copy of 2023, and a file fetched in 2027.
        {
            "snapshot_id": "copy",
            "release_date": "",
            "copied_on": "2023-05-02",
            "retrieved": "2026-12-01",
        },
        {"snapshot_id": "fetched", "release_date": "", "copied_on": "", "retrieved": "2027-01-07"},
    ]
)


def value_rows(snapshot: str, *rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"indicator_id": i, "period": p, "value": v, "snapshot_id": snapshot} for i, p, v in rows]
    )


CURRENT = value_rows(
    "current", ("chn01", "2021-22", "1"), ("chn01", "2022-23", "2"), ("chn24", "2021-22", "0.2")
)


def snapshot(snapshot_id: str) -> pd.Series:
    return SNAPSHOTS.set_index("snapshot_id", drop=False).loc[snapshot_id]


def test_a_newer_snapshot_replaces_an_indicators_rows_and_leaves_the_others():
    newer = value_rows("newer", ("chn01", "2023-24", "3"), ("chn01", "2024-25", "4"))
    result = with_snapshot_rows(CURRENT, newer, snapshot("newer"), SNAPSHOTS)
    assert result.values.tolist() == [
        ["chn01", "2023-24", "3", "newer"],
        ["chn01", "2024-25", "4", "newer"],
        ["chn24", "2021-22", "0.2", "current"],
    ]


def test_an_older_snapshot_does_not_replace_newer_rows():
    older = value_rows("older", ("chn01", "2010-11", "9"))
    result = with_snapshot_rows(CURRENT, older, snapshot("older"), SNAPSHOTS)
    assert result.values.tolist() == CURRENT.values.tolist()


def test_an_older_snapshot_still_brings_an_indicator_no_one_else_carries():
    older = value_rows("older", ("chn02", "2010-11", "9"))
    result = with_snapshot_rows(CURRENT, older, snapshot("older"), SNAPSHOTS)
    assert result.values.tolist() == CURRENT.values.tolist() + [["chn02", "2010-11", "9", "older"]]


def test_an_undated_snapshot_counts_from_the_day_it_is_known_to_have_existed():
    copy = value_rows("copy", ("chn01", "2010-11", "8"))
    assert (
        with_snapshot_rows(CURRENT, copy, snapshot("copy"), SNAPSHOTS).values.tolist()
        == CURRENT.values.tolist()
    )  # saved in May 2023, before the March 2024 release
    fetched = value_rows("fetched", ("chn01", "2025-26", "5"))
    assert with_snapshot_rows(CURRENT, fetched, snapshot("fetched"), SNAPSHOTS).values.tolist() == [
        ["chn01", "2025-26", "5", "fetched"],
        ["chn24", "2021-22", "0.2", "current"],
    ]
