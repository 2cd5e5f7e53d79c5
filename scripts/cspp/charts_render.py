"""Render Vega-Lite specs to static SVG with vl-convert, cached by a hash of the spec.

A rebuild renders only charts whose spec changed. Rendering is the slowest part of a build, so
Rendering.start hands uncached specs to the build's worker processes in small batches and returns
at once; the build collects the SVGs when it needs them (most only after MkDocs has run).
Spawned processes, not forked ones: vl-convert deadlocks in a fork-based pool (TECH_NOTES §3b);
threads gain nothing, because vl-convert renders one chart at a time per process.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import tempfile
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import vl_convert

from .steps import write_whole
from .workers import Clock, timed

FONT = "sans-serif"
BATCH = 8  # charts per task: big enough to amortise a task, small enough to spread the work
MEASURING_FONT = "vl-convert's bundled Liberation Sans"  # part of the cache key: it sets the layout


def spec_hash(spec: dict) -> str:
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    key = vl_convert.__version__ + MEASURING_FONT + text
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def cache_path(spec: dict, cache_dir: Path) -> Path:
    return cache_dir / f"{spec_hash(spec)}.svg"


def cached_svg(spec: dict, cache_dir: Path) -> str | None:
    cached = cache_path(spec, cache_dir)
    return cached.read_text(encoding="utf-8") if cached.exists() else None


@contextmanager
def bundled_font_only() -> Iterator[None]:
    """While inside, vl-convert starting up in this process measures text with its own bundled
    Liberation Sans and loads no system font.

    Why: the font library vl-convert uses (fontdb) opens and maps a system font file again for
    every glyph it measures, thousands of times per chart, which doubled rendering time; bundled
    fonts stay in memory. It also makes the layout of the SVGs independent of the machine's fonts.
    How: fontdb reads its font folders from FONTCONFIG_FILE once, when vl-convert first renders in
    a process; this config names a single empty folder. (A config naming no folder at all makes
    fontdb fall back to the system folders.) Restored on the way out, so that nothing else this
    process starts, such as a browser, loses its fonts.
    """
    before = os.environ.get("FONTCONFIG_FILE")
    with tempfile.TemporaryDirectory(prefix="cspp-fonts-") as scratch:
        config = Path(scratch) / "fonts.conf"
        empty = html.escape(str(Path(scratch) / "no-fonts"))
        config.write_text(f"<fontconfig><dir>{empty}</dir></fontconfig>\n", encoding="utf-8")
        os.environ["FONTCONFIG_FILE"] = str(config)
        try:
            yield
        finally:
            if before is None:
                del os.environ["FONTCONFIG_FILE"]
            else:
                os.environ["FONTCONFIG_FILE"] = before


def render_batch(specs: list[dict], cache_dir: Path) -> list[str]:
    """Render specs in this process and store each SVG in the cache (a worker's task)."""
    with bundled_font_only():
        svgs = [vl_convert.vegalite_to_svg(spec) for spec in specs]
    for spec, svg in zip(specs, svgs):
        write_whole(cache_path(spec, cache_dir), svg.encode("utf-8"))
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
            svg = cached_svg(spec, self.cache_dir)
            if svg is None:
                todo.append(key)
            else:
                self.done[key] = svg
        for start in range(0, len(todo), BATCH):
            keys = todo[start:start + BATCH]
            future = self.pool.submit(timed, "charts: rendering", render_batch,
                                      [specs[key] for key in keys], self.cache_dir)
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


def accessible_svg(svg: str, uid: str, title: str, desc: str, role: str = "img") -> str:
    """Give the root <svg> an accessible name and description (vl-convert adds neither).

    A chart whose areas are links is a "group", not an "img": an image's content is hidden
    from assistive technology, which would hide the links.
    """
    svg = svg.replace("<svg ", f'<svg role="{role}" aria-labelledby="{uid}-t {uid}-d" '
                      'style="max-width:100%;height:auto" ', 1)
    head = (f'<title id="{uid}-t">{html.escape(title)}</title>'
            f'<desc id="{uid}-d">{html.escape(desc)}</desc>')
    return re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + head, svg, count=1)


def base_config() -> dict:
    """Plain, readable defaults: real text in a system font, no chart border.

    Labels are never truncated (labelLimit 0): a truncated name hides data, and checking each
    label against a limit doubles vl-convert's text measuring, the bulk of its rendering time.
    """
    return {"font": FONT, "view": {"stroke": None},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 0},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 0},
            "title": {"fontSize": 14, "anchor": "start"}}
