"""Numbers as the reader sees them: units, percentages for LGBF proportions, counts flagged."""

from __future__ import annotations

import pandas as pd


def is_proportion(unit: str) -> bool:
    return unit.lower().startswith("proportion (0-1)")


def is_count(unit: str) -> bool:
    """Counts of people or events, not rates: bigger areas have bigger numbers."""
    u = unit.lower()
    return "count" in u or u.startswith(("persons", "number", "children", "school leavers", "reviews"))


def shown_unit(unit: str) -> str:
    return "%" if is_proportion(unit) else unit


def axis_title(unit: str) -> str:
    shown = shown_unit(unit)
    return shown if len(shown) < 60 else "Value (unit in the description)"


def fmt(value, unit: str) -> str:
    """A value as the reader sees it; blank stays 'not available'."""
    if value is None or pd.isna(value):
        return "not available"
    if is_proportion(unit):
        return f"{value * 100:.1f}%"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) < 100 else f"{value:,.1f}"
