"""Plans beside their figures: the current priorities' matching indicators on a partnership's
page, and one compare page per theme.

Every table says association, never effect: a theme in a plan and a change in a figure are
only shown side by side.
"""

from __future__ import annotations

import pandas as pd

from ...shape.partnerships import PartnershipData
from ...shape.profiles import Movement, Series, movement, previous_cycle
from ...shape.site import Site
from ...shape.theme_changes import (NOT_PLANNED, PLANNED, AreaChange, CycleChange, planned_counts,
                                    series_changes)
from ..numbers import Unit
from .compare import every_priority
from .html import render
from .parts import Break, Link, Span, Table, count, published_text
from .paths import indicator_page, partnership_page, theme_page

SMALL_GROUP = 5  # fewer council areas than this are listed one by one, not summarised by a median


def change_only(move: Movement, unit: Unit) -> str:
    return unit.change(move.change)


def lines(parts: list) -> list:
    """Parts one per line in a cell."""
    return [piece for i, part in enumerate(parts) for piece in ([Break()] if i else []) + [part]]


def change_text(move: Movement | None, unit: Unit) -> str:
    """A change with the two values it is between, for one area."""
    if move is None:
        return "no later value in the data held"
    return (f"{change_only(move, unit)} ({move.opening}: {unit.text(move.start)}; "
            f"{move.closing}: {unit.text(move.end)})")


def changes_text(series: Series, councils: list[dict], cycle: str | None) -> str | list:
    """The change over a cycle for each council area, in one cell."""
    if cycle is None:
        return ""
    unit = Unit.of(series.indicator)
    moves = [(c["council_name"], movement(series, c["council_code"], cycle)) for c in councils]
    if not moves or moves[0][1] is None:
        return "no later value in the data held"
    if len(moves) == 1:
        return change_text(moves[0][1], unit)
    return lines([f"{name}: {change_only(move, unit)}" for name, move in moves]
                 + [f"({moves[0][1].opening} to {moves[0][1].closing})"])


def latest_text(series: Series, councils: list[dict], pid: str) -> str | list:
    unit = Unit.of(series.indicator)
    values = [(c["council_name"], series.value(c["council_code"], series.latest)) for c in councils]
    if len(values) == 1:
        return f"{unit.text(values[0][1])} ({series.latest})"
    own = series.partnership_rates.get(pid)
    parts = ([f"partnership, calculated from its councils' counts: {unit.text(own)}"]
             if own is not None else []) + [f"{name}: {unit.text(value)}" for name, value in values]
    return lines(parts + [f"({series.latest})"])


def scotland_text(series: Series) -> str:
    """Scotland's value in the series' latest period, as the partnership's is shown."""
    value = series.scotland.get(series.latest)
    if value is None:
        return "no Scotland figure in the data held"
    calculated = " (calculated here from every council's counts)" if series.scotland_derived else ""
    return f"{Unit.of(series.indicator).text(value)} ({series.latest}){calculated}"


def with_unit(series: Series) -> list:
    """The series' name, linked, with its plain unit under it."""
    return [series_link(series), Break(), Span(Unit.of(series.indicator).plain, "cspp-unit")]


def series_link(series: Series) -> Link:
    return Link(series.indicator["plain_name"], indicator_page(series.id))


# ---------------------------------------------------------------- a partnership's current priorities


def priority_figures(p: PartnershipData, site: Site) -> Table | None:
    """Each current priority's key indicators (through its derived themes): the latest value and
    how it moved since the plan's cycle began, and over the cycle before, per council area."""
    if p.current is None or not p.current.plan["cycle"]:
        return None
    cycle = p.current.plan["cycle"]
    before = previous_cycle(site.cycles, cycle)
    themes = site.themes.derived.groupby("priority_id")["theme_id"].agg(list).to_dict()
    key = site.outcomes.key
    rows = []
    for priority in every_priority(p.current.priorities):
        for theme_id in themes.get(priority.row["priority_id"], []):
            for key_row in key[key["theme_id"] == theme_id].to_dict("records"):
                series = site.outcomes.series.get(key_row["indicator_id"])
                if series is not None:
                    rows.append([published_text(priority.row), key_row["theme_name"],
                                 with_unit(series),
                                 latest_text(series, p.councils, p.id), scotland_text(series),
                                 changes_text(series, p.councils, cycle),
                                 changes_text(series, p.councils, before)])
    if not rows:
        return None
    area = "council areas" if len(p.councils) > 1 else "council area"
    headers = ["Priority (as published)", "Theme (derived)", "Key indicator",
               f"Latest value ({area})", "Scotland", f"Since the {cycle} cycle began"]
    if before:
        headers.append(f"Over the {before} cycle")
    else:
        rows = [row[:-1] for row in rows]
    return Table(headers, rows,
                 caption=f"Key indicators of the themes of the {cycle} priorities",
                 css="cspp-numbers cspp-priority-figures", search=False)


# ---------------------------------------------------------------- one page per theme


def theme_files(site: Site, charts: dict) -> dict[str, str]:
    mapping = site.outcomes.theme_indicators
    files = {}
    for theme in site.themes.themes.to_dict("records"):
        pairs = mapping[mapping["theme_id"] == theme["theme_id"]].to_dict("records")
        page = theme_page(theme["theme_id"])
        files[page] = render("theme.md", page, theme=theme,
                             chart=charts.get(f"theme-change:{theme['theme_id']}"),
                             plans_chart=charts[f"theme-plans:{theme['theme_id']}"],
                             planned=planned_table(site, theme["theme_id"]),
                             indicators=[indicator_block(site, theme["theme_id"], pair)
                                         for pair in pairs
                                         if pair["indicator_id"] in site.outcomes.series])
    return files


def planned_table(site: Site, theme_id: str) -> Table:
    counts = planned_counts(site.themes, theme_id)
    rows = [[Link(p.partnership["area_name"], partnership_page(p.id)),
             *[planned_words(counts.get((p.id, c))) for c in site.cycles]]
            for p in sorted(site.partnerships, key=lambda p: p.partnership["area_name"])]
    return Table(["Partnership", *[f"In its {c} plan" for c in site.cycles]], rows,
                 caption="Which partnerships' children's services plans prioritise the theme",
                 search=False)


def indicator_block(site: Site, theme_id: str, pair: dict) -> dict:
    """One indicator of the theme: per council area, how it moved in each cycle that holds two
    of its periods, beside whether the area's partnership prioritised the theme in that cycle.
    Each change is headed by the periods it spans."""
    series = site.outcomes.series[pair["indicator_id"]]
    unit = Unit.of(series.indicator)
    changes = series_changes(series, site.cycles, site.partnerships, site.themes, theme_id)
    drawn = [c for c in changes if c.opening is not None]
    # Every cycle lists the same council areas in the same order (theme_changes.cycle_change).
    rows = [[areas[0].council_name,
             Link(areas[0].partnership_name, partnership_page(areas[0].partnership_id)),
             *[cell for area, c in zip(areas, drawn)
               for cell in (planned_words(area.priorities), area_change_text(area, c, unit))]]
            for areas in zip(*(c.areas for c in drawn))]
    headers = ["Council area", "Partnership"]
    for c in drawn:
        headers += [f"Theme in its {c.cycle} plan", f"Change from {c.opening} to {c.closing}"]
    return {"series": series, "reason": pair["reason"], "link": series_link(series),
            "single_period": not drawn, "latest": series.latest,
            "table": Table(headers, rows, caption=f"{series.indicator['plain_name']}, by cycle",
                           css="cspp-numbers", search=False) if drawn else None,
            "summary": [cycle_line(c, unit) for c in changes]}


def planned_words(priorities: int | None) -> str:
    """Whether a partnership's plan of a cycle has the theme, and in how many priorities."""
    if priorities is None:
        return "priorities not yet found"
    return f"yes, {count(priorities, 'priority', 'priorities')}" if priorities else "no"


def area_change_text(area: AreaChange, change: CycleChange, unit: Unit) -> str:
    if area.change is None:
        return "no value for both periods in the data held"
    return (f"{unit.change(area.change)} ({change.opening}: {unit.text(area.start)}; "
            f"{change.closing}: {unit.text(area.end)})")


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
        held = (f"only {change.held[0]}" if len(change.held) == 1
                else "none" if not change.held else ", ".join(change.held))
        return (f"{change.cycle} cycle: fewer than two periods of this series are held for it "
                f"(periods that began in the cycle's years: {held}), so no change is shown.")
    parts = [group_words(change.group(planned), label, unit)
             for planned, label in ((PLANNED, "whose partnership's plan prioritised the theme"),
                                    (NOT_PLANNED, "whose partnership's plan did not"))]
    parts = [part for part in parts if part]
    return (f"{change.cycle} cycle, the change {span_words(change)}: "
            + ("; ".join(parts) if parts else "no comparison possible") + ".")


def group_words(areas: list[AreaChange], label: str, unit: Unit) -> str:
    if not areas:
        return ""
    if len(areas) < SMALL_GROUP:
        listed = ", ".join(f"{a.council_name} {unit.change(a.change)}" for a in areas)
        return f"{count(len(areas), 'council area', 'council areas')} {label}, too few for a median: {listed}"
    median = pd.Series([a.change for a in areas], dtype=float).median()
    return f"{len(areas)} council areas {label}: median change {unit.change(median)}"
