"""A partnership's current priorities beside their key indicators: the latest value and how it
moved over the plan's cycle and the cycle before, per council area.

The table says association, never effect: a theme in a plan and a change in a figure are only
shown side by side.
"""

from __future__ import annotations

from ....shape.partnerships import PartnershipData
from ....shape.plans import every_priority
from ....shape.profiles import Movement, Outcomes, Series, movement, previous_cycle
from ....shape.themes import ThemesData
from ...numbers import Unit
from ..parts import Break, Span, Table, published_text, series_link


def change_only(move: Movement, unit: Unit) -> str:
    return unit.change(move.change)


def lines(parts: list) -> list:
    """Parts one per line in a cell."""
    return [piece for i, part in enumerate(parts) for piece in ([Break()] if i else []) + [part]]


def change_text(move: Movement | None, unit: Unit) -> str:
    """A change with the two values it is between, for one area."""
    if move is None:
        return "no later value in the data held"
    return (
        f"{change_only(move, unit)} ({move.opening}: {unit.text(move.start)}; "
        f"{move.closing}: {unit.text(move.end)})"
    )


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
    return lines(
        [f"{name}: {change_only(move, unit)}" for name, move in moves]
        + [f"({moves[0][1].opening} to {moves[0][1].closing})"]
    )


def latest_text(series: Series, councils: list[dict], pid: str) -> str | list:
    unit = Unit.of(series.indicator)
    values = [(c["council_name"], series.value(c["council_code"], series.latest)) for c in councils]
    if len(values) == 1:
        return f"{unit.text(values[0][1])} ({series.latest})"
    own = series.partnership_rates.get(pid)
    parts = (
        [f"partnership, calculated from its councils' counts: {unit.text(own)}"]
        if own is not None
        else []
    ) + [f"{name}: {unit.text(value)}" for name, value in values]
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


def priority_figures(
    p: PartnershipData, cycles: tuple[str, ...], themes: ThemesData, outcomes: Outcomes
) -> Table | None:
    """Each current priority's key indicators (through its derived themes): the latest value and
    how it moved since the plan's cycle began, and over the cycle before, per council area."""
    if p.current is None or not p.current.plan["cycle"]:
        return None
    cycle = p.current.plan["cycle"]
    before = previous_cycle(cycles, cycle)
    by_priority = themes.derived.groupby("priority_id")["theme_id"].agg(list).to_dict()
    key = outcomes.key
    rows = []
    for priority in every_priority(p.current.priorities):
        for theme_id in by_priority.get(priority.row["priority_id"], []):
            for key_row in key[key["theme_id"] == theme_id].to_dict("records"):
                series = outcomes.series.get(key_row["indicator_id"])
                if series is not None:
                    rows.append(
                        [
                            published_text(priority.row),
                            key_row["theme_name"],
                            with_unit(series),
                            latest_text(series, p.councils, p.id),
                            scotland_text(series),
                            changes_text(series, p.councils, cycle),
                            changes_text(series, p.councils, before),
                        ]
                    )
    if not rows:
        return None
    area = "council areas" if len(p.councils) > 1 else "council area"
    headers = [
        "Priority (as published)",
        "Theme (derived)",
        "Key indicator",
        f"Latest value ({area})",
        "Scotland",
        f"Since the {cycle} cycle began",
    ]
    if before:
        headers.append(f"Over the {before} cycle")
    else:
        rows = [row[:-1] for row in rows]
    return Table(
        headers,
        rows,
        caption=f"Key indicators of the themes of the {cycle} priorities",
        css="cspp-numbers cspp-priority-figures",
        search=False,
    )
