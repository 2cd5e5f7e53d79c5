"""Say what a submission did, for the terminal and as Markdown for the pull request or the issue.

Submitted text reaches Markdown only inside code spans, so it can neither render as markup nor
mention anyone.
"""

from __future__ import annotations

import re

from ..text_rules import visible
from .submit import Outcome

ROW_KEYS = {
    "plans": "plan_id",
    "priorities": "priority_id",
    "plan_measures": "measure_id",
    "memberships": "organisation",
    "partnership_facts": "fact_id",
    "sources": "source_id",
    "confirmations": "confirmation_id",
}
ROW_TEXTS = {
    "plans": "title",
    "priorities": "text",
    "plan_measures": "text",
    "memberships": "organisation_type",
    "partnership_facts": "fact",
    "sources": "url",
    "confirmations": "kind",
}
LONGEST_VALUE = 300


def as_text(outcome: Outcome) -> str:
    if not outcome.accepted:
        noun = "problem" if len(outcome.complaints) == 1 else "problems"
        lines = [
            f"The submission was not added ({len(outcome.complaints)} {noun}); no file was changed."
        ]
        for complaint in outcome.complaints:
            value = f' "{shortened(complaint.value)}":' if complaint.value else ""
            lines += [f"{complaint.where}:{value} {complaint.message}", f"    fix: {complaint.fix}"]
        return "\n".join(lines)
    lines = [f'Added from the form "{outcome.form.title}":']
    lines += [f"{outcome.files[table]}: {line}" for table, line in change_lines(outcome, str)]
    return "\n".join(lines + outcome.edits.notes + ["All data packages are valid."])


def as_markdown(outcome: Outcome) -> str:
    if not outcome.accepted:
        lines = ["This submission could not be added to the data yet, and no file was changed.", ""]
        for complaint in outcome.complaints:
            value = f" ({code(shortened(complaint.value))})" if complaint.value else ""
            lines += [
                f"- **{complaint.where}**{value}: {sentence(complaint.message)}",
                f"  Fix: {sentence(complaint.fix)}",
            ]
        lines += [
            "",
            "Please edit the issue to fix these; a maintainer will then label it `accepted` again.",
        ]
        return "\n".join(lines) + "\n"
    lines = [f'Data from the issue form "{outcome.form.title}".', ""]
    lines += [
        f"- {code(outcome.files[table])}: {line}" for table, line in change_lines(outcome, code)
    ]
    lines += [""] + [f"> {note}\n" for note in outcome.edits.notes]
    lines += ["`cspp validate`: all data packages are valid."]
    return "\n".join(lines) + "\n"


def change_lines(outcome: Outcome, quote) -> list[tuple[str, str]]:
    """(table, what changed) for every new row and every filled cell."""
    found = []
    for table, new_rows in outcome.edits.added.items():
        for row in new_rows:
            found.append(
                (
                    table,
                    f"added {quote(row[ROW_KEYS[table]])}: "
                    f"{quote(shortened(row[ROW_TEXTS[table]]))}",
                )
            )
    for table, fills in outcome.edits.filled.items():
        for _, key, cells in fills:
            for column, value in cells.items():
                found.append((table, f"filled {column} of {quote(key)}: {quote(shortened(value))}"))
    return found


def sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def shortened(text: str) -> str:
    """text on one line, cut short, with any invisible character shown (<U+202E>)."""
    text = visible(" ".join(text.split()))
    return text if len(text) <= LONGEST_VALUE else text[: LONGEST_VALUE - 1] + "…"


def code(text: str) -> str:
    """text as a Markdown code span, fenced by more backticks than it holds."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{padding}{text}{padding}{fence}"
