"""Charts: Vega-Lite specs rendered to static SVG with vl-convert, each with text, table and CSV.

Steps, so that rendering (the slow part) overlaps the rest of the build:
- start_charts and plan_charts build every chart (spec, description, table, data) and start
  rendering it, the map first;
- write_charts writes each chart's CSV and the compare pages, and returns the snippets other
  pages embed: key -> function(page_path) -> HTML block. Keys: indicator-latest:<id>,
  indicator-trend:<id> (series with more than one period), review:<review_id>, map. A missing
  key means no chart. Only inline charts (the map) wait for their SVG here;
- write_svgs waits for the rest and writes them, into the docs or straight into the built site.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable

import pandas as pd

from . import charts_indicators as ind
from . import charts_pages, charts_themes, themes
from .charts_blocks import CHART_DIR, Chart, render_block
from .charts_map import fix_links, map_chart
from .charts_render import Rendering, accessible_svg
from .charts_review import review_chart
from .steps import Step, Steps
from .workers import Clock


@dataclass
class ChartPlan:
    charts: list[Chart]
    derived_themes: pd.DataFrame
    rendering: Rendering
    indicator_charts: Step | None = None  # the step the indicator pages depend on


def start_charts(model, cache_dir: Path, pool: Executor, clock: Clock) -> ChartPlan:
    """The charts other pages embed (the map) go to the workers at once; the rest follow."""
    charts = [map_chart(model.table("councils"), model.table("partnerships"))]
    rendering = Rendering(cache_dir, pool, clock)
    rendering.start({c.key: c.spec for c in charts})
    return ChartPlan(charts, derive_themes(model), rendering)


def plan_charts(model, plan: ChartPlan, steps: Steps) -> None:
    """Every other chart, added to the plan and sent to the workers. The indicator charts, the
    slow ones, are reused from the last build if their tables have not changed."""
    plan.indicator_charts = steps.result("indicator charts", lambda: indicator_charts(model))
    more = (plan.indicator_charts.value + review_charts(model)
            + theme_charts(model, plan.derived_themes))
    plan.rendering.start({c.key: c.spec for c in more})
    plan.charts += more


def write_charts(model, docs: Path, plan: ChartPlan) -> dict[str, Callable[[str], str]]:
    for chart in plan.charts:
        if chart.inline:
            finish(chart, plan.rendering)
    folder = docs / CHART_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for chart in plan.charts:
        (docs / chart.csv_path).write_text(chart.csv, encoding="utf-8")
    by_key = {c.key: c for c in plan.charts}
    charts_pages.write_compare_pages(model, docs, plan.derived_themes, by_key)
    return {key: partial(render_block, chart) for key, chart in by_key.items()
            if not key.startswith("themes-")}


def write_svgs(plan: ChartPlan, out: Path) -> None:
    """Each chart's SVG file under out/charts/ (out is the docs folder or the built site)."""
    folder = out / CHART_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for chart in plan.charts:
        finish(chart, plan.rendering)
        (out / chart.svg_path).write_text(chart.svg, encoding="utf-8")


def finish(chart: Chart, rendering: Rendering) -> None:
    """The rendered SVG with its accessible name and description (and links, for the map)."""
    if chart.svg:
        return
    svg = rendering.svg(chart.key)
    svg = fix_links(svg) if chart.links else svg
    chart.svg = accessible_svg(svg, f"svg-{chart.slug}", chart.title, " ".join(chart.description),
                               role="group" if chart.links else "img")


def indicator_charts(model) -> list[Chart]:
    values = model.table("indicator_values")
    councils, partnerships = model.table("councils"), model.table("partnerships")
    by_indicator = dict(tuple(values.groupby("indicator_id", sort=False)))
    out = []
    for _, indicator in model.table("indicators").iterrows():
        rows = by_indicator.get(indicator["indicator_id"])
        if rows is None:
            continue
        for build in (ind.latest_chart, ind.trend_chart):
            chart = build(indicator, rows, councils, partnerships)
            if chart is not None:
                out.append(chart)
    return out


def review_charts(model) -> list[Chart]:
    criteria = model.table("review_criteria")
    charts = [review_chart(review, criteria) for _, review in model.table("reviews").iterrows()]
    return [c for c in charts if c is not None]


def derive_themes(model):
    return themes.assign_themes(model.table("priorities"), model.table("theme_rules"),
                                model.table("theme_corrections"))


def theme_charts(model, derived) -> list[Chart]:
    priorities, plans = model.table("priorities"), model.table("plans")
    theme_table = model.table("themes")
    tagged = charts_themes.plan_themes(derived, priorities, plans)
    source = charts_pages.theme_source()
    charts = [charts_themes.matrix_chart(cycle, tagged, theme_table, priorities, plans,
                                         model.table("partnerships"), source)
              for cycle in reversed(charts_themes.CYCLES)]
    charts.append(charts_themes.by_cycle_chart(tagged, theme_table, priorities, plans, source))
    return [c for c in charts if c is not None]
