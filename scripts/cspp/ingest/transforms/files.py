"""Opening a publisher's file as its format expects, or a TransformError saying what arrived
instead (an empty file, an HTML page where a data file was expected, a damaged workbook)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd

from . import Inputs

HTML_STARTS = (b"<!doctype", b"<html", b"<?xml", b"<head", b"<body")


def checked_bytes(file: Path, inputs: Inputs, expected: str) -> bytes:
    """The file's bytes, refused when empty or when they are a web page."""
    data = file.read_bytes()
    if not data.strip():
        raise inputs.error(file.name, "the file is empty",
                           f"download the {expected} again; the publisher sent nothing")
    if data.lstrip()[:16].lower().startswith(HTML_STARTS):
        raise inputs.error(file.name, f"the file is a web page (HTML), not the {expected}",
                           "the address probably answered with an error or a landing page; "
                           "find the file's current address on the publisher's page")
    return data


def read_csv_text(file: Path, inputs: Inputs, required: list[str]) -> pd.DataFrame:
    """A CSV with every cell as its text, refused unless it has the required columns."""
    data = checked_bytes(file, inputs, "CSV file")
    table = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False,
                        encoding="utf-8-sig")
    require_columns(list(table.columns), required, inputs, f"{file.name}, line 1")
    return table


def require_columns(found: list, required: list[str], inputs: Inputs, where: str) -> None:
    missing = [name for name in required if name not in found]
    if missing:
        raise inputs.error(where, f"no column {', '.join(repr(m) for m in missing)} "
                           f"(the columns are {', '.join(repr(str(f)) for f in found)})",
                           "the publisher may have renamed or moved a column; check the file's "
                           "layout against the data dictionary and update the transform")


def open_workbook(file: Path, inputs: Inputs) -> openpyxl.Workbook:
    data = checked_bytes(file, inputs, "xlsx workbook")
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise inputs.error(file.name, f"not a readable xlsx workbook ({error})",
                           "download the workbook again; it may be truncated") from None
