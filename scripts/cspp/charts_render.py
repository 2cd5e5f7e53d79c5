"""Render Vega-Lite specs to static SVG with vl-convert, cached by a hash of the spec.

A rebuild renders only charts whose spec changed. Threads, not forked processes: vl-convert
deadlocks in a fork-based pool (TECH_NOTES §3b).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import vl_convert

FONT = "sans-serif"


def spec_hash(spec: dict) -> str:
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256((vl_convert.__version__ + text).encode("utf-8")).hexdigest()[:32]


def render_one(spec: dict, cache_dir: Path) -> str:
    cached = cache_dir / f"{spec_hash(spec)}.svg"
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    svg = vl_convert.vegalite_to_svg(spec)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")
    tmp.write_text(svg, encoding="utf-8")
    tmp.replace(cached)
    return svg


def render_all(specs: dict[str, dict], cache_dir: Path) -> dict[str, str]:
    """SVG text for each spec, by key. Cached specs cost only a file read."""
    keys = list(specs)
    with ThreadPoolExecutor(max_workers=2) as pool:
        svgs = list(pool.map(lambda key: render_one(specs[key], cache_dir), keys))
    return dict(zip(keys, svgs))


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
    """Plain, readable defaults: real text in a system font, no chart border."""
    return {"font": FONT, "view": {"stroke": None},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 260},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 300},
            "title": {"fontSize": 14, "anchor": "start"}}
