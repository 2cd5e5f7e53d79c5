"""The pieces a page is made of, as data: the templates turn them into HTML (macros.html).

Views build these from the shaped data; no HTML is written in Python. Any plain string in a part
is data text, escaped when the template renders it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from numbers import Number
from typing import Any

import pandas as pd

from ...shape.freshness import FAILING
from ...shape.plans import cut_short
from ...sources import source_kind
from .paths import CONTRIBUTING, indicator_page

NOT_FOUND = "not yet found"
NO_LINK = "no public link found yet"
INCOMPLETE = "(incomplete: the copy we read was cut short)"
# How a source link says what it is, for every kind that is not the partnership's own or an
# official publisher's (sources.kind; the data dictionary gives the rule).
KIND_LABELS = {
    "news": "news",
    "third-party-copy": "third-party copy",
    "other-organisation": "another organisation's page",
    "statement": "statement to this project",
    "supplied": "supplied document",
}
SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$")


@dataclass(frozen=True)
class Link:
    """A link to a page (.md) or file of the site, by its path in the docs folder."""

    label: Any
    target: str
    anchor: str = ""
    kind: str = "link"


@dataclass(frozen=True)
class External:
    url: str
    label: Any = "source"
    kind: str = "external"


@dataclass(frozen=True)
class Missing:
    words: str = NOT_FOUND
    kind: str = "missing"


@dataclass(frozen=True)
class Span:
    """Text with a class: cspp-code keeps a GSS code on one line, cspp-unit is small print."""

    content: Any
    css: str
    kind: str = "span"


@dataclass(frozen=True)
class Value:
    """A number shown for people, with its exact value for machines (<data value>)."""

    value: Any
    text: str
    kind: str = "value"


@dataclass(frozen=True)
class Break:
    kind: str = "break"


# How a table shows on a narrow screen (below 45em, Material's breakpoint for a phone), the
# `narrow` of a Table (site.css has the rules):
STACK = "stack"  # each row becomes a card of label/value pairs (every cell has its data-label)
SCROLL = "scroll"  # the grid stays; it scrolls sideways with its first column pinned, and says so
# The rule for a table that does not choose: a table of running text stacks, a grid of short
# values scrolls. Running text is a column (after the first) with a cell longer than RUNNING
# characters, or a first column with one longer than PINNED, too wide to stay pinned on a phone.
RUNNING, PINNED = 60, 80


@dataclass
class Table:
    headers: list[Any]
    rows: list[list[Any]]
    caption: str
    row_headers: bool = True
    css: str = ""
    search: bool = True  # False keeps it out of the search index (numbers, long lists)
    row_data: list[dict[str, Any]] | None = None  # each row's data-* attributes, for a script
    narrow: str = ""  # STACK or SCROLL; "" lets layout() choose by the rule above

    @property
    def labels(self) -> list[str]:
        """Each column's header as plain text: every cell's data-label, shown beside its value
        when the rows stack."""
        return [plain(h) for h in self.headers]

    @property
    def layout(self) -> str:
        if self.narrow:
            if self.narrow not in (STACK, SCROLL):
                raise ValueError(
                    f"a table's narrow layout is {STACK!r} or {SCROLL!r}, not {self.narrow!r}"
                )
            return self.narrow
        longest = [
            max((len(plain(cell)) for cell in column), default=0) for column in zip(*self.rows)
        ]
        if longest and (longest[0] > PINNED or any(n > RUNNING for n in longest[1:])):
            return STACK
        return SCROLL


@dataclass
class Facts:
    """Key facts at the top of a page: label, value."""

    items: list[tuple[str, Any]] = field(default_factory=list)


def plain(part) -> str:
    """A part's text as a reader sees it, without markup (macros.html's part() shows it)."""
    if part is None:
        return ""
    if isinstance(part, (str, Number)):
        return str(part)
    if isinstance(part, (list, tuple)):
        return "".join(plain(p) for p in part)
    kind = getattr(part, "kind", None)
    if kind is None:
        return str(part)
    if kind in ("link", "external", "gap"):
        return plain(part.label)
    if kind == "missing":
        return part.words
    if kind == "span":
        return plain(part.content)
    if kind == "value":
        return part.text
    if kind == "break":
        return " "
    raise TypeError(f"a part of unknown kind: {part!r}")


def count(n: int, one: str, many: str) -> str:
    """A count in words: "1 priority", "1,204 priorities"."""
    return f"{n:,} {one if n == 1 else many}"


def blank(value) -> bool:
    """None, NaN, pandas' NA, or text that is only spaces."""
    if isinstance(value, str):
        return value.strip() == ""
    return value is None or bool(pd.isna(value))


def or_missing(value, words: str = NOT_FOUND):
    return Missing(words) if blank(value) else value


def external(url, label: Any = "source"):
    """A link to a public page; anything that is not http(s) is shown as text, never linked."""
    if blank(url):
        return Missing()
    url = str(url).strip()
    return External(url, label) if SAFE_URL.match(url) else url


def source(row, prefix: str = ""):
    """A row's source, as the sources table describes it (joined by load/model.py): a link that
    says its kind where it is not an own or official page, or, without a public link, the
    document's title and publisher marked as such with a way to send the link."""
    url, kind = row.get(f"{prefix}source_url"), row.get(f"{prefix}source_kind")
    if blank(url):
        title, publisher = row.get(f"{prefix}source_title"), row.get(f"{prefix}source_publisher")
        if blank(title):
            return Missing()
        named = [Span(title, "cspp-source-title")] + (
            [", ", publisher] if not blank(publisher) else []
        )
        return named + [": ", Missing(NO_LINK), ", ", Link("send it", CONTRIBUTING)]
    link = kind_labelled(external(url), kind)
    status = row.get(f"{prefix}link_status")
    if status in FAILING:
        when = row.get(f"{prefix}last_checked")
        return [link, " ", Span(f"({status} when checked on {when})", "cspp-link-broken")]
    return link


def published_text(priority: dict) -> list:
    """A priority's words as published, followed, where the copy read was cut short, by a marker
    set apart from them (it is not part of the quoted words)."""
    if not cut_short(priority):
        return [priority["text"]]
    return [priority["text"], " ", Span(INCOMPLETE, "cspp-incomplete")]


def cited_by(source_row: dict) -> dict:
    """A row of the sources table in the shape `source` reads from a citing row."""
    return {
        "source_url": source_row["url"],
        "source_kind": source_row["kind"],
        "source_title": source_row["title"] or source_row["source_id"],
        "source_publisher": source_row["publisher"],
    }


def document_link(url, label: str = "open document"):
    """A link to a plan's document, saying what kind of site holds it (the sources' kind rule)
    when that is not the partnership's own or an official one."""
    if blank(url):
        return Missing()
    return kind_labelled(external(url, label), source_kind(str(url)))


def kind_labelled(link, kind):
    label = KIND_LABELS.get(kind)
    return [link, " ", Span(f"({label})", "cspp-source-kind")] if label else link


def code(value) -> Span:
    return Span(value, "cspp-code")


def number(value, words: str = NOT_FOUND):
    """A stored number without invented precision: 0.9140 shows as 0.914, 1814.0 as 1814."""
    return Missing(words) if blank(value) else f"{float(value):.10g}"


def checked(value) -> str:
    return "not recorded" if blank(value) else value


def plan_period(plan: dict):
    start, end = plan["period_start"], plan["period_end"]
    if blank(start) and blank(end):
        return Missing()
    if blank(start):
        return f"to {end}"
    if blank(end):
        return f"from {start}"
    return str(start) if int(start) == int(end) else f"{start}–{end}"


def series_link(series) -> Link:
    """A link to an official series' page, by its plain name (shape/profiles.py's Series)."""
    return Link(series.indicator["plain_name"], indicator_page(series.id))


def measures_table(measures: list[dict]) -> Table:
    """A plan's measures of success as printed (the plan's page and its partnership's)."""
    rows = []
    for m in measures:
        baseline = or_missing(m["baseline"])
        if not blank(m["baseline"]) and not blank(m["baseline_period"]):
            baseline = [m["baseline"], f" ({m['baseline_period']})"]
        rows.append(
            [
                m["text"],
                baseline,
                or_missing(m["target"]),
                or_missing(m["deadline"]),
                or_missing(m["reported_result"]),
                source(m),
            ]
        )
    return Table(
        ["Measure", "Baseline", "Target", "Deadline", "Reported result", "Source"],
        rows,
        caption="Measures as printed",
        css="cspp-measures",
    )


def size_value(size: int) -> Value:
    """A file size for people, with the exact bytes for machines."""
    return Value(size, human_size(size))


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"
