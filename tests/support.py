"""Helpers shared by test modules (imported by name, so they never clash with a conftest)."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

from cspp.paths import DATAPACKAGES


def copy_packages(target: Path, keep_indicator_rows: int | None = 60) -> Path:
    """A valid copy of datapackages/, optionally with fewer indicator values to keep tests quick."""
    shutil.copytree(DATAPACKAGES, target)
    if keep_indicator_rows is not None:
        values = target / "measures" / "indicator_values.csv"
        lines = values.read_text(encoding="utf-8").splitlines(keepends=True)
        values.write_text("".join(lines[: keep_indicator_rows + 1]), encoding="utf-8")
    return target


def edit_csv_rows(path: Path, edit) -> None:
    """Rewrite a CSV after `edit(rows)` changes its rows (a list of dicts) in place."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder and the SHA-256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
