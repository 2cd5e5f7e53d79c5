"""Downloads: the packages as validated, one zip, a SQLite database, and the downloads page.

Everything goes into docs/downloads/. File names carry the data version (the date of the last
data change) so that a citation points at a definite state; a "latest" copy keeps a stable URL.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Callable

from .paths import ROOT
from .sqlite_export import VIEWS, write_sqlite

NAME = "Scotland's children's services planning, as open data"
DESCRIPTION = ("Every Children's Services Planning Partnership in Scotland: the councils and NHS "
               "boards that make it up, its member organisations, its children's services plans "
               "and reports with their priorities worded as published, the measures of success "
               "they set, official statistics for each council area, and the Scottish "
               "Government's national reviews of the plans. Every row names its public source.")
LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
ZIP_STEM = "scotland-cspp-data"
SQLITE_STEM = "scotland-cspp"
DATA_LICENCE_FILE = ROOT / "LICENSE-DATA.md"


def write_downloads(model, docs, packages_root, site_url: str | None = None,
                    sqlite: Callable[[], Path] | None = None) -> None:
    """Write docs/downloads/: package copies, zip, SQLite (each with a latest alias), the page.

    sqlite, if given, returns a SQLite export already being written elsewhere (the build starts
    it early in a worker); otherwise the export is written here.
    """
    out = Path(docs) / "downloads"
    packages_root = Path(packages_root)
    version = data_version(packages_root)
    site_url = site_url or os.environ.get("SITE_URL") or None
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    copy_packages(packages_root, out)
    zip_path = out / f"{ZIP_STEM}-{version}.zip"
    page_url = f"{site_url.rstrip('/')}/downloads/" if site_url else None
    write_zip(zip_path, packages_root, readme(model, packages_root, version, page_url), version)
    shutil.copyfile(zip_path, out / f"{ZIP_STEM}-latest.zip")
    sqlite_path = out / f"{SQLITE_STEM}-{version}.sqlite"
    if sqlite is None:
        write_sqlite(packages_root, sqlite_path)
    else:
        shutil.move(sqlite(), sqlite_path)
    shutil.copyfile(sqlite_path, out / f"{SQLITE_STEM}-latest.sqlite")
    (out / "index.md").write_text(page(model, out, version, site_url), encoding="utf-8")


# Version

def data_version(packages_root: Path) -> str:
    """Date (YYYY-MM-DD) of the last data change: the last commit touching the packages.

    Uncommitted changes, or no git at all, fall back to the newest CSV or descriptor mtime.
    """
    committed = git_date(packages_root)
    return committed or mtime_date(packages_root)


def git_date(packages_root: Path) -> str | None:
    def git(*args: str) -> str:
        result = subprocess.run(["git", "-C", str(packages_root), *args, "--", "."],
                                capture_output=True, text=True, timeout=30)
        if result.returncode != 0:
            raise OSError(result.stderr)
        return result.stdout.strip()

    try:
        if git("status", "--porcelain"):
            return None
        return git("log", "-1", "--format=%cs") or None
    except (OSError, subprocess.SubprocessError):
        return None


def mtime_date(packages_root: Path) -> str:
    files = [*packages_root.glob("*/*.csv"), *packages_root.glob("*/datapackage.json")]
    newest = max(path.stat().st_mtime for path in files)
    return dt.datetime.fromtimestamp(newest, dt.timezone.utc).date().isoformat()


# Files

def package_files(packages_root: Path) -> list[Path]:
    """Each package's datapackage.json and the CSVs it lists, in a stable order."""
    files = []
    for descriptor_path in sorted(packages_root.glob("*/datapackage.json")):
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8-sig"))
        files.append(descriptor_path)
        files += [descriptor_path.parent / resource["path"] for resource in descriptor["resources"]]
    return files


def copy_packages(packages_root: Path, out: Path) -> None:
    """Byte copies, so a download is exactly what was validated."""
    for path in package_files(packages_root):
        target = out / path.relative_to(packages_root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def write_zip(zip_path: Path, packages_root: Path, readme_text: str, version: str) -> None:
    """One folder holding README.md, the data licence and every package, with fixed timestamps."""
    folder = zip_path.stem
    stamp = zip_timestamp(version)
    entries = [(f"{folder}/README.md", readme_text.encode("utf-8"))]
    if DATA_LICENCE_FILE.exists():
        entries.append((f"{folder}/LICENSE-DATA.md", DATA_LICENCE_FILE.read_bytes()))
    entries += [(f"{folder}/{path.relative_to(packages_root).as_posix()}", path.read_bytes())
                for path in package_files(packages_root)]
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def zip_timestamp(version: str) -> tuple[int, ...]:
    """Midnight of the data version, so the same data always gives the same zip."""
    day = dt.date.fromisoformat(version)
    return (day.year, day.month, day.day, 0, 0, 0)


# Texts shared by the README and the page

def citation(version: str, url: str | None = None) -> str:
    """A ready citation of the data at `version`; the site uses it on partnership pages too."""
    year = version[:4]
    text = (f"{NAME} ({year}). {NAME}: data packages, version {version} [data set]. "
            f"Licensed under the {LICENCE_NAME}.")
    return f"{text} {url}" if url else text


def bibtex(version: str, url: str | None = None) -> str:
    lines = [f"@misc{{scotland_cspp_{version.replace('-', '_')},",
             f"  author = {{{{{NAME}}}}},",
             f"  title = {{{NAME}: data packages}},",
             f"  year = {{{version[:4]}}},",
             f"  version = {{{version}}},",
             f"  note = {{Data set. {LICENCE_NAME}}},"]
    if url:
        lines.append(f"  url = {{{url}}},")
    return "\n".join(lines + ["}"])


def licence_rows(model) -> list[tuple[str, str, str]]:
    """(publisher, licence as recorded or "", where recorded) for each indicator publisher."""
    indicators = model.table("indicators")
    rows = []
    for publisher, group in indicators.groupby("publisher", sort=True):
        licences = sorted(set(group["licence"]) - {""})
        rows.append((publisher, "; ".join(licences), "indicators.csv, column licence"))
    return rows


def package_sources(model) -> list[tuple[str, str, str, str]]:
    """(package, package licence, source title, source URL or "") from each descriptor."""
    rows = []
    for name, descriptor in sorted(model.descriptors.items()):
        licence = "; ".join(item.get("title") or item.get("name", "")
                            for item in descriptor.get("licenses", []))
        for source in descriptor.get("sources", []):
            rows.append((name, licence, source.get("title", ""), source.get("path", "")))
    return rows


def data_dictionary(model, packages_root: Path) -> str:
    try:
        from .dictionary import render_data_dictionary
    except ImportError:
        return fields_listing(model)
    try:
        return render_data_dictionary(model, root=packages_root)
    except TypeError:
        return render_data_dictionary(model)


def fields_listing(model) -> str:
    lines = ["# Data dictionary", ""]
    for package, descriptor in sorted(model.descriptors.items()):
        for resource in descriptor["resources"]:
            lines += [f"## {package}/{resource['path']}", ""]
            lines += [f"- `{field['name']}` ({field['type']}): {field.get('description', '')}"
                      for field in resource["schema"]["fields"]]
            lines.append("")
    return "\n".join(lines)


# README inside the zip

def readme(model, packages_root: Path, version: str, page_url: str | None = None) -> str:
    parts = [f"# {NAME}", "", f"Data version: {version} (the date of the last change to the data).",
             "", DESCRIPTION, "", "## Licence", "",
             f"The compilation is released under the {LICENCE_NAME}: {LICENCE_URL}. "
             "LICENSE-DATA.md says which licence each source carries.", "",
             "Licences recorded for the official statistics (indicators.csv):", ""]
    parts += [f"- {publisher}: {licence or 'not yet found (licence not confirmed)'}"
              for publisher, licence, _ in licence_rows(model)]
    parts += ["", "## How to cite", "", citation(version, page_url), "", "```bibtex",
              bibtex(version, page_url), "```", "", "## Sources", ""]
    parts += [f"- {package}: {title}" + (f" <{url}>" if url else "")
              for package, _, title, url in package_sources(model)]
    parts += ["", "Every row also names the public page that shows its values in `source_url`.",
              "", "## Files", "",
              "Each folder is a Frictionless tabular data package: `datapackage.json` describes "
              "every CSV, its fields, keys and sources, and validates with "
              "`frictionless validate <package>/datapackage.json`. The same tables, with keys "
              "and joined views, are published as a SQLite database"
              + (f" at {page_url}" if page_url else "") + ".", "",
              demote(data_dictionary(model, packages_root))]
    return "\n".join(parts) + "\n"


def demote(markdown: str) -> str:
    """The dictionary's headings one level down, below the README's own."""
    return "\n".join("#" + line if line.startswith("#") else line
                     for line in markdown.splitlines())


# The downloads page

FORMATS = {".zip": "application/zip", ".sqlite": "application/vnd.sqlite3",
           ".json": "application/json", ".csv": "text/csv"}


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def page(model, out: Path, version: str, site_url: str | None) -> str:
    page_url = f"{site_url.rstrip('/')}/downloads/" if site_url else None
    parts = ["# Downloads", "",
             f"Data version **{html.escape(version)}**: the date of the last change to the data. "
             "Every file on this page holds that version.", "",
             "## Everything at once", "",
             file_table(out, [f"{ZIP_STEM}-latest.zip", f"{ZIP_STEM}-{version}.zip",
                              f"{SQLITE_STEM}-latest.sqlite", f"{SQLITE_STEM}-{version}.sqlite"],
                        bulk_description(version)), "",
             "The zip holds every data package with a README (licence, citation, sources and the "
             "data dictionary). The SQLite database holds every table with its primary and "
             "foreign keys, and these views: "
             + ", ".join(f"`{name}`" for name in VIEWS) + ". Indicator values stay per council "
             "area: a partnership of several councils (Tayside) has one row per council, never "
             "an average.", "",
             "## Each package", "",
             file_table(out, package_names(out), package_description(model)), "",
             "## Licence", "", licence_html(model), "",
             "## How to cite", "", cite_box(version, page_url), "",
             json_ld(model, out, version, site_url)]
    if (out.parent / "data" / "index.md").exists():
        parts[2:2] = ["Every field is described in the [data dictionary](../data/index.md).", ""]
    return "\n".join(parts) + "\n"


def package_names(out: Path) -> list[str]:
    """The copied package files, relative to downloads/, each descriptor before its CSVs."""
    return [path.relative_to(out).as_posix() for path in package_files(out)]


def bulk_description(version: str) -> dict[str, str]:
    return {f"{ZIP_STEM}-latest.zip": "All packages, zipped (always the latest version)",
            f"{ZIP_STEM}-{version}.zip": f"All packages, zipped (version {version})",
            f"{SQLITE_STEM}-latest.sqlite": "All tables in one SQLite database (latest)",
            f"{SQLITE_STEM}-{version}.sqlite": f"All tables in one SQLite database "
                                               f"(version {version})"}


def package_description(model) -> dict[str, str]:
    descriptions = {}
    for name, descriptor in model.descriptors.items():
        descriptions[f"{name}/datapackage.json"] = (f"Descriptor of the {name} package: "
                                                    "fields, keys, sources, licence")
        for resource in descriptor["resources"]:
            descriptions[f"{name}/{resource['path']}"] = resource.get("title", resource["name"])
    return descriptions


def file_table(out: Path, names: list[str], descriptions: dict[str, str]) -> str:
    rows = []
    for name in names:
        path = out / name
        rows.append(f'<tr><td><a href="{html.escape(name)}">{html.escape(name)}</a></td>'
                    f"<td>{html.escape(descriptions.get(name, ''))}</td>"
                    f"<td>{FORMATS.get(path.suffix, '')}</td>"
                    f'<td data-bytes="{path.stat().st_size}">{human_size(path.stat().st_size)}'
                    "</td></tr>")
    return ("<table>\n<thead><tr><th scope=\"col\">File</th><th scope=\"col\">Holds</th>"
            "<th scope=\"col\">Format</th><th scope=\"col\">Size</th></tr></thead>\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody>\n</table>")


def licence_html(model) -> str:
    intro = (f"<p>The data are released under the <a href=\"{LICENCE_URL}\">{LICENCE_NAME}</a>, "
             "as each <code>datapackage.json</code> states. The code that builds this site is "
             "under the MIT licence. The sources keep their own terms:</p>")
    rows = [f"<tr><td>{html.escape(publisher)}</td><td>"
            f"{html.escape(licence) if licence else 'not yet found: the licence is not confirmed'}"
            "</td></tr>" for publisher, licence, _ in licence_rows(model)]
    sources = [f"<tr><td>{html.escape(package)}</td><td>{source_link(title, url)}</td></tr>"
               for package, _, title, url in package_sources(model)]
    return "\n".join([
        intro,
        "<table>\n<caption>Licence of each official statistics publisher, as recorded in "
        "indicators.csv</caption>\n<thead><tr><th scope=\"col\">Publisher</th>"
        "<th scope=\"col\">Licence</th></tr></thead>\n<tbody>", *rows, "</tbody>\n</table>",
        "<table>\n<caption>Sources of each package, as listed in its datapackage.json</caption>\n"
        "<thead><tr><th scope=\"col\">Package</th><th scope=\"col\">Source</th></tr></thead>\n"
        "<tbody>", *sources, "</tbody>\n</table>"])


def source_link(title: str, url: str) -> str:
    if url.startswith("https://"):
        return f'<a href="{html.escape(url)}">{html.escape(title)}</a>'
    return html.escape(title)


def cite_box(version: str, url: str | None) -> str:
    return "\n".join([
        '<div class="admonition quote cite-box">',
        '<p class="admonition-title">Ready citation</p>',
        f"<p>{html.escape(citation(version, url))}</p>",
        f"<pre><code>{html.escape(bibtex(version, url))}</code></pre>",
        "</div>"])


# schema.org Dataset metadata

def json_ld(model, out: Path, version: str, site_url: str | None) -> str:
    text = json.dumps(dataset_metadata(model, out, version, site_url), indent=2,
                      ensure_ascii=False)
    # Inside <script>, "</" could close the element: escape the characters HTML cares about.
    for char in "<>&":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def dataset_metadata(model, out: Path, version: str, site_url: str | None) -> dict:
    base = f"{site_url.rstrip('/')}/downloads/" if site_url else ""
    start, end = temporal_coverage(model)
    creator = {"@type": "Organization", "name": NAME}
    metadata = {
        "@context": "https://schema.org/", "@type": "Dataset", "name": NAME,
        "description": DESCRIPTION, "license": LICENCE_URL, "creator": creator,
        "publisher": creator, "version": version, "dateModified": version,
        "isAccessibleForFree": True, "temporalCoverage": f"{start}/{end}",
        "spatialCoverage": {"@type": "Place", "name": "Scotland", "identifier": "S92000003"},
        "keywords": ["children's services planning", "Scotland", "CSPP", "GIRFEC",
                     "local government", "open data"],
        "citation": citation(version, base or None),
        "distribution": distribution(out, version, base)}
    if base:
        metadata["url"] = base
    return metadata


def distribution(out: Path, version: str, base: str) -> list[dict]:
    names = [f"{ZIP_STEM}-latest.zip", f"{SQLITE_STEM}-latest.sqlite"]
    names += package_names(out)
    return [{"@type": "DataDownload", "name": name, "contentUrl": base + name,
             "encodingFormat": FORMATS[Path(name).suffix],
             "contentSize": f"{(out / name).stat().st_size} B"} for name in names]


def temporal_coverage(model) -> tuple[int, int]:
    """First and last year named by any plan or indicator period."""
    plans = model.table("plans")
    years = [int(year) for year in plans["period_start"].dropna()]
    years += [int(year) for year in plans["period_end"].dropna()]
    periods = model.table("indicator_values")["period"].drop_duplicates()
    years += [int(year) for year in periods.str.extract(r"^(\d{4})")[0].dropna()]
    return min(years), max(years)
