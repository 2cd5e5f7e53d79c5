"""Turn one issue-form submission into rows of the CSVs, or into the reasons it cannot be.

Load inputs (the form, the body, the current rows) / check the values / write the rows, run the
validator, and put every CSV back byte for byte if anything is wrong. The body is only data: it
is parsed as text and written as CSV cells, never evaluated, formatted into code or passed to a
shell.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..load.packages import DescriptorError, read_packages, resource_file
from ..paths import DATAPACKAGES, relative
from ..validate import Problem, validate_packages
from . import checks, rows
from .checks import Complaint
from .forms import FORM_NAMES, FORMS_DIR, Form, detect_form, parse_body, read_form

TABLES = {
    "plan-or-report": ("plans", "priorities", "plan_measures", "sources"),
    "member-or-fact": ("memberships", "partnership_facts", "sources"),
    "page-correct": ("confirmations", "sources"),
}
LINKS = {
    "plan-or-report": ("document_url", "source_url"),
    "member-or-fact": ("source_url",),
    "page-correct": (),
}
# The fields whose text becomes a document's own words, and those that list one row a line.
QUOTED = {
    "plan-or-report": ("title", "priorities", "measures"),
    "member-or-fact": (),
    "page-correct": (),
}
LISTS = {"plan-or-report": ("priorities", "measures"), "member-or-fact": (), "page-correct": ()}


@dataclass(frozen=True)
class Issue:
    """The issue a submission came from, as the workflow knows it: what a confirmation cites."""

    url: str | None = None
    date: str | None = None  # YYYY-MM-DD, the day it was opened


@dataclass
class Outcome:
    form: Form | None
    complaints: list[Complaint] = field(default_factory=list)
    edits: rows.Edits = field(default_factory=rows.Edits)
    files: dict[str, str] = field(default_factory=dict)  # table -> path as contributors see it

    @property
    def accepted(self) -> bool:
        return not self.complaints


def submit(
    body: str,
    packages: Path = DATAPACKAGES,
    form_name: str | None = None,
    forms_dir: Path = FORMS_DIR,
    issue: Issue = Issue(),
) -> Outcome:
    """Check a submission and, if it is sound and the data stays valid, write its rows."""
    complaints = checks.too_long_body(body)  # before reading it at all
    if complaints:
        return Outcome(None, complaints)
    form, complaints = choose_form(body, form_name, forms_dir)
    if form is None:
        return Outcome(None, complaints)
    values, repeated = parse_body(body, form)
    complaints = [
        checks.on_field(
            form,
            form.by_label()[label].id,
            None,
            "the heading appears more than once in the issue",
            "edit the issue so that each heading appears once",
        )
        for label in repeated
    ]
    complaints += checks.missing_required(form, values) + checks.markup_in_fields(form, values)
    complaints += checks.unsafe_lines(form, values, LINKS[form.name], QUOTED[form.name])
    complaints += checks.oversized_lists(form, values, LISTS[form.name])
    complaints += checks.unknown_options(form, values)
    complaints += checks.non_https_links(form, values, LINKS[form.name])
    try:
        tables = read_tables(packages, TABLES[form.name] + ("partnerships",))
    except (DescriptorError, OSError, KeyError) as error:
        return Outcome(form, complaints + [unreadable_data(error)])
    partnership, found = checks.resolve_partnership(
        form, values["partnership"], tables["partnerships"][1]
    )
    complaints += found
    edits = rows.Edits()
    if form.name == "plan-or-report":
        period, found = checks.read_period(form, values["period"])
        complaints += found
        if not complaints:
            edits, complaints = rows.plan_edits(
                form, values, partnership, period, current_rows(tables), plan_cycles(packages)
            )
    elif form.name == "page-correct":
        complaints += checks.issue_complaints(issue)
        if not complaints:
            edits, complaints = rows.confirmation_edits(
                form, values, partnership, current_rows(tables), issue
            )
    elif not complaints:
        edits, complaints = rows.member_or_fact_edits(
            form, values, partnership, current_rows(tables)
        )
    files = {name: relative(path, packages.parent) for name, (path, _) in tables.items()}
    if complaints:
        return Outcome(form, complaints, files=files)
    return Outcome(form, write_and_validate(edits, tables, packages), edits, files)


def choose_form(
    body: str, form_name: str | None, forms_dir: Path
) -> tuple[Form | None, list[Complaint]]:
    forms = [read_form(name, forms_dir) for name in FORM_NAMES]
    if form_name is not None:
        return next(f for f in forms if f.name == form_name), []
    form = detect_form(body, forms)
    if form is None:
        return None, [
            Complaint(
                "the issue",
                None,
                "it is not a filled-in submission form (its headings match neither form)",
                "send it through Add or correct a plan or report, or Add or "
                "correct a member or fact, without editing the headings",
            )
        ]
    return form, []


def unreadable_data(error: Exception) -> Complaint:
    return Complaint(
        "the data packages",
        None,
        f"they cannot be read ({error})",
        "run cspp validate on the repository and fix what it reports first",
    )


# ---------------------------------------------------------------- the CSVs


def read_tables(packages: Path, names: tuple[str, ...]) -> dict[str, tuple[Path, list[dict]]]:
    """Each named resource's CSV path and rows (as text), found through its package."""
    by_resource = {
        resource.name: resource_file(package, resource.name)
        for package in read_packages(packages).values()
        for resource in package.resources
    }
    return {name: (by_resource[name], read_rows(by_resource[name])) for name in names}


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def current_rows(tables: dict[str, tuple[Path, list[dict]]]) -> dict[str, list[dict]]:
    return {name: table_rows for name, (_, table_rows) in tables.items()}


def plan_cycles(packages: Path) -> tuple[str, ...]:
    """The statutory cycles, as plans.cycle's schema lists them."""
    schema = read_packages(packages)["plans"].get_resource("plans").schema
    return tuple(schema.get_field("cycle").constraints["enum"])


def write_and_validate(edits: rows.Edits, tables: dict, packages: Path) -> list[Complaint]:
    """Write the edits, validate every package, and restore every CSV unless all is valid."""
    kept = {path: path.read_bytes() for path in sorted(packages.rglob("*.csv"))}
    try:
        for name, (path, table_rows) in tables.items():
            if name in edits.added or name in edits.filled:
                write_rows(path, edited(table_rows, edits, name))
        problems = validate_packages(packages)
    except BaseException:
        restore(kept)
        raise
    if problems:
        restore(kept)
    return [validator_complaint(problem) for problem in problems]


def edited(table_rows: list[dict], edits: rows.Edits, name: str) -> list[dict]:
    changed = [dict(row) for row in table_rows]
    for key_field, key, cells in edits.filled.get(name, []):
        for row in changed:
            if row[key_field] == key:
                row.update(cells)
    return changed + edits.added.get(name, [])


def write_rows(path: Path, table_rows: list[dict]) -> None:
    """Rewrite a CSV as the committed files are written: its own header, minimal quoting, \\n."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table_rows)


def restore(kept: dict[Path, bytes]) -> None:
    for path, content in kept.items():
        if path.read_bytes() != content:
            path.write_bytes(content)


def validator_complaint(problem: Problem) -> Complaint:
    where = f"{problem.file} line {problem.line}" if problem.line else problem.file
    if problem.field:
        where += f', column "{problem.field}"'
    return Complaint(where, problem.value, problem.message, problem.fix)
