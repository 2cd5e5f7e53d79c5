"""A chart as a page block: title, chart image, generated description, table, CSV link, source.

Everything from the data is escaped and emitted inside raw HTML, so Markdown never turns data
text into links, images or markup. Links are computed relative to the page's final URL
(use_directory_urls), because MkDocs does not rewrite links inside raw HTML.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass, field

import pandas as pd

CHART_DIR = "charts"


@dataclass
class Chart:
    """Everything one chart block needs. `table` holds the displayed numbers as text."""

    key: str
    slug: str
    title: str
    description: list[str]
    table: pd.DataFrame
    data: pd.DataFrame
    sources: list[tuple[str, str]]
    spec: dict
    alt: str
    inline: bool = False
    table_caption: str = ""
    table_searchable: bool = True
    table_open: bool = False
    svg: str = ""
    links: dict[str, str] = field(default_factory=dict)
    csv: str = field(init=False)  # the data as CSV text, kept with charts a build reuses

    def __post_init__(self) -> None:
        self.csv = self.data.to_csv(index=False, lineterminator="\n")

    @property
    def svg_path(self) -> str:
        return f"{CHART_DIR}/{self.slug}.svg"

    @property
    def csv_path(self) -> str:
        return f"{CHART_DIR}/{self.slug}.csv"


def page_url_dir(page_path: str) -> str:
    """The folder a page is served from: a/b.md -> a/b/, a/index.md -> a/."""
    folder, name = posixpath.split(page_path)
    if name in ("index.md", "README.md"):
        return folder
    return posixpath.join(folder, posixpath.splitext(name)[0])


def relative_url(target: str, page_path: str) -> str:
    """A docs-relative file or page URL as seen from the page that embeds the block."""
    start = page_url_dir(page_path) or "."
    rel = posixpath.relpath(target.rstrip("/") or ".", start)
    return rel + "/" if target.endswith("/") else rel


def render_block(chart: Chart, page_path: str) -> str:
    e = html.escape
    parts = [f'<div class="cspp-chart" id="chart-{e(chart.slug)}" data-chart-key="{e(chart.key)}">',
             f'<h3 class="cspp-chart-title">{e(chart.title)}</h3>',
             f'<figure class="cspp-chart-figure" data-search-exclude="true">{chart_image(chart, page_path)}</figure>',
             '<div class="cspp-chart-description">'
             + "".join(f"<p>{e(p)}</p>" for p in chart.description) + "</div>",
             table_html(chart, page_path),
             links_html(chart, page_path),
             "</div>"]
    return "\n".join(parts) + "\n"


def chart_image(chart: Chart, page_path: str) -> str:
    if chart.inline:
        svg = chart.svg
        for placeholder, target in chart.links.items():
            svg = svg.replace(placeholder, html.escape(relative_url(target, page_path)))
        return svg
    src = html.escape(relative_url(chart.svg_path, page_path))
    return f'<img src="{src}" alt="{html.escape(chart.alt)}" loading="lazy">'


def cell(value, page_path: str) -> str:
    """A table cell's content; a (text, docs-relative target) pair becomes a link."""
    if isinstance(value, tuple):
        text, target = value
        return f'<a href="{html.escape(relative_url(target, page_path))}">{html.escape(str(text))}</a>'
    return html.escape(str(value))


def table_html(chart: Chart, page_path: str = "index.md") -> str:
    e = html.escape
    head = "".join(f'<th scope="col">{e(str(c))}</th>' for c in chart.table.columns)
    rows = []
    for values in chart.table.itertuples(index=False):
        cells = [f'<th scope="row">{cell(values[0], page_path)}</th>']
        cells += [f"<td>{cell(v, page_path)}</td>" for v in values[1:]]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    caption = e(chart.table_caption or f"The numbers in the chart: {chart.title}")
    exclude = "" if chart.table_searchable else ' data-search-exclude="true"'
    exclude += ' open="open"' if chart.table_open else ""
    return (f'<details class="cspp-chart-table"{exclude}><summary>Table: the numbers in this chart</summary>'
            f'{scroll_open(caption)}<table><caption>{caption}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></details>")


def links_html(chart: Chart, page_path: str) -> str:
    e = html.escape
    csv = e(relative_url(chart.csv_path, page_path))
    sources = "; ".join(f'<a href="{e(source_url(url, page_path))}">{e(label)}</a>'
                        for label, url in chart.sources)
    return (f'<p class="cspp-chart-links"><a href="{csv}" download>Download the chart data (CSV)</a>'
            f' · <span class="cspp-chart-source">Source: {sources}</span></p>')


def source_url(url: str, page_path: str) -> str:
    """External sources stay absolute; a source inside the site is made relative to the page."""
    if url.startswith(("https://", "http://")):
        return url
    return relative_url(url, page_path)


def scroll_open(label: str) -> str:
    """A wide table scrolls inside its own box, reachable by keyboard, instead of widening the page."""
    return (f'<div class="cspp-table-wrap" style="overflow-x:auto;max-width:100%" tabindex="0" '
            f'role="region" aria-label="{label}">')
