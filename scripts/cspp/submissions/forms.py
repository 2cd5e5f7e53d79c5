"""The issue forms, read from their YAML, and the values GitHub wrote into an issue body.

The form files in .github/ISSUE_TEMPLATE are the one source of truth for the fields: their ids,
labels, options and which are required. Nothing here writes; the body is only ever read as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..paths import ISSUE_FORMS as FORMS_DIR

FORM_NAMES = ("plan-or-report", "member-or-fact", "page-correct")
NO_RESPONSE = "_No response_"  # what GitHub writes for a field left empty
HEADING = re.compile(r"^### (.+?)\s*$")
CHECKBOX = re.compile(r"^- \[([ xX])\] (.+?)\s*$")


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    type: str  # input, textarea, dropdown or checkboxes
    required: bool
    options: tuple[str, ...]


@dataclass(frozen=True)
class Form:
    name: str  # the file's stem, e.g. plan-or-report
    title: str  # the form's own name, e.g. "Add or correct a plan or report"
    fields: tuple[FormField, ...]

    def field(self, field_id: str) -> FormField:
        return next(f for f in self.fields if f.id == field_id)

    def by_label(self) -> dict[str, FormField]:
        return {f.label: f for f in self.fields}


def read_form(name: str, forms_dir: Path = FORMS_DIR) -> Form:
    """The form in forms_dir/<name>.yml, without its markdown (text-only) items."""
    descriptor = yaml.safe_load((forms_dir / f"{name}.yml").read_text(encoding="utf-8"))
    fields = tuple(form_field(item) for item in descriptor["body"] if item["type"] != "markdown")
    return Form(name, descriptor["name"], fields)


def form_field(item: dict) -> FormField:
    attributes = item["attributes"]
    options = tuple(
        o["label"] if isinstance(o, dict) else str(o) for o in attributes.get("options", [])
    )
    if item["type"] == "checkboxes":
        required = any(isinstance(o, dict) and o.get("required") for o in attributes["options"])
    else:
        required = bool(item.get("validations", {}).get("required"))
    return FormField(item["id"], attributes["label"], item["type"], required, options)


def body_sections(body: str) -> list[tuple[str, str]]:
    """(heading, text) for every "### heading" of the body, in order, text stripped."""
    sections: list[tuple[str, list[str]]] = []
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = HEADING.match(line)
        if heading:
            sections.append((heading.group(1), []))
        elif sections:
            sections[-1][1].append(line)
    return [(heading, "\n".join(lines).strip()) for heading, lines in sections]


def detect_form(body: str, forms: list[Form]) -> Form | None:
    """The form whose labels are all headings of the body (GitHub writes every one)."""
    headings = {heading for heading, _ in body_sections(body)}
    matching = [form for form in forms if set(form.by_label()) <= headings]
    return matching[0] if len(matching) == 1 else None


def parse_body(body: str, form: Form) -> tuple[dict, list[str]]:
    """The value of every field by id, and the labels that appear more than once.

    A heading that is not one of the form's labels is part of the value above it: a textarea
    may hold "### " lines of its own. Inputs, textareas and dropdowns give text ("" when empty);
    checkboxes give the set of ticked option labels.
    """
    labels = form.by_label()
    values: dict = {f.id: (frozenset() if f.type == "checkboxes" else "") for f in form.fields}
    seen: set[str] = set()
    repeated: list[str] = []
    current: FormField | None = None
    lines: list[str] = []
    for heading, text in body_sections(body):
        if heading in labels:
            store(values, current, lines)
            current, lines = labels[heading], [text]
            if heading in seen:
                repeated.append(heading)
            seen.add(heading)
        elif current is not None:
            lines.append(f"### {heading}\n\n{text}")
    store(values, current, lines)
    return values, repeated


def store(values: dict, field: FormField | None, lines: list[str]) -> None:
    if field is None:
        return
    text = "\n\n".join(lines).strip()
    if field.type == "checkboxes":
        values[field.id] = ticked(text)
    else:
        values[field.id] = "" if text == NO_RESPONSE else text


def ticked(text: str) -> frozenset:
    found = (CHECKBOX.match(line.strip()) for line in text.split("\n"))
    return frozenset(m.group(2) for m in found if m and m.group(1) in "xX")
