"""Dated releases: every release in git's history keeps its own zip and its list of changes,
under releases/<version>/, whatever the data is today.

Each release's packages are read back from git (load/history.py), zipped with a README made
from them, and compared with the release before (shape/changes.py). A release never changes
once made, so its files are kept in .cache/ under its commit and the one before.
"""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..cache import kept
from ..load.history import Release, packages_at, releases, text_tables
from ..load.model import read_table
from ..load.packages import package_files, read_packages, resource_file
from ..render.pages import downloads as page
from ..shape.changes import TableChanges, data_changes
from ..text_rules import spreadsheet_cell
from .downloads import ZIP_STEM, write_zip

CHANGES_FILE = "changes.csv"
CHANGE_COLUMNS = ["table", "key", "change", "field", "old", "new"]


@dataclass
class PublishedRelease:
    version: str
    commit: str
    previous: str | None  # the version before, if any
    changes: list[TableChanges] | None  # None for the first release
    zip_bytes: bytes
    changes_csv: str

    @property
    def zip_name(self) -> str:
        return f"{ZIP_STEM}-{self.version}.zip"


def published_releases(
    packages_root: Path, site_url: str | None, cache: Path
) -> list[PublishedRelease]:
    """Every release of the data, oldest first (none without git history)."""
    found = releases(packages_root)
    return [
        kept(
            cache / "releases",
            release.version,
            {
                "commit": release.commit,
                "previous": previous.commit if previous else "",
                "site_url": site_url or "",
            },
            lambda release=release, previous=previous: publish_release(
                packages_root, release, previous, site_url
            ),
        )
        for previous, release in zip([None, *found], found)
    ]


def publish_release(
    packages_root: Path, release: Release, previous: Release | None, site_url: str | None
) -> PublishedRelease:
    with tempfile.TemporaryDirectory(prefix="cspp-release-") as tmp:
        folder = packages_at(packages_root, release.commit, Path(tmp) / "new")
        changes = None
        if previous:
            old = packages_at(packages_root, previous.commit, Path(tmp) / "old")
            changes = data_changes(text_tables(old), text_tables(folder))
        zip_path = Path(tmp) / f"{ZIP_STEM}-{release.version}.zip"
        packages = read_packages(folder)
        write_zip(
            zip_path,
            folder,
            package_files(packages),
            page.readme(packages, indicator_records(packages), release.version, site_url),
            release.version,
        )
        return PublishedRelease(
            release.version,
            release.commit,
            previous.version if previous else None,
            changes,
            zip_path.read_bytes(),
            changes_csv(changes or []),
        )


def indicator_records(packages: dict) -> list[dict]:
    """The indicators of a release, for its README's licence list (none if it had none)."""
    measures = packages.get("measures")
    if measures is None or "indicators" not in measures.resource_names:
        return []
    resource = measures.get_resource("indicators")
    return read_table(
        resource_file(measures, "indicators"), resource.schema.to_descriptor()
    ).to_dict("records")


def changes_csv(changes: list[TableChanges]) -> str:
    """One row per added or removed row, per changed cell, per added or removed column; each
    cell spreadsheet-safe, like every CSV made for the downloads."""
    rows = [CHANGE_COLUMNS]
    for table in changes:
        rows += [[table.table, "", "column added", c, "", ""] for c in table.columns_added]
        rows += [[table.table, "", "column removed", c, "", ""] for c in table.columns_removed]
        rows += [[table.table, k, "added", "", "", ""] for k in table.added]
        rows += [[table.table, k, "removed", "", "", ""] for k in table.removed]
        rows += [[table.table, c.key, "changed", c.field, c.old, c.new] for c in table.changed]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(
        [spreadsheet_cell(cell) for cell in row] for row in rows
    )
    return out.getvalue()


def write_release_files(docs: Path, published: list[PublishedRelease]) -> None:
    """releases/<version>/: the release's zip and its changes.csv (the pages are made apart)."""
    for release in published:
        folder = docs / "releases" / release.version
        folder.mkdir(parents=True, exist_ok=True)
        (folder / release.zip_name).write_bytes(release.zip_bytes)
        (folder / CHANGES_FILE).write_text(release.changes_csv, encoding="utf-8")
