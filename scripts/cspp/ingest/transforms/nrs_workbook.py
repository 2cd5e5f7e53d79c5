"""NRS mid-year population estimates as a long workbook (the Scottish Government's
ScotGovAnalysis/population_estimates "Mid-year population estimates.xlsx"): one row per area,
year, sex and single year of age. Only the series indicators.csv names are kept (today ages
0-17 by sex, publisher_code "F:0" ... "M:17")."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd

from . import Inputs
from .reading import FETCH_AGAIN, file_bytes, require_columns, require_series

COLUMNS = ["Area", "Year", "Sex", "Age", "Population"]
# The only workbook in this layout held is the 1998-2018 series, published in 2019, before
# NRS rebased its estimates on Census 2022 (shared/sources/stats/sources.md §6b).
NOTE = (
    "single year of age and sex only; no 0-15/0-17 totals in source (summing is left to the "
    "user); pre-2022-Census-rebasing estimates"
)


def transform(file: Path, inputs: Inputs) -> pd.DataFrame:
    table = read_sheet(file, inputs)
    require_columns(table.columns, COLUMNS, inputs, f"{file.name}, line 1")
    table["code"] = table["Sex"] + ":" + table["Age"]
    wanted = inputs.wanted()
    require_series(table["code"], wanted, file, inputs)
    table = table[table["code"].isin(wanted)]
    codes = [
        inputs.area_code(area, f'{file.name}, row {index}, column "Area"')
        for index, area in table["Area"].items()
    ]
    return pd.DataFrame(
        {
            "indicator_id": table["code"].map(wanted).to_numpy(),
            "area_code": codes,
            "area_name": [inputs.names[code] for code in codes],
            "period": table["Year"].to_numpy(),
            "value": table["Population"].to_numpy(),
            "lower_confidence_limit": "",
            "upper_confidence_limit": "",
            "notes": NOTE,
        }
    )


def read_sheet(file: Path, inputs: Inputs) -> pd.DataFrame:
    """The workbook's first sheet as text cells, indexed by the sheet's row number."""
    data = file_bytes(file, inputs)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise inputs.error(
            file.name, f"the file is not an xlsx workbook ({error})", FETCH_AGAIN
        ) from None
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = [text(cell) for cell in next(rows, ())]
    cells = [[text(cell) for cell in row] for row in rows]
    if not cells:
        raise inputs.error(
            file.name, "the workbook's first sheet has no rows below its header", FETCH_AGAIN
        )
    return pd.DataFrame(cells, columns=header, index=range(2, len(cells) + 2))


def text(cell) -> str:
    """A cell as the text the workbook shows: whole numbers without a decimal point."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)
