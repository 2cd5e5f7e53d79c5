"""On a phone (390 x 844) every chart fits the screen with readable text, and a partnership page
answers first; on a desktop (1280 px) the wide layout of each chart is served.

Read from the session's crawl of every page at both widths (browser_support.LAYOUT_JS), so no
page is loaded again here."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

SMALLEST_TEXT_PX = 10
PARTNERSHIP_PAGE_BUDGET_PX = 8000  # a partnership page at 390 px, folds closed, charts loaded
FIRST_SCREEN_FIGURES = 3
FONT_SIZE = re.compile(r'font-size(?:="|:\s*)([\d.]+)px')


def visits(crawl, width: str):
    return [v for v in crawl if v.width == width]


def with_charts(crawl, width: str):
    return [v for v in visits(crawl, width) if v.layout["charts"]]


@cache
def svg_font_sizes(path: Path) -> tuple[float, ...]:
    return tuple(float(size) for size in FONT_SIZE.findall(path.read_text(encoding="utf-8")))


def chart_file(site, src: str) -> Path:
    return site.dir / urlsplit(src).path.removeprefix(urlsplit(site.url).path)


def smallest_text(site, chart: dict) -> float:
    """The smallest text of a chart as rendered: its font size times the drawing's scale."""
    sizes = chart["fonts"] or svg_font_sizes(chart_file(site, chart["src"]))
    return min(sizes) * chart["width"] / chart["drawnWidth"]


def test_every_page_with_a_chart_was_visited_at_both_widths(crawl):
    phone, desktop = with_charts(crawl, "390px"), with_charts(crawl, "1280px")
    assert {v.path for v in phone} == {v.path for v in desktop}
    assert sum(len(v.layout["charts"]) for v in phone) > 200
    assert {"partnerships/tayside/", "indicators/lgbf_chn24/"} <= {v.path for v in phone}


def test_on_a_phone_every_chart_lies_inside_the_screen(crawl):
    problems = []
    for v in with_charts(crawl, "390px"):
        layout = v.layout
        if layout["scrollWidth"] > layout["viewport"]:
            problems.append(f"/{v.path}: the page scrolls sideways ({layout['scrollWidth']} px)")
        for chart in layout["charts"]:
            if chart["width"] == 0 or chart["left"] < 0 or chart["right"] > layout["viewport"]:
                problems.append(
                    f"/{v.path} {chart['key']}: {chart['left']:.0f}-{chart['right']:.0f} px"
                )
    assert problems == []


def test_on_a_phone_chart_text_is_at_least_10_px(crawl, site):
    problems = [
        f"/{v.path} {chart['key']}: {smallest_text(site, chart):.1f} px"
        for v in with_charts(crawl, "390px")
        for chart in v.layout["charts"]
        if smallest_text(site, chart) < SMALLEST_TEXT_PX
    ]
    assert problems == []


def test_each_screen_gets_its_own_layout(crawl):
    """A chart with a phone layout shows it at 390 px and its wide layout at 1280 px."""
    phone = {
        (v.path, c["key"]): c["src"]
        for v in with_charts(crawl, "390px")
        for c in v.layout["charts"]
    }
    desktop = {
        (v.path, c["key"]): c["src"]
        for v in with_charts(crawl, "1280px")
        for c in v.layout["charts"]
    }
    narrow = {key for key, src in phone.items() if src.endswith("-narrow.svg")}
    assert len(narrow) > 200
    assert [
        key for key in narrow if desktop[key] != phone[key].replace("-narrow.svg", ".svg")
    ] == []
    assert [key for key, src in desktop.items() if src.endswith("-narrow.svg")] == []


def scotland_said(cell: str) -> bool:
    """Scotland's value, or the plain statement that the data holds none (End Child Poverty's
    workbook has no Scotland row, and none is made up)."""
    return bool(re.search(r"\d", cell)) or cell.strip() == "no Scotland figure in the data held"


def test_a_partnership_page_answers_on_its_first_screen(crawl):
    """At 390 x 844 the first screen holds at least three headline figures, each with its
    period and Scotland's value (or the statement that none is held)."""
    pages = [v for v in visits(crawl, "390px") if re.fullmatch(r"partnerships/[a-z-]+/", v.path)]
    assert len(pages) == 30
    problems = []
    for v in pages:
        screen = v.layout["viewportHeight"]
        shown = [
            f
            for f in v.layout["figures"]
            if f["bottom"] <= screen and f["period"].strip() and scotland_said(f["scotland"])
        ]
        if len(shown) < FIRST_SCREEN_FIGURES:
            problems.append(f"/{v.path}: {len(shown)} figures on the first screen")
    assert problems == []


def test_a_partnership_page_keeps_to_its_length_budget_on_a_phone(crawl):
    pages = [v for v in visits(crawl, "390px") if re.fullmatch(r"partnerships/[a-z-]+/", v.path)]
    longest = max(pages, key=lambda v: v.layout["height"])
    assert longest.layout["height"] <= PARTNERSHIP_PAGE_BUDGET_PX, longest.path
