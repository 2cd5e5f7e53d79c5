"""End Child Poverty / Loughborough CRSP local indicators workbook (format ecp-workbook).

Sheet "Local Authority": row 1 names the column groups (Region, "Local authority " with a
trailing space, Area Code, then "Number" and "Percentage" over their first year), row 2 the
years under each group. Percentages are stored as proportions from 0 to 1. The sheet covers
every UK local authority; only rows with Region "Scotland" are read, and all 32 councils must
be there. The workbook has no Scotland total.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import VALUE_COLUMNS, Inputs
from .reading import open_workbook, require_columns

SHEET = "Local Authority"
REGION, NAME, CODE = "Region", "Local authority ", "Area Code"
GROUPS = ("Number", "Percentage")  # the publisher_code of the count and of the share
NOTE = (
    "financial year; children in poverty after housing costs (End Child Poverty / "
    "Loughborough CRSP estimate built on DWP/HMRC Children in Low Income Families)"
)


def transform(file: Path, inputs: Inputs) -> pd.DataFrame:
    workbook = open_workbook(file, inputs)
    if SHEET not in workbook.sheetnames:
        raise inputs.error(
            file.name,
            f'no sheet "{SHEET}" (the sheets are {", ".join(workbook.sheetnames)})',
            "check the workbook is End Child Poverty's local indicators file",
        )
    rows = list(workbook[SHEET].iter_rows(values_only=True))
    if len(rows) < 3:
        raise inputs.error(
            f"{file.name}, sheet {SHEET}",
            "fewer than three rows",
            "download the workbook again; it may be truncated",
        )
    columns = year_columns(rows[0], rows[1], inputs, f"{file.name}, sheet {SHEET}, rows 1-2")
    scottish = scottish_rows(rows, columns, inputs, f"{file.name}, sheet {SHEET}")
    return pd.DataFrame(scottish, columns=VALUE_COLUMNS)


def year_columns(groups: tuple, years: tuple, inputs: Inputs, where: str) -> dict:
    """(group, year) -> column index, for the groups this snapshot's indicators want."""
    head = [str(cell) if cell is not None else "" for cell in groups]
    require_columns(head, [REGION, NAME, CODE, *GROUPS], inputs, where)
    starts = sorted(head.index(group) for group in GROUPS)
    columns = {}
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(head)
        for index in range(start, end):
            if years[index] not in (None, ""):
                columns[(head[start], str(years[index]))] = index
    by_group = {g: [y for (gg, y) in columns if gg == g] for g in GROUPS}
    if by_group["Number"] != by_group["Percentage"]:
        raise inputs.error(
            where,
            f"the years under Number ({', '.join(by_group['Number'])}) "
            f"differ from those under Percentage ({', '.join(by_group['Percentage'])})",
            "check the layout of row 2 and update the transform",
        )
    return columns


def scottish_rows(rows: list[tuple], columns: dict, inputs: Inputs, where: str) -> list[list]:
    head = [str(cell) if cell is not None else "" for cell in rows[0]]
    at = {name: head.index(name) for name in (REGION, NAME, CODE)}
    wanted, out, seen = inputs.wanted(), [], set()
    for number, row in enumerate(rows[2:], start=3):
        if len(row) <= max(at.values()) or row[at[REGION]] != "Scotland":
            continue  # a blank row, or another UK region
        place = f"{where}, row {number}"
        code = area_of(row, at, inputs, place)
        seen.add(code)
        for (group, year), index in columns.items():
            if group in wanted:
                out.append(
                    [
                        wanted[group],
                        code,
                        inputs.names[code],
                        year,
                        cell_text(row[index], inputs, f"{place}, {group} {year}"),
                        "",
                        "",
                        NOTE,
                    ]
                )
    missing = sorted(set(inputs.names) - {"S92000003"} - seen)
    if missing:
        raise inputs.error(
            where,
            f"no row for {', '.join(inputs.names[c] for c in missing)}",
            'check that every Scottish council has Region "Scotland"',
        )
    return out


def area_of(row: tuple, at: dict, inputs: Inputs, place: str) -> str:
    code = inputs.area_code(str(row[at[NAME]]).strip(), place)
    if str(row[at[CODE]]).strip() != code:
        raise inputs.error(
            place,
            f'Area Code "{row[at[CODE]]}" is not the code of '
            f'"{row[at[NAME]]}" in area_names.csv ({code})',
            "check which of the two is right before reading the file",
        )
    return code


def cell_text(value, inputs: Inputs, place: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise inputs.error(
            place, f'"{value}" is not a number', "check the cell in the publisher's workbook"
        )
    return str(int(value)) if float(value).is_integer() else repr(float(value))
