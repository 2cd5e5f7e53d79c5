"""Downloads: the packages as validated, one zip, a SQLite database with its Datasette
metadata, and every table as Parquet, listed for the downloads page (render/pages renders it).

Everything goes into docs/downloads/. File names carry the data version (the date of the last
data change) so that a citation points at a definite state; a "latest" copy keeps a stable URL.
Past versions keep theirs under releases/ (publish/releases.py).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..load.history import HistoryError, git
from ..load.model import (
    SOURCES,
    Model,
    citing_fields,
    load_model,
    published,
    read_text,
    with_citations,
)
from ..load.packages import package_files
from ..paths import ROOT
from ..render.pages import downloads as page
from ..text_rules import spreadsheet_csv
from .datasette import datasette_metadata
from .parquet import write_parquet
from .sqlite import all_views, package_fields, write_sqlite

ZIP_STEM = "scotland-cspp-data"
SQLITE_STEM = "scotland-cspp"
METADATA_FILE = "scotland-cspp-metadata.json"
PARQUET = "parquet"
WITH_SOURCES = "with-sources"
DATA_LICENCE_FILE = ROOT / "LICENSE-DATA.md"


@dataclass
class Written:
    """What write_downloads wrote, for the downloads page: each file (name under downloads/,
    size, what it holds), the data version and the SQLite file's views."""

    files: list[dict]
    version: str
    views: dict[str, str]


@dataclass
class Exports:
    """The SQLite file and the Parquet folder, each returned by a callable when it is ready (the
    build writes them early in workers)."""

    sqlite: Callable[[], Path]
    parquet: Callable[[], Path]


def write_downloads(
    site,
    docs: Path,
    packages_root: Path,
    site_url: str | None,
    exports: Exports | None = None,
    model: Model | None = None,
) -> Written:
    """Write docs/downloads/: package copies, zip, SQLite (each with a latest alias), Datasette
    metadata, Parquet; return their listing. Without exports, the SQLite and Parquet are written
    here. model: the packages as the build loaded them (their bytes and tables); without it they
    are loaded here."""
    model = model or load_model(packages_root)
    out = docs / "downloads"
    files = package_files(site.packages)
    contents = file_contents(files, model)
    version = data_version(packages_root, files)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for path in files:
        target = out / path.relative_to(packages_root)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(contents[path])  # byte copies: a download is exactly what was validated
    cited = cited_tables(model)
    for name, data in cited:
        target = out / WITH_SOURCES / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    zip_path = out / f"{ZIP_STEM}-{version}.zip"
    write_zip(
        zip_path,
        packages_root,
        files,
        page.readme(site.packages, site.indicators, version, site_url),
        version,
        cited,
        contents,
    )
    shutil.copyfile(zip_path, out / f"{ZIP_STEM}-latest.zip")
    exports = exports or Exports(
        lambda: write_sqlite(packages_root, out / "export.sqlite"),
        lambda: write_parquet(packages_root, out / "export-parquet"),
    )
    sqlite_path = out / f"{SQLITE_STEM}-{version}.sqlite"
    shutil.move(exports.sqlite(), sqlite_path)
    shutil.copyfile(sqlite_path, out / f"{SQLITE_STEM}-latest.sqlite")
    metadata = datasette_metadata(site.packages, [f"{SQLITE_STEM}-latest", sqlite_path.stem])
    (out / METADATA_FILE).write_text(
        json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    shutil.move(exports.parquet(), out / PARQUET)
    listing = (
        bulk_files(out, version)
        + package_listing(site, out, packages_root, files)
        + cited_listing(site, out)
        + parquet_listing(site, out)
    )
    return Written(listing, version, all_views(package_fields(site.packages)))


def bulk_files(out: Path, version: str) -> list[dict]:
    holds = {
        f"{ZIP_STEM}-latest.zip": "All packages, zipped (always the latest version)",
        f"{ZIP_STEM}-{version}.zip": f"All packages, zipped (version {version})",
        f"{SQLITE_STEM}-latest.sqlite": "All tables in one SQLite database (latest)",
        f"{SQLITE_STEM}-{version}.sqlite": f"All tables in one SQLite database (version {version})",
        METADATA_FILE: "Datasette metadata for the SQLite database: descriptions of every "
        "table and column, licence, sources, canned queries",
    }
    return [
        {
            "name": name,
            "holds": text,
            "size": (out / name).stat().st_size,
            "kind": "bulk",
            "listed_in_metadata": version not in name,
        }
        for name, text in holds.items()
    ]


def cited_listing(site, out: Path) -> list[dict]:
    """Each table written with its sources joined (with_sources), with what it holds."""
    titles = resource_titles(site)
    return [
        {
            "name": path.relative_to(out).as_posix(),
            "holds": f"{titles[path.relative_to(out / WITH_SOURCES).as_posix()]}, with each "
            "source's address and kind",
            "size": path.stat().st_size,
            "kind": "with-sources",
            "listed_in_metadata": False,
        }
        for path in sorted((out / WITH_SOURCES).rglob("*.csv"))
    ]


def parquet_listing(site, out: Path) -> list[dict]:
    """Each table as a Parquet file, with what it holds."""
    return [
        {
            "name": f"{PARQUET}/{name}/{r.name}.parquet",
            "holds": r.title or r.name,
            "size": (out / PARQUET / name / f"{r.name}.parquet").stat().st_size,
            "kind": "parquet",
            "listed_in_metadata": True,
        }
        for name, package in site.packages.items()
        for r in package.resources
    ]


def resource_titles(site) -> dict[str, str]:
    """Each CSV's title, by its path under the packages (package/file.csv)."""
    return {
        f"{name}/{r.path}": r.title or r.name
        for name, package in site.packages.items()
        for r in package.resources
    }


def package_listing(site, out: Path, packages_root: Path, files: list[Path]) -> list[dict]:
    """Each package's descriptor, then its CSVs, with what each holds."""
    titles = resource_titles(site)
    listing = []
    for path in files:
        name = path.relative_to(packages_root).as_posix()
        package_name = name.split("/")[0]
        holds = titles.get(name) or (
            f"Descriptor of the {package_name} package: fields, keys, sources, licence"
        )
        listing.append(
            {
                "name": name,
                "holds": holds,
                "size": (out / name).stat().st_size,
                "kind": "package",
                "listed_in_metadata": True,
            }
        )
    return listing


# Version


def data_version(packages_root: Path, files: list[Path]) -> str:
    """Date (YYYY-MM-DD) of the last data change: the last commit touching the data files (the
    descriptors and CSVs; not, say, the generated data dictionary beside them).

    Uncommitted changes to them, or no git at all, fall back to the newest file's day.
    """
    names = [path.relative_to(packages_root).as_posix() for path in files]
    return git_date(packages_root, names) or mtime_date(files)


def git_date(packages_root: Path, names: list[str]) -> str | None:
    try:
        if git(packages_root, "status", "--porcelain", "--", *names):
            return None
        return git(packages_root, "log", "-1", "--format=%cs", "--", *names) or None
    except HistoryError:
        return None


def mtime_date(files: list[Path]) -> str:
    newest = max(path.stat().st_mtime for path in files)
    return dt.datetime.fromtimestamp(newest, dt.UTC).date().isoformat()


# The zip


def file_contents(files: list[Path], model: Model) -> dict[Path, bytes]:
    """Each file's bytes: the CSVs as the model read them, the descriptors from disk."""
    return {path: model.files[path] if path in model.files else path.read_bytes() for path in files}


def cited_tables(model: Model) -> list[tuple[str, bytes]]:
    """Each CSV that cites sources, with the source's address and kind beside every source_id
    column (package/table.csv), from the citations the model joined. None for data older than
    the sources table."""
    if SOURCES not in model.texts:
        return []
    return [
        (
            f"{name}/{resource.path}",
            spreadsheet_csv(published(model.text(resource.name))).encode("utf-8"),
        )
        for name, package in model.packages.items()
        for resource in package.resources
        if resource.name != SOURCES and citing_fields(model.text(resource.name))
    ]


def with_sources(packages_root: Path, files: list[Path]) -> list[tuple[str, bytes]]:
    """cited_tables for packages not loaded as a model (a release's files, read from git)."""
    sources_csv = packages_root / "sources" / "sources.csv"
    if sources_csv not in files:
        return []
    sources = read_text(sources_csv).set_index("source_id")
    out = []
    for path in files:
        if path.suffix != ".csv" or path == sources_csv:
            continue
        table = read_text(path)
        if citing_fields(table):
            cited = published(with_citations(table, sources))
            out.append(
                (path.relative_to(packages_root).as_posix(), spreadsheet_csv(cited).encode("utf-8"))
            )
    return out


def write_zip(
    zip_path: Path,
    packages_root: Path,
    files: list[Path],
    readme: str,
    version: str,
    cited: list[tuple[str, bytes]] | None = None,
    contents: dict[Path, bytes] | None = None,
) -> None:
    """One folder holding README.md, the data licence and every package, with fixed timestamps
    (midnight of the data version), so the same data always gives the same zip. contents: the
    files' bytes where already read (else they are read here)."""
    contents = contents or {}
    folder = zip_path.stem
    day = dt.date.fromisoformat(version)
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    entries = [(f"{folder}/README.md", readme.encode("utf-8"))]
    if DATA_LICENCE_FILE.exists():
        entries.append((f"{folder}/LICENSE-DATA.md", DATA_LICENCE_FILE.read_bytes()))
    entries += [
        (
            f"{folder}/{path.relative_to(packages_root).as_posix()}",
            contents[path] if path in contents else path.read_bytes(),
        )
        for path in files
    ]
    if cited is None:
        cited = with_sources(packages_root, files)
    entries += [(f"{folder}/{WITH_SOURCES}/{name}", data) for name, data in cited]
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
