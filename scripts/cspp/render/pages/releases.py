"""The releases page, and a page per release: its files, its citation, and what changed in the
data since the release before (publish/releases.py makes the releases)."""

from __future__ import annotations

from ...dataset import citation, release_url
from .html import render
from .parts import Link, Table, size_value
from .paths import RELEASES, release_file, release_page

SHOWN_PER_LIST = 50  # rows named on the page per table and kind; changes.csv has them all


def release_files(published: list, committed: bool, site_url: str | None) -> dict[str, str]:
    """releases/index.md and releases/<version>/index.md, newest first."""
    newest = published[-1].version if published else None
    pages = {release_page(r.version): release_detail(r, newest, site_url) for r in published}
    return {RELEASES: release_index(published[::-1], committed), **pages}


def release_index(published: list, committed: bool) -> str:
    rows = [
        [
            Link(r.version, release_page(r.version)),
            r.commit[:12],
            change_counts(r.changes) if r.changes is not None else "the first release",
            Link(r.zip_name, release_file(r.version, r.zip_name)),
            size_value(len(r.zip_bytes)),
        ]
        for r in published
    ]
    table = Table(
        ["Release", "Commit", "Change since the release before", "Zip", "Size"],
        rows,
        caption="Every release of the data, newest first",
        row_headers=False,
    )
    return render("releases.md", RELEASES, table=table, count=len(published), committed=committed)


def release_detail(release, newest: str | None, site_url: str | None) -> str:
    tables = [] if release.changes is None else [table_summary(t) for t in release.changes]
    files = Table(
        ["File", "Holds", "Size"],
        [
            [
                Link(release.zip_name, release_file(release.version, release.zip_name)),
                "Every data package of this release, with a README",
                size_value(len(release.zip_bytes)),
            ],
            [
                Link("changes.csv", release_file(release.version, "changes.csv")),
                "Every row added, removed or changed since the release before, one line each",
                size_value(len(release.changes_csv.encode("utf-8"))),
            ],
        ],
        caption=f"The files of release {release.version}",
        row_headers=False,
    )
    return render(
        "release.md",
        release_page(release.version),
        release=release,
        files=files,
        newest=newest,
        tables=tables,
        shown=SHOWN_PER_LIST,
        citation=citation(release.version, release_url(site_url, release.version)),
        summary=change_counts(release.changes) if release.changes is not None else "",
    )


def table_summary(table) -> dict:
    rows = table.changed_rows
    counts = Table(
        ["Table", "Rows added", "Rows removed", "Rows changed"],
        [[table.table, len(table.added), len(table.removed), len(rows)]],
        caption=f"Changes to {table.table}",
        row_headers=False,
    )
    return {
        "name": table.table,
        "counts": counts,
        "added": table.added,
        "removed": table.removed,
        "changed": table.changed,
        "columns_added": table.columns_added,
        "columns_removed": table.columns_removed,
    }


def change_counts(changes: list) -> str:
    if not changes:
        return "no data changed"
    added = sum(len(t.added) for t in changes)
    removed = sum(len(t.removed) for t in changes)
    changed = sum(len(t.changed_rows) for t in changes)
    return (
        f"{added} row{'s' if added != 1 else ''} added, {removed} removed, {changed} "
        f"changed, in {len(changes)} table{'s' if len(changes) != 1 else ''}"
    )
