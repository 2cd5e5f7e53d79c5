"""cspp fetch FEED: download a publisher's current file from its open interface, keep it as a new
snapshot, rerun its transform and write the new rows; all of it, or nothing.

The interfaces are data (measures/statistics_feeds.csv). The work is done in a scratch copy of
the packages and validated there; only then are the changed files copied back, so a malformed
answer, a transform that no longer recognises the file or invalid rows leave every file as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pandas as pd

from ..load.history import text_tables
from ..load.model import read_text
from ..shape.changes import data_changes, summary
from ..sources import free_id
from ..validate.problems import Problem
from .download import Download, DownloadError, Settings, download
from .refresh import MEASURES, VALUES, RefreshError, refresh
from .snapshots import SNAPSHOT_CACHE, keep_in_cache, sha256_of

FEEDS = "statistics_feeds.csv"
SNAPSHOTS = "snapshots.csv"
COMMIT_LIMIT = 2_000_000  # bytes: a larger file is kept in the cache by its checksum, not committed
HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")
XLSX_START = b"PK\x03\x04"  # an xlsx workbook is a zip file


class FetchError(Exception):
    """The feed's answer could not become a snapshot and its rows; nothing was written."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class Fetched:
    feed_id: str
    snapshot: dict[str, str]  # the new snapshots.csv row; when unchanged, the newest one's
    unchanged: bool
    changes: str = ""  # cspp diff's summary of the data change
    cached: Path | None = None  # where a file too large to commit was kept


def fetch_feed(
    packages: Path,
    feed_id: str,
    today: dt.date,
    settings: Settings = Settings(),
    base_url: str | None = None,
    cache: Path = SNAPSHOT_CACHE,
) -> Fetched:
    """Fetch one feed into packages. base_url, when given, replaces the scheme and host of the
    feed's address (a local server in tests). Raises FetchError, writing nothing, on failure."""
    measures = packages / MEASURES
    feed = feed_row(read_text(measures / FEEDS), feed_id)
    try:
        got = download(address(feed["file_url"], base_url), settings)
    except DownloadError as error:
        raise FetchError(str(error)) from None
    snapshots = read_text(measures / SNAPSHOTS)
    newest = newest_snapshot(snapshots, feed["file_url"])
    if newest is not None and newest["sha256"] == sha256_of(got.data):
        return Fetched(feed_id, newest, unchanged=True)
    refuse_wrong_kind(got, feed)
    record = snapshot_record(feed, got, today, set(snapshots["snapshot_id"]))
    changes = write_snapshot(packages, record, got.data, cache)
    cached = None if record["path"] else keep_in_cache(got.data, cache)
    return Fetched(feed_id, record, unchanged=False, changes=changes, cached=cached)


def feed_row(feeds: pd.DataFrame, feed_id: str) -> pd.Series:
    found = feeds[feeds["feed_id"] == feed_id]
    if found.empty:
        raise FetchError(
            f'no feed "{feed_id}" in datapackages/measures/{FEEDS}. The feeds are: '
            f"{', '.join(feeds['feed_id']) or 'none'}"
        )
    return found.iloc[0]


def address(file_url: str, base_url: str | None) -> str:
    """The feed's address, or the same path asked of base_url instead of the publisher's host."""
    if not base_url:
        return file_url
    parts = urlsplit(file_url)
    return base_url.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")


def newest_snapshot(snapshots: pd.DataFrame, file_url: str) -> dict[str, str] | None:
    """The last retrieved snapshot of the file at this address, or None if none was kept."""
    same = snapshots[snapshots["file_url"] == file_url]
    if same.empty:
        return None
    return same.sort_values("retrieved", kind="stable").iloc[-1].to_dict()


def refuse_wrong_kind(got: Download, feed: pd.Series) -> None:
    """An empty file, an HTML page, or bytes of the other kind: each a FetchError."""
    expected = feed["file_type"]
    start = got.data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not got.data:
        raise FetchError(
            f"{got.url} answered with an empty file where a {expected} was "
            "expected. Try again later; if it stays empty, check the address on "
            f"the publisher's page ({feed['publisher_page']})"
        )
    if "html" in got.content_type.lower() or start.startswith(HTML_STARTS):
        raise FetchError(
            f"{got.url} answered with a web page (Content-Type "
            f"{got.content_type or 'not given'}), not the {expected} expected: an "
            "error or sign-in page, or the file has moved. Open the address in a "
            "browser; if the file moved, correct file_url in "
            f"datapackages/measures/{FEEDS}"
        )
    if not looks_like(expected, got.data):
        raise FetchError(
            f"{got.url} did not answer with a {expected} file (Content-Type "
            f"{got.content_type or 'not given'}). Check that the address still "
            f"gives the file, and that file_type in datapackages/measures/{FEEDS} "
            "is right"
        )


def looks_like(file_type: str, data: bytes) -> bool:
    """A workbook is a zip file; a CSV is text, so it holds no zero byte and is no zip."""
    if file_type == "xlsx":
        return data.startswith(XLSX_START)
    return not data.startswith(XLSX_START) and b"\x00" not in data[:65536]


def snapshot_record(
    feed: pd.Series, got: Download, today: dt.date, taken: set[str]
) -> dict[str, str]:
    """The new snapshots.csv row. The release is not known from the file, so it is called by
    the day it was fetched and its date is left blank."""
    snapshot_id = free_id(f"{feed['snapshot_id_prefix']}-{today.isoformat()}", taken)
    name = PurePosixPath(urlsplit(feed["file_url"]).path).name
    dated = f" The server dated the file {got.last_modified}." if got.last_modified else ""
    return {
        "snapshot_id": snapshot_id,
        "publisher": feed["publisher"],
        "title": feed["title"],
        "format": feed["format"],
        "release": f"as fetched on {today.isoformat()}",
        "release_date": "",
        "publisher_page": feed["publisher_page"],
        "file_url": feed["file_url"],
        "copied_from": "",
        "copied_on": "",
        "retrieved": today.isoformat(),
        "licence": feed["licence"],
        "sha256": sha256_of(got.data),
        "bytes": str(len(got.data)),
        "path": f"snapshots/{snapshot_id}/{name}" if len(got.data) <= COMMIT_LIMIT else "",
        "series_held": "",  # the publisher's whole file holds every series it carries
        "next_update": "",
        "next_update_source_id": "",
        "source_id": feed["source_id"],
        "notes": f"Fetched from the publisher's address by cspp fetch {feed['feed_id']}.{dated}"
        + ("" if len(got.data) <= COMMIT_LIMIT else " Too large to commit; kept by its checksum."),
    }


def write_snapshot(packages: Path, record: dict[str, str], data: bytes, cache: Path) -> str:
    """Add the snapshot and its rows in a scratch copy, validate, then copy the changed files
    back; returns the data change as cspp diff prints it. FetchError if anything fails."""
    with tempfile.TemporaryDirectory(prefix="cspp-fetch-") as scratch:
        trial, trial_cache = Path(scratch) / "datapackages", Path(scratch) / "cache"
        shutil.copytree(packages, trial)
        add_snapshot(trial / MEASURES, record, data, trial_cache)
        try:
            refresh(trial, [record["snapshot_id"]], trial_cache)
        except RefreshError as error:
            raise FetchError(str(error), error.problems) from None
        changes = summary(data_changes(text_tables(packages), text_tables(trial)))
        changed = [record["path"]] if record["path"] else []
        if not record["path"]:
            keep_in_cache(data, cache)  # too large to commit: kept where refresh looks for it
        for name in changed + [VALUES, SNAPSHOTS]:  # the record last: it names the others
            copy_into_place(trial / MEASURES / name, packages / MEASURES / name)
    return changes


def add_snapshot(measures: Path, record: dict[str, str], data: bytes, cache: Path) -> None:
    if record["path"]:
        (measures / record["path"]).parent.mkdir(parents=True, exist_ok=True)
        (measures / record["path"]).write_bytes(data)
    else:
        keep_in_cache(data, cache)
    append_row(measures / SNAPSHOTS, record)


def append_row(path: Path, row: dict[str, str]) -> None:
    """One row at the end of a CSV, its columns in the file's order; the rows above untouched."""
    text = path.read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow([row[column] for column in header])
    path.write_text(
        text + ("" if text.endswith("\n") else "\n") + line.getvalue(), encoding="utf-8"
    )


def copy_into_place(source: Path, target: Path) -> None:
    """Copy, then rename over the target: a reader never sees a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    shutil.copyfile(source, partial)
    os.replace(partial, target)
