"""Charts: Altair/Vega-Lite specs rendered to static SVG with vl-convert, each with text, table and CSV.

write_charts builds every chart, writes its SVG and CSV into docs/charts/, writes the compare
pages, and returns the snippets other pages embed: key -> function(page_path) -> HTML block.
Keys: indicator-latest:<id>, indicator-trend:<id> (series with more than one period),
review:<review_id>, map. A missing key means no chart.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Callable

from . import charts_indicators as ind
from . import charts_pages, charts_themes, themes
from .charts_blocks import CHART_DIR, Chart, render_block
from .charts_map import fix_links, map_chart
from .charts_render import accessible_svg, render_all
from .charts_review import review_chart


def partnership_page(partnership_id: str) -> str:
    """The site helper's page for a partnership (agreed path)."""
    return f"partnerships/{partnership_id}.md"


def write_charts(model, docs: Path, cache_dir: Path) -> dict[str, Callable[[str], str]]:
    charts = indicator_charts(model) + review_charts(model)
    charts.append(map_chart(model.table("councils"), model.table("partnerships"), partnership_page))
    derived = derive_themes(model)
    charts += theme_charts(model, derived)
    render(charts, cache_dir)
    write_files(charts, docs)
    by_key = {c.key: c for c in charts}
    charts_pages.write_compare_pages(model, docs, derived, by_key)
    return {key: partial(render_block, chart) for key, chart in by_key.items()
            if not key.startswith("themes-")}


def indicator_charts(model) -> list[Chart]:
    values = model.table("indicator_values")
    councils, partnerships = model.table("councils"), model.table("partnerships")
    out = []
    for _, indicator in model.table("indicators").iterrows():
        rows = values[values["indicator_id"] == indicator["indicator_id"]]
        if rows.empty:
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


def render(charts: list[Chart], cache_dir: Path) -> None:
    svgs = render_all({c.key: c.spec for c in charts}, cache_dir)
    for chart in charts:
        svg = fix_links(svgs[chart.key]) if chart.links else svgs[chart.key]
        desc = " ".join(chart.description)
        chart.svg = accessible_svg(svg, f"svg-{chart.slug}", chart.title, desc,
                                   role="group" if chart.links else "img")


def write_files(charts: list[Chart], docs: Path) -> None:
    folder = docs / CHART_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for chart in charts:
        (docs / chart.svg_path).write_text(chart.svg, encoding="utf-8")
        chart.data.to_csv(docs / chart.csv_path, index=False, encoding="utf-8", lineterminator="\n")
