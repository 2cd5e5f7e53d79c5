"""A theme page's chart: how each council area's value in the theme's key series changed over
the newest cycle that holds a change, each area marked by whether its partnership's plan for that
cycle prioritised the theme (DERIVED: the theme rule). Side by side, never cause and effect."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...shape.ages import Age, age_words
from ...shape.profiles import Series
from ...shape.theme_changes import NOT_FOUND, NOT_PLANNED, PLANNED, CycleChange
from ..numbers import Unit
from .chart import NARROW_WIDTH, Chart
from .indicators import BAR_BELOW_NAME, FIT_WIDTH, ROW_STEP, council_label, sources
from .theme import to_spec
from .themes import SOURCE

MARKS = {
    PLANNED: ("circle", "#08519c"),
    NOT_PLANNED: ("square", "#c1661c"),
    NOT_FOUND: ("triangle-up", "#6b6b6b"),
}
CSV_COLUMNS = [
    "theme_id",
    "indicator_id",
    "cycle",
    "opening_period",
    "closing_period",
    "area_code",
    "area_name",
    "partnership_id",
    "partnership_name",
    "theme_in_plan",
    "priorities_on_theme",
    "opening_value",
    "closing_value",
    "change",
    "unit",
    "change_shown",
    "unit_shown",
]


def theme_change_chart(
    theme: dict, series: Series, change: CycleChange, age: Age | None = None
) -> Chart:
    unit, indicator = Unit.of(series.indicator), series.indicator
    words = age_words(age) if age else ""
    areas = [a for a in change.areas if a.change is not None]
    title = (
        f"{indicator['plain_name']}: change in each council area from {change.opening} to "
        f"{change.closing}, by whether its {change.cycle} plan prioritised {theme['theme_name']}"
    )
    points = change_points(change, unit)
    return Chart(
        key=f"theme-change:{theme['theme_id']}",
        slug=f"theme-change-{theme['theme_id']}",
        title=title,
        description=description(theme, series, change, unit) + ([words] if words else []),
        age=words,
        table=change_table(change, unit),
        data=change_rows(theme, series, change, unit),
        sources=[*sources(indicator), SOURCE],
        spec=wide_spec(points, unit),
        narrow=narrow_spec(points, unit),
        table_searchable=False,
        alt=(
            f"Dot chart: {title}. {len(areas)} council areas. The same numbers are in the "
            "description and table below."
        ),
    )


def change_points(change: CycleChange, unit: Unit) -> list[dict]:
    sizes = pd.Series([a.partnership_id for a in change.areas]).value_counts()
    points = []
    for a in sorted((a for a in change.areas if a.change is not None), key=lambda a: -a.change):
        label = council_label(a.council_name, a.partnership_name, sizes[a.partnership_id])
        points.append(
            {
                "label": label,
                "change": unit.shown(a.change),
                "planned": a.planned,
                "line": f"{label}: {unit.change(a.change)}",
            }
        )
    return points


def description(theme: dict, series: Series, change: CycleChange, unit: Unit) -> list[str]:
    areas = [a for a in change.areas if a.change is not None]
    years = "one year" if change.years == 1 else f"{change.years} years"
    groups = {p: [a for a in areas if a.planned == p] for p in MARKS}
    rise, fall = max(areas, key=lambda a: a.change), min(areas, key=lambda a: a.change)
    text = [
        f"What is compared: {series.indicator['indicator_name']}, the change in each council "
        f"area from {change.opening} to {change.closing} ({years}), the newest change the data "
        f"hold within a planning cycle ({change.cycle}). Each area is marked by whether its "
        f"partnership's {change.cycle} children's services plan has a priority on "
        f"{theme['theme_name']}, as this project's published theme rule reads it.",
        f"{len(groups[PLANNED])} council areas' partnerships prioritised the theme (circles), "
        f"{len(groups[NOT_PLANNED])} did not (squares), and for {len(groups[NOT_FOUND])} the "
        "plan's priorities are not yet found (triangles).",
        f"Largest rise: {rise.council_name}, {unit.change(rise.change)}. Largest fall or "
        f"smallest rise: {fall.council_name}, {unit.change(fall.change)}.",
        f"Values are in {unit.plain}; a change in a percentage is in percentage points.",
        "Association, not effect: a plan's priority and a change in a figure are only shown "
        "side by side. Figures move for many reasons, and small areas move by chance.",
    ]
    if not change.whole_cycle:
        text.insert(
            1,
            f"The change covers {years}, not the whole {change.cycle} cycle: the data "
            f"held have no later period within it.",
        )
    return text


def change_table(change: CycleChange, unit: Unit) -> pd.DataFrame:
    areas = sorted((a for a in change.areas if a.change is not None), key=lambda a: -a.change)
    return pd.DataFrame(
        {
            "Council area": [a.council_name for a in areas],
            "Partnership": [a.partnership_name for a in areas],
            f"Theme in its {change.cycle} plan": [a.planned for a in areas],
            change.opening: [unit.text(a.start) for a in areas],
            change.closing: [unit.text(a.end) for a in areas],
            "Change": [unit.change(a.change) for a in areas],
        }
    )


def change_rows(theme: dict, series: Series, change: CycleChange, unit: Unit) -> pd.DataFrame:
    """Every council area, with or without a change: stored values and the change as shown."""
    return pd.DataFrame(
        [
            {
                "theme_id": theme["theme_id"],
                "indicator_id": series.id,
                "cycle": change.cycle,
                "opening_period": change.opening,
                "closing_period": change.closing,
                "area_code": a.council_code,
                "area_name": a.council_name,
                "partnership_id": a.partnership_id,
                "partnership_name": a.partnership_name,
                "theme_in_plan": a.planned,
                "priorities_on_theme": a.priorities,
                "opening_value": a.start,
                "closing_value": a.end,
                "change": a.change,
                "unit": unit.stored,
                "change_shown": unit.shown(a.change),
                "unit_shown": unit.change_words,
            }
            for a in change.areas
        ],
        columns=CSV_COLUMNS,
    )


def marks(legend_direction: str) -> tuple[alt.Shape, alt.Color]:
    domain = list(MARKS)
    legend = alt.Legend(orient="top", direction=legend_direction, title=None)
    return (
        alt.Shape(
            field="planned",
            type="nominal",
            legend=legend,
            scale=alt.Scale(domain=domain, range=[MARKS[d][0] for d in domain]),
        ),
        alt.Color(
            field="planned",
            type="nominal",
            legend=legend,
            scale=alt.Scale(domain=domain, range=[MARKS[d][1] for d in domain]),
        ),
    )


def wide_spec(points: list[dict], unit: Unit) -> dict:
    y = alt.Y(field="label", type="nominal", sort=[p["label"] for p in points], title=None)
    x = alt.X(
        field="change", type="quantitative", title=f"Change ({unit.change_words or unit.plain})"
    )
    shape, colour = marks("horizontal")
    stems = alt.Chart().mark_rule(color="#9aa4b1").encode(y=y, x=x, x2=alt.X2Datum(0))
    dots = (
        alt.Chart()
        .mark_point(filled=True, size=70, opacity=1)
        .encode(y=y, x=x, shape=shape, color=colour)
    )
    zero = alt.Chart().mark_rule(color="#111").encode(x=alt.XDatum(0, type="quantitative"))
    return to_spec(
        alt.LayerChart(
            data={"values": points}, layer=[stems, zero, dots], width=420, height=alt.Step(15)
        )
    )


def narrow_spec(points: list[dict], unit: Unit) -> dict:
    """The phone layout: each area's name and change on a line of its own, its dot below."""
    y = alt.Y(field="label", type="nominal", sort=[p["label"] for p in points], axis=None)
    x = alt.X(
        field="change",
        type="quantitative",
        title=f"Change ({unit.change_words or unit.plain})",
        axis=alt.Axis(orient="top", tickCount=4),
    )
    shape, colour = marks("vertical")
    names = (
        alt.Chart()
        .mark_text(align="left", baseline="bottom", dy=-1)
        .encode(y=y, x=alt.XValue(0), text=alt.Text(field="line", type="nominal"))
    )
    stems = (
        alt.Chart()
        .mark_rule(color="#9aa4b1", yOffset=BAR_BELOW_NAME)
        .encode(y=y, x=x, x2=alt.X2Datum(0))
    )
    dots = (
        alt.Chart()
        .mark_point(filled=True, size=60, opacity=1, yOffset=BAR_BELOW_NAME)
        .encode(y=y, x=x, shape=shape, color=colour)
    )
    # No line at zero here: it would run through the names; each stem starts from zero.
    return to_spec(
        alt.LayerChart(
            data={"values": points},
            layer=[names, stems, dots],
            width=NARROW_WIDTH,
            height=alt.Step(ROW_STEP),
            autosize=FIT_WIDTH,
        )
    )


# ---------------------------------------------------------------- the plans, cycle by cycle


def theme_plans_chart(theme: dict, plans: pd.DataFrame) -> Chart:
    """How many partnerships' children's services plans of each cycle have the theme."""
    title = (
        f"Partnerships whose children's services plan prioritises {theme['theme_name']}, by cycle"
    )
    total = int(plans.groupby("cycle")["partnerships"].sum().max())
    points = plans.to_dict("records")
    return Chart(
        key=f"theme-plans:{theme['theme_id']}",
        slug=f"theme-plans-{theme['theme_id']}",
        title=title,
        description=plans_description(theme, plans, total),
        table=plans.pivot(index="cycle", columns="status", values="partnerships")
        .reindex(columns=list(MARKS))
        .reset_index()
        .rename(columns={"cycle": "Cycle"})
        .astype(str),
        data=plans.assign(theme_id=theme["theme_id"])[
            ["theme_id", "cycle", "status", "partnerships", "names"]
        ],
        sources=[SOURCE],
        spec=plans_spec(points, total),
        narrow=plans_spec(points, total, narrow=True),
        table_searchable=False,
        alt=f"Stacked bar chart: {title}. The same numbers are in the description and table below.",
    )


def plans_description(theme: dict, plans: pd.DataFrame, total: int) -> list[str]:
    by = plans.set_index(["cycle", "status"])["partnerships"]
    cycles = list(dict.fromkeys(plans["cycle"]))
    return [
        f"What is compared: for each planning cycle, how many of the {total} partnerships' "
        f"children's services plans have at least one priority on {theme['theme_name']}, as "
        "this project's published theme rule reads them (derived data).",
        " ".join(
            f"{c}: {by[(c, PLANNED)]} prioritised it, {by[(c, NOT_PLANNED)]} did not, and "
            f"{by[(c, NOT_FOUND)]} plans' priorities are not yet found."
            for c in cycles
        ),
        "A plan not yet found is not a plan without the theme. The partnerships in each group "
        "are named in the chart's CSV, and cycle by cycle in the table under the chart.",
    ]


def plans_spec(points: list[dict], total: int, narrow: bool = False) -> dict:
    domain = list(MARKS)
    colour = alt.Color(
        field="status",
        type="nominal",
        title=None,
        scale=alt.Scale(domain=domain, range=[MARKS[d][1] for d in domain]),
        legend=alt.Legend(orient="top", direction="vertical" if narrow else "horizontal"),
    )
    bars = (
        alt.Chart(data={"values": points})
        .mark_bar()
        .encode(
            y=alt.Y(field="cycle", type="ordinal", title=None),
            x=alt.X(
                field="partnerships",
                type="quantitative",
                title="Partnerships",
                scale=alt.Scale(domain=[0, total]),
                axis=alt.Axis(tickCount=6),
            ),
            color=colour,
            order=alt.Order(field="order", type="quantitative"),
        )
    )
    size = {"width": NARROW_WIDTH, "autosize": FIT_WIDTH} if narrow else {"width": 420}
    return to_spec(
        bars.transform_calculate(order=f"indexof({domain!r}, datum.status)").properties(
            height=alt.Step(28), **size
        )
    )
