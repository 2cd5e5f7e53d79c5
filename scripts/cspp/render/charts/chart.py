"""A chart and everything its block on a page shows: title, description, table, CSV, sources.

The spec is built with Altair (one module per kind of chart) and rendered to static SVG by
svg.py; the block itself is the `chart` macro of the page templates.

A chart that does not fit a phone has two layouts: `spec` for wide screens and `narrow` for a
phone, each rendered to its own SVG. The page offers both in a <picture>, and the browser picks
one by the screen's width, with no script (WIDE_SCREEN).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup

from ...text_rules import spreadsheet_csv
from ..pages.html import href
from ..pages.parts import External, Link, Table

CHART_DIR = "charts"
SIZE_MARKER = "data-cspp-size"  # replaced by the image's width and height (publish/charts.py)
# The wide layout needs about 650 px. Below 45em (720 px) the content column is narrower than
# that, and the narrow layout (at most NARROW_WIDTH px, for a 390 px phone) is shown instead.
WIDE_SCREEN = "(min-width: 45em)"
NARROW_WIDTH = 340


@dataclass
class Chart:
    """`table` holds the displayed numbers as text (or Link parts); `data` is the CSV."""

    key: str
    slug: str
    title: str
    description: list[str]
    table: pd.DataFrame
    data: pd.DataFrame
    sources: list[tuple[str, str]]  # (label, https URL or a path in the docs folder)
    spec: dict
    alt: str
    narrow: dict | None = None  # the phone layout's spec, where the wide one would not fit
    inline: bool = False  # drawn inside the page (the map, whose areas are links)
    table_caption: str = ""
    table_searchable: bool = True
    table_open: bool = False
    links: dict[str, str] = field(default_factory=dict)  # placeholder in the SVG -> docs path
    age: str = ""  # the caption: the figures' periods and release (shape/ages.py)
    svg: str = ""
    csv: str = field(init=False)

    def __post_init__(self) -> None:
        self.csv = spreadsheet_csv(self.data)

    @property
    def svg_path(self) -> str:
        return f"{CHART_DIR}/{self.slug}.svg"

    @property
    def narrow_svg_path(self) -> str | None:
        return f"{CHART_DIR}/{self.slug}-narrow.svg" if self.narrow else None

    def layouts(self) -> dict[str, dict]:
        """Each layout's spec by its rendering key: the wide one under the chart's key."""
        return {self.key: self.spec, **({self.narrow_key: self.narrow} if self.narrow else {})}

    @staticmethod
    def size_marker(path: str) -> Markup:
        """An attribute the build replaces with the SVG's width and height, so that the page
        keeps the image's place before it loads (no layout shift)."""
        return Markup(f'{SIZE_MARKER}="{html.escape(path)}"')

    @property
    def wide_screen(self) -> str:
        return WIDE_SCREEN

    @property
    def narrow_key(self) -> str:
        return self.key + "|narrow"

    @property
    def csv_path(self) -> str:
        return f"{CHART_DIR}/{self.slug}.csv"

    def table_part(self) -> Table:
        return Table(
            headers=[str(c) for c in self.table.columns],
            rows=self.table.values.tolist(),
            caption=self.table_caption or f"The numbers in the chart: {self.title}",
            search=self.table_searchable,
        )

    def source_parts(self) -> list:
        return [
            External(url, label) if url.startswith("https://") else Link(label, url)
            for label, url in self.sources
        ]

    def inline_svg(self, page: str) -> Markup | None:
        """The SVG for a page that draws it inline, its links made relative to that page."""
        if not self.inline:
            return None
        svg = self.svg
        for placeholder, target in self.links.items():
            svg = svg.replace(placeholder, href(page, target))
        return Markup(svg)  # vl-convert's output, with our own escaped title and description
