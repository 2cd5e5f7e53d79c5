"""NRS mid-year population estimates by council area and single year of age (format nrs-table1).

The publisher's workbook has them in sheet "Table 1": Area code, Area name, Area type, Sex,
All ages, then 0 to 89 and "90 and over". The copy held is humaniverse/demographr's R data file
of that sheet's council rows for persons, whose script (data-raw/population_22_ltla19_scot.R)
renames four columns; they are given their publisher's names back here. It has no Scotland row.

An indicator whose publisher_code is a column name ("All ages") is read as published. One whose
code is "sum of ages A to B" is DERIVED: the sum of the single years A to B, each as published.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pandas as pd
import rdata

from . import VALUE_COLUMNS, Inputs
from .reading import file_bytes, require_columns

DEMOGRAPHR_NAMES = {
    "ltla19_name": "Area name",
    "ltla19_code": "Area code",
    "sex": "Sex",
    "all_ages": "All ages",
}
AGES = [str(age) for age in range(90)] + ["90 and over"]
COLUMNS = ["Area code", "Area name", "Sex", "All ages", *AGES]
DERIVED = re.compile(r"^sum of ages (\d+) to (\d+)$")
MID_YEAR = re.compile(r"\bmid-(\d{4})\b", re.IGNORECASE)  # in the snapshot's release
NOTE = "NRS mid-{year} population estimate"
DERIVED_NOTE = (
    "Derived by this project: the sum of NRS's single-year estimates for ages "
    "{first} to {last}; " + NOTE
)


def transform(file: Path, inputs: Inputs) -> pd.DataFrame:
    table = read_table(file, inputs)
    persons = table[table["Sex"] == "Persons"]
    codes = council_codes(persons, inputs, file.name)
    year = mid_year(inputs)
    out = [
        frame_for(code, indicator, persons, codes, year, inputs, file.name)
        for code, indicator in inputs.wanted().items()
    ]
    return pd.concat(out, ignore_index=True)[VALUE_COLUMNS]


def mid_year(inputs: Inputs) -> str:
    """The estimates' year, which the table itself does not carry: the snapshot's release
    names it (e.g. "Mid-2022 estimates")."""
    release = inputs.snapshot["release"]
    found = MID_YEAR.search(release)
    if not found:
        raise inputs.error(
            "snapshots.csv, release",
            f'"{release}" does not name the mid-year of the estimates',
            'write it as "Mid-YYYY ..."',
        )
    return found.group(1)


def read_table(file: Path, inputs: Inputs) -> pd.DataFrame:
    file_bytes(file, inputs)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # tibble classes read as data frames
            objects = rdata.read_rda(file)
    except Exception as error:  # the parser raises many kinds for a damaged or foreign file
        raise inputs.error(
            file.name,
            f"not a readable R data file ({type(error).__name__}: {error})",
            "fetch the file again from the snapshot's copied_from address; it may be truncated",
        ) from None
    frames = [value for value in objects.values() if isinstance(value, pd.DataFrame)]
    if len(frames) != 1:
        raise inputs.error(
            file.name,
            f"{len(frames)} tables in the R data file, not one",
            "check the file is demographr's population table",
        )
    table = frames[0].rename(columns=DEMOGRAPHR_NAMES).astype(str).reset_index(drop=True)
    require_columns(list(table.columns), COLUMNS, inputs, f"{file.name}, columns")
    return table


def council_codes(persons: pd.DataFrame, inputs: Inputs, name: str) -> list[str]:
    codes = []
    for n, row in persons.iterrows():
        place = f"{name}, row {n + 1}"
        code = inputs.area_code(row["Area name"], place)
        if row["Area code"] != code:
            raise inputs.error(
                place,
                f'Area code "{row["Area code"]}" is not the code of '
                f'"{row["Area name"]}" in area_names.csv ({code})',
                "check which of the two is right before reading the file",
            )
        codes.append(code)
    missing = sorted(set(inputs.names) - {"S92000003"} - set(codes))
    if missing:
        raise inputs.error(
            name,
            f"no Persons row for {', '.join(inputs.names[c] for c in missing)}",
            "check the file holds every council area",
        )
    return codes


def frame_for(
    code: str,
    indicator: str,
    persons: pd.DataFrame,
    codes: list[str],
    year: str,
    inputs: Inputs,
    name: str,
) -> pd.DataFrame:
    derived = DERIVED.match(code)
    if derived:
        first, last = (int(age) for age in derived.groups())
        columns = AGES[first : last + 1]
        note = DERIVED_NOTE.format(first=first, last=last, year=year)
    elif code in persons.columns:
        columns, note = [code], NOTE.format(year=year)
    else:
        raise inputs.error(
            f"indicators.csv, {indicator}",
            f'publisher_code "{code}" is neither a column of the table nor "sum of ages A to B"',
            "correct the indicator's publisher_code",
        )
    counts = persons[columns].apply(lambda col: whole_numbers(col, inputs, name))
    return pd.DataFrame(
        {
            "indicator_id": indicator,
            "area_code": codes,
            "area_name": [inputs.names[c] for c in codes],
            "period": year,
            "value": counts.sum(axis=1).astype(str).values,
            "lower_confidence_limit": "",
            "upper_confidence_limit": "",
            "notes": note,
        }
    )


def whole_numbers(column: pd.Series, inputs: Inputs, name: str) -> pd.Series:
    bad = column[~column.str.fullmatch(r"[0-9]+")]
    if not bad.empty:
        raise inputs.error(
            f"{name}, row {bad.index[0] + 1}, column {column.name}",
            f'"{bad.iloc[0]}" is not a whole number of people',
            "check the cell in the publisher's table",
        )
    return column.astype(int)
