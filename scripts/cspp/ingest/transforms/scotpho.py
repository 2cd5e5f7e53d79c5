"""The ScotPHO profiles tool's full data download: one row per indicator and area, its latest
period only. A count comes from the numerator column; a rate or percentage from the measure
column, with its 95% confidence interval."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import Inputs
from .reading import line_of, read_csv_text, require_columns, require_series

COLUMNS = [
    "area_code",
    "area_type",
    "area_name",
    "year",
    "period",
    "type_definition",
    "indicator",
    "numerator",
    "measure",
    "upper_confidence_interval",
    "lower_confidence_interval",
]
AREA_TYPES = {"Council area", "Scotland"}  # other geographies (health boards, HSCPs) are not kept
MISSING = "NA"  # how the download (written by R) marks an empty cell
# A series' publisher_code is its column and the ScotPHO indicator's name, as
# "numerator: Children looked after by local authority".
VALUE_COLUMNS = ("numerator", "measure")

# What the statistics research (shared/sources/stats/sources.md §3-7) recorded of some
# indicators' sources; every row of the indicator carries it in its notes. {year} is the
# download's year field.
SOURCE_NOTES = {
    "Children looked after by local authority": "ScotPHO indicator 20503; numerator from Scottish Government Children's Social Work "
    "Statistics (31 July snapshot); rate uses NRS 0-17 population",
    "Children on the child protection register": "ScotPHO indicator 13035; numerator from Scottish Government child protection statistics "
    "(31 July snapshot)",
    "Developmental concerns at 27-30 months": "PHS Child Health Systems Programme Pre-School; % of 27-30 month reviews with a concern "
    "in any domain",
    "School leavers in positive destinations": "Scottish Government Summary Statistics for Attainment and Initial Leaver Destinations",
    "Mid-year population estimate - aged 0-15 years": "NRS mid-{year} population estimates as used by ScotPHO; percentage = share of all-ages "
    "population",
    "Mid-year population estimate - aged under 18 years": "NRS mid-{year} population estimates as used by ScotPHO; percentage = share of all-ages "
    "population",
    "Mid-year population estimate - all ages": "NRS mid-{year} population estimate (rounded as published by ScotPHO)",
}


def transform(file: Path, inputs: Inputs) -> pd.DataFrame:
    table = read_csv_text(file, inputs).replace(MISSING, "")
    require_columns(table.columns, COLUMNS, inputs, f"{file.name}, line 1")
    table = table[table["area_type"].isin(AREA_TYPES)]
    wanted = inputs.wanted()
    series = {code: split_code(code, file, inputs) for code in wanted}
    require_series(
        [f"{column}: {name}" for name in table["indicator"] for column in VALUE_COLUMNS],
        wanted,
        file,
        inputs,
    )
    return pd.concat(
        [
            series_rows(table[table["indicator"] == name], column, wanted[code], file, inputs)
            for code, (column, name) in series.items()
        ]
    )


def split_code(code: str, file: Path, inputs: Inputs) -> tuple[str, str]:
    column, _, name = code.partition(": ")
    if column not in VALUE_COLUMNS or not name:
        raise inputs.error(
            file.name,
            f'the publisher_code "{code}" names no column of the download',
            'write it as "numerator: <ScotPHO indicator>" or "measure: <ScotPHO '
            'indicator>" in datapackages/measures/indicators.csv',
        )
    return column, name


def series_rows(
    table: pd.DataFrame, column: str, indicator_id: str, file: Path, inputs: Inputs
) -> pd.DataFrame:
    codes = area_codes(table, file, inputs)
    with_interval = column == "measure"
    return pd.DataFrame(
        {
            "indicator_id": indicator_id,
            "area_code": codes,
            "area_name": [inputs.names[code] for code in codes],
            "period": table["period"].to_numpy(),
            "value": table[column].to_numpy(),
            "lower_confidence_limit": table["lower_confidence_interval"].to_numpy()
            if with_interval
            else "",
            "upper_confidence_limit": table["upper_confidence_interval"].to_numpy()
            if with_interval
            else "",
            "notes": [notes(row, column) for _, row in table.iterrows()],
        }
    )


def area_codes(table: pd.DataFrame, file: Path, inputs: Inputs) -> list[str]:
    """The download's GSS codes, each checked against its area name: a new area, or a code
    that is not the one area_names.csv gives the name, is refused rather than guessed."""
    codes = []
    for index, code, name in zip(table.index, table["area_code"], table["area_name"]):
        where = f'{file.name}, line {line_of(index)}, column "area_name"'
        known = inputs.area_code(name, where)
        if known != code:
            raise inputs.error(
                where,
                f'"{name}" has the code {code} here but {known} in area_names.csv',
                "check which code is current, and correct "
                "datapackages/measures/area_names.csv if the publisher's is",
            )
        codes.append(code)
    return codes


def notes(row: pd.Series, column: str) -> str:
    parts = ["ScotPHO numerator"] if column == "numerator" else []
    parts.append(f"ScotPHO year field {row['year']}")
    if row[column] == "":
        parts.append("blank (suppressed/not available) in source")
    elif (
        column == "measure"
        and row["lower_confidence_interval"]
        and row["upper_confidence_interval"]
    ):
        parts.append(
            f"95% CI {row['lower_confidence_interval']}-{row['upper_confidence_interval']}"
        )
    if row["indicator"] in SOURCE_NOTES:
        parts.append(SOURCE_NOTES[row["indicator"]].format(year=row["year"]))
    return "; ".join(parts)
