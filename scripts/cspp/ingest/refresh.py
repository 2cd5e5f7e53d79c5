"""Rerun the transforms on held snapshots and rewrite indicator_values.csv by the vintage rule.

The change is made in a scratch copy of the packages and validated there; only a valid result
is copied back, so a failure leaves every file as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd

from ..load.model import read_text
from ..validate import validate_packages
from ..validate.problems import Problem
from . import transforms
from .apply import vintage, with_snapshot_rows
from .snapshots import SNAPSHOT_CACHE, snapshot_file

MEASURES = "measures"
VALUES = "indicator_values.csv"


class RefreshError(Exception):
    """The snapshots could not be turned into valid rows; nothing was written."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def refresh(
    packages: Path, snapshot_ids: list[str] | None = None, cache: Path = SNAPSHOT_CACHE
) -> list[str]:
    """Rerun the transforms of the given snapshots (default: every held one), oldest first;
    returns the ids rerun. Raises RefreshError, writing nothing, if any step fails."""
    measures = packages / MEASURES
    snapshots = read_text(measures / "snapshots.csv")
    chosen = chosen_snapshots(snapshots, snapshot_ids, measures, cache)
    values = read_text(measures / VALUES)
    for _, snapshot in chosen.iterrows():
        rows = snapshot_rows(snapshot, measures, cache)
        values = with_snapshot_rows(values, rows, snapshot, snapshots)
    write_validated(packages, {MEASURES + "/" + VALUES: values})
    return list(chosen["snapshot_id"])


def chosen_snapshots(
    snapshots: pd.DataFrame, ids: list[str] | None, measures: Path, cache: Path
) -> pd.DataFrame:
    if ids:
        unknown = sorted(set(ids) - set(snapshots["snapshot_id"]))
        if unknown:
            raise RefreshError(f"no snapshot {', '.join(unknown)} in measures/snapshots.csv")
        chosen = snapshots[snapshots["snapshot_id"].isin(ids)]
    else:
        held = [snapshot_file(row, measures, cache) is not None for _, row in snapshots.iterrows()]
        chosen = snapshots[held]
    order = sorted(range(len(chosen)), key=lambda n: vintage(chosen.iloc[n]))
    return chosen.iloc[order]


def snapshot_rows(snapshot: pd.Series, measures: Path, cache: Path) -> pd.DataFrame:
    """A snapshot's indicator_values rows, cited to its source and itself."""
    file = snapshot_file(snapshot, measures, cache)
    if file is None:
        where = snapshot["path"] or snapshot["copied_from"] or snapshot["file_url"]
        raise RefreshError(
            f"snapshot {snapshot['snapshot_id']}: its file is not held here with "
            f"checksum {snapshot['sha256']}. Fetch it from {where} into "
            f"{cache}/ under that checksum, or run cspp fetch"
        )
    try:
        rows = transforms.transform(file, transform_inputs(snapshot, measures))
    except transforms.TransformError as error:
        raise RefreshError(str(error)) from None
    return rows.assign(source_id=snapshot["source_id"], snapshot_id=snapshot["snapshot_id"])


def transform_inputs(snapshot: pd.Series, measures: Path) -> transforms.Inputs:
    indicators = read_text(measures / "indicators.csv")
    spellings = read_text(measures / "area_names.csv")
    councils = read_text(measures.parent / "partnerships" / "councils.csv")
    names = dict(zip(councils["council_code"], councils["council_name"])) | {
        "S92000003": "Scotland"
    }
    return transforms.Inputs(
        snapshot,
        indicators[indicators["format"] == snapshot["format"]],
        dict(zip(spellings["spelling"], spellings["area_code"])),
        names,
    )


def write_validated(packages: Path, changed: dict[str, pd.DataFrame]) -> None:
    """Write the changed tables, if the packages stay valid with them; else RefreshError."""
    with tempfile.TemporaryDirectory(prefix="cspp-refresh-") as scratch:
        trial = Path(scratch) / "datapackages"
        shutil.copytree(packages, trial)
        for name, frame in changed.items():
            frame.to_csv(trial / name, index=False, lineterminator="\n")
        problems = validate_packages(trial)
        if problems:
            raise RefreshError("the new rows are not valid, so nothing was written", problems)
        for name in changed:
            shutil.copyfile(trial / name, packages / name)
