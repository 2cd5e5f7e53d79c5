"""Static SVG from a Vega-Lite spec, with vl-convert, and the accessible name it lacks.

vl-convert renders one chart at a time per process and deadlocks after a fork (TECH_NOTES §3b):
the build runs render_svgs in spawned worker processes (publish/charts.py).
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import vl_convert

MEASURING_FONT = "vl-convert's bundled Liberation Sans"  # part of a cache key: it sets the layout


def render_svgs(specs: list[dict]) -> list[str]:
    with bundled_font_only():
        return [vl_convert.vegalite_to_svg(spec) for spec in specs]


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
            if before is None:  # pop: another thread's batch may have restored it already
                os.environ.pop("FONTCONFIG_FILE", None)
            else:
                os.environ["FONTCONFIG_FILE"] = before


def accessible_svg(svg: str, uid: str, title: str, desc: str, role: str = "img") -> str:
    """Give the root <svg> an accessible name and description (vl-convert adds neither)."""
    svg = svg.replace(
        "<svg ",
        f'<svg role="{role}" aria-labelledby="{uid}-t {uid}-d" style="max-width:100%;height:auto" ',
        1,
    )
    head = (
        f'<title id="{uid}-t">{html.escape(title)}</title>'
        f'<desc id="{uid}-d">{html.escape(desc)}</desc>'
    )
    return re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + head, svg, count=1)
