"""The dataset's identity: its name, description and licence, and how a release of it is cited.

One place that the pages (the downloads, release and partnership pages, the zip's README) and
publish (the Datasette metadata) both read. Pure: nothing here reads or writes files.
"""

from __future__ import annotations

NAME = "Scotland's children's services planning, as open data"
DESCRIPTION = (
    "Every Children's Services Planning Partnership in Scotland: the councils and NHS "
    "boards that make it up, its member organisations, its children's services plans "
    "and reports with their priorities worded as published, the measures of success "
    "they set, official statistics for each council area, and the Scottish "
    "Government's national reviews of the plans. Every row names its public source."
)
LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def citation(version: str, url: str | None = None) -> str:
    """A ready citation of the data release `version`; partnership pages show it too."""
    text = (
        f"{NAME} ({version[:4]}). {NAME}: data packages, release {version} [data set]. "
        f"Licensed under the {LICENCE_NAME}."
    )
    return f"{text} {url}" if url else text


def bibtex(version: str, url: str | None = None) -> str:
    lines = [
        f"@misc{{scotland_cspp_{version.replace('-', '_')},",
        f"  author = {{{{{NAME}}}}},",
        f"  title = {{{NAME}: data packages}},",
        f"  year = {{{version[:4]}}},",
        f"  version = {{{version}}},",
        f"  note = {{Data set. {LICENCE_NAME}}},",
    ]
    return "\n".join(lines + ([f"  url = {{{url}}},"] if url else []) + ["}"])


def release_url(site_url: str | None, version: str) -> str | None:
    """The stable page of a release, which its citation names."""
    return f"{site_url.rstrip('/')}/downloads/releases/{version}/" if site_url else None
