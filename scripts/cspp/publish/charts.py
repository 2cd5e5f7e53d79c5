"""Chart files: each chart's CSV, and its SVG rendered by vl-convert in the build's workers.

Each layout's SVG is a cached step (cache.py): its input is the spec, and what makes it is
vl-convert at its version with its measuring font, not the project's code, so a rebuild renders
only charts whose spec changed. Rendering is the slowest part of a build, so Rendering.start
hands uncached specs to the worker processes in small batches and returns at once; the build
collects the SVGs when it needs them (the inline map at once, the rest after MkDocs has run).
"""

from __future__ import annotations

import json
import re
from concurrent.futures import Executor, Future
from pathlib import Path

import vl_convert

from ..cache import MISSING, Step
from ..render.charts import Chart, finished_svg
from ..render.charts.chart import CHART_DIR, SIZE_MARKER
from ..render.charts.svg import MEASURING_FONT, render_svgs
from .workers import Clock, timed

BATCH = 8  # charts per task: big enough to amortise a task, small enough to spread the work
RENDERER = f"vl-convert {vl_convert.__version__}, measuring with {MEASURING_FONT}"


def svg_step(cache_dir: Path, key: str) -> Step:
    """The cached step that renders the layout `key` (a chart's key, or its narrow key)."""
    return Step(cache_dir, key, code=RENDERER)


def spec_input(spec: dict) -> dict[str, str]:
    return {"spec": json.dumps(spec, sort_keys=True, ensure_ascii=False)}


def render_batch(specs: dict[str, dict], cache_dir: Path) -> list[str]:
    """Render specs (by layout key) in this process and keep each SVG (a worker's task)."""
    svgs = render_svgs(list(specs.values()))
    for (key, spec), svg in zip(specs.items(), svgs):
        svg_step(cache_dir, key).keep(spec_input(spec), svg)
    return svgs


class Rendering:
    """SVGs on their way: svg(key) returns one, waiting for its batch if it is still rendering."""

    def __init__(self, cache_dir: Path, pool: Executor, clock: Clock) -> None:
        self.cache_dir, self.pool, self.clock = cache_dir, pool, clock
        self.done: dict[str, str] = {}
        self.pending: dict[str, tuple[Future, int]] = {}

    def start(self, specs: dict[str, dict]) -> None:
        """Cached specs cost a file read; the rest go to the pool in batches, in the given order."""
        todo = []
        for key, spec in specs.items():
            svg = svg_step(self.cache_dir, key).find(spec_input(spec))
            if svg is MISSING:
                todo.append(key)
            else:
                self.done[key] = svg
        for start in range(0, len(todo), BATCH):
            keys = todo[start : start + BATCH]
            future = self.pool.submit(
                timed,
                "charts: rendering",
                render_batch,
                {key: specs[key] for key in keys},
                self.cache_dir,
            )
            for position, key in enumerate(keys):
                self.pending[key] = (future, position)

    def svg(self, key: str) -> str:
        if key not in self.done:
            future, _ = self.pending[key]
            batch = self.clock.result(future.result())
            for other, (same, position) in list(self.pending.items()):
                if same is future:
                    self.done[other] = batch[position]
                    del self.pending[other]
        return self.done[key]


class ChartFiles:
    """The site's charts, rendering as soon as they are known."""

    def __init__(self, cache_dir: Path, pool: Executor, clock: Clock) -> None:
        self.rendering = Rendering(cache_dir, pool, clock)
        self.charts: dict[str, Chart] = {}

    def add(self, charts: list[Chart]) -> None:
        self.rendering.start({key: spec for c in charts for key, spec in c.layouts().items()})
        self.charts.update({c.key: c for c in charts})

    def finish_inline(self) -> None:
        """Charts drawn inside pages need their SVG before the pages are rendered."""
        for chart in self.charts.values():
            if chart.inline:
                chart.svg = finished_svg(chart, self.rendering.svg(chart.key))

    def write_csvs(self, docs: Path) -> None:
        (docs / CHART_DIR).mkdir(parents=True, exist_ok=True)
        for chart in self.charts.values():
            (docs / chart.csv_path).write_text(chart.csv, encoding="utf-8")

    def write_svgs(self, out: Path) -> dict[str, str]:
        """Each chart's SVGs under out/charts/ (out is the docs folder or the built site);
        returns each file's width and height attributes by its path (for set_sizes)."""
        (out / CHART_DIR).mkdir(parents=True, exist_ok=True)
        sizes = {}
        for chart in self.charts.values():
            files = {
                chart.svg_path: chart.svg or finished_svg(chart, self.rendering.svg(chart.key))
            }
            if chart.narrow:
                files[chart.narrow_svg_path] = finished_svg(
                    chart, self.rendering.svg(chart.narrow_key), "narrow"
                )
            for path, svg in files.items():
                (out / path).write_text(svg, encoding="utf-8")
                sizes[path] = size_attributes(svg)
        return sizes


ROOT_SIZE = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')
MARKER = re.compile(SIZE_MARKER + r'="([^"]+)"')


def size_attributes(svg: str) -> str:
    """The root <svg>'s size as an <img>'s width and height (whole CSS pixels, rounded up)."""
    width, height = ROOT_SIZE.search(svg).groups()
    return f'width="{-int(-float(width) // 1)}" height="{-int(-float(height) // 1)}"'


def set_sizes(site: Path, sizes: dict[str, str], pages: str = "*.html") -> None:
    """Put each chart image's width and height where its page's marker stands. The sizes are
    known only after rendering, which runs beside MkDocs, so this is done in the built pages
    (or, for `mkdocs serve`, in the docs folder's pages: pages="*.md")."""
    for page in site.rglob(pages):
        text = page.read_text(encoding="utf-8")
        if SIZE_MARKER in text:
            page.write_text(MARKER.sub(lambda m: sizes[m.group(1)], text), encoding="utf-8")
