"""Words for contributors: what is wrong with a value, and how to fix it.

The fix is taken from the field's own schema (description, type, enum, pattern, limits) so that
it always says what the field expects. Every error type the validator can emit has a fix here;
tests/test_validation_errors.py holds that list to account.
"""

from __future__ import annotations

import difflib
import re

from .. import text_rules

TYPE_WORDS = {
    "integer": ("a whole number", "give a whole number with digits only, e.g. 2023"),
    "number": (
        "a number",
        "give a number with digits and at most one decimal point, e.g. 12.5; no % or commas",
    ),
    "date": ("a date", "give the date as YYYY-MM-DD, e.g. 2026-11-23"),
    "year": ("a year", "give the year as four digits, e.g. 2020"),
    "boolean": ("true or false", "write true or false"),
}

# Errors that are about the file as a whole, not one cell. The fix does not depend on a field.
FILE_FIXES = {
    "missing-file": "restore the file, or remove its entry from datapackage.json; see the contributor guide",
    "empty-file": "the file must start with its header line; restore it from the last good version (git checkout -- FILE)",
    "encoding-error": "save the file as UTF-8 (in Excel: Save As > CSV UTF-8; in LibreOffice tick 'Edit filter settings' and choose Unicode (UTF-8))",
    "invalid-json": "fix the JSON syntax at that line (a missing comma, quote or bracket is usual), or restore the file with git checkout",
    "package-error": "restore datapackage.json from the last good version; it must list the package's resources",
    "resource-error": "check that the resource's path and schema in datapackage.json are right",
    "schema-error": "check the schema in datapackage.json against the Table Schema specification",
    "source-error": "the file could not be read as CSV; check it opens in a spreadsheet and save it again as CSV",
    "format-error": "save the file as comma-separated values (.csv)",
    "scheme-error": "resources must be local files inside the package folder",
    "general-error": "run `cspp validate --debug` and report the output in an issue",
    "blank-row": "delete the empty line",
    "blank-header": "the first line must be the header with the column names: restore it",
    "unmatched-header": "the header must match the schema: restore the column names exactly as in the data dictionary",
    "hash-count": "the file changed after its hash was recorded: remove the hash from datapackage.json or update it",
    "byte-count": "the file size differs from datapackage.json: remove the bytes entry or update it",
    "field-count": "the number of columns differs from the schema: restore the columns listed in the data dictionary",
    "row-count": "the number of rows differs from datapackage.json: remove the rows entry or update it",
    "extra-cell": "this line has more cells than the header: check for an unquoted comma and wrap the text in double quotes",
    "missing-cell": "this line has fewer cells than the header: add the missing commas so every column has a cell (blank is fine)",
    "blank-label": "give every column a name in the header line, or remove the empty column",
    "duplicate-label": "each column name may appear once in the header line; remove or rename the duplicate",
    "incorrect-label": "the header must match the schema: restore the column name exactly as in the data dictionary",
    "missing-label": "a column the schema expects is missing from the header: restore it (blank cells are fine)",
    "extra-label": "remove this column: the header must list exactly the columns in the data dictionary (propose new columns in an issue)",
    "line-break-in-cell": "keep each cell on one line: replace the line break with a space",
    "placeholder-value": "leave the cell blank when the value is unknown; the site then shows it as not yet found",
    "period-order": "check both years: period_end must be the same as or later than period_start",
    "future-date": "give the date you actually read the source, as YYYY-MM-DD, not a future date",
    "snapshot-file": "a snapshot is kept exactly as received: restore the file with git checkout, or, for a new release, store it as a new snapshot with `cspp fetch` (never edit a snapshot by hand)",
    "unsourced-direction": "add the publisher's statement to sources/sources.csv, put its source_id in better_source_id and its exact words in better_statement, or leave better_when blank",
}


CELL_FIXES = {
    "type-error",
    "constraint-error",
    "primary-key",
    "foreign-key",
    "unique-error",
    "cycle-mismatch",
    "invisible-character",
    "formula-start",
    "text-too-long",
    "list-too-long",
    "research-note-in-words",
}


def has_specific_fix(kind: str) -> bool:
    """True when fix_for has words written for this error type, not the general fallback."""
    return kind in FILE_FIXES or kind in CELL_FIXES


def describe(kind: str, field: str | None, value, note: str, spec) -> str:
    """One line saying what is wrong, e.g. field "period_start": "2020/23" is not a year."""
    where = f'field "{field}": ' if field else ""
    shown = f'"{text_rules.visible(str(value))}"' if value not in (None, "") else "blank"
    if kind == "type-error" and spec is not None:
        words = year_or_type(spec)[0]
        return f"{where}{shown} is not {words}"
    if kind == "constraint-error":
        constraint = constraint_name(note)
        text = {
            "required": "is blank but this field is required",
            "enum": "is not one of the allowed values",
            "pattern": "is not in the expected form",
            "unique": "is already used on another line",
            "minimum": f"is too small ({note})",
            "maximum": f"is too large ({note})",
            "minLength": "is too short",
            "maxLength": "is too long",
        }.get(constraint, f"breaks a rule ({note})")
        if constraint == "pattern" and field and (field.endswith("url") or field == "web_page"):
            text = "is not an https:// address"
        return f"{where}{shown} {text}" if constraint != "required" else f"{where}{text}"
    if kind == "primary-key":
        return f"{where}{shown} is a duplicate: {note}"
    if kind == "foreign-key":
        return f"{where}{note}"
    if kind in (
        "missing-label",
        "extra-label",
        "blank-label",
        "duplicate-label",
        "incorrect-label",
    ):
        return {
            "missing-label": f'column "{field}" is missing from the header',
            "extra-label": f'column "{value}" is not in the schema',
            "blank-label": "a column in the header has no name",
            "duplicate-label": f'column "{value}" appears twice in the header',
            "incorrect-label": f'column "{value}" is not the expected name',
        }[kind]
    return f"{where}{note}" if note else where.rstrip(": ") or kind


def fix_for(
    kind: str, field: str | None, value, note: str, spec, candidates: list[str] | None = None
) -> str:
    """A fix written for a person, from the field's schema where there is one."""
    if kind in FILE_FIXES:
        return FILE_FIXES[kind]
    if kind in TEXT_FIXES:
        return TEXT_FIXES[kind](str(value or ""))
    expects = expectation(spec)
    if kind == "type-error" and spec is not None:
        return join(year_or_type(spec)[1], expects)
    if kind == "constraint-error":
        return constraint_fix(constraint_name(note), field, value, spec, expects)
    if kind == "primary-key":
        return f"each row needs its own {field}: change one of the two, or delete the duplicate row"
    if kind == "foreign-key":
        guess = closest(value, candidates or [])
        if guess and refused(guess, spec):
            return (
                f"the referenced file has {guess}, which is close to this value but is not a "
                f"valid {field} itself: correct that row there, and this line will find it"
            )
        lead = f"did you mean {guess}? If not, use" if guess else "use"
        return join(
            f"{lead} an id that exists in the referenced file, or add that row there first", expects
        )
    if kind == "cycle-mismatch":
        return join(
            "give the cycle whose years contain the document's years, or leave it blank "
            "for a document outside the cycles",
            expects,
        )
    if kind in ("unique-error",):
        return join(f"each {field} must be unique: change one of the two", expects)
    return join("see the contributor guide for this rule", expects)


def invisible_fix(value: str) -> str:
    found = text_rules.invisible_character(value)
    if found and found[1] == "\t":
        return "replace the tab with a space"
    return (
        "delete the invisible character (text copied from a PDF or a web page can carry one "
        "unseen: retype the words around it), and keep only the published words"
    )


TEXT_FIXES = {
    "invisible-character": invisible_fix,
    "formula-start": text_rules.formula_fix,
    "text-too-long": lambda value: (
        f"no text in the data is longer than {text_rules.LONGEST_TEXT:,} characters: check that "
        "cells have not run together (a missing quote or comma); if the published text really "
        "is longer, say so in an issue"
    ),
    "list-too-long": lambda value: (
        f"a plan lists at most {text_rules.MOST_PER_PLAN} priorities and "
        f"{text_rules.MOST_PER_PLAN} measures: look for rows added twice or under the wrong "
        "plan_id; if the document really lists more, say so in an issue"
    ),
    "research-note-in-words": lambda value: (
        "keep only the published words in this cell, and put the note in the table's notes "
        "column or, where it has none, in context/research_gaps.csv (what was not found)"
    ),
}


def constraint_fix(constraint: str, field, value, spec, expects: str) -> str:
    constraints = (spec.constraints if spec is not None else {}) or {}
    if constraint == "required":
        return join(f"fill in {field}; it cannot be blank", expects)
    if constraint == "enum":
        allowed = [str(v) for v in constraints.get("enum", [])]
        guess = closest(value, allowed)
        lead = f"did you mean {guess}? The allowed values are" if guess else "use one of"
        return f"{lead}: {', '.join(allowed)}"
    if constraint == "pattern":
        if field and (field.endswith("url") or field == "web_page"):
            return join(
                "give the full https:// address of the public page (http:// and other "
                "schemes are not accepted)",
                expects,
            )
        return join("write it in the expected form", expects)
    if constraint in ("minimum", "maximum"):
        low, high = constraints.get("minimum"), constraints.get("maximum")
        bounds = (
            f"between {low} and {high}"
            if low is not None and high is not None
            else f"at least {low}"
            if low is not None
            else f"at most {high}"
        )
        return join(f"give a value {bounds}", expects)
    if constraint == "unique":
        return join(f"each {field} must be unique: change one of the two", expects)
    return join("change the value to meet the rule", expects)


def year_or_type(spec) -> tuple[str, str]:
    """Years are integers in the schema, but people think of them as years."""
    if spec.type == "integer" and spec.name.startswith("period_"):
        first = "first" if spec.name.endswith("start") else "last"
        return "a year", f"give the {first} year only, as four digits, e.g. 2020"
    return TYPE_WORDS.get(spec.type, (f"a valid {spec.type}", f"give a valid {spec.type}"))


def expectation(spec) -> str:
    if spec is None or not spec.description:
        return ""
    return f"{spec.name} is: {spec.description}"


def constraint_name(note: str) -> str:
    match = re.search(r'constraint "([A-Za-z]+)"', note or "")
    return match.group(1) if match else ""


def refused(value: str, spec) -> bool:
    """Whether the field's own schema refuses value (frictionless reads it with notes): a row the
    reference would find is itself wrong, so the fix belongs there, not here."""
    return spec is not None and bool(spec.read_cell(value)[1])


def closest(value, allowed: list[str]) -> str | None:
    if not value:
        return None
    matches = difflib.get_close_matches(str(value).lower(), allowed, n=1, cutoff=0.6)
    return matches[0] if matches else None


def join(first: str, second: str) -> str:
    return f"{first}. {second}" if second else first
