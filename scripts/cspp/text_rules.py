"""What a text in the data may hold, so that it can neither mislead a reader nor run in a
spreadsheet, and how big a text or a list may be: the one statement of these rules.

`cspp validate` (validate/checks.py) and `cspp submission` (submissions/checks.py) refuse what
breaks them; the downloads (spreadsheet_csv) neutralise a formula-like cell should one ever get
through. The data dictionary and the contributor guide state the same limits. Pure: nothing here
reads or writes files.
"""

from __future__ import annotations

import re
import unicodedata

LONGEST_TEXT = 1_000  # characters in one cell, or one line of a submission
MOST_PER_PLAN = 60  # priorities, or measures, of one plan (in a submission or the data)
LONGEST_BODY = 65_536  # characters in a submission's issue body: GitHub's own limit for one
PER_PLAN_TABLES = ("priorities", "plan_measures")  # the lists MOST_PER_PLAN bounds

# Characters a reader cannot see, or that change how the text around them displays: control
# characters (line feed and carriage return have their own rule, "one line a cell"), bidirectional
# marks, embeddings, overrides and isolates, zero-width characters and the byte-order mark.
INVISIBLE = re.compile(
    "[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 controls (tab included), DEL, C1 controls
    "\u00ad"  # soft hyphen
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks, overrides, isolates
    "\u200b-\u200d\u2060-\u2064\ufeff"  # zero-width characters, invisible operators, BOM
    "\u2028\u2029]"
)  # line and paragraph separators
CONTROL_NAMES = {"\x00": "NULL", "\t": "TAB", "\x7f": "DELETE"}

# A spreadsheet reads a cell that begins with one of these as a formula (OWASP, CSV Injection).
# Text in the data never begins with one; tab and carriage return are refused anywhere.
FORMULA_STARTS = ("=", "+", "-", "@")
# The downloads add a ' before a cell that begins with one of these (OWASP ASVS 1.2.10 names NUL).
SPREADSHEET_STARTS = FORMULA_STARTS + ("\t", "\r", "\x00")
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
LEADING_NUMBER = re.compile(r"\d[\d,.]*%?")

# A researcher's note about the copy that was read, in brackets inside words that should be
# only the published ones: "(text truncated in stored copy)", "(truncated", "stored copy)".
RESEARCH_NOTE = re.compile(
    r"[(\[][^()\[\]]*\b(truncat\w*|stored copy|cut short)\b[^()\[\]]*(?:[)\]]|$)"
    r"|\b(truncat\w*|stored copy)\s*[)\]]",
    re.IGNORECASE,
)


def invisible_character(text: str) -> tuple[int, str] | None:
    """The first invisible character and its position (from 1), or None."""
    match = INVISIBLE.search(text)
    return (match.start() + 1, match.group()) if match else None


def character_name(char: str) -> str:
    """U+202E RIGHT-TO-LEFT OVERRIDE; U+0000 NULL."""
    name = CONTROL_NAMES.get(char) or unicodedata.name(char, "") or "a control character"
    return f"U+{ord(char):04X} {name}"


def visible(text: str) -> str:
    """text with each invisible character shown as <U+202E>, for messages and reports."""
    return INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def formula_fix(text: str) -> str:
    """How to write a text that begins like a formula, honestly, by what its start is."""
    first, rest = text[:1], text[1:].lstrip()
    if first == "-" and (text[1:2].isspace() or not rest):
        return "drop the leading dash: it is a list's bullet, not part of the published words"
    number = LEADING_NUMBER.match(rest)
    if first in "+-" and number:
        word = "plus" if first == "+" else "minus"
        return (
            f'write the sign as a word, e.g. "{word} {number.group()}", as the data '
            "dictionary says for a value that begins with a sign"
        )
    return (
        f'remove the leading "{first}" if the source does not print it; if the published '
        "words really begin with it, say so in an issue and a maintainer decides how to "
        "record them"
    )


def research_note(text: str) -> str | None:
    """The bracketed note about a copy inside text, or None."""
    match = RESEARCH_NOTE.search(text)
    return match.group() if match else None


def spreadsheet_cell(value):
    """A cell as the spreadsheet-facing CSVs write it: text that a spreadsheet would read as a
    formula gets a ' in front (OWASP's advice); numbers such as -0.5 stay as they are."""
    if (
        isinstance(value, str)
        and value.startswith(SPREADSHEET_STARTS)
        and not NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def spreadsheet_csv(frame) -> str:
    """A pandas DataFrame as CSV text with every text cell made spreadsheet-safe."""
    safe = frame.copy()
    for position, dtype in enumerate(frame.dtypes):
        if dtype.kind == "O":  # text (str or object); numbers and dates cannot start a formula
            safe.isetitem(position, frame.iloc[:, position].map(spreadsheet_cell))
    return safe.to_csv(index=False, lineterminator="\n")
