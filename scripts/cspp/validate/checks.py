"""The project's own data rules, written as frictionless Checks so they report like built-in ones.

Table Schema already carries keys, types, enums, patterns (GSS codes, slugs, https-only URLs)
and required fields; these checks add only what a schema cannot say.
"""

from __future__ import annotations

import datetime
import re
from typing import Iterable

import attrs
from frictionless import Check, errors


class ProjectCellError(errors.CellError):
    """A fault in one cell found by one of the project's checks; the note says what."""

    template = 'The cell "{cell}" in row {rowNumber} and field "{fieldName}": {note}'


class LineBreakError(ProjectCellError):
    type, title = "line-break-in-cell", "Line Break In Cell"
    description = "A cell holds more than one line."


class PlaceholderError(ProjectCellError):
    type, title = "placeholder-value", "Placeholder Value"
    description = "A cell holds placeholder text instead of a value or a blank."


class PeriodOrderError(ProjectCellError):
    type, title = "period-order", "Period Ends Before It Starts"
    description = "period_end is earlier than period_start."


class CycleMismatchError(ProjectCellError):
    type, title = "cycle-mismatch", "Cycle Does Not Match Period"
    description = "The planning cycle does not match the document's years."


class FutureDateError(ProjectCellError):
    type, title = "future-date", "Date In The Future"
    description = "An accessed date lies in the future."


class UnsourcedDirectionError(ProjectCellError):
    type, title = "unsourced-direction", "Better Direction Without Its Source"
    description = "better_when is filled but better_source_id is blank."


@attrs.define(kw_only=True, repr=False)
class CrossPackageForeignKeyError(ProjectCellError):
    type, title = "foreign-key", "Foreign Key Error"
    description = "A value refers to a row that does not exist in another package."
    candidates: frozenset = attrs.field(factory=frozenset)


PLACEHOLDERS = {"n/a", "na", "n.a.", "tbc", "tbd", "-", "--", "?", "unknown", "not known",
                "none", "null", "nil", "missing", "todo", "xxx"}


def _text_cells(row) -> Iterable[tuple[str, str]]:
    for name in row.field_names:
        value = row[name]
        if isinstance(value, str):
            yield name, value


@attrs.define(kw_only=True, repr=False)
class no_line_breaks(Check):
    """Every cell is one line, so line numbers and diffs stay meaningful."""

    type = "no-line-breaks"
    Errors = [LineBreakError]

    def validate_row(self, row):
        for name, value in _text_cells(row):
            if "\n" in value or "\r" in value:
                yield LineBreakError.from_row(row, note="cells must be one line", field_name=name)


@attrs.define(kw_only=True, repr=False)
class no_placeholders(Check):
    """Unknown means blank: "n/a", "TBC" or "-" would be published as if they were data."""

    type = "no-placeholders"
    Errors = [PlaceholderError]

    def validate_row(self, row):
        for name, value in _text_cells(row):
            if value.strip().lower() in PLACEHOLDERS:
                yield PlaceholderError.from_row(row, note="leave the cell blank when unknown",
                                                field_name=name)


@attrs.define(kw_only=True, repr=False)
class period_in_order(Check):
    """A document's last year is not before its first."""

    type = "period-in-order"
    Errors = [PeriodOrderError]

    def validate_row(self, row):
        start, end = row.get("period_start"), row.get("period_end")
        if isinstance(start, int) and isinstance(end, int) and end < start:
            note = f"period_end {end} is before period_start {start}"
            yield PeriodOrderError.from_row(row, note=note, field_name="period_end")


def cycle_years(cycle: str) -> tuple[int, int] | None:
    """The first and last year a cycle value names ("2020-2023"); the schema lists the cycles."""
    match = re.fullmatch(r"(\d{4})-(\d{4})", cycle or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


@attrs.define(kw_only=True, repr=False)
class cycle_matches_period(Check):
    """A document placed in a cycle covers years inside that cycle."""

    type = "cycle-matches-period"
    Errors = [CycleMismatchError]

    def validate_row(self, row):
        cycle = row.get("cycle")
        years = cycle_years(cycle) if isinstance(cycle, str) else None
        if years is None or "period_start" not in row.field_names:
            return
        if {"period_start", "period_end", "cycle"} & set(row.error_cells):
            return  # the year or cycle itself is wrong; that error is reported on its own
        first, last = years
        start, end = row.get("period_start"), row.get("period_end")
        if not isinstance(start, int) or not isinstance(end, int):
            note = f"cycle {cycle} needs both period_start and period_end"
            yield CycleMismatchError.from_row(row, note=note, field_name="cycle")
        elif start < first or end > last:
            note = f"the period {start}-{end} lies outside the cycle {cycle}"
            yield CycleMismatchError.from_row(row, note=note, field_name="cycle")


@attrs.define(kw_only=True, repr=False)
class accessed_not_in_future(Check):
    """A source cannot have been read on a day that has not happened yet."""

    type = "accessed-not-in-future"
    Errors = [FutureDateError]
    today: datetime.date = attrs.field(factory=datetime.date.today)

    def validate_row(self, row):
        accessed = row.get("accessed")
        if isinstance(accessed, datetime.date) and accessed > self.today:
            note = f"accessed {accessed.isoformat()} is after today ({self.today.isoformat()})"
            yield FutureDateError.from_row(row, note=note, field_name="accessed")


@attrs.define(kw_only=True, repr=False)
class foreign_key_across_packages(Check):
    """References into another package, which stock frictionless cannot follow.

    `lookup` maps each local field to the set of values that exist in the referenced table.
    """

    type = "foreign-key-across-packages"
    Errors = [CrossPackageForeignKeyError]
    field_name: str
    target: str
    lookup: frozenset = attrs.field(factory=frozenset)

    def validate_row(self, row):
        value = row.get(self.field_name)
        if value not in (None, "") and value not in self.lookup:
            note = f'"{value}" is not an id in {self.target}'
            error = CrossPackageForeignKeyError.from_row(row, note=note, field_name=self.field_name)
            error.candidates = self.lookup
            yield error


@attrs.define(kw_only=True, repr=False)
class direction_has_source(Check):
    """The site says better or worse only where the publisher does, so a direction needs the
    publisher's statement as its source."""

    type = "direction-has-source"
    Errors = [UnsourcedDirectionError]

    def validate_row(self, row):
        if row.get("better_when") and not row.get("better_source_id"):
            note = (f'"{row.get("better_when")}" is given but better_source_id is blank: the '
                    f"site says better or worse only where the publisher does")
            yield UnsourcedDirectionError.from_row(row, note=note, field_name="better_when")


def project_checks() -> list[Check]:
    """The checks every resource gets, on top of its Table Schema."""
    return [no_line_breaks(), no_placeholders(), period_in_order(), cycle_matches_period(),
            accessed_not_in_future(), direction_has_source()]
