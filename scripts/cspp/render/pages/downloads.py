"""The downloads page, the README inside the zip and the schema.org Dataset metadata. The files
themselves are written by publish/downloads.py; the dataset's name, licence and citation are
in cspp/dataset.py."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from frictionless import Package

from ...dataset import DESCRIPTION, LICENCE_NAME, LICENCE_URL, NAME, bibtex, citation, release_url
from ...shape.ages import NOT_DATED, Age, snapshot_holdings
from .dictionary import render_data_dictionary
from .html import render, render_text
from .parts import External, Link, Missing, Table, code, size_value

PAGE = "downloads/index.md"
SNIPPET_FOLDER = Path(__file__).parent / "snippets"
FORMATS = {
    ".zip": "application/zip",
    ".sqlite": "application/vnd.sqlite3",
    ".json": "application/json",
    ".csv": "text/csv",
    ".parquet": "application/vnd.apache.parquet",
}
DATASETTE_COMMAND = (
    "pip install datasette\ndatasette scotland-cspp-latest.sqlite -m scotland-cspp-metadata.json"
)
# Each runs as written in a folder holding the files it names (tests/test_downloads.py runs
# the Python ones from the built page). name: (language, file in snippets/)
SNIPPETS = {
    "pandas": ("python", "pandas.py"),
    "DuckDB": ("python", "duckdb.py"),
    "R (arrow and readr)": ("r", "arrow.R"),
}


def licence_rows(indicators: list[dict]) -> list[tuple[str, str]]:
    """(publisher, licence as recorded or "") for each publisher of official statistics."""
    licences: dict[str, set[str]] = {}
    for indicator in indicators:
        licences.setdefault(indicator["publisher"], set()).add(indicator["licence"])
    return [
        (publisher, "; ".join(sorted(found - {""})))
        for publisher, found in sorted(licences.items())
    ]


def package_sources(packages: dict) -> list[tuple[str, str, str]]:
    """(package, source title, source URL or "") from each descriptor."""
    return [
        (name, source.get("title", ""), source.get("path", ""))
        for name, package in sorted(packages.items())
        for source in package.sources
    ]


def readme(packages: dict, indicators: list[dict], version: str, site_url: str | None) -> str:
    """The README inside a release's zip, from that release's packages and indicators."""
    dictionary = re.sub(r"^#", "##", render_data_dictionary(packages).rstrip("\n"), flags=re.M)
    url = release_url(site_url, version)
    return render_text(
        "zip_readme.md",
        name=NAME,
        version=version,
        description=DESCRIPTION,
        licence_name=LICENCE_NAME,
        licence_url=LICENCE_URL,
        page_url=url,
        licences=licence_rows(indicators),
        citation=citation(version, url),
        bibtex=bibtex(version, url),
        sources=package_sources(packages),
        dictionary=dictionary,
    )


def downloads_files(
    files: list[dict],
    version: str,
    site_url: str | None,
    views: dict[str, str],
    released: bool,
    indicators: list[dict],
    packages: dict[str, Package],
    snapshots: pd.DataFrame,
    ages: dict[str, Age],
    temporal_coverage: tuple[int, int],
    scotland_code: str | None,
) -> dict[str, str]:
    """The downloads page. files: name (relative to downloads/), size in bytes and what it holds,
    bulk files first, as publish/downloads.py wrote them; views: the SQLite file's views."""
    page_url = f"{site_url.rstrip('/')}/downloads/" if site_url else None
    of_kind = {
        kind: [f for f in files if f["kind"] == kind]
        for kind in ("bulk", "package", "with-sources", "parquet")
    }
    return {
        PAGE: render(
            "downloads.md",
            PAGE,
            version=version,
            views=views,
            licence_url=LICENCE_URL,
            released=released,
            snippets={
                name: (language, (SNIPPET_FOLDER / file).read_text(encoding="utf-8").rstrip())
                for name, (language, file) in SNIPPETS.items()
            },
            datasette=DATASETTE_COMMAND,
            licence_name=LICENCE_NAME,
            citation=citation(version, page_url),
            bibtex=bibtex(version, page_url),
            bulk=file_table(
                of_kind["bulk"], "Every package at once, zipped or as one SQLite database"
            ),
            packages=file_table(
                of_kind["package"], "Each package: its descriptor and its CSV files"
            ),
            with_sources=file_table(of_kind["with-sources"], "Each table with its sources joined"),
            parquet=file_table(
                of_kind["parquet"], "Each table as a Parquet file, typed as its Table Schema says"
            ),
            licences=Table(
                ["Publisher", "Licence"],
                [
                    [p, licence or "not yet found: the licence is not confirmed"]
                    for p, licence in licence_rows(indicators)
                ],
                caption="Licence of each official statistics publisher, as recorded in "
                "indicators.csv",
                row_headers=False,
            ),
            sources=Table(
                ["Package", "Source"],
                [
                    [name, External(url, title) if url.startswith("https://") else title]
                    for name, title, url in package_sources(packages)
                ],
                caption="Sources of each package, as listed in its datapackage.json",
                row_headers=False,
            ),
            releases=releases_table(snapshots, ages),
            metadata=dataset_metadata(files, version, site_url, temporal_coverage, scotland_code),
        )
    }


def releases_table(snapshots: pd.DataFrame, ages: dict[str, Age]) -> Table:
    """Each publisher's files the statistics were read from: the release, its date and the
    newest period held, so that the data version is not read as the figures' age."""
    rows = [
        [
            h["publisher"],
            h["release"],
            h["release_date"] or Missing(NOT_DATED),
            h["newest_period"] or Missing("no series shown from it"),
            [
                code(h["snapshot_id"]),
                f" (third-party copy saved {h['copied_on'] or 'on a day not recorded'})"
                if h["third_party"]
                else "",
            ],
        ]
        for h in snapshot_holdings(snapshots, ages)
    ]
    return Table(
        ["Publisher", "Release", "Release date", "Newest period held", "Publisher file (snapshot)"],
        rows,
        search=False,
        row_headers=False,
        caption="The official statistics: each publisher's releases held, and the "
        "newest period in each",
    )


def file_table(files: list[dict], caption: str) -> Table:
    rows = [
        [
            Link(f["name"], f"downloads/{f['name']}"),
            f["holds"],
            format_of(f["name"]),
            size_value(f["size"]),
        ]
        for f in files
    ]
    return Table(["File", "Holds", "Format", "Size"], rows, caption=caption, row_headers=False)


def format_of(name: str) -> str:
    return FORMATS.get("." + name.rsplit(".", 1)[-1], "")


def dataset_metadata(
    files: list[dict],
    version: str,
    site_url: str | None,
    temporal_coverage: tuple[int, int],
    scotland_code: str | None,
) -> dict:
    """schema.org Dataset metadata, for search engines and data catalogues."""
    base = f"{site_url.rstrip('/')}/downloads/" if site_url else ""
    start, end = temporal_coverage
    creator = {"@type": "Organization", "name": NAME}
    metadata = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": NAME,
        "description": DESCRIPTION,
        "license": LICENCE_URL,
        "creator": creator,
        "publisher": creator,
        "version": version,
        "dateModified": version,
        "isAccessibleForFree": True,
        "temporalCoverage": f"{start}/{end}",
        "spatialCoverage": {"@type": "Place", "name": "Scotland", "identifier": scotland_code},
        "keywords": [
            "children's services planning",
            "Scotland",
            "CSPP",
            "GIRFEC",
            "local government",
            "open data",
        ],
        "citation": citation(version, base or None),
        "distribution": [
            {
                "@type": "DataDownload",
                "name": f["name"],
                "contentUrl": base + f["name"],
                "encodingFormat": format_of(f["name"]),
                "contentSize": f"{f['size']} B",
            }
            for f in files
            if f["listed_in_metadata"]
        ],
    }
    if base:
        metadata["url"] = base
    return metadata
