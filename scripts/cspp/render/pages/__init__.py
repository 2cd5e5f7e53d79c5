"""Every generated page, from Jinja templates (templates/) and the shaped data.

Views (one module or package per kind of page) turn the shaped data into parts (parts.py); the
templates turn parts into HTML inside Markdown. Data text reaches a page only through the
environment's escaping (html.py). Nothing here writes files: each view returns docs path -> text.

This module is the one dispatcher: it unpacks Site and hands each view the fields it renders.
Views import only the base (html, parts, paths, contribute, dictionary), never each other.
"""

from __future__ import annotations

from ...shape.site import Site
from .compare import compare_files
from .contribute import Contribute
from .downloads import downloads_files
from .hubs import hub_files
from .indicators import indicator_files
from .outcomes import theme_files
from .partnerships import Shared, partnership_files
from .plans import plan_files
from .releases import release_files


def page_files(
    site: Site, charts: dict, citation: str, releases: list[str], contribute: Contribute
) -> dict[str, str]:
    """charts: chart key -> Chart; releases: their versions, for the search page. The indicator
    pages are made apart (indicator_files), so that a build can keep them while their tables are
    unchanged, and so are the release pages (release_files), which need the releases' files, and
    the downloads page (downloads_page), which lists the files written."""
    shared = shared_of(site)
    return {
        **partnership_files(site.partnerships, site.councils, shared, charts, citation, contribute),
        **theme_files(site.themes, site.outcomes, site.partnerships, site.cycles, charts),
        **plan_files(site.plans, site.partnerships, contribute),
        **compare_files(site.themes, site.partnerships, site.plans, charts),
        **hub_files(
            counts=site.counts,
            cycles=site.cycles,
            last_checked=site.last_checked,
            reviews=site.reviews,
            gaps_held=site.gaps,
            todo=site.todo,
            partnerships=site.partnerships,
            plans=site.plans,
            indicators=site.indicators,
            themes=site.themes,
            sources=site.sources,
            publisher_domains=site.publisher_domains,
            source_hosts=site.source_hosts,
            resources=site.resources,
            packages=site.packages,
            charts=charts,
            releases=releases,
            contribute=contribute,
        ),
    }


def shared_of(site: Site) -> Shared:
    """What every partnership page reads."""
    return Shared(
        cycles=site.cycles,
        plans=site.plans,
        indicators={i["indicator_id"]: i for i in site.indicators},
        outcomes=site.outcomes,
        families=site.families,
        themes=site.themes,
        sources=site.sources,
        ages=site.ages,
    )


def downloads_page(
    site: Site,
    files: list[dict],
    version: str,
    site_url: str | None,
    views: dict[str, str],
    released: bool,
) -> dict[str, str]:
    """The downloads page, once publish/downloads.py has written the files it lists (files:
    name, size and what each holds; views: the SQLite file's views)."""
    return downloads_files(
        files,
        version,
        site_url,
        views,
        released,
        site.indicators,
        site.packages,
        site.snapshots,
        site.ages,
        site.temporal_coverage,
        site.scotland_code,
    )


__all__ = ["downloads_page", "indicator_files", "page_files", "release_files"]
