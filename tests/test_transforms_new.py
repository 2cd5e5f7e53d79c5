"""The transforms of the newer releases (End Child Poverty, CPOP, NRS mid-2022) and the family
groups. Each fixture is cut from the real file's layout (tests/fixtures/snapshots/); the rows
expected are written by hand from those files."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from cspp.ingest.transforms import Inputs, TransformError, transform
from cspp.paths import DATAPACKAGES

FIXTURES = Path(__file__).parent / "fixtures" / "snapshots"
CPOP_CUT = FIXTURES / "cpop_CPPcleandata_cut.csv"
ECP_CUT = FIXTURES / "ecp_local_authority_cut.xlsx"
NRS_FILE = (
    DATAPACKAGES / "measures" / "snapshots" / "nrs-mye-2022" / "population22_ltla19_scotland.rda"
)

DUNDEE, ANGUS, EDINBURGH, SIAR, SCOTLAND = (
    "S12000042",
    "S12000041",
    "S12000036",
    "S12000013",
    "S92000003",
)
NAMES = {
    DUNDEE: "Dundee City",
    ANGUS: "Angus",
    EDINBURGH: "City of Edinburgh",
    SIAR: "Na h-Eileanan Siar",
    SCOTLAND: "Scotland",
}


def spellings() -> dict[str, str]:
    with (DATAPACKAGES / "measures" / "area_names.csv").open(encoding="utf-8") as handle:
        return {row["spelling"]: row["area_code"] for row in csv.DictReader(handle)}


def council_names() -> dict[str, str]:
    with (DATAPACKAGES / "partnerships" / "councils.csv").open(encoding="utf-8") as handle:
        return {row["council_code"]: row["council_name"] for row in csv.DictReader(handle)}


def inputs(fmt: str, codes: dict[str, str], names: dict[str, str], release: str = "") -> Inputs:
    snapshot = pd.Series({"snapshot_id": f"test-{fmt}", "format": fmt, "release": release})
    indicators = pd.DataFrame({"indicator_id": list(codes.values()), "publisher_code": list(codes)})
    return Inputs(snapshot, indicators, spellings(), names)


def cpop_inputs(names=None) -> Inputs:
    areas = names or {k: NAMES[k] for k in (DUNDEE, EDINBURGH, SIAR, SCOTLAND)}
    return inputs("cpop-clean-data", {"Child Poverty": "cpop_child_poverty"}, areas)


def ecp_inputs() -> Inputs:
    return inputs(
        "ecp-workbook",
        {"Number": "ecp_count", "Percentage": "ecp_pct"},
        {k: NAMES[k] for k in (DUNDEE, SIAR, SCOTLAND)},
    )


def triples(rows: pd.DataFrame) -> set[tuple[str, str, str, str]]:
    return set(zip(rows["indicator_id"], rows["area_code"], rows["period"], rows["value"]))


# CPOP ----------------------------------------------------------------------------------------


def test_cpop_keeps_only_the_raw_data_rows():
    """The cut has Dundee's Child Poverty as Imputed (2013/14), Raw data (2021/22) and Projected
    (2022/23), a Crime Rate row nobody asked for, and the raw 2021/22 rows of Scotland, Eilean
    Siar and "Edinburgh, City of" (IS spellings)."""
    rows = transform(CPOP_CUT, cpop_inputs())
    assert triples(rows) == {
        ("cpop_child_poverty", DUNDEE, "2021/22", "17.996962537968276"),
        ("cpop_child_poverty", SCOTLAND, "2021/22", "16.050298292306714"),
        ("cpop_child_poverty", SIAR, "2021/22", "12.167487684729064"),
        ("cpop_child_poverty", EDINBURGH, "2021/22", "11.494938218354353"),
    }
    assert set(rows["area_name"]) == {
        "Dundee City",
        "Scotland",
        "Na h-Eileanan Siar",
        "City of Edinburgh",
    }


def test_cpop_refuses_a_type_it_does_not_know(tmp_path):
    text = CPOP_CUT.read_text(encoding="utf-8").replace(",Projected,", ",Modelled,")
    (tmp_path / "c.csv").write_text(text, encoding="utf-8")
    with pytest.raises(TransformError, match='line 5, Type: the type "Modelled"'):
        transform(tmp_path / "c.csv", cpop_inputs())


def test_cpop_wants_every_area_it_is_told_of():
    with pytest.raises(TransformError, match="no raw data for Angus"):
        transform(CPOP_CUT, cpop_inputs({**NAMES}))


# End Child Poverty ---------------------------------------------------------------------------


def test_ecp_gives_both_the_count_and_the_percentage_of_scottish_rows_only():
    """The cut keeps the real sheet's two header rows, Tower Hamlets (London), and the rows of
    Na h-Eileanan Siar and Dundee City at their own row numbers (the rows between are empty). Dundee 2014/15: 6,406 children, 0.23766694962978363; 2023/24: 7,041,
    0.2607438266277313. Na h-Eileanan Siar 2023/24: 850, 0.1969762146472931."""
    rows = transform(ECP_CUT, ecp_inputs())
    assert len(rows) == 2 * 10 * 2
    assert {
        ("ecp_count", DUNDEE, "2014/15", "6406"),
        ("ecp_pct", DUNDEE, "2014/15", "0.23766694962978363"),
        ("ecp_count", DUNDEE, "2023/24", "7041"),
        ("ecp_pct", DUNDEE, "2023/24", "0.2607438266277313"),
        ("ecp_count", SIAR, "2023/24", "850"),
        ("ecp_pct", SIAR, "2023/24", "0.1969762146472931"),
    } <= triples(rows)
    assert set(rows["area_code"]) == {DUNDEE, SIAR}
    assert sorted(set(rows["period"])) == [f"20{y}/{y + 1}" for y in range(14, 24)]


def test_ecp_wants_every_council():
    names = {k: NAMES[k] for k in (DUNDEE, SIAR, ANGUS, SCOTLAND)}
    with pytest.raises(TransformError, match="no row for Angus"):
        transform(ECP_CUT, inputs("ecp-workbook", {"Number": "ecp_count"}, names))


def ecp_with(tmp_path, edit) -> Path:
    import openpyxl

    workbook = openpyxl.load_workbook(ECP_CUT)
    edit(workbook["Local Authority"])
    path = tmp_path / "ecp.xlsx"
    workbook.save(path)
    return path


def test_ecp_refuses_a_renamed_column(tmp_path):
    path = ecp_with(tmp_path, lambda sheet: setattr(sheet["B1"], "value", "Local authority"))
    with pytest.raises(TransformError, match='no column "Local authority "'):
        transform(path, ecp_inputs())


def test_ecp_refuses_a_new_area_name(tmp_path):
    path = ecp_with(tmp_path, lambda sheet: setattr(sheet["B336"], "value", "Dundee"))
    with pytest.raises(
        TransformError, match='row 336: the area name "Dundee" is not in area_names.csv'
    ):
        transform(path, ecp_inputs())


# NRS mid-2022 (the committed snapshot itself: the R data file could not be cut here) ----------


def test_nrs_gives_all_ages_as_published_and_the_derived_child_totals():
    """Dundee City: all ages 148,350; single years 0-15 sum to 23,528 and 0-17 to 26,379.
    Angus: 114,660; 0-15 18,259; 0-17 20,715 (added by hand from the file's columns)."""
    codes = {"All ages": "all", "sum of ages 0 to 15": "c15", "sum of ages 0 to 17": "c17"}
    rows = transform(
        NRS_FILE,
        inputs(
            "nrs-table1",
            codes,
            council_names(),
            release="Mid-2022 estimates (based on Census 2022)",
        ),
    )
    ours = rows[rows["area_code"].isin([DUNDEE, ANGUS])]
    assert triples(ours) == {
        ("all", DUNDEE, "2022", "148350"),
        ("c15", DUNDEE, "2022", "23528"),
        ("c17", DUNDEE, "2022", "26379"),
        ("all", ANGUS, "2022", "114660"),
        ("c15", ANGUS, "2022", "18259"),
        ("c17", ANGUS, "2022", "20715"),
    }
    assert len(rows) == 3 * 32 and SCOTLAND not in set(rows["area_code"])
    derived = ours[ours["indicator_id"] == "c15"]["notes"].iloc[0]
    assert derived.startswith(
        "Derived by this project: the sum of NRS's single-year estimates for ages 0 to 15"
    )


# Malformed answers, each format --------------------------------------------------------------

HTML = b"<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head></html>"
CASES = [
    ("cpop-clean-data", "c.csv", cpop_inputs),
    ("ecp-workbook", "e.xlsx", ecp_inputs),
    (
        "nrs-table1",
        "n.rda",
        lambda: inputs("nrs-table1", {"All ages": "all"}, council_names(), release="Mid-2022"),
    ),
]


@pytest.mark.parametrize("fmt,name,make", CASES)
def test_an_empty_file_is_refused(tmp_path, fmt, name, make):
    (tmp_path / name).write_bytes(b"")
    with pytest.raises(TransformError, match="the file is empty"):
        transform(tmp_path / name, make())


@pytest.mark.parametrize("fmt,name,make", CASES)
def test_an_html_page_is_refused(tmp_path, fmt, name, make):
    (tmp_path / name).write_bytes(HTML)
    with pytest.raises(TransformError, match=r"the file is a web page \(HTML\)"):
        transform(tmp_path / name, make())


def test_cpop_refuses_a_renamed_column(tmp_path):
    text = CPOP_CUT.read_text(encoding="utf-8").replace(
        "CPP,Indicator,Type", "CPP,Indicator,Kind", 1
    )
    (tmp_path / "c.csv").write_text(text, encoding="utf-8")
    with pytest.raises(TransformError, match='line 1: no column "Type"'):
        transform(tmp_path / "c.csv", cpop_inputs())


def test_cpop_refuses_a_new_area_name(tmp_path):
    text = CPOP_CUT.read_text(encoding="utf-8").replace("Eilean Siar,", "Western Isles,")
    (tmp_path / "c.csv").write_text(text, encoding="utf-8")
    with pytest.raises(TransformError, match='line 7, CPP: the area name "Western Isles"'):
        transform(tmp_path / "c.csv", cpop_inputs())


def test_a_truncated_workbook_is_refused(tmp_path):
    data = ECP_CUT.read_bytes()
    (tmp_path / "e.xlsx").write_bytes(data[: len(data) // 2])
    with pytest.raises(TransformError, match="not a readable xlsx workbook"):
        transform(tmp_path / "e.xlsx", ecp_inputs())


def test_a_truncated_r_data_file_is_refused(tmp_path):
    shutil.copyfile(NRS_FILE, tmp_path / "n.rda")
    data = (tmp_path / "n.rda").read_bytes()
    (tmp_path / "n.rda").write_bytes(data[: len(data) // 2])
    with pytest.raises(TransformError, match="not a readable R data file"):
        transform(
            tmp_path / "n.rda",
            inputs("nrs-table1", {"All ages": "all"}, council_names(), release="Mid-2022"),
        )


# Family groups -------------------------------------------------------------------------------


def groups() -> list[dict]:
    with (DATAPACKAGES / "partnerships" / "family_groups.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    "grouping,label,members",
    [
        # LGBF 2026 data table, CHN01 rows, FG_Data_FamilyGroup = "Urban", read by hand.
        (
            "lgbf-chn01-2026",
            "Urban",
            {
                "Aberdeen City",
                "City of Edinburgh",
                "Dundee City",
                "East Dunbartonshire",
                "Falkirk",
                "Glasgow City",
                "North Lanarkshire",
                "West Dunbartonshire",
            },
        ),
        # CPOP CPPcleandata.csv, FG = 4, read by hand.
        (
            "cpop-2023-09",
            "4",
            {
                "Dundee City",
                "East Ayrshire",
                "Na h-Eileanan Siar",
                "Glasgow City",
                "Inverclyde",
                "North Ayrshire",
                "North Lanarkshire",
                "West Dunbartonshire",
            },
        ),
    ],
)
def test_dundee_citys_family_group_and_its_members(grouping, label, members):
    names = council_names()
    rows = [r for r in groups() if r["grouping_id"] == grouping]
    dundee = next(r for r in rows if r["council_code"] == DUNDEE)
    assert dundee["family_group"] == label
    assert {names[r["council_code"]] for r in rows if r["family_group"] == label} == members
    assert len(rows) == 32
