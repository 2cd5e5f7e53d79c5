"""Checks on the values of a submitted form, before any row is made: each fault is a Complaint
that names the field, quotes the value and says how to fix it. Nothing here writes."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .. import text_rules
from .forms import Form

HTTPS = re.compile(r"^https://\S+$")
FULL_PERIOD = re.compile(r"^(\d{4})-(\d{4})$")
ONE_YEAR = re.compile(r"^\d{4}$")
SHORT_PERIOD = re.compile(r"^(\d{4})\s*[-/–—]\s*(\d{2}|\d{4})$")
# HTML tags and comments, Markdown links and images, template syntax and code spans: submitted
# text is published as data, so anything a renderer could read as markup is refused, not cleaned.
MARKUP = re.compile(r"<\s*[A-Za-z!/?]|\]\s*\(|\{\{|\{%|`")


@dataclass(frozen=True)
class Complaint:
    where: str  # 'the field "Title"', or a file, line and column
    value: str | None
    message: str
    fix: str


def on_field(form: Form, field_id: str, value, message: str, fix: str) -> Complaint:
    return Complaint(f'the field "{form.field(field_id).label}"', value, message, fix)


def missing_required(form: Form, values: dict) -> list[Complaint]:
    complaints = []
    for field in form.fields:
        if field.type == "checkboxes" and field.required and not values[field.id]:
            complaints.append(
                on_field(
                    form,
                    field.id,
                    None,
                    "the box is not ticked",
                    "tick it: we can publish a contribution only under the "
                    "Open Government Licence v3.0",
                )
            )
        elif field.type != "checkboxes" and field.required and not values[field.id]:
            complaints.append(
                on_field(
                    form,
                    field.id,
                    None,
                    "it is empty, and it is required",
                    f"fill it in ({describe(field.id)})",
                )
            )
    return complaints


def describe(field_id: str) -> str:
    """What a required field wants, in a few words, for the fix of an empty one."""
    return {
        "partnership": "the partnership's id, area or name",
        "title": "the title exactly as published",
        "period": "the years as 2023-2026",
        "source_url": "the public https page that shows the values",
        "document_type": "the kind of document",
        "kind": "member or fact",
        "confirmed_by": "your role and organisation, as it should be published",
        "confirmation": "what you confirm",
    }.get(field_id, "as the form describes")


def markup_in_fields(form: Form, values: dict) -> list[Complaint]:
    return [
        on_field(
            form,
            field.id,
            values[field.id],
            "it contains HTML or Markdown markup",
            "send plain text, as the source prints it, without HTML tags, Markdown "
            "links or images, template braces or backticks",
        )
        for field in form.fields
        if isinstance(values[field.id], str) and MARKUP.search(values[field.id])
    ]


def too_long_body(body: str) -> list[Complaint]:
    if len(body) <= text_rules.LONGEST_BODY:
        return []
    return [
        Complaint(
            "the issue",
            None,
            f"it is {len(body):,} characters long, more than the "
            f"{text_rules.LONGEST_BODY:,} a submission may have",
            "send the plan's priorities and measures as published, one a line; a "
            "document with more than that much text belongs in a pull request",
        )
    ]


def unsafe_lines(
    form: Form, values: dict, links: tuple[str, ...], quoted: tuple[str, ...]
) -> list[Complaint]:
    """Each line of every typed field: no invisible character; and, links apart (they must be
    https://), no formula-like start and no over-long text; in the fields that become a
    document's own words (quoted), no note about a copy."""
    complaints = []
    for field in form.fields:
        if field.type not in ("input", "textarea"):
            continue
        for line in (line.strip() for line in values[field.id].split("\n")):
            complaints += invisible(form, field.id, line)
            if field.id not in links:
                complaints += formula_like(form, field.id, line) + too_long(form, field.id, line)
            if field.id in quoted:
                complaints += research_note(form, field.id, line)
    return complaints


def invisible(form: Form, field_id: str, line: str) -> list[Complaint]:
    found = text_rules.invisible_character(line)
    if not found:
        return []
    position, char = found
    fix = (
        "replace the tab with a space"
        if char == "\t"
        else "delete the invisible character (text copied from a PDF or a web page can carry one "
        "unseen: type the words again)"
    )
    return [
        on_field(
            form,
            field_id,
            line,
            f"it holds {text_rules.character_name(char)} at "
            f"character {position}, which no reader can see",
            fix,
        )
    ]


def formula_like(form: Form, field_id: str, line: str) -> list[Complaint]:
    if not text_rules.starts_like_formula(line):
        return []
    return [
        on_field(
            form,
            field_id,
            line,
            f'it begins with "{line[0]}", which a spreadsheet reads as a formula',
            text_rules.formula_fix(line),
        )
    ]


def too_long(form: Form, field_id: str, line: str) -> list[Complaint]:
    if len(line) <= text_rules.LONGEST_TEXT:
        return []
    return [
        on_field(
            form,
            field_id,
            line,
            f"it is {len(line):,} characters long, more than "
            f"the {text_rules.LONGEST_TEXT:,} any text in the data may have",
            "check that two items have not run together: one item a line",
        )
    ]


def research_note(form: Form, field_id: str, line: str) -> list[Complaint]:
    note = text_rules.research_note(line)
    if not note:
        return []
    return [
        on_field(
            form,
            field_id,
            line,
            f'it holds a note about a copy, "{note}", among the published words',
            "keep only the published words; say in the issue what "
            "is missing (for example, that the copy you read stops short)",
        )
    ]


def oversized_lists(form: Form, values: dict, lists: tuple[str, ...]) -> list[Complaint]:
    """One item a line, each a row: a plan lists at most text_rules.MOST_PER_PLAN of each."""
    complaints = []
    for field_id in lists:
        count = sum(1 for line in values[field_id].split("\n") if line.strip())
        if count > text_rules.MOST_PER_PLAN:
            complaints.append(
                on_field(
                    form,
                    field_id,
                    None,
                    f"it lists {count:,} items, more than the "
                    f"{text_rules.MOST_PER_PLAN} a plan may have",
                    "send the items as the document lists them, one a line; if it really lists "
                    "more, say so in the issue",
                )
            )
    return complaints


def unknown_options(form: Form, values: dict) -> list[Complaint]:
    """A dropdown value the form does not offer (a body can be edited after it is sent)."""
    return [
        on_field(
            form,
            field.id,
            values[field.id],
            "it is not one of the form's choices",
            "choose one of: " + ", ".join(field.options),
        )
        for field in form.fields
        if field.type == "dropdown" and values[field.id] and values[field.id] not in field.options
    ]


def non_https_links(form: Form, values: dict, field_ids: tuple[str, ...]) -> list[Complaint]:
    complaints = []
    for field_id in field_ids:
        value = values[field_id]
        if value and not HTTPS.match(value):
            complaints.append(
                on_field(
                    form,
                    field_id,
                    value,
                    "it is not an https:// link",
                    "give the public https:// address of the page (we publish https links only; "
                    "most sites answer on https:// too)",
                )
            )
    return complaints


def read_period(form: Form, value: str) -> tuple[tuple[int, int | None] | None, list[Complaint]]:
    """(first year, last year or None) from "2023-2026" or "2019", or a complaint saying how."""
    if not value:
        return None, []
    full, short = FULL_PERIOD.match(value), SHORT_PERIOD.match(value)
    if full and int(full.group(2)) >= int(full.group(1)):
        return (int(full.group(1)), int(full.group(2))), []
    if ONE_YEAR.match(value):
        return (int(value), None), []
    if full:
        message = "the last year is before the first"
    elif short:
        message = "the years are not written as the data needs them"
    else:
        message = "it is not a year or a range of years"
    example = example_period(short)
    return None, [
        on_field(
            form,
            "period",
            value,
            message,
            f"write both years in full, joined by a hyphen, e.g. {example} "
            "(or one year, e.g. 2019)",
        )
    ]


def example_period(short: re.Match | None) -> str:
    """The contributor's own period written the right way, where it can be read unambiguously."""
    if short is None:
        return "2023-2026"
    first, last = short.group(1), short.group(2)
    if len(last) == 2:
        last = first[:2] + last
    return f"{first}-{last}" if int(last) > int(first) else "2023-2026"


def resolve_partnership(
    form: Form, value: str, partnerships: list[dict]
) -> tuple[str | None, list[Complaint]]:
    """The partnership_id a submitted id, area name or partnership name means (any case)."""
    if not value:
        return None, []
    names = partnership_names(partnerships)
    found = names.get(value.strip().casefold())
    if found:
        return found, []
    close = difflib.get_close_matches(value.strip().casefold(), list(names), n=3, cutoff=0.6)
    areas = {row["partnership_id"]: row["area_name"] for row in partnerships}
    suggestions = list(dict.fromkeys(names[name] for name in close))
    if suggestions:
        fix = "did you mean " + " or ".join(f'"{areas[pid]}" ({pid})' for pid in suggestions) + "?"
    else:
        fix = "write the partnership's id or area as the website lists it, e.g. Stirling"
    return None, [on_field(form, "partnership", value, "no partnership has this id or name", fix)]


def partnership_names(partnerships: list[dict]) -> dict[str, str]:
    """Every id, area name and partnership name, casefolded, to its partnership_id."""
    names = {}
    for row in partnerships:
        for name in (row["partnership_id"], row["area_name"], row["partnership_name"]):
            if name:
                names[name.casefold()] = row["partnership_id"]
    return names


ISSUE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def issue_complaints(issue) -> list[Complaint]:
    """A confirmation cites its issue, so the workflow must say which issue and when."""
    complaints = []
    if not issue.url or not HTTPS.match(issue.url):
        complaints.append(
            Complaint(
                "the command",
                issue.url,
                "a confirmation needs the issue's public https address",
                "run cspp submission with --issue-url",
            )
        )
    if not issue.date or not ISSUE_DATE.match(issue.date):
        complaints.append(
            Complaint(
                "the command",
                issue.date,
                "a confirmation needs the day the issue was opened",
                "run cspp submission with --issue-date YYYY-MM-DD",
            )
        )
    return complaints
