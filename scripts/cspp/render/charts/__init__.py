"""Every chart of the site, built with Altair from the shaped data, each with its description,
table and CSV. The map comes first: pages draw it inline, so it is needed first.

finished_svg turns vl-convert's SVG into the one the site shows: with an accessible name and
description, and for the map, areas that are real links.
"""

from __future__ import annotations

from ...shape.ages import Age
from ...shape.indicators import Indicators
from ...shape.partnerships import PartnershipData
from ...shape.profiles import Outcomes, Series, profile
from ...shape.review import ReviewData
from ...shape.theme_changes import CycleChange, plans_by_cycle
from ...shape.themes import ThemesData
from .chart import Chart
from .indicators import latest_chart, trend_chart
from .map import fix_links, map_chart
from .profiles import profile_chart, trends_chart
from .review import review_chart
from .svg import accessible_svg
from .theme import configure_altair
from .theme_changes import theme_change_chart, theme_plans_chart
from .themes import by_cycle_chart, matrix_chart


def indicator_charts(indicators: Indicators) -> list[Chart]:
    charts = [
        build(data, indicators.councils, indicators.scotland_code)
        for data in indicators.series
        for build in (latest_chart, trend_chart)
    ]
    return [c for c in charts if c is not None]


def other_charts(
    reviews: list[ReviewData],
    themes: ThemesData,
    theme_changes: dict[str, tuple[Series, CycleChange]],
    partnerships: list[PartnershipData],
    outcomes: Outcomes,
    cycles: tuple[str, ...],
    ages: dict[str, Age],
) -> list[Chart]:
    """The review, theme and partnership profile charts."""
    made = [matrix_chart(cycle, themes) for cycle in themes.grids]
    names = themes.themes.set_index("theme_id").to_dict("index")
    made += [
        theme_change_chart(
            {"theme_id": theme_id, **names[theme_id]}, series, change, ages.get(series.id)
        )
        for theme_id, (series, change) in theme_changes.items()
    ]
    made += [
        theme_plans_chart(
            {"theme_id": theme_id, **names[theme_id]},
            plans_by_cycle(themes, theme_id, partnerships, cycles),
        )
        for theme_id in names
    ]
    profiles = profile_charts(partnerships, outcomes, cycles, ages)
    return (
        [c for c in [review_chart(r) for r in reviews] + profiles if c is not None]
        + made
        + [by_cycle_chart(themes, cycles)]
    )


def profile_charts(
    partnerships: list[PartnershipData],
    outcomes: Outcomes,
    cycles: tuple[str, ...],
    ages: dict[str, Age],
) -> list[Chart | None]:
    """Each partnership's profile and its key series over the plan cycles."""
    charts = []
    for p in partnerships:
        lines = profile(outcomes, p.id, p.councils)
        several = len(p.councils) > 1
        area = p.partnership["area_name"]
        charts += [
            profile_chart(p.id, area, lines, several, ages),
            trends_chart(p.id, area, lines, cycles, ages),
        ]
    return charts


def finished_svg(chart: Chart, svg: str, layout: str = "") -> str:
    """A chart whose areas are links is a "group", not an "img": an image's content is hidden
    from assistive technology, which would hide the links."""
    svg = fix_links(svg) if chart.links else svg
    uid = f"svg-{chart.slug}" + (f"-{layout}" if layout else "")
    return accessible_svg(
        svg, uid, chart.title, " ".join(chart.description), role="group" if chart.links else "img"
    )


__all__ = [
    "Chart",
    "configure_altair",
    "finished_svg",
    "indicator_charts",
    "map_chart",
    "other_charts",
]
