"""Theme charts (DERIVED data): partnership × theme grid per planning cycle, and how many
partnerships have a priority on each theme, by cycle. Children's services plans only."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...shape.plans import CSP
from ...shape.themes import ThemesData
from .chart import NARROW_WIDTH, Chart
from .theme import to_spec

CYCLE_COLOURS = ["#9ecae1", "#4292c6", "#08306b"]
SOURCE = ("the project's published theme rule and the derived table", "compare/themes.md")


def matrix_chart(cycle: str, data: ThemesData) -> Chart:
    grid, themes = data.grids[cycle], data.themes
    present = grid["partnership_id"].unique().tolist()
    title = f"Themes of the priorities in each partnership's {cycle} children's services plan"
    table = grid.pivot(index="partnership_name", columns="theme_name", values="priorities")
    table = (
        table.reindex(columns=themes["theme_name"])
        .reset_index()
        .rename(columns={"partnership_name": "Partnership"})
    )
    return Chart(
        key=f"themes-matrix:{cycle}",
        slug=f"themes-matrix-{cycle}",
        title=title,
        description=matrix_description(
            cycle, grid, present, data.missing[cycle], data.partnerships
        ),
        table=table.astype(str),
        data=grid.assign(cycle=cycle, document_type=CSP)[
            [
                "cycle",
                "document_type",
                "partnership_id",
                "partnership_name",
                "theme_id",
                "theme_name",
                "priorities",
            ]
        ],
        sources=[SOURCE],
        spec=matrix_spec(grid, themes),
        narrow=matrix_spec(grid, themes, narrow=True),
        alt=f"Grid chart: {title}. The same numbers are in the table below.",
        table_caption="Number of priorities on each theme, by partnership",
    )


def matrix_description(cycle, grid, present, missing, partnerships: int) -> list[str]:
    by_theme = grid[grid["priorities"] > 0].groupby("theme_name")["partnership_id"].nunique()
    top = by_theme.sort_values(ascending=False).head(3)
    text = [
        f"What is compared: how many of each partnership's {cycle} children's services plan "
        f"priorities the published theme rule puts on each theme. A priority can have several "
        f"themes. Darker cells mean more priorities; an empty cell means none. The eight GIRFEC "
        f"wellbeing indicators (SHANARRI) come first, then a dark line, then the national themes.",
        f"Priorities are recorded for {len(present)} of the {partnerships} partnerships for "
        "this cycle.",
    ]
    if len(top):
        text.append(
            "Themes found in most of these partnerships' plans: "
            + "; ".join(f"{name} ({n} of {len(present)})" for name, n in top.items())
            + "."
        )
    if missing:
        text.append(
            "Not yet found for this cycle (no priorities recorded, not 'no themes'): "
            + ", ".join(missing)
            + "."
        )
    text.append(
        "The themes are derived by a keyword rule, so they show what the plans' words say, "
        "not how much each partnership does."
    )
    return text


def matrix_spec(grid: pd.DataFrame, themes: pd.DataFrame, narrow: bool = False) -> dict:
    """A grid of partnerships by themes, each count in its cell; on a phone the cells are
    narrower and show the count by shade only (the table gives the numbers)."""

    def x(**extra):
        return alt.X(
            "theme_name:N",
            sort=themes["theme_name"].tolist(),
            title=None,
            axis=alt.Axis(labelAngle=-90, orient="top"),
            **extra,
        )

    y = alt.Y("partnership_name:N", title=None)
    base = alt.Chart(grid).encode(x=x(), y=y)
    some = base.transform_filter("datum.priorities > 0")
    first_national = themes.loc[themes["group"] == "national", "theme_name"].iloc[0]
    layers = [
        base.mark_rect(stroke="#d0d0d0", strokeWidth=0.5, fill="white"),
        some.mark_rect(stroke="#d0d0d0", strokeWidth=0.5).encode(
            color=alt.Color(
                "priorities:O",
                title="Priorities",
                scale=alt.Scale(scheme="blues", domainMin=1),
                legend=alt.Legend(orient="bottom", direction="horizontal"),
            )
        ),
        # A divider between the eight SHANARRI indicators and the national themes.
        alt.Chart(pd.DataFrame([{"theme_name": first_national}]))
        .mark_rule(color="#333", strokeWidth=2, aria=False)
        .encode(x=x(bandPosition=0)),
    ]
    if not narrow:
        layers.insert(
            2,
            some.mark_text(fontSize=11).encode(
                text="priorities:Q",
                color=alt.condition(
                    "datum.priorities >= 3", alt.value("white"), alt.value("black")
                ),
            ),
        )
    cell = (
        {"width": alt.Step(10), "height": alt.Step(18)}
        if narrow
        else {"width": alt.Step(24), "height": alt.Step(22)}
    )
    return to_spec(alt.layer(*layers).properties(**cell))


def by_cycle_chart(data: ThemesData, cycles: tuple[str, ...]) -> Chart:
    themes, counts, recorded = data.themes, data.by_cycle, data.recorded
    title = (
        "How many partnerships' children's services plans have a priority on each theme, by cycle"
    )
    table = counts.pivot(index="theme_name", columns="cycle", values="partnerships_with_theme")
    table = table.reindex(index=themes["theme_name"], columns=list(cycles)).reset_index()
    table.columns = ["Theme"] + [f"{c} (of {recorded[c]})" for c in cycles]
    description = [
        "What is compared: for each planning cycle, the number of partnerships whose children's "
        "services plan has at least one priority on the theme, by the published theme rule.",
        "Priorities are recorded for "
        + ", ".join(f"{recorded[c]} partnerships in {c}" for c in cycles)
        + f" (of {data.partnerships}). The partnerships differ between cycles, so compare shares, not raw counts, and "
        "read a change as a change in the recorded plans, not in Scotland as a whole.",
    ]
    legend = {c: f"{c} ({recorded[c]} partnerships recorded)" for c in cycles}
    labelled = counts.assign(cycle_label=counts["cycle"].map(legend))
    return Chart(
        key="themes-by-cycle",
        slug="themes-by-cycle",
        title=title,
        description=description,
        table=table.astype(str),
        data=counts,
        sources=[SOURCE],
        spec=by_cycle_spec(labelled, themes, [legend[c] for c in cycles]),
        narrow=by_cycle_spec(labelled, themes, [legend[c] for c in cycles], narrow=True),
        alt=f"Grouped bar chart: {title}. The same numbers are in the table below.",
        table_caption="Partnerships with a priority on each theme (of those with priorities recorded)",
    )


# On a phone each theme's name is on a line above its three bars, in the gap between themes.
NARROW_THEME_STEP, NARROW_THEME_GAP = 46, 0.45


def by_cycle_spec(
    data: pd.DataFrame, themes: pd.DataFrame, labels: list[str], narrow: bool = False
) -> dict:
    palette = CYCLE_COLOURS[-len(labels) :]
    order = themes["theme_name"].tolist()
    y = alt.Y(
        "theme_name:N",
        sort=order,
        title=None,
        scale=alt.Scale(paddingInner=NARROW_THEME_GAP if narrow else 0.25),
        **({"axis": None} if narrow else {}),
    )
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=y,
            yOffset=alt.YOffset("cycle_label:N", sort=labels),
            x=alt.X(
                "partnerships_with_theme:Q",
                title="Partnerships with a priority on the theme",
                axis=alt.Axis(tickMinStep=1),
            ),
            color=alt.Color(
                "cycle_label:N",
                title="Cycle",
                scale=alt.Scale(domain=labels, range=palette),
                legend=alt.Legend(orient="top", direction="vertical"),
            ),
        )
    )
    if not narrow:
        return to_spec(bars.properties(width=360, height=26 * len(themes)))
    band = NARROW_THEME_STEP * (1 - NARROW_THEME_GAP)
    names = (
        alt.Chart(pd.DataFrame({"theme_name": order}))
        .mark_text(align="left", baseline="bottom", dy=-(band / 2) - 2)
        .encode(y=y, x=alt.XValue(0), text="theme_name:N")
    )
    return to_spec(
        alt.layer(bars, names).properties(
            width=NARROW_WIDTH,
            height=NARROW_THEME_STEP * len(order),
            autosize={"type": "fit-x", "contains": "padding"},
        )
    )
