"""Improvement Service Community Planning Outcomes Profile clean data (format cpop-clean-data).

CPPcleandata.csv has one row per partnership (CPP, in the Improvement Service's spellings, and
Scotland), indicator, type and year. Only "Raw data" rows become values: "Imputed" and
"Projected" rows are the Improvement Service's modelling, not published figures. A type not
known here is refused rather than guessed at. Scotland's rows are the publisher's.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import VALUE_COLUMNS, Inputs
from .reading import read_csv_text

COLUMNS = ["CPP", "Indicator", "Type", "Year", "value", "IndicatorFullName", "FG"]
RAW = "Raw data"
TYPES = {RAW, "Imputed", "Projected"}
MISSING = "NA"  # R's missing value, as the file writes it
NOTE = "CPOP raw data (the file's imputed and projected rows are not used)"


def transform(file: Path, inputs: Inputs) -> pd.DataFrame:
    table = read_csv_text(file, inputs, COLUMNS)
    check_types(table, inputs, file.name)
    codes = [
        inputs.area_code(name, f"{file.name}, line {n + 2}, CPP")
        for n, name in enumerate(table["CPP"])
    ]
    table = table.assign(area_code=codes)
    kept = table[(table["Type"] == RAW) & table["Indicator"].isin(inputs.wanted())]
    check_councils(kept, inputs, file.name)
    return pd.DataFrame(
        {
            "indicator_id": kept["Indicator"].map(inputs.wanted()),
            "area_code": kept["area_code"],
            "area_name": kept["area_code"].map(inputs.names),
            "period": kept["Year"],
            "value": kept["value"].replace(MISSING, ""),
            "lower_confidence_limit": "",
            "upper_confidence_limit": "",
            "notes": NOTE,
        }
    )[VALUE_COLUMNS].reset_index(drop=True)


def check_types(table: pd.DataFrame, inputs: Inputs, name: str) -> None:
    unknown = table[~table["Type"].isin(TYPES)]
    if not unknown.empty:
        line = unknown.index[0] + 2
        raise inputs.error(
            f"{name}, line {line}, Type",
            f'the type "{unknown["Type"].iloc[0]}" is not one of {", ".join(sorted(TYPES))}',
            "find out from the Improvement Service what the new type means, "
            "then say in the transform whether it is published data",
        )


def check_councils(kept: pd.DataFrame, inputs: Inputs, name: str) -> None:
    for indicator, rows in kept.groupby("Indicator"):
        missing = sorted(set(inputs.names) - set(rows["area_code"]))
        if missing:
            raise inputs.error(
                name,
                f'the indicator "{indicator}" has no raw data for '
                f"{', '.join(inputs.names[c] for c in missing)}",
                "check whether the publisher dropped the area, and say so in "
                "the snapshot's notes before reading it",
            )
