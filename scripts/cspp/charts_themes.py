"""Theme charts: partnership × theme matrix per planning cycle, and partnerships per theme by cycle.

Only children's services plans count here (document_type childrens-services-plan), so a cycle
compares like with like. Partnerships with no priorities recorded for a cycle are named as
"not yet found", never counted as having no themes.
"""

from __future__ import annotations

import pandas as pd

from .charts_blocks import Chart
from .charts_render import base_config

CSP = "childrens-services-plan"
CYCLES = ["2017-2020", "2020-2023", "2023-2026"]
CYCLE_COLOURS = ["#9ecae1", "#4292c6", "#08306b"]


def plan_themes(derived: pd.DataFrame, priorities: pd.DataFrame, plans: pd.DataFrame) -> pd.DataFrame:
    """Derived themes with each priority's partnership, document type and cycle."""
    return derived.merge(priorities[["priority_id", "plan_id"]], on="priority_id").merge(
        plans[["plan_id", "partnership_id", "document_type", "cycle"]], on="plan_id")


def csp_partnerships(priorities: pd.DataFrame, plans: pd.DataFrame, cycle: str) -> list[str]:
    """Partnerships with at least one recorded priority in a children's services plan of the cycle."""
    p = priorities.merge(plans, on="plan_id")
    p = p[(p["document_type"] == CSP) & (p["cycle"] == cycle)]
    return sorted(p["partnership_id"].unique())


def matrix_chart(cycle: str, tagged: pd.DataFrame, themes: pd.DataFrame, priorities, plans,
                 partnerships: pd.DataFrame, source: tuple[str, str]) -> Chart | None:
    present = csp_partnerships(priorities, plans, cycle)
    if not present:
        return None
    names = partnerships.set_index("partnership_id")["area_name"]
    rows = tagged[(tagged["document_type"] == CSP) & (tagged["cycle"] == cycle)]
    counts = rows.groupby(["partnership_id", "theme_id"])["priority_id"].nunique()
    grid = pd.DataFrame([{"partnership_id": pid, "partnership_name": names[pid],
                          "theme_id": t, "theme_name": n, "priorities": int(counts.get((pid, t), 0))}
                         for pid in present for t, n in zip(themes["theme_id"], themes["theme_name"])])
    missing = [names[p] for p in partnerships["partnership_id"] if p not in present]
    title = f"Themes of the priorities in each partnership's {cycle} children's services plan"
    table = grid.pivot(index="partnership_name", columns="theme_name", values="priorities")
    table = table.reindex(columns=themes["theme_name"]).reset_index().rename(
        columns={"partnership_name": "Partnership"})
    return Chart(key=f"themes-matrix:{cycle}", slug=f"themes-matrix-{cycle}", title=title,
                 description=matrix_description(cycle, grid, present, missing), table=table.astype(str),
                 data=grid.assign(cycle=cycle, document_type=CSP)[
                     ["cycle", "document_type", "partnership_id", "partnership_name", "theme_id",
                      "theme_name", "priorities"]],
                 sources=[source], spec=matrix_spec(grid, themes),
                 alt=f"Grid chart: {title}. The same numbers are in the table below.",
                 table_caption="Number of priorities on each theme, by partnership")


def matrix_description(cycle, grid, present, missing) -> list[str]:
    by_theme = grid[grid["priorities"] > 0].groupby("theme_name")["partnership_id"].nunique()
    top = by_theme.sort_values(ascending=False).head(3)
    text = [f"What is compared: how many of each partnership's {cycle} children's services plan "
            f"priorities the published theme rule puts on each theme. A priority can have several "
            f"themes. Darker cells mean more priorities; an empty cell means none. The eight GIRFEC "
            f"wellbeing indicators (SHANARRI) come first, then a dark line, then the national themes.",
            f"Priorities are recorded for {len(present)} of the 30 partnerships for this cycle."]
    if len(top):
        text.append("Themes found in most of these partnerships' plans: " +
                    "; ".join(f"{name} ({n} of {len(present)})" for name, n in top.items()) + ".")
    if missing:
        text.append("Not yet found for this cycle (no priorities recorded, not 'no themes'): " +
                    ", ".join(missing) + ".")
    text.append("The themes are derived by a keyword rule, so they show what the plans' words say, "
                "not how much each partnership does.")
    return text


def matrix_spec(grid: pd.DataFrame, themes: pd.DataFrame) -> dict:
    x = {"field": "theme_name", "type": "nominal", "sort": themes["theme_name"].tolist(), "title": None,
         "axis": {"labelAngle": -50, "orient": "top"}}
    y = {"field": "partnership_name", "type": "nominal", "title": None}
    first_national = themes.loc[themes["group"] == "national", "theme_name"].iloc[0]
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "data": {"values": grid.to_dict("records")},
            "width": {"step": 24}, "height": {"step": 22},
            "layer": [
                {"mark": {"type": "rect", "stroke": "#d0d0d0", "strokeWidth": 0.5, "fill": "white"},
                 "encoding": {"x": x, "y": y}},
                {"transform": [{"filter": "datum.priorities > 0"}],
                 "mark": {"type": "rect", "stroke": "#d0d0d0", "strokeWidth": 0.5},
                 "encoding": {"x": x, "y": y,
                              "color": {"field": "priorities", "type": "ordinal", "title": "Priorities",
                                        "scale": {"scheme": "blues", "domainMin": 1},
                                        "legend": {"orient": "bottom", "direction": "horizontal"}}}},
                {"transform": [{"filter": "datum.priorities > 0"}],
                 "mark": {"type": "text", "fontSize": 10},
                 "encoding": {"x": x, "y": y, "text": {"field": "priorities"},
                              "color": {"condition": {"test": "datum.priorities >= 3", "value": "white"},
                                        "value": "black"}}},
                # A divider between the eight SHANARRI indicators and the national themes.
                {"data": {"values": [{"theme_name": first_national}]},
                 "mark": {"type": "rule", "color": "#333", "strokeWidth": 2, "aria": False},
                 "encoding": {"x": {**x, "bandPosition": 0}}}],
            "config": base_config()}


def by_cycle_chart(tagged: pd.DataFrame, themes: pd.DataFrame, priorities, plans,
                   source: tuple[str, str]) -> Chart:
    present = {c: csp_partnerships(priorities, plans, c) for c in CYCLES}
    rows = tagged[tagged["document_type"] == CSP]
    counted = rows.groupby(["theme_id", "cycle"])["partnership_id"].nunique()
    data = pd.DataFrame([{"theme_id": t, "theme_name": n, "cycle": c,
                          "partnerships_with_theme": int(counted.get((t, c), 0)),
                          "partnerships_with_priorities_recorded": len(present[c])}
                         for t, n in zip(themes["theme_id"], themes["theme_name"]) for c in CYCLES])
    title = "How many partnerships' children's services plans have a priority on each theme, by cycle"
    table = data.pivot(index="theme_name", columns="cycle", values="partnerships_with_theme")
    table = table.reindex(index=themes["theme_name"], columns=CYCLES).reset_index()
    table.columns = ["Theme"] + [f"{c} (of {len(present[c])})" for c in CYCLES]
    description = [
        "What is compared: for each planning cycle, the number of partnerships whose children's "
        "services plan has at least one priority on the theme, by the published theme rule.",
        "Priorities are recorded for " + ", ".join(f"{len(present[c])} partnerships in {c}" for c in CYCLES)
        + " (of 30). The partnerships differ between cycles, so compare shares, not raw counts, and "
          "read a change as a change in the recorded plans, not in Scotland as a whole."]
    legend = {c: f"{c} ({len(present[c])} partnerships recorded)" for c in CYCLES}
    return Chart(key="themes-by-cycle", slug="themes-by-cycle", title=title, description=description,
                 table=table.astype(str), data=data, sources=[source],
                 spec=by_cycle_spec(data.assign(cycle_label=data["cycle"].map(legend)), themes,
                                    [legend[c] for c in CYCLES]),
                 alt=f"Grouped bar chart: {title}. The same numbers are in the table below.",
                 table_caption="Partnerships with a priority on each theme (of those with priorities recorded)")


def by_cycle_spec(data: pd.DataFrame, themes: pd.DataFrame, labels: list[str]) -> dict:
    y = {"field": "theme_name", "type": "nominal", "sort": themes["theme_name"].tolist(), "title": None,
         "scale": {"paddingInner": 0.25}}
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "data": {"values": data.to_dict("records")}, "width": 360,
            "height": 26 * len(themes),
            "mark": {"type": "bar"},
            "encoding": {"y": y, "yOffset": {"field": "cycle_label", "sort": labels},
                         "x": {"field": "partnerships_with_theme", "type": "quantitative",
                               "title": "Partnerships with a priority on the theme",
                               "axis": {"tickMinStep": 1}},
                         "color": {"field": "cycle_label", "type": "nominal", "title": "Cycle",
                                   "scale": {"domain": labels, "range": CYCLE_COLOURS},
                                   "legend": {"orient": "top", "direction": "vertical"}}},
            "config": base_config()}
