"""The pieces a page is made of, as data: the templates turn them into HTML (macros.html).

Views build these from the shaped data; no HTML is written in Python. Any plain string in a part
is data text, escaped when the template renders it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

NOT_FOUND = "not yet found"
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


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]
    caption: str
    row_headers: bool = True
    css: str = ""
    search: bool = True  # False keeps it out of the search index (numbers, long lists)


@dataclass
class Facts:
    """Key facts at the top of a page: label, value."""
    items: list[tuple[str, Any]] = field(default_factory=list)


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
