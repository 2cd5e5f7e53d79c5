"""One transform per publisher format: a snapshot's file in, indicator_values rows out.

A transform reads only what the publisher published, keeps every value as its text, and names
each area by its GSS code through area_names.csv. Anything it does not recognise (a renamed
column, a new area name, an empty file) is a TransformError saying where and how to fix it;
it never guesses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

# The columns a transform returns; apply adds source_id and snapshot_id from the snapshot.
VALUE_COLUMNS = [
    "indicator_id",
    "area_code",
    "area_name",
    "period",
    "value",
    "lower_confidence_limit",
    "upper_confidence_limit",
    "notes",
]


class TransformError(Exception):
    """A publisher file the transform cannot read as its format: where, what, and the fix."""

    def __init__(self, snapshot_id: str, where: str, problem: str, fix: str) -> None:
        super().__init__(f"snapshot {snapshot_id}, {where}: {problem}. Fix: {fix}")
        self.snapshot_id, self.where, self.problem, self.fix = snapshot_id, where, problem, fix


@dataclass(frozen=True)
class Inputs:
    """What a transform reads besides the file: its snapshot's record, the indicators it may
    emit (indicators.csv rows, publisher_code saying what the publisher calls each), the
    spellings of area names (area_names.csv) and each area's NRS name."""

    snapshot: pd.Series
    indicators: pd.DataFrame
    spellings: dict[str, str]  # a publisher's spelling -> GSS code
    names: dict[str, str]  # GSS code -> the name indicator_values gives it

    @property
    def snapshot_id(self) -> str:
        return self.snapshot["snapshot_id"]

    def error(self, where: str, problem: str, fix: str) -> TransformError:
        return TransformError(self.snapshot_id, where, problem, fix)

    def area_code(self, spelling: str, where: str) -> str:
        if spelling not in self.spellings:
            raise self.error(
                where,
                f'the area name "{spelling}" is not in area_names.csv',
                "check it is a council area (or Scotland), then add the spelling "
                "with its GSS code to datapackages/measures/area_names.csv",
            )
        return self.spellings[spelling]

    def wanted(self) -> dict[str, str]:
        """publisher_code -> indicator_id, for the indicators this snapshot carries: every one of
        its format's, or only those in series_held for a copy that holds only some."""
        rows = self.indicators[self.indicators["publisher_code"] != ""]
        held = [
            code.strip() for code in self.snapshot.get("series_held", "").split(";") if code.strip()
        ]
        if held:
            rows = rows[rows["publisher_code"].isin(held)]
        return dict(zip(rows["publisher_code"], rows["indicator_id"]))


Transform = Callable[[Path, Inputs], pd.DataFrame]

# The modules below import the names above, so they are imported after them.
from . import cpop, ecp, nrs_table1  # noqa: E402

TRANSFORMS: dict[str, Transform] = {  # format (snapshots.csv) -> its transform
    "cpop-clean-data": cpop.transform,
    "ecp-workbook": ecp.transform,
    "nrs-table1": nrs_table1.transform,
}


def transform(file: Path, inputs: Inputs) -> pd.DataFrame:
    """The snapshot's rows, in VALUE_COLUMNS, every cell text."""
    kind = inputs.snapshot["format"]
    if kind not in TRANSFORMS:
        raise inputs.error(
            "format",
            f'no transform reads the format "{kind}"',
            "give the snapshot a format listed in the data dictionary",
        )
    rows = TRANSFORMS[kind](file, inputs)[VALUE_COLUMNS].fillna("").astype(str)
    # The order indicator_values.csv keeps an indicator's rows in.
    order = ["indicator_id", "period", "area_code"]
    return rows.sort_values(order, kind="stable").reset_index(drop=True)


# Each format's transform; the modules import Inputs from above, so they are imported here.
from . import cilif, lgbf, nrs_workbook, scotpho  # noqa: E402

TRANSFORMS.update(
    {
        "lgbf-data-table": lgbf.transform,
        "scotpho-download": scotpho.transform,
        "dwp-cilif": cilif.transform,
        "nrs-sya-workbook": nrs_workbook.transform,
    }
)
