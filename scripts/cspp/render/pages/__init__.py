"""Every generated page, from Jinja templates (templates/) and the shaped data.

Views (one module per kind of page) turn the shaped data into parts (parts.py); the templates
turn parts into HTML inside Markdown. Data text reaches a page only through the environment's
escaping (html.py). Nothing here writes files: each view returns docs path -> text.
"""

from __future__ import annotations

from ...shape.site import Site
from .compare import compare_files
from .hubs import hub_files
from .indicators import indicator_files
from .partnerships import partnership_files
from .plans import plan_files


def page_files(site: Site, charts: dict, citation: str) -> dict[str, str]:
    """charts: chart key -> Chart. The indicator pages are made apart (indicator_files), so
    that a build can keep them while their tables are unchanged."""
    return {**partnership_files(site, charts.get("map"), citation), **plan_files(site),
            **compare_files(site, charts), **hub_files(site, charts)}


__all__ = ["indicator_files", "page_files"]
