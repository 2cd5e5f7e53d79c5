"""The LGBF data table (Improvement Service): one row per indicator, council and year, real
terms, with Scotland's figure repeated on every council row. Two spellings of its header are
read: the Spatial Hub file's (lgbf_data_table_real.csv) and the 2024 mirror's re-save of it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import Inputs
from .reading import line_of, read_csv_text, require_columns, require_series

# What each column is called in each spelling of the header, by what the transform reads.
HEADERS = {
    "Spatial Hub download": {
        "code": "Indicators_Information_Code",
        "area": "LA_Information_LocalAuthority",
        "year": "LA_Data_LGBF_Year",
        "value": "LA_Data_LA_IndicatorReal",
        "scotland": "Scotland_Data_Scotland_Indicator_Real",
    },
    # SC-TPP/LGBF's copy: the same table re-saved with pandas, which added an index column and
    # dropped the prefixes (LGBF_ScotDataReal_ISSpatialHub.csv).
    "2024 mirror": {
        "code": "Code",
        "area": "LocalAuthority",
        "year": "Year",
        "value": "LA_IndicatorReal",
        "scotland": "Scotland_Indicator_Real",
    },
}


def transform(file: Path, inputs: Inputs) -> pd.DataFrame:
    table = read_csv_text(file, inputs)
    columns = header_of(table, file, inputs)
    # The 2024 mirror ends with one record that is blank in every column but its index.
    table = table[table[list(columns.values())].ne("").any(axis=1)]
    wanted = inputs.wanted()
    require_series(table[columns["code"]], wanted, file, inputs)
    table = table[table[columns["code"]].isin(wanted)]
    rows = pd.concat(
        [
            council_rows(table, columns, wanted, file, inputs),
            scotland_rows(table, columns, wanted, file, inputs),
        ]
    )
    return rows.assign(lower_confidence_limit="", upper_confidence_limit="")


def header_of(table: pd.DataFrame, file: Path, inputs: Inputs) -> dict[str, str]:
    """The columns of whichever header spelling the file has (known by its code column)."""
    for columns in HEADERS.values():
        if columns["code"] in table.columns:
            require_columns(table.columns, columns.values(), inputs, f"{file.name}, line 1")
            return columns
    codes = " or ".join(f'"{columns["code"]}"' for columns in HEADERS.values())
    raise inputs.error(
        f"{file.name}, line 1",
        f"no column {codes}, so this is not an LGBF data table in a layout the transform knows",
        "check the file is lgbf_data_table_real.csv; if the publisher renamed its "
        "columns, add the new spelling to HEADERS in ingest/transforms/lgbf.py",
    )


def council_rows(
    table: pd.DataFrame, columns: dict[str, str], wanted: dict[str, str], file: Path, inputs: Inputs
) -> pd.DataFrame:
    spellings = table[columns["area"]]
    codes = [
        inputs.area_code(
            spelling, f'{file.name}, line {line_of(index)}, column "{columns["area"]}"'
        )
        for index, spelling in spellings.items()
    ]
    names = [inputs.names[code] for code in codes]
    notes = [
        f'LGBF name "{spelling}"' if spelling != name else ""
        for spelling, name in zip(spellings, names)
    ]
    return pd.DataFrame(
        {
            "indicator_id": table[columns["code"]].map(wanted).to_numpy(),
            "area_code": codes,
            "area_name": names,
            "period": table[columns["year"]].to_numpy(),
            "value": table[columns["value"]].to_numpy(),
            "notes": notes,
        }
    )


def scotland_rows(
    table: pd.DataFrame, columns: dict[str, str], wanted: dict[str, str], file: Path, inputs: Inputs
) -> pd.DataFrame:
    """One row a year from the publisher's Scotland column, which every council row repeats."""
    rows = []
    for (code, year), group in table.groupby([columns["code"], columns["year"]], sort=False):
        values = group[columns["scotland"]].unique()
        if len(values) > 1:
            lines = [line_of(i) for i in group.index[group[columns["scotland"]] != values[0]]]
            raise inputs.error(
                f'{file.name}, line {lines[0]}, column "{columns["scotland"]}"',
                f"{code} {year}: the Scotland figure differs between council rows "
                f"({', '.join(values)})",
                "ask the publisher which is right; do not pick one",
            )
        rows.append(
            {
                "indicator_id": wanted[code],
                "area_code": "S92000003",
                "area_name": inputs.names["S92000003"],
                "period": year,
                "value": values[0],
                "notes": f"Scotland value from {columns['scotland']} column "
                "(identical on every LA row)",
            }
        )
    return pd.DataFrame(rows)
