"""Plans beside their figures: one compare page per theme (a partnership's page sets its current
priorities beside their key indicators: partnerships/figures.py).

Every table says association, never effect: a theme in a plan and a change in a figure are
only shown side by side.
"""

from __future__ import annotations

import pandas as pd

from ...shape.partnerships import PartnershipData
from ...shape.profiles import Outcomes
from ...shape.theme_changes import (
    NOT_PLANNED,
    PLANNED,
    AreaChange,
    CycleChange,
    planned_counts,
    series_changes,
)
from ...shape.themes import ThemesData
from ..numbers import Unit
from .html import render
from .parts import Link, Table, count, series_link
from .paths import partnership_page, theme_page

SMALL_GROUP = 5  # fewer council areas than this are listed one by one, not summarised by a median


# ---------------------------------------------------------------- one page per theme


def theme_files(
    themes: ThemesData,
    outcomes: Outcomes,
    partnerships: list[PartnershipData],
    cycles: tuple[str, ...],
    charts: dict,
) -> dict[str, str]:
    mapping = outcomes.theme_indicators
    files = {}
    for theme in themes.themes.to_dict("records"):
        pairs = mapping[mapping["theme_id"] == theme["theme_id"]].to_dict("records")
        page = theme_page(theme["theme_id"])
        files[page] = render(
            "theme.md",
            page,
            theme=theme,
            chart=charts.get(f"theme-change:{theme['theme_id']}"),
            plans_chart=charts[f"theme-plans:{theme['theme_id']}"],
            planned=planned_table(themes, partnerships, cycles, theme["theme_id"]),
            indicators=[
                indicator_block(themes, outcomes, partnerships, cycles, theme["theme_id"], pair)
                for pair in pairs
                if pair["indicator_id"] in outcomes.series
            ],
        )
    return files


def planned_table(
    themes: ThemesData, partnerships: list[PartnershipData], cycles: tuple[str, ...], theme_id: str
) -> Table:
    counts = planned_counts(themes, theme_id)
    rows = [
        [
            Link(p.partnership["area_name"], partnership_page(p.id)),
            *[planned_words(counts.get((p.id, c))) for c in cycles],
        ]
        for p in sorted(partnerships, key=lambda p: p.partnership["area_name"])
    ]
    return Table(
        ["Partnership", *[f"In its {c} plan" for c in cycles]],
        rows,
        caption="Which partnerships' children's services plans prioritise the theme",
        search=False,
    )


def indicator_block(
    themes: ThemesData,
    outcomes: Outcomes,
    partnerships: list[PartnershipData],
    cycles: tuple[str, ...],
    theme_id: str,
    pair: dict,
) -> dict:
    """One indicator of the theme: per council area, how it moved in each cycle that holds two
    of its periods, beside whether the area's partnership prioritised the theme in that cycle.
    Each change is headed by the periods it spans."""
    series = outcomes.series[pair["indicator_id"]]
    unit = Unit.of(series.indicator)
    changes = series_changes(series, cycles, partnerships, themes, theme_id)
    drawn = [c for c in changes if c.opening is not None]
    # Every cycle lists the same council areas in the same order (theme_changes.cycle_change).
    rows = [
        [
            areas[0].council_name,
            Link(areas[0].partnership_name, partnership_page(areas[0].partnership_id)),
            *[
                cell
                for area, c in zip(areas, drawn)
                for cell in (planned_words(area.priorities), area_change_text(area, c, unit))
            ],
        ]
        for areas in zip(*(c.areas for c in drawn))
    ]
    headers = ["Council area", "Partnership"]
    for c in drawn:
        headers += [f"Theme in its {c.cycle} plan", f"Change from {c.opening} to {c.closing}"]
    return {
        "series": series,
        "reason": pair["reason"],
        "link": series_link(series),
        "single_period": not drawn,
        "latest": series.latest,
        "table": Table(
            headers,
            rows,
            caption=f"{series.indicator['plain_name']}, by cycle",
            css="cspp-numbers",
            search=False,
        )
        if drawn
        else None,
        "summary": [cycle_line(c, unit) for c in changes],
    }


def planned_words(priorities: int | None) -> str:
    """Whether a partnership's plan of a cycle has the theme, and in how many priorities."""
    if priorities is None:
        return "priorities not yet found"
    return f"yes, {count(priorities, 'priority', 'priorities')}" if priorities else "no"


def area_change_text(area: AreaChange, change: CycleChange, unit: Unit) -> str:
    if area.change is None:
        return "no value for both periods in the data held"
    return (
        f"{unit.change(area.change)} ({change.opening}: {unit.text(area.start)}; "
        f"{change.closing}: {unit.text(area.end)})"
    )


def span_words(change: CycleChange) -> str:
    """The periods a change spans, and how much of the cycle that is."""
    years = change.years
    length = "one year" if years == 1 else f"{years} years"
    part = "" if change.whole_cycle else ", not the whole cycle"
    return f"from {change.opening} to {change.closing} ({length}{part})"


def cycle_line(change: CycleChange, unit: Unit) -> str:
    """What one cycle's change says, in words: medians for groups of five or more council areas,
    each area's own change in a smaller group."""
    if change.opening is None:
        held = (
            f"only {change.held[0]}"
            if len(change.held) == 1
            else "none"
            if not change.held
            else ", ".join(change.held)
        )
        return (
            f"{change.cycle} cycle: fewer than two periods of this series are held for it "
            f"(periods that began in the cycle's years: {held}), so no change is shown."
        )
    parts = [
        group_words(change.group(planned), label, unit)
        for planned, label in (
            (PLANNED, "whose partnership's plan prioritised the theme"),
            (NOT_PLANNED, "whose partnership's plan did not"),
        )
    ]
    parts = [part for part in parts if part]
    return (
        f"{change.cycle} cycle, the change {span_words(change)}: "
        + ("; ".join(parts) if parts else "no comparison possible")
        + "."
    )


def group_words(areas: list[AreaChange], label: str, unit: Unit) -> str:
    if not areas:
        return ""
    if len(areas) < SMALL_GROUP:
        listed = ", ".join(f"{a.council_name} {unit.change(a.change)}" for a in areas)
        return f"{count(len(areas), 'council area', 'council areas')} {label}, too few for a median: {listed}"
    median = pd.Series([a.change for a in areas], dtype=float).median()
    return f"{len(areas)} council areas {label}: median change {unit.change(median)}"
