"""Every chart of the site, built with Altair from the shaped data, each with its description,
table and CSV. The map comes first: pages draw it inline, so it is needed first.

finished_svg turns vl-convert's SVG into the one the site shows: with an accessible name and
description, and for the map, areas that are real links.
"""

from __future__ import annotations

from ...shape.indicators import Indicators
from ...shape.profiles import profile
from ...shape.site import Site
from ...shape.theme_changes import plans_by_cycle
from .chart import Chart
from .indicators import latest_chart, trend_chart
from .map import fix_links, map_chart
from .profiles import profile_chart, trends_chart
from .review import review_chart
from .svg import accessible_svg
from .theme_changes import theme_change_chart, theme_plans_chart
from .themes import by_cycle_chart, matrix_chart


def indicator_charts(indicators: Indicators) -> list[Chart]:
    charts = [build(data, indicators.councils, indicators.scotland_code)
              for data in indicators.series for build in (latest_chart, trend_chart)]
    return [c for c in charts if c is not None]


def other_charts(site: Site) -> list[Chart]:
    """The review, theme and partnership profile charts."""
    reviews = [review_chart(r) for r in site.reviews]
    themes = [matrix_chart(cycle, site.themes) for cycle in site.themes.grids]
    names = site.themes.themes.set_index("theme_id").to_dict("index")
    themes += [theme_change_chart({"theme_id": theme_id, **names[theme_id]}, series, change,
                                  site.ages.get(series.id))
               for theme_id, (series, change) in site.theme_changes.items()]
    themes += [theme_plans_chart({"theme_id": theme_id, **names[theme_id]},
                                 plans_by_cycle(site.themes, theme_id, site.partnerships, site.cycles))
               for theme_id in names]
    return ([c for c in reviews + profile_charts(site) if c is not None] + themes
            + [by_cycle_chart(site.themes, site.cycles)])


def profile_charts(site: Site) -> list[Chart | None]:
    """Each partnership's profile and its key series over the plan cycles."""
    charts = []
    for p in site.partnerships:
        lines = profile(site.outcomes, p.id, p.councils)
        several = len(p.councils) > 1
        area = p.partnership["area_name"]
        charts += [profile_chart(p.id, area, lines, several, site.ages),
                   trends_chart(p.id, area, lines, site.cycles, site.ages)]
    return charts


def finished_svg(chart: Chart, svg: str, layout: str = "") -> str:
    """A chart whose areas are links is a "group", not an "img": an image's content is hidden
    from assistive technology, which would hide the links."""
    svg = fix_links(svg) if chart.links else svg
    uid = f"svg-{chart.slug}" + (f"-{layout}" if layout else "")
    return accessible_svg(svg, uid, chart.title, " ".join(chart.description),
                          role="group" if chart.links else "img")


__all__ = ["Chart", "finished_svg", "indicator_charts", "map_chart", "other_charts"]
