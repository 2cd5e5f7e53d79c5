"""Numbers as a reader sees them: in the series' plain unit, rounded for people.

The packages keep every value exactly as the publisher's file gives it, in the publisher's
technical unit (indicators.csv `unit`: LGBF stores shares as proportions from 0 to 1). Readers
see the plain unit of indicator_labels.csv (`plain_unit`), which also decides the rounding:

| plain unit starts or ends with | kind    | shown as                              |
|--------------------------------|---------|---------------------------------------|
| "%"                            | percent | 22.6% (a stored proportion times 100) |
| "£"                            | money   | £6,119 (whole pounds; pence below £10)|
| "per "                         | rate    | 2.6 per 1,000 children aged 0-15      |
| "(number)"                     | count   | 4,178 children                        |
| "percentage points"            | points  | 22.4 percentage points                |
| anything else                  | number  | 873 tariff points, 12.5 reviews a year|

CSVs and downloads keep the stored values; charts draw `shown` values, in the plain unit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MINUS = "\u2212"  # read as "minus" by screen readers, unlike a hyphen
NOT_AVAILABLE = "not available"


def is_proportion(stored_unit: str) -> bool:
    """The publisher's file stores a share from 0 to 1 (LGBF)."""
    return str(stored_unit).lower().startswith("proportion (0-1)")


def blank(value) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or (not isinstance(value, (int, float)) and str(value).strip() in ("", "nan", "<NA>"))
    )


def grouped(value: float, decimals: int) -> str:
    """Thousands separators, a fixed number of decimals, and a minus sign, not a hyphen."""
    text = f"{abs(value):,.{decimals}f}"
    return (MINUS + text) if value < 0 and float(text.replace(",", "")) != 0 else text


@dataclass(frozen=True)
class Unit:
    """How one series' values are shown: `stored` is indicators.csv's unit, `plain` the
    reader's unit from indicator_labels.csv."""

    stored: str
    plain: str

    @classmethod
    def of(cls, indicator: dict) -> Unit:
        """From an indicators.csv row joined with its indicator_labels.csv row."""
        plain = indicator.get("plain_unit")
        stored = str(indicator.get("unit") or "")
        if blank(plain):  # a series not yet labelled: the stored unit is all there is
            plain = "%" if is_proportion(stored) or stored.lower() == "percentage" else stored
        return cls(stored, str(plain))

    @property
    def kind(self) -> str:
        plain = self.plain.strip()
        if plain.startswith("%"):
            return "percent"
        if plain.startswith("£"):
            return "money"
        if plain.startswith("per "):
            return "rate"
        if plain.endswith("(number)"):
            return "count"
        if plain == "percentage points":
            return "points"
        return "number"

    @property
    def scale(self) -> int:
        return 100 if is_proportion(self.stored) else 1

    @property
    def words(self) -> str:
        """The unit's words after the number: "of pupils", "per pupil (real terms)", "children"."""
        plain = self.plain.strip()
        if self.kind in ("percent", "money"):
            return plain[1:].strip()
        if self.kind == "count":
            return plain[: -len("(number)")].strip()
        return plain

    def shown(self, value) -> float | None:
        """The value in the plain unit (a stored proportion times 100), unrounded."""
        return None if blank(value) else float(value) * self.scale

    def decimals(self, shown: float) -> int:
        if self.kind == "money":
            return 0 if abs(shown) >= 10 else 2
        if self.kind in ("count", "number") and (abs(shown) >= 100 or float(shown).is_integer()):
            return 0
        return 2 if 0 < abs(shown) < 0.05 else 1  # a small non-zero value is not shown as 0.0

    def text(self, value, missing: str = NOT_AVAILABLE) -> str:
        """The number as a table cell shows it beside its unit: 22.6%, £6,119, 2.6, 4,178."""
        shown = self.shown(value)
        if shown is None:
            return missing
        number = grouped(shown, self.decimals(shown))
        if self.kind == "percent":
            return number + "%"
        if self.kind == "money":
            return number[0] + "£" + number[1:] if number.startswith(MINUS) else "£" + number
        return number

    def full(self, value, missing: str = NOT_AVAILABLE) -> str:
        """The number with its unit, for a sentence: 22.6% of pupils, £6,119 per pupil (real
        terms), 2.6 per 1,000 children aged 0-15, 4,178 children."""
        if self.shown(value) is None:
            return missing
        words = self.words
        return f"{self.text(value)} {words}" if words else self.text(value)

    def change(self, delta, missing: str = NOT_AVAILABLE) -> str:
        """A difference between two values, signed: +1.2 percentage points, −£120, +0.3 per
        1,000 children aged 0-15."""
        shown = self.shown(delta)
        if shown is None:
            return missing
        if shown == 0:
            return "no change"
        sign = "+" if shown > 0 else ""
        number = grouped(shown, self.decimals(shown))
        if self.kind == "percent":
            return f"{sign}{number} percentage points"
        if self.kind == "money":
            return (MINUS + "£" + number[1:]) if number.startswith(MINUS) else f"+£{number}"
        return f"{sign}{number} {self.change_words}".strip()

    @property
    def change_words(self) -> str:
        return "percentage points" if self.kind == "percent" else self.words

    @property
    def axis_title(self) -> str:
        """A chart axis's title: the plain unit (the description says the rest)."""
        return self.plain if len(self.plain) < 48 else "Value (unit in the description)"

    @property
    def is_count(self) -> bool:
        """A count of people or events: bigger areas have bigger numbers."""
        return self.kind == "count"
