"""Reading a publisher's file, refusing what is not the file the format expects: an empty file,
an HTML page where a table was expected, a damaged workbook, a missing or renamed column, a
wanted series that is not there. Every cell is kept as its text; nothing is converted."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

import openpyxl
import pandas as pd

from . import Inputs

HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")
FETCH_AGAIN = (
    "fetch the publisher's file again (an error page or an interrupted download is not the file)"
)


def file_bytes(file: Path, inputs: Inputs) -> bytes:
    """The file's bytes, unless it is empty or an HTML page."""
    data = file.read_bytes()
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:20].lower()
    if not start:
        raise inputs.error(file.name, "the file is empty", FETCH_AGAIN)
    if start.startswith(HTML_STARTS):
        raise inputs.error(
            file.name, "the file is a web page (HTML), not the publisher's table", FETCH_AGAIN
        )
    return data


def read_csv_text(
    file: Path, inputs: Inputs, required: Iterable[str] = (), **options
) -> pd.DataFrame:
    """A CSV file as text cells, blank where the file has nothing; refused if it has no rows or
    lacks a required column."""
    data = file_bytes(file, inputs)
    try:
        table = pd.read_csv(
            io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig", **options
        )
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise inputs.error(
            file.name, f"the file cannot be read as CSV ({error})", FETCH_AGAIN
        ) from None
    if table.empty:
        raise inputs.error(file.name, "the file has a header but no rows", FETCH_AGAIN)
    require_columns(table.columns, required, inputs, f"{file.name}, line 1")
    return table


def open_workbook(file: Path, inputs: Inputs) -> openpyxl.Workbook:
    data = file_bytes(file, inputs)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise inputs.error(
            file.name, f"not a readable xlsx workbook ({error})", FETCH_AGAIN
        ) from None


def require_columns(found: Iterable, required: Iterable[str], inputs: Inputs, where: str) -> None:
    found = [str(column) for column in found]
    missing = [column for column in required if column not in found]
    if missing:
        listed = ", ".join(f'"{c}"' for c in found)
        raise inputs.error(
            where,
            f'no column "{missing[0]}" (the columns are {listed})',
            "if the publisher renamed the column, teach the transform the new name "
            "(in scripts/cspp/ingest/transforms/) after checking its meaning is unchanged",
        )


def require_series(found: Iterable[str], wanted: Iterable[str], file: Path, inputs: Inputs) -> None:
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise inputs.error(
            file.name,
            f'no series "{missing[0]}" in the file'
            + (f" (nor {len(missing) - 1} other wanted series)" if len(missing) > 1 else ""),
            "if the publisher renamed it, correct its publisher_code in "
            "datapackages/measures/indicators.csv; if this copy holds only some "
            "series, list those it holds in the snapshot's series_held",
        )


def line_of(index, header_lines: int = 1) -> int:
    """The file's line number of the row read_csv numbered index, below header_lines of header."""
    return int(index) + header_lines + 1
