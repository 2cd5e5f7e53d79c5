"""The project's own data rules, written as frictionless Checks so they report like built-in ones.

Table Schema already carries keys, types, enums, patterns (GSS codes, slugs, https-only URLs)
and required fields; these checks add only what a schema cannot say.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import attrs
from frictionless import Check, errors

from .. import text_rules


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
    description = "better_when or better_statement is filled without its source or words."


@attrs.define(kw_only=True, repr=False)
class CrossPackageForeignKeyError(ProjectCellError):
    type, title = "foreign-key", "Foreign Key Error"
    description = "A value refers to a row that does not exist in another package."
    candidates: frozenset = attrs.field(factory=frozenset)


class InvisibleCharacterError(ProjectCellError):
    type, title = "invisible-character", "Invisible Character"
    description = "A cell holds a control or invisible format character."


class FormulaStartError(ProjectCellError):
    type, title = "formula-start", "Text Begins Like A Formula"
    description = "A text cell begins with =, +, - or @, which a spreadsheet reads as a formula."


class TextTooLongError(ProjectCellError):
    type, title = "text-too-long", "Text Too Long"
    description = "A cell holds more characters than any text in the data may."


class ListTooLongError(ProjectCellError):
    type, title = "list-too-long", "List Too Long"
    description = "A plan has more priorities, or measures, than any plan may."


class ResearchNoteError(ProjectCellError):
    type, title = "research-note-in-words", "Research Note In Published Words"
    description = "Words copied from a document hold a note about the copy that was read."


class SnapshotFileError(ProjectCellError):
    type, title = "snapshot-file", "Snapshot File Missing Or Changed"
    description = "A committed snapshot file is missing, or its bytes do not match its checksum."


PLACEHOLDERS = {
    "n/a",
    "na",
    "n.a.",
    "tbc",
    "tbd",
    "-",
    "--",
    "?",
    "unknown",
    "not known",
    "none",
    "null",
    "nil",
    "missing",
    "todo",
    "xxx",
}


def _text_cells(row, names: Iterable[str] | None = None) -> Iterable[tuple[str, str]]:
    for name in row.field_names if names is None else names:
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
                yield PlaceholderError.from_row(
                    row, note="leave the cell blank when unknown", field_name=name
                )


def free_text_fields(schema) -> tuple[str, ...]:
    """Text a person writes: string fields with no enum and no pattern (ids, codes and addresses
    have a pattern; fixed values an enum)."""
    return tuple(
        field.name
        for field in schema.fields
        if field.type == "string" and not {"enum", "pattern"} & set(field.constraints or {})
    )


QUOTING = re.compile(r"\bexactly\b|\bas (published|printed)\b", re.IGNORECASE)


def quoted_fields(schema) -> tuple[str, ...]:
    """Free-text fields whose description says they hold a source's own words."""
    return tuple(
        name
        for name in free_text_fields(schema)
        if QUOTING.search(schema.get_field(name).description or "")
    )


def shown(value: str, longest: int = 80) -> str:
    """A value for a message: invisible characters made visible, and cut short."""
    value = value if len(value) <= longest else value[: longest - 1] + "…"
    return text_rules.visible(value)


@attrs.define(kw_only=True, repr=False)
class no_invisible_characters(Check):
    """No control or invisible format character: one can hide words, or make text display
    other than it reads (a right-to-left override)."""

    type = "no-invisible-characters"
    Errors = [InvisibleCharacterError]

    def validate_row(self, row):
        for name, value in _text_cells(row):
            found = text_rules.invisible_character(value)
            if found:
                position, char = found
                note = (
                    f"holds {text_rules.character_name(char)} at character {position}, "
                    f'which no reader can see: "{shown(value)}"'
                )
                yield InvisibleCharacterError.from_row(row, note=note, field_name=name)


@attrs.define(kw_only=True, repr=False)
class no_formula_starts(Check):
    """No free text begins as a spreadsheet formula does (CSV injection): researchers open these
    files in spreadsheets."""

    type = "no-formula-starts"
    Errors = [FormulaStartError]
    free_text: tuple = attrs.field(factory=tuple, init=False)

    def validate_start(self):
        self.free_text = free_text_fields(self.resource.schema)
        yield from ()

    def validate_row(self, row):
        for name, value in _text_cells(row, self.free_text):
            if (
                text_rules.starts_like_formula(value) and value.strip().lower() not in PLACEHOLDERS
            ):  # "-" is a placeholder
                note = (
                    f'"{shown(value)}" begins with "{value[0]}", which a spreadsheet reads '
                    "as a formula"
                )
                yield FormulaStartError.from_row(row, note=note, field_name=name)


@attrs.define(kw_only=True, repr=False)
class text_not_too_long(Check):
    """No cell longer than text_rules.LONGEST_TEXT: the longest real text is far shorter, so a
    longer one is cells run together, or text pasted in bulk."""

    type = "text-not-too-long"
    Errors = [TextTooLongError]

    def validate_row(self, row):
        for name, value in _text_cells(row):
            if len(value) > text_rules.LONGEST_TEXT:
                note = (
                    f"it is {len(value):,} characters long, more than the "
                    f"{text_rules.LONGEST_TEXT:,} any text in the data may have"
                )
                yield TextTooLongError.from_row(row, note=note, field_name=name)


@attrs.define(kw_only=True, repr=False)
class plan_lists_bounded(Check):
    """A plan lists at most text_rules.MOST_PER_PLAN priorities, and as many measures: no plan
    comes near it, so more are rows added by mistake or in bulk. Reported once, at the first row
    over the limit."""

    type = "plan-lists-bounded"
    Errors = [ListTooLongError]
    counts: dict = attrs.field(factory=dict, init=False)

    def validate_row(self, row):
        if self.resource.name not in text_rules.PER_PLAN_TABLES:
            return
        plan = row.get("plan_id")
        self.counts[plan] = self.counts.get(plan, 0) + 1
        if self.counts[plan] == text_rules.MOST_PER_PLAN + 1:
            note = (
                f'plan "{plan}" has more than {text_rules.MOST_PER_PLAN} rows in this table; '
                f"this is row {text_rules.MOST_PER_PLAN + 1}"
            )
            yield ListTooLongError.from_row(row, note=note, field_name="plan_id")


@attrs.define(kw_only=True, repr=False)
class no_research_notes(Check):
    """Words copied from a source hold only the source's words: a note about the copy that was
    read ("(text truncated in stored copy)") would be published as if the source said it."""

    type = "no-research-notes"
    Errors = [ResearchNoteError]
    quoted: tuple = attrs.field(factory=tuple, init=False)

    def validate_start(self):
        self.quoted = quoted_fields(self.resource.schema)
        yield from ()

    def validate_row(self, row):
        for name, value in _text_cells(row, self.quoted):
            found = text_rules.research_note(value)
            if found:
                note = f'holds a note about the copy that was read, "{shown(found)}"'
                yield ResearchNoteError.from_row(row, note=note, field_name=name)


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

    `lookup` holds the tuples of the referenced fields' values that exist in the referenced
    table (one field: tuples of one). A row whose key is blank in every field refers to nothing.
    """

    type = "foreign-key-across-packages"
    Errors = [CrossPackageForeignKeyError]
    field_names: list[str]
    target: str
    lookup: frozenset = attrs.field(factory=frozenset)

    def validate_row(self, row):
        values = tuple(row.get(name) for name in self.field_names)
        if any(v not in (None, "") for v in values) and values not in self.lookup:
            yield self.error(row, values)

    def error(self, row, values: tuple) -> CrossPackageForeignKeyError:
        if len(values) == 1:
            note = f'"{values[0]}" is not an id in {self.target}'
        else:
            pairs = ", ".join(f'{name} "{value}"' for name, value in zip(self.field_names, values))
            note = f"no row of {self.target} has {pairs} together"
        error = CrossPackageForeignKeyError.from_row(
            row, note=note, field_name=self.field_names[-1]
        )
        # Suggest from the last field's values that go with the others as given.
        error.candidates = frozenset(k[-1] for k in self.lookup if k[:-1] == values[:-1])
        return error


@attrs.define(kw_only=True, repr=False)
class direction_has_source(Check):
    """The site says better or worse only where the publisher does, so a direction needs the
    publisher's statement as its source."""

    type = "direction-has-source"
    Errors = [UnsourcedDirectionError]

    def validate_row(self, row):
        if row.get("better_when") and not row.get("better_source_id"):
            note = (
                f'"{row.get("better_when")}" is given but better_source_id is blank: the '
                f"site says better or worse only where the publisher does"
            )
            yield UnsourcedDirectionError.from_row(row, note=note, field_name="better_when")
        if row.get("better_when") and not row.get("better_statement"):
            note = (
                f'"{row.get("better_when")}" is given but better_statement is blank: copy '
                f"the publisher's own words, so a reader can check the direction"
            )
            yield UnsourcedDirectionError.from_row(row, note=note, field_name="better_statement")
        if row.get("better_statement") and not row.get("better_source_id"):
            note = "better_statement is given but better_source_id is blank: cite where it is said"
            yield UnsourcedDirectionError.from_row(row, note=note, field_name="better_statement")


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@attrs.define(kw_only=True, repr=False)
class snapshot_matches_checksum(Check):
    """A committed snapshot is the publisher's file as received: its bytes still give the
    checksum recorded when it was received."""

    type = "snapshot-matches-checksum"
    Errors = [SnapshotFileError]

    def validate_row(self, row):
        if "sha256" not in row.field_names or not row.get("path"):
            return
        path = Path(self.resource.basepath or ".") / row["path"]
        if not path.is_file():
            note = f"no file at {row['path']} in this package's folder"
            yield SnapshotFileError.from_row(row, note=note, field_name="path")
        elif row.get("sha256") and file_sha256(path) != row["sha256"]:
            note = (
                f"the file {row['path']} has SHA-256 {file_sha256(path)}, not the "
                f"{row['sha256']} recorded when it was received"
            )
            yield SnapshotFileError.from_row(row, note=note, field_name="sha256")


def project_checks() -> list[Check]:
    """The checks every resource gets, on top of its Table Schema."""
    return [
        no_line_breaks(),
        no_placeholders(),
        no_invisible_characters(),
        no_formula_starts(),
        text_not_too_long(),
        no_research_notes(),
        plan_lists_bounded(),
        period_in_order(),
        cycle_matches_period(),
        accessed_not_in_future(),
        direction_has_source(),
        snapshot_matches_checksum(),
    ]
