"""A Problem: one fault a contributor can fix, with the file, real line, field, value and fix.

frictionless reports errors by row number and with its own wording; to_problem turns each into a
Problem that names the line in the file and says how to fix it (hints.py).
"""

from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from ..paths import relative
from . import hints


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str | None
    value: str | None
    type: str
    message: str
    fix: str

    def to_dict(self) -> dict:
        return asdict(self)


def problem(file, line, field, value, kind, message, fix=None) -> Problem:
    return Problem(
        file=file,
        line=line,
        field=field,
        value=value,
        type=kind,
        message=message,
        fix=fix or hints.fix_for(kind, field, value, message, None),
    )


SAME_ROW = re.compile(r"row at position \"?(\d+)\"?")
FK_VALUE = re.compile(r'for "([^"]+)": values "([^"]*)" not found in the lookup table "([^"]+)"')


def to_problem(error, path: Path, schema, lines: dict, root: Path) -> Problem:
    """A frictionless error as a Problem; lines maps frictionless row numbers to file lines."""
    kind = error.type
    row_number = getattr(error, "row_number", None)
    line = lines.get(row_number, row_number) if row_number else None
    field = getattr(error, "field_name", None) or None
    value = getattr(error, "cell", None)
    note = getattr(error, "note", "") or ""
    candidates = None
    if kind == "foreign-key" and field is None:
        match = FK_VALUE.search(note)
        if match:
            field, value = match.group(1), match.group(2)
            note = f'"{value}" is not an id in {match.group(3)}.csv'
            candidates = referenced_values(path.parent / f"{match.group(3)}.csv", schema, field)
    elif kind == "foreign-key":
        candidates = sorted(getattr(error, "candidates", None) or [])
    if kind == "primary-key":
        field = ", ".join(schema.primary_key)
        value = primary_key_value(error, schema)
        same = SAME_ROW.search(note)
        if same:
            note = f"the same key is already on line {lines.get(int(same.group(1)), same.group(1))}"
    spec = schema.get_field(field) if field and schema.has_field(field) else None
    message = hints.describe(kind, field, value, note, spec)
    fix = hints.fix_for(kind, field, value, note, spec, candidates)
    return problem(relative(path, root.parent), line, field, value, kind, message, fix)


def referenced_values(path: Path, schema, field: str) -> list[str]:
    """Ids a dangling reference could have meant, for a "did you mean" hint."""
    key = next((k for k in schema.foreign_keys if k["fields"] == [field]), None)
    if key is None or not path.exists():
        return []
    column = key["reference"]["fields"][0]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row.get(column, "") for row in csv.DictReader(handle)]


def primary_key_value(error, schema) -> str | None:
    """The duplicated key, read from the row's own cells in schema order."""
    cells = dict(zip(schema.field_names, error.cells or []))
    return ", ".join(str(cells.get(name, "")) for name in schema.primary_key) or None


def without_cascades(problems: list[Problem]) -> list[Problem]:
    """Report causes, not their echoes.

    A row with a cell too many or too few has shifted cells: report only that. A year that is
    itself wrong makes the period and cycle rules fail too: report only the year.
    """
    shifted = {p.line for p in problems if p.type in ("extra-cell", "missing-cell")}
    bad_years = {
        p.line
        for p in problems
        if p.field in ("period_start", "period_end")
        and p.type in ("type-error", "constraint-error")
    }
    return [
        p
        for p in problems
        if (p.line not in shifted or p.type in ("extra-cell", "missing-cell"))
        and not (p.line in bad_years and p.type in ("cycle-mismatch", "period-order"))
    ]
