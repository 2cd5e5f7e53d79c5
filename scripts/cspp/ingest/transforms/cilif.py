"""DWP's Children in Low Income Families, as a Stat-Xplore table export by local authority: one
row per UK area, one column per financial year (a "(p)" year is provisional), each beside its
Annotations column. The Scottish councils are kept; every other UK area is ignored."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import Inputs
from .reading import read_csv_text, require_columns

AREA_COLUMN = "Year"  # Stat-Xplore heads the area column with the name of the column field
GEOGRAPHY = "National - Regional - LA - OAs"  # the label row under the header: the area field
PROVISIONAL = " (p)"
ANNOTATIONS = " - Annotations"
NOT_AVAILABLE = ".."
# The export does not record its filters, so this stands on every row (shared/sources/stats/
# sources.md §5b).
NOTE = (
    "financial year ending March; age filter of export not recorded in file "
    "(CiLIF counts dependent children aged 0-19 unless filtered)"
)


def transform(file: Path, inputs: Inputs) -> pd.DataFrame:
    table = read_csv_text(file, inputs)
    require_columns(table.columns, [AREA_COLUMN], inputs, f"{file.name}, line 1")
    check_geography(table, file, inputs)
    indicator_id = the_one_series(inputs, file)
    years = [
        c
        for c in table.columns[1:]
        if not c.endswith(ANNOTATIONS) and c.strip() and not c.startswith("Unnamed:")
    ]
    if not years:
        raise inputs.error(
            f"{file.name}, line 1",
            "no year columns after the area column",
            "export the table with financial years as its columns",
        )
    councils = council_lines(table, file, inputs)
    return pd.DataFrame(
        [
            year_row(table.loc[index], code, year, indicator_id, inputs)
            for code, index in councils.items()
            for year in years
        ]
    )


def check_geography(table: pd.DataFrame, file: Path, inputs: Inputs) -> None:
    label = table[AREA_COLUMN].iloc[0]
    if label != GEOGRAPHY:
        raise inputs.error(
            f"{file.name}, line 2",
            f'the area field is "{label}", not "{GEOGRAPHY}"',
            "export the table by local authority (the National - Regional - LA - OAs field)",
        )


def the_one_series(inputs: Inputs, file: Path) -> str:
    wanted = inputs.wanted()
    if len(wanted) != 1:
        raise inputs.error(
            file.name,
            f"an export holds one measure, but {len(wanted)} indicators "
            "of this format have a publisher_code",
            "give only the exported measure's indicator a publisher_code in "
            "datapackages/measures/indicators.csv",
        )
    return next(iter(wanted.values()))


def council_lines(table: pd.DataFrame, file: Path, inputs: Inputs) -> dict[str, int]:
    """Each Scottish council's row (GSS code -> row index); a council not found is an error,
    since a renamed council would otherwise drop out silently."""
    found = {
        inputs.spellings[name]: index
        for index, name in table[AREA_COLUMN].items()
        if name in inputs.spellings
    }
    missing = [code for code in inputs.names if code not in found and code != "S92000003"]
    if missing:
        names = ", ".join(f"{inputs.names[code]} ({code})" for code in missing)
        raise inputs.error(
            file.name,
            f"no row for {names}",
            "if the export spells the council differently, add that spelling with "
            "its GSS code to datapackages/measures/area_names.csv",
        )
    return found


def year_row(row: pd.Series, code: str, year: str, indicator_id: str, inputs: Inputs) -> dict:
    value = row[year]
    notes = [f"provisional{PROVISIONAL} in source"] if year.endswith(PROVISIONAL) else []
    notes.append(NOTE)
    annotation = row.get(year.removesuffix(PROVISIONAL) + ANNOTATIONS, "")
    if annotation:
        notes.append(f'Stat-Xplore annotation "{annotation}"')
    if value == NOT_AVAILABLE:
        value = ""
        notes.append(f'"{NOT_AVAILABLE}" (not available) in source')
    return {
        "indicator_id": indicator_id,
        "area_code": code,
        "area_name": inputs.names[code],
        "period": year.removesuffix(PROVISIONAL),
        "value": value,
        "lower_confidence_limit": "",
        "upper_confidence_limit": "",
        "notes": "; ".join(notes),
    }
