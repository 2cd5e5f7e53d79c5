"""Write measures/family_group_averages.csv from the held LGBF data table snapshot.

The LGBF data table gives, on every council's row, the council's family group
(FG_Data_FamilyGroup) and that group's average for the year (FG_Data_FG_Avg_Indicator_Real).
This copies one row per series, group and year, exactly as the file gives the average. It
refuses a file where two councils of one group disagree on the group's average for a year, or
where a council's group differs from partnerships/family_groups.csv.

It reads the snapshot as `cspp fetch` does (ingest/: the snapshot's file, its series and the
spellings of area names). A maintainer's tool, not part of the build: `cspp fetch lgbf` does not
yet rerun it, so after a new LGBF release is fetched, rerun this and commit the result.

Usage: PYTHONPATH=scripts python tools/import_family_group_averages.py
"""

from __future__ import annotations

import sys

import pandas as pd

from cspp.ingest.refresh import transform_inputs
from cspp.ingest.snapshots import snapshot_file
from cspp.ingest.transforms import TransformError
from cspp.ingest.transforms.lgbf import HEADERS
from cspp.load.model import read_text
from cspp.paths import DATAPACKAGES

SNAPSHOT_ID = "lgbf-data-table-2026-08"
GROUPING_ID = "lgbf-chn01-2026"
COLUMNS = {
    **HEADERS["Spatial Hub download"],  # code, area, year, as the LGBF transform reads them
    "group": "FG_Data_FamilyGroup",
    "average": "FG_Data_FG_Avg_Indicator_Real",
}
OUT = DATAPACKAGES / "measures" / "family_group_averages.csv"


def averages(
    table: pd.DataFrame, snapshot: dict, groups: dict[str, str], wanted: dict[str, str]
) -> pd.DataFrame:
    """One row per series, family group and year; groups: council name -> its group label;
    wanted: the publisher's code -> the series' indicator_id."""
    rows = table[table[COLUMNS["code"]].isin(list(wanted))]
    check_groups(rows, groups)
    out = []
    keys = [COLUMNS["code"], COLUMNS["group"], COLUMNS["year"]]
    for (code, group, year), members in rows.groupby(keys, sort=False):
        values = members[COLUMNS["average"]].unique()
        if len(values) != 1:
            sys.exit(f"{code} {group} {year}: the councils' rows give {len(values)} averages")
        out.append(
            {
                "indicator_id": wanted[code],
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
    for name, group in zip(rows[COLUMNS["area"]], rows[COLUMNS["group"]]):
        if groups.get(name, group) != group:
            sys.exit(f"{name}: group {group} in the file, {groups[name]} in family_groups.csv")


def main() -> None:
    measures = DATAPACKAGES / "measures"
    snapshots = read_text(measures / "snapshots.csv")
    snapshot = snapshots[snapshots["snapshot_id"] == SNAPSHOT_ID].iloc[0]
    inputs = transform_inputs(snapshot, measures)
    family = read_text(DATAPACKAGES / "partnerships" / "family_groups.csv")
    family = family[family["grouping_id"] == GROUPING_ID]
    group_of_code = dict(zip(family["council_code"], family["family_group"]))
    file = snapshot_file(snapshot, measures)
    if file is None:
        sys.exit(f"snapshot {SNAPSHOT_ID}: its file is not held here with its checksum")
    table = read_text(file)
    where = f"{file.name}, column {COLUMNS['area']}"
    try:
        codes = {name: inputs.area_code(name, where) for name in table[COLUMNS["area"]].unique()}
    except TransformError as error:
        sys.exit(str(error))
    groups = {name: group_of_code[code] for name, code in codes.items()}
    averages(table, snapshot.to_dict(), groups, inputs.wanted()).to_csv(
        OUT, index=False, lineterminator="\n"
    )
    print(f"wrote {OUT.relative_to(DATAPACKAGES.parent)}")


if __name__ == "__main__":
    main()
