"""Every generated page, from Jinja templates (templates/) and the shaped data.

Views (one module per kind of page) turn the shaped data into parts (parts.py); the templates
turn parts into HTML inside Markdown. Data text reaches a page only through the environment's
escaping (html.py). Nothing here writes files: each view returns docs path -> text.
"""

from __future__ import annotations

from ...shape.site import Site
from .compare import compare_files
from .contribute import Contribute
from .hubs import hub_files
from .indicators import indicator_files
from .outcomes import theme_files
from .partnerships import partnership_files
from .plans import plan_files
from .releases import release_files


def page_files(site: Site, charts: dict, citation: str, releases: list[str],
               contribute: Contribute) -> dict[str, str]:
    """charts: chart key -> Chart; releases: their versions, for the search page. The indicator
    pages are made apart (indicator_files), so that a build can keep them while their tables are
    unchanged, and so are the release pages (release_files), which need the releases' files."""
    return {**partnership_files(site, charts, citation, contribute), **theme_files(site, charts),
            **plan_files(site, contribute),
            **compare_files(site, charts), **hub_files(site, charts, releases, contribute)}


__all__ = ["indicator_files", "page_files", "release_files"]
