"""How a theme's series moved in each council area over each planning cycle, beside whether the
area's partnership prioritised the theme in that cycle's children's services plan.

A change is named by the two periods it spans, never by the cycle alone: in 2020-2023 most
series hold 2020-21 and 2021-22, a single year, and that year is what the change covers. Where a
series holds fewer than two periods for a cycle, there is no change, and the reason is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .periods import period_key
from .profiles import Outcomes, Series, cycle_window
from .themes import ThemesData

PLANNED, NOT_PLANNED, NOT_FOUND = (
    "prioritised",
    "not prioritised",
    "plan's priorities not yet found",
)


@dataclass(frozen=True)
class AreaChange:
    council_code: str
    council_name: str
    partnership_id: str
    partnership_name: str
    planned: str  # PLANNED, NOT_PLANNED or NOT_FOUND
    priorities: int | None  # how many of the plan's priorities carry the theme
    start: float | None
    end: float | None

    @property
    def change(self) -> float | None:
        return None if self.start is None or self.end is None else self.end - self.start


@dataclass(frozen=True)
class CycleChange:
    """One series over one cycle: the periods the change spans, or why there is none."""

    cycle: str
    opening: str | None  # None: fewer than two periods held for the cycle
    closing: str | None
    held: list[str]  # the series' periods that began within the cycle's years
    areas: list[AreaChange]

    @property
    def years(self) -> int | None:
        """How many years the change spans, from the opening period's start to the closing one's."""
        if self.opening is None:
            return None
        return period_key(self.closing)[0] - period_key(self.opening)[0]

    @property
    def whole_cycle(self) -> bool:
        """Whether the change spans the cycle's years: 2020-21 to 2022-23 for 2020-2023 (the
        closing period is the last to begin before the cycle's final year)."""
        first, last = (int(year) for year in self.cycle.split("-"))
        return self.years is not None and self.years >= last - first - 1

    def group(self, planned: str) -> list[AreaChange]:
        return [a for a in self.areas if a.planned == planned and a.change is not None]


def planned_counts(themes: ThemesData, theme_id: str) -> dict[tuple[str, str], int]:
    """(partnership, cycle) -> how many of its plan's priorities carry the theme, for every
    partnership with priorities recorded for the cycle (the themes grids)."""
    return {
        (row["partnership_id"], cycle): row["priorities"]
        for cycle, grid in themes.grids.items()
        for row in grid[grid["theme_id"] == theme_id].to_dict("records")
    }


def held_in(series: Series, cycle: str) -> list[str]:
    first, last = (int(year) for year in cycle.split("-"))
    return [p for p in series.periods if first <= period_key(p)[0] < last]


def cycle_change(series: Series, cycle: str, partnerships: list, counts: dict) -> CycleChange:
    window = cycle_window(series.periods, cycle)
    opening, closing = window if window else (None, None)
    areas = []
    for p in sorted(partnerships, key=lambda p: p.partnership["area_name"]):
        n = counts.get((p.id, cycle))
        planned = status_of(n)
        for council in p.councils:
            code = council["council_code"]
            areas.append(
                AreaChange(
                    code,
                    council["council_name"],
                    p.id,
                    p.partnership["area_name"],
                    planned,
                    n,
                    series.value(code, opening) if opening else None,
                    series.value(code, closing) if closing else None,
                )
            )
    return CycleChange(cycle, opening, closing, held_in(series, cycle), areas)


def series_changes(
    series: Series, cycles: tuple[str, ...], partnerships: list, themes: ThemesData, theme_id: str
) -> list[CycleChange]:
    counts = planned_counts(themes, theme_id)
    return [cycle_change(series, cycle, partnerships, counts) for cycle in cycles]


def latest_change(changes: list[CycleChange]) -> CycleChange | None:
    """The newest cycle whose change can be drawn."""
    drawn = [
        c for c in changes if c.opening is not None and any(a.change is not None for a in c.areas)
    ]
    return drawn[-1] if drawn else None


def theme_change(
    outcomes: Outcomes,
    theme_id: str,
    cycles: tuple[str, ...],
    partnerships: list,
    themes: ThemesData,
) -> tuple[Series, CycleChange] | None:
    """The theme's headline change: its first key series (key_indicators.csv order), else its
    first mapped series (theme_indicators.csv order), that has a change within some cycle; and
    that series' newest such change."""
    candidates = (
        outcomes.key.loc[outcomes.key["theme_id"] == theme_id, "indicator_id"].tolist()
        + outcomes.theme_indicators.loc[
            outcomes.theme_indicators["theme_id"] == theme_id, "indicator_id"
        ].tolist()
    )
    for indicator_id in dict.fromkeys(candidates):
        series = outcomes.series.get(indicator_id)
        if series is not None:
            change = latest_change(series_changes(series, cycles, partnerships, themes, theme_id))
            if change is not None:
                return series, change
    return None


def plans_by_cycle(
    themes: ThemesData, theme_id: str, partnerships: list, cycles: tuple[str, ...]
) -> pd.DataFrame:
    """cycle, status, partnerships (a count) and their names: how many partnerships' plans of each
    cycle prioritised the theme, did not, or are not yet found."""
    counts = planned_counts(themes, theme_id)
    rows = []
    for cycle in cycles:
        for status in (PLANNED, NOT_PLANNED, NOT_FOUND):
            names = sorted(
                p.partnership["area_name"]
                for p in partnerships
                if status_of(counts.get((p.id, cycle))) == status
            )
            rows.append(
                {
                    "cycle": cycle,
                    "status": status,
                    "partnerships": len(names),
                    "names": "; ".join(names),
                }
            )
    return pd.DataFrame(rows)


def status_of(priorities: int | None) -> str:
    return NOT_FOUND if priorities is None else PLANNED if priorities else NOT_PLANNED
