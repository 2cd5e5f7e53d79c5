"""Faults that stop a CSV being read or matched to its schema: missing, empty, not UTF-8, and a
header that is not the schema's. Found before frictionless runs, so each is one clear problem."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..paths import relative
from . import hints
from .problems import Problem, problem


def check_file(path: Path, root: Path) -> list[Problem]:
    shown = relative(path, root.parent)
    if not path.is_file():
        return [problem(shown, None, None, None, "missing-file", "the file is missing")]
    data = path.read_bytes()
    if not data.strip():
        return [problem(shown, 1, None, None, "empty-file", "the file is empty")]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad = data[error.start : error.start + 1].hex()
        return [
            problem(
                shown, line, None, f"\\x{bad}", "encoding-error", f"byte \\x{bad} is not UTF-8 text"
            )
        ]
    return []


def check_header(path: Path, expected: list[str], root: Path) -> list[Problem]:
    """Columns are matched by name, so one missing column is one problem, not a cascade."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
    shown = relative(path, root.parent)
    found = []
    for name in [n for n in expected if n not in header]:
        found.append(label_problem(shown, "missing-label", name, None))
    for name in [n for n in header if n and n not in expected]:
        found.append(label_problem(shown, "extra-label", name, name))
    if "" in header:
        found.append(label_problem(shown, "blank-label", None, None))
    for name in sorted({n for n in header if n and header.count(n) > 1}):
        found.append(label_problem(shown, "duplicate-label", name, name))
    if not found and header != expected:
        found.append(
            problem(
                shown,
                1,
                None,
                ",".join(header),
                "incorrect-label",
                "the columns are not in the order of the schema",
                "put the columns back in this order: " + ", ".join(expected),
            )
        )
    return found


def label_problem(shown: str, kind: str, name: str | None, value: str | None) -> Problem:
    return problem(shown, 1, name, value, kind, hints.describe(kind, name, value, "", None))


def physical_lines(path: Path) -> dict[int, int]:
    """Map frictionless row numbers (header = 1) to the line where that row starts."""
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, previous_end = {}, 0
    for number, _ in enumerate(reader, start=1):
        starts[number] = previous_end + 1
        previous_end = reader.line_num
    return starts
