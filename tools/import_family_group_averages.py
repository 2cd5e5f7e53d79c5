"""Write measures/family_group_averages.csv from the held LGBF data table snapshot.

The LGBF data table gives, on every council's row, the council's family group
(FG_Data_FamilyGroup) and that group's average for the year (FG_Data_FG_Avg_Indicator_Real).
This copies one row per series, group and year, exactly as the file gives the average. It
refuses a file where two councils of one group disagree on the group's average for a year, or
where a council's group differs from partnerships/family_groups.csv.

A maintainer's tool, not part of the build: `cspp fetch lgbf` does not yet rerun it, so after a
new LGBF release is fetched, rerun this and commit the result.

Usage: PYTHONPATH=scripts python tools/import_family_group_averages.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from cspp.paths import DATAPACKAGES

SNAPSHOT_ID = "lgbf-data-table-2026-08"
GROUPING_ID = "lgbf-chn01-2026"
SERIES = {"CHN01": "lgbf_chn01"}  # the LGBF code -> the series' indicator_id
COLUMNS = {
    "code": "Indicators_Information_Code",
    "council": "LA_Information_LocalAuthority",
    "year": "LA_Data_LGBF_Year",
    "group": "FG_Data_FamilyGroup",
    "average": "FG_Data_FG_Avg_Indicator_Real",
}
OUT = DATAPACKAGES / "measures" / "family_group_averages.csv"


def read_text(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def averages(table: pd.DataFrame, snapshot: dict, groups: dict[str, str]) -> pd.DataFrame:
    """One row per series, family group and year; groups: council name -> its group label."""
    rows = table[table[COLUMNS["code"]].isin(list(SERIES))]
    check_groups(rows, groups)
    out = []
    keys = [COLUMNS["code"], COLUMNS["group"], COLUMNS["year"]]
    for (code, group, year), members in rows.groupby(keys, sort=False):
        values = members[COLUMNS["average"]].unique()
        if len(values) != 1:
            sys.exit(f"{code} {group} {year}: the councils' rows give {len(values)} averages")
        out.append(
            {
                "indicator_id": SERIES[code],
                "grouping_id": GROUPING_ID,
                "family_group": group,
                "period": year,
                "value": values[0],
                "notes": f"Column {COLUMNS['average']}, the same on the rows of the group's "
                f"{len(members)} councils",
                "source_id": snapshot["source_id"],
                "snapshot_id": snapshot["snapshot_id"],
            }
        )
    return pd.DataFrame(out)


def check_groups(rows: pd.DataFrame, groups: dict[str, str]) -> None:
    for name, group in zip(rows[COLUMNS["council"]], rows[COLUMNS["group"]]):
        if groups.get(name, group) != group:
            sys.exit(f"{name}: group {group} in the file, {groups[name]} in family_groups.csv")


def main() -> None:
    measures, partnerships = DATAPACKAGES / "measures", DATAPACKAGES / "partnerships"
    snapshots = read_text(measures / "snapshots.csv")
    snapshot = snapshots[snapshots["snapshot_id"] == SNAPSHOT_ID].iloc[0].to_dict()
    names = read_text(measures / "area_names.csv")
    councils = read_text(partnerships / "councils.csv")
    code_of = dict(zip(councils["council_name"], councils["council_code"]))
    code_of |= dict(zip(names["spelling"], names["area_code"]))
    family = read_text(partnerships / "family_groups.csv")
    family = family[family["grouping_id"] == GROUPING_ID]
    group_of_code = dict(zip(family["council_code"], family["family_group"]))
    table = read_text(measures / snapshot["path"])
    unknown = sorted(set(table[COLUMNS["council"]]) - set(code_of))
    if unknown:
        sys.exit(f"council names not in councils.csv or area_names.csv: {', '.join(unknown)}")
    groups = {name: group_of_code[code_of[name]] for name in table[COLUMNS["council"]].unique()}
    averages(table, snapshot, groups).to_csv(OUT, index=False, lineterminator="\n")
    print(f"wrote {OUT.relative_to(DATAPACKAGES.parent)}")


if __name__ == "__main__":
    main()
