"""Downloads for researchers: package copies, zip, SQLite, JSON-LD, citation, freshness, sub-path.

One site is built under a sub-path URL (as on GitHub Pages) and every test reads from it. Expected
values are computed here from the CSVs and descriptors, never taken from the output.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import sqlite3
import subprocess
import zipfile
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import frictionless
import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup

from cspp import cli
from cspp.load.model import load_model, read_table
from cspp.load.packages import package_files, read_packages
from cspp.load.tables import named_tables
from cspp.paths import DATAPACKAGES, ROOT
from cspp.publish.downloads import data_version, with_sources, write_downloads
from cspp.publish.releases import changes_csv
from cspp.publish.sqlite import (
    add_period_order,
    add_views,
    resource_fields,
    sql_resources,
    write_sqlite,
)
from cspp.render.pages import downloads_page
from cspp.shape import freshness
from cspp.shape.changes import CellChange, TableChanges
from cspp.shape.site import shape_site
from cspp.text_rules import spreadsheet_csv

from support import edit_csv_rows, page_soup

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built.dir


@pytest.fixture(scope="module")
def site_url(built) -> str:
    """The site's URL: a sub-path, as on GitHub Pages."""
    return built.url


@pytest.fixture(scope="module")
def downloads(site) -> Path:
    return site / "downloads"


def descriptors() -> dict[Path, dict]:
    return {
        path: json.loads(path.read_text(encoding="utf-8-sig"))
        for path in sorted(DATAPACKAGES.glob("*/datapackage.json"))
    }


def resources() -> list[tuple[Path, dict]]:
    """(csv path, resource descriptor) for every resource of every package."""
    return [
        (path.parent / resource["path"], resource)
        for path, descriptor in descriptors().items()
        for resource in descriptor["resources"]
    ]


def csv_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def version_on_page(downloads: Path) -> str:
    """The data version the downloads page states (the rule is tested on its own below)."""
    text = soup(downloads / "index.html").get_text(" ")
    return re.search(r"Data version (\d{4}-\d{2}-\d{2})", " ".join(text.split())).group(1)


def soup(path: Path) -> BeautifulSoup:
    return page_soup(path)


# Package copies and file names


def test_each_package_file_is_a_byte_copy(downloads):
    for path, descriptor in descriptors().items():
        names = ["datapackage.json"] + [resource["path"] for resource in descriptor["resources"]]
        for name in names:
            copy = downloads / path.parent.name / name
            assert copy.read_bytes() == (path.parent / name).read_bytes(), copy


def test_file_names_carry_the_data_version_with_latest_aliases(downloads):
    version = version_on_page(downloads)
    pairs = [
        (f"scotland-cspp-data-{version}.zip", "scotland-cspp-data-latest.zip"),
        (f"scotland-cspp-{version}.sqlite", "scotland-cspp-latest.sqlite"),
    ]
    for versioned, latest in pairs:
        assert (downloads / versioned).read_bytes() == (downloads / latest).read_bytes()


def test_without_git_the_version_is_the_newest_data_file(packages):
    def stamp(day: str) -> float:
        return dt.datetime.fromisoformat(f"{day}T12:00:00+00:00").timestamp()

    for path in packages.glob("*/*"):
        os.utime(path, (stamp("2025-03-04"), stamp("2025-03-04")))
    newest = packages / "plans" / "priorities.csv"
    os.utime(newest, (stamp("2025-06-07"), stamp("2025-06-07")))
    assert version_of(packages) == "2025-06-07"  # the copy in tmp is not in a git checkout


def version_of(packages: Path) -> str:
    files = sorted(packages.glob("*/datapackage.json")) + sorted(packages.glob("*/*.csv"))
    return data_version(packages, files)


def git(folder: Path, *args: str, date: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-C", str(folder), *args], check=True, env=env, capture_output=True)


def test_in_git_the_version_is_the_day_of_the_last_commit_to_the_data(packages):
    repository = packages.parent
    git(repository, "init", "-q")
    git(repository, "add", ".")
    git(repository, "commit", "-q", "-m", "data", date="2025-01-02T10:00:00+00:00")
    (repository / "README.md").write_text("not data\n", encoding="utf-8")
    (packages / "DATA_DICTIONARY.md").write_text("generated from the schemas\n", encoding="utf-8")
    git(repository, "add", ".")
    git(repository, "commit", "-q", "-m", "docs", date="2025-09-10T10:00:00+00:00")
    assert version_of(packages) == "2025-01-02"  # only descriptors and CSVs are the data

    edit_csv_rows(packages / "plans" / "plans.csv", lambda rows: rows[0].update(title="New"))
    for path in packages.glob("*/*"):
        os.utime(path, (1_672_574_400, 1_672_574_400))  # 2023-01-01 12:00 UTC
    os.utime(packages / "plans" / "plans.csv", (1_699_963_200, 1_699_963_200))  # 2023-11-14
    assert version_of(packages) == "2023-11-14"  # uncommitted: the newest file's day


def write_downloads_and_page(site, docs: Path, packages: Path, released: bool = False) -> None:
    """The files (publish/downloads.py), then their page (render/pages), as the build does."""
    written = write_downloads(site, docs, packages, None)
    write_page(site, docs, written, released)


def write_page(site, docs: Path, written, released: bool) -> None:
    page = downloads_page(site, written.files, written.version, None, written.views, released)
    for name, text in page.items():
        (docs / name).write_text(text, encoding="utf-8")


def test_the_page_links_its_release_only_when_the_data_is_one(small_packages, tmp_path):
    site = shape_site(named_tables(load_model(small_packages)), dt.date(2026, 12, 1))
    written = write_downloads(site, tmp_path, small_packages, None)
    texts = []
    for released in (True, False):
        write_page(site, tmp_path, written, released)
        page = (tmp_path / "downloads" / "index.md").read_text(encoding="utf-8")
        texts.append(BeautifulSoup(page, "html.parser").get_text())
    version = version_of(small_packages)
    released, not_released = texts
    assert f"release {version}](../releases/{version}/index.md)" in released
    assert f"../releases/{version}/" not in not_released and "It is not a release" in not_released


def test_the_same_data_gives_the_same_zip(small_packages, tmp_path):
    site = shape_site(named_tables(load_model(small_packages)), dt.date(2026, 12, 1))
    for name in ("first", "second"):
        write_downloads(site, tmp_path / name, small_packages, None)
    zips = [
        tmp_path / name / "downloads" / "scotland-cspp-data-latest.zip"
        for name in ("first", "second")
    ]
    assert zips[0].read_bytes() == zips[1].read_bytes()


# The zip


def test_zip_holds_a_readme_and_packages_that_validate_with_stock_frictionless(downloads, tmp_path):
    version = version_on_page(downloads)
    with zipfile.ZipFile(downloads / "scotland-cspp-data-latest.zip") as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / f"scotland-cspp-data-{version}"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert f"Data version: {version}" in readme
    assert "Open Government Licence v3.0" in readme and "How to cite" in readme
    for field in ("partnership_id", "period_start", "indicator_id"):
        assert f"`{field}`" in readme  # the data dictionary
    assert (folder / "LICENSE-DATA.md").exists()
    extracted = sorted(folder.glob("*/datapackage.json"))
    assert [path.parent.name for path in extracted] == [p.parent.name for p in descriptors()]
    for path in extracted:
        report = frictionless.validate(path)
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


# The SQLite database


@pytest.fixture(scope="module")
def database(downloads):
    connection = sqlite3.connect(
        f"file:{downloads / 'scotland-cspp-latest.sqlite'}?mode=ro", uri=True
    )
    yield connection
    connection.close()


def test_sqlite_row_counts_equal_the_csvs(database):
    for path, resource in resources():
        (count,) = database.execute(f'SELECT COUNT(*) FROM "{resource["name"]}"').fetchone()
        assert count == len(csv_rows(path)), resource["name"]


def test_sqlite_keeps_a_boolean_as_a_boolean(database):
    expected = {
        p["priority_id"]
        for p in csv_rows(DATAPACKAGES / "plans" / "priorities.csv")
        if p["text_complete"] == "false"
    }
    cut_short = {
        pid
        for (pid,) in database.execute("SELECT priority_id FROM priorities WHERE text_complete = 0")
    }
    assert cut_short == expected and len(expected) == 2
    assert {
        kind
        for (kind,) in database.execute("SELECT DISTINCT typeof(text_complete) FROM priorities")
    } == {"integer"}


def test_sqlite_declares_primary_and_foreign_keys_from_the_schemas(database):
    for _, resource in resources():
        name, schema = resource["name"], resource["schema"]
        columns = database.execute(f'PRAGMA table_info("{name}")').fetchall()
        primary = [column[1] for column in sorted(columns, key=lambda c: c[5]) if column[5]]
        assert primary == schema.get("primaryKey", []), name
        declared = {
            (row[2], row[3], row[4])
            for row in database.execute(f'PRAGMA foreign_key_list("{name}")')
        }
        for key in schema.get("foreignKeys", []) + schema.get("foreignKeysAcrossPackages", []):
            for own, other in zip(key["fields"], key["reference"]["fields"]):
                target = key["reference"]["resource"] or name
                assert (target, own, other) in declared, (name, key)


def statements(path: Path, names: set[str]) -> tuple[list[str], list[set[str]]]:
    """The INSERT statements of the named tables, and each one's definition as a set of clauses
    (SQLAlchemy orders a column's CHECK clauses differently from run to run)."""
    connection = sqlite3.connect(path)
    try:
        lines = list(connection.iterdump())
    finally:
        connection.close()

    def of_named_table(line: str) -> bool:
        match = re.match(r'(?:INSERT INTO|CREATE TABLE) "?(\w+)"?', line)
        return bool(match) and match.group(1) in names

    inserts = sorted(line for line in lines if line.startswith("INSERT") and of_named_table(line))
    tables = sorted(
        {clause.strip().rstrip(",") for clause in re.split(r"\n|(?=CHECK)", line)}
        for line in lines
        if line.startswith("CREATE TABLE") and of_named_table(line)
    )
    return inserts, tables


def test_sqlite_holds_what_frictionless_itself_publishes(packages, tmp_path):
    ours = write_sqlite(packages, tmp_path / "ours.sqlite")
    theirs = tmp_path / "frictionless.sqlite"
    with frictionless.system.use_context(trusted=True):
        frictionless.Package({"name": "all", "resources": sql_resources(packages)}).publish(
            f"sqlite:///{theirs}"
        )
    values = next(r for r in sql_resources(packages) if r["name"] == "indicator_values")
    add_period_order(theirs, read_table(Path(values["path"]), values["schema"]))
    add_views(theirs, resource_fields(sql_resources(packages)))
    # Ours adds the derived priority themes and the search indexes (test_research_formats.py).
    names = {r["name"] for r in sql_resources(packages)} | {"indicator_period_order"}
    our_rows, our_tables = statements(ours, names)
    data_rows = [r for r in our_rows if not r.startswith('INSERT INTO "indicator_period_order"')]
    assert len(data_rows) == sum(len(csv_rows(path)) for path in packages.glob("*/*.csv"))
    assert len(our_tables) == len(names)
    assert (our_rows, our_tables) == statements(theirs, names)


def test_sqlite_foreign_keys_hold(database):
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sqlite_views_join_names_and_keep_council_rows(database):
    names = {
        row["partnership_id"]: row["partnership_name"]
        for row in csv_rows(DATAPACKAGES / "partnerships" / "partnerships.csv")
    }
    plans = csv_rows(DATAPACKAGES / "plans" / "plans.csv")
    rows = database.execute(
        "SELECT plan_id, partnership_name FROM plans_with_partnership"
    ).fetchall()
    assert sorted(rows) == sorted(
        (plan["plan_id"], names[plan["partnership_id"]] or None) for plan in plans
    )
    values = csv_rows(DATAPACKAGES / "measures" / "indicator_values.csv")
    series = {(row["indicator_id"], row["area_code"]) for row in values}
    latest = database.execute(
        "SELECT indicator_id, area_code, period, value FROM latest_indicator_values"
    ).fetchall()
    assert {(row[0], row[1]) for row in latest} == series
    newest: dict[tuple, tuple[int, str]] = {}  # the period with the latest first year
    for row in values:
        first_year = int(re.search(r"\d{4}", row["period"]).group())
        key = (row["indicator_id"], row["area_code"])
        newest[key] = max(newest.get(key, (0, "")), (first_year, row["period"]))
    assert {(row[0], row[1]): row[2] for row in latest} == {k: p for k, (_, p) in newest.items()}
    tayside = {
        row["council_code"]
        for row in csv_rows(DATAPACKAGES / "partnerships" / "councils.csv")
        if row["partnership_id"] == "tayside"
    }
    tayside_rows = database.execute(
        "SELECT DISTINCT area_code FROM latest_indicator_values WHERE partnership_id = 'tayside'"
    )
    assert {row[0] for row in tayside_rows} == tayside  # one row per council, never averaged


# The downloads page


@pytest.fixture(scope="module")
def page(downloads) -> BeautifulSoup:
    return soup(downloads / "index.html")


def test_page_lists_every_download_with_its_size(page, downloads):
    sizes = {}
    for row in page.select("table tr"):
        link, size = row.find("a"), row.find("data")
        if link and size:
            sizes[link["href"]] = int(size["value"])
    files = {
        path.relative_to(downloads).as_posix()
        for path in downloads.rglob("*")
        if path.is_file() and path.name != "index.html"
    }
    assert set(sizes) == files
    for name, size in sizes.items():
        assert (downloads / name).stat().st_size == size


def test_page_shows_version_licence_and_a_ready_citation(page, downloads):
    text = page.get_text(" ")
    version = version_on_page(downloads)
    assert f"Data version {version}" in " ".join(text.split())
    assert page.find("a", href=OGL)
    box = page.select_one(".cite-box")
    assert f"release {version}" in box.get_text()
    assert "Open Government Licence v3.0" in box.get_text()
    # LGBF's licence is blank in indicators.csv, so the page must say it is not confirmed.
    licences = page.find("caption", string=re.compile("^Licence of each")).find_parent("table")
    lgbf = next(
        row
        for row in licences.select("tr")
        if "Local Government Benchmarking Framework" in row.get_text()
    )
    assert "not confirmed" in lgbf.get_text()


def test_json_ld_describes_the_dataset(page, site, site_url, downloads):
    metadata = json.loads(page.find("script", type="application/ld+json").string)
    assert metadata["@context"] == "https://schema.org/" and metadata["@type"] == "Dataset"
    for key in (
        "name",
        "description",
        "license",
        "creator",
        "temporalCoverage",
        "spatialCoverage",
        "distribution",
        "version",
        "dateModified",
    ):
        assert metadata[key], key
    assert metadata["license"] == OGL
    assert metadata["version"] == metadata["dateModified"] == version_on_page(downloads)
    assert metadata["spatialCoverage"]["name"] == "Scotland"
    start, end = (int(year) for year in metadata["temporalCoverage"].split("/"))
    plans = pd.read_csv(DATAPACKAGES / "plans" / "plans.csv")
    assert start <= plans["period_start"].min() and end >= plans["period_end"].max()
    formats = set()
    for item in metadata["distribution"]:
        assert item["@type"] == "DataDownload"
        assert item["contentUrl"].startswith(site_url + "downloads/")
        assert (site / item["contentUrl"][len(site_url) :]).is_file(), item["contentUrl"]
        formats.add(item["encodingFormat"])
    assert {"application/zip", "application/vnd.sqlite3", "text/csv"} <= formats


def test_data_text_on_the_page_is_escaped(small_packages, tmp_path):
    descriptor_path = small_packages / "plans" / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["sources"][0]["title"] = "<script>alert(1)</script> [link](https://evil.example)"
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")
    site = shape_site(named_tables(load_model(small_packages)), dt.date(2026, 12, 1))
    write_downloads_and_page(site, tmp_path, small_packages)
    text = (tmp_path / "downloads" / "index.md").read_text(encoding="utf-8")
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


# A cell that a spreadsheet would run as a formula is written as text (issue 28)


FORMULA = '=HYPERLINK("http://example.org","x")'


def test_the_csvs_for_spreadsheets_put_a_quote_before_a_formula_but_not_before_a_number():
    frame = pd.DataFrame(
        {
            "text": [FORMULA, "@SUM(1+1)*cmd|' /C calc'!A0", "-0.5", "- item", "Plain words"],
            "value": [-0.5, 1.0, 2.0, 3.0, -4.0],
        }
    )
    assert spreadsheet_csv(frame) == (
        "text,value\n"
        '"\'=HYPERLINK(""http://example.org"",""x"")",-0.5\n'
        "'@SUM(1+1)*cmd|' /C calc'!A0,1.0\n"
        "-0.5,2.0\n"
        "'- item,3.0\n"
        "Plain words,-4.0\n"
    )


def test_a_formula_that_slipped_into_the_data_is_neutralised_in_the_downloads(packages):
    """Validation refuses such a cell; were one to get through, the CSVs made for spreadsheets
    (here the table with its sources joined) still write it as text."""
    edit_csv_rows(packages / "plans" / "priorities.csv", lambda rows: rows[0].update(text=FORMULA))
    cited = dict(with_sources(packages, package_files(read_packages(packages))))
    first = next(csv.DictReader(cited["plans/priorities.csv"].decode("utf-8").splitlines()))
    assert first["text"] == "'" + FORMULA


def test_the_changes_of_a_release_are_spreadsheet_safe():
    changes = TableChanges(
        table="plans/priorities",
        key=["priority_id"],
        changed=[
            CellChange(key="fife-csp-2023-2026-p1", field="text", old="Best start", new=FORMULA)
        ],
    )
    assert changes_csv([changes]).splitlines()[1] == (
        "plans/priorities,fife-csp-2023-2026-p1,changed,text,Best start,"
        '"\'=HYPERLINK(""http://example.org"",""x"")"'
    )


# Every CSV opens in pandas without options


def field_types(path: Path, site: Path) -> dict[str, str]:
    """Table Schema types of a CSV's columns: its resource's, or indicator_values' for the
    per-indicator CSVs; empty for the long per-partnership CSVs."""
    by_path = {resource["path"]: resource["schema"] for _, resource in resources()}
    parts = path.relative_to(site).parts
    name = (
        path.name
        if parts[0] == "downloads"
        else ("indicator_values.csv" if parts[0] == "indicators" else None)
    )
    schema = by_path.get(name, {"fields": []})
    return {field["name"]: field["type"] for field in schema["fields"]}


def test_pandas_reads_every_csv_with_sensible_dtypes(site, downloads):
    paths = sorted(site.rglob("*.csv"))
    assert any(path.is_relative_to(downloads) for path in paths)
    for path in paths:
        frame = pd.read_csv(path)
        kinds = field_types(path, site)
        for column in frame.columns:
            kind = kinds.get(column)
            # A table with no rows yet (no link check recorded) has no values to read a type from.
            if kind in ("integer", "number") and not frame.empty:
                assert pd.api.types.is_numeric_dtype(frame[column]), (path, column)
            if column.endswith("_id") or column == "area_code":
                # A column with no value at all (no priority has a parent yet) reads as NaN.
                assert pd.api.types.is_string_dtype(frame[column]) or frame[column].isna().all(), (
                    path,
                    column,
                )
    plans = pd.read_csv(downloads / "plans" / "plans.csv")
    assert pd.api.types.is_numeric_dtype(plans["period_start"])
    assert pd.api.types.is_string_dtype(plans["plan_id"])


# Per-page CSVs, next to each partnership and indicator page

# Every resource that holds rows about one partnership; priorities and measures through their plan.
PARTNERSHIP_ROWS = {
    "partnerships": "partnerships",
    "councils": "partnerships",
    "memberships": "partnerships",
    "plans": "plans",
    "priorities": "plans",
    "plan_measures": "measures",
    "plan_statements": "plans",
    "partnership_facts": "context",
    "policy_context": "context",
    "research_gaps": "context",
    "confirmations": "context",
    "reviewed_plans": "reviews",
}


def expected_partnership_cells(partnership_id: str) -> Counter:
    """(resource, field, value, source_id, source_url) for each non-blank cell of the
    partnership's rows, the source's address read from sources.csv."""
    urls = {s["source_id"]: s["url"] for s in csv_rows(DATAPACKAGES / "sources" / "sources.csv")}
    owner = {
        plan["plan_id"]: plan["partnership_id"]
        for plan in csv_rows(DATAPACKAGES / "plans" / "plans.csv")
    }
    cells = Counter()
    for resource, package in PARTNERSHIP_ROWS.items():
        for row in csv_rows(DATAPACKAGES / package / f"{resource}.csv"):
            if row.get("partnership_id", owner.get(row.get("plan_id"))) != partnership_id:
                continue
            for field, value in row.items():
                if field != "source_id" and value != "":
                    source = row.get("source_id", "")
                    cells[(resource, field, value, source, urls.get(source, ""))] += 1
    return cells


def test_each_partnership_csv_holds_exactly_its_rows(site):
    for partnership in csv_rows(DATAPACKAGES / "partnerships" / "partnerships.csv"):
        pid = partnership["partnership_id"]
        rows = csv_rows(site / "partnerships" / f"{pid}-rows.csv")
        got = Counter(
            (row["resource"], row["field"], row["value"], row["source_id"], row["source_url"])
            for row in rows
        )
        assert got == expected_partnership_cells(pid), pid


def test_each_indicator_csv_holds_exactly_its_values(site):
    """Its rows of indicator_values.csv, with each source's address and kind beside source_id."""
    sources = {s["source_id"]: s for s in csv_rows(DATAPACKAGES / "sources" / "sources.csv")}
    values = [
        {
            **row,
            "source_url": sources[row["source_id"]]["url"],
            "source_kind": sources[row["source_id"]]["kind"],
        }
        for row in csv_rows(DATAPACKAGES / "measures" / "indicator_values.csv")
    ]
    numbers = ("value", "lower_confidence_limit", "upper_confidence_limit")

    def comparable(row):
        return tuple(
            (key, float(value) if key in numbers and value else value)
            for key, value in sorted(row.items())
        )

    for indicator in csv_rows(DATAPACKAGES / "measures" / "indicators.csv"):
        iid = indicator["indicator_id"]
        expected = sorted(comparable(row) for row in values if row["indicator_id"] == iid)
        got = sorted(comparable(row) for row in csv_rows(site / "indicators" / f"{iid}.csv"))
        assert got == expected, iid


# The site works under a sub-path


def internal_targets(page: Path, site: Path, site_url: str):
    """(attribute value, file it should resolve to) for each local link, script, style, image."""
    base = site_url + page.relative_to(site).as_posix()
    document = soup(page)
    for tag, attribute in (
        ("a", "href"),
        ("link", "href"),
        ("script", "src"),
        ("img", "src"),
        ("source", "src"),
        ("source", "srcset"),
    ):
        for element in document.find_all(tag):
            value = element.get(attribute)
            if not value or value.startswith(("#", "mailto:", "data:", "javascript:")):
                continue
            if urlsplit(value).scheme or value.startswith("//"):
                url = value
                if not url.startswith(site_url):
                    continue
            elif value.startswith("/"):
                # Only the 404 page, served at any depth, may use root paths, and only the
                # sub-path's: anywhere else they break when the site moves.
                assert page.name == "404.html", (page, value)
                assert value.startswith(urlsplit(site_url).path), (page, value)
                url = urljoin(site_url, value)
            else:
                url = urljoin(base, value)
            path = unquote(urlsplit(url).path)[len(urlsplit(site_url).path) :]
            yield value, site / (path + "index.html" if path.endswith("/") or not path else path)


def test_every_internal_link_resolves_under_a_sub_path(site, site_url):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 3
    broken = [
        (page.relative_to(site).as_posix(), value)
        for page in pages
        for value, target in internal_targets(page, site, site_url)
        if not target.is_file()
    ]
    assert broken == []


def test_canonical_urls_use_the_sub_path(site, site_url):
    canonical = soup(site / "downloads" / "index.html").find("link", rel="canonical")
    assert canonical["href"] == site_url + "downloads/"


# Freshness


def set_accessed(packages: Path, table: str, match: dict, accessed: str) -> dict:
    """Give `accessed` to the source of the first row of table matching `match`; return that
    row with its source's address as source_url."""
    row = next(
        row
        for row in csv_rows(packages / table)
        if all(row[key] == value for key, value in match.items())
    )
    path = packages / "sources" / "sources.csv"
    sources = csv_rows(path)
    source = next(s for s in sources if s["source_id"] == row["source_id"])
    source["accessed"] = accessed
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(sources[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(sources)
    return {**row, "source_url": source["url"]}


def test_last_checked_is_the_newest_check_of_any_row_about_the_partnership(packages):
    plan = set_accessed(packages, "plans/plans.csv", {"partnership_id": "fife"}, "2026-01-10")
    set_accessed(
        packages, "context/partnership_facts.csv", {"partnership_id": "fife"}, "2025-01-01"
    )
    t = named_tables(load_model(packages))
    checked = freshness.last_checked_by_partnership(
        freshness.citations(t.every, t.plans), t.sources, t.partnerships
    )
    assert checked["fife"] == "2026-01-10"
    partnership_ids = {
        row["partnership_id"] for row in csv_rows(packages / "partnerships" / "partnerships.csv")
    }
    assert set(checked) == partnership_ids
    assert checked["moray"] is None  # nothing about Moray records a check
    assert plan["partnership_id"] == "fife"


def test_stale_sources_are_unchecked_or_older_than_twelve_months(packages):
    old = set_accessed(packages, "plans/plans.csv", {"partnership_id": "fife"}, "2025-11-22")
    recent = set_accessed(packages, "plans/plans.csv", {"partnership_id": "moray"}, "2025-11-23")
    assert old["source_id"] != recent["source_id"]
    t = named_tables(load_model(packages))
    stale = freshness.stale_sources(
        freshness.citations(t.every, t.plans), t.sources, today=dt.date(2026, 11, 23)
    )
    keys = {(source.partnership_id, source.table, source.source_url) for source in stale}
    assert ("fife", "plans", old["source_url"]) in keys
    assert ("moray", "plans", recent["source_url"]) not in keys
    never = next(
        row
        for row in csv_rows(packages / "plans" / "plans.csv")
        if row["source_id"] not in (old["source_id"], recent["source_id"])
    )
    never_url = next(
        s["url"]
        for s in csv_rows(packages / "sources" / "sources.csv")
        if s["source_id"] == never["source_id"]
    )
    assert (never["partnership_id"], "plans", never_url) in keys


def test_stale_count_per_partnership_counts_its_stale_sources(packages):
    today = dt.date(2026, 11, 23)
    t = named_tables(load_model(packages))
    cited = freshness.citations(t.every, t.plans)
    counts = freshness.stale_by_partnership(cited, t.sources, t.partnerships, today)
    stale = freshness.stale_sources(cited, t.sources, today)
    assert counts["fife"] == sum(source.partnership_id == "fife" for source in stale) > 0
    assert set(counts) == set(t.partnerships["partnership_id"])


def test_twelve_months_before_a_leap_day_is_the_end_of_february():
    assert freshness.months_before(dt.date(2024, 2, 29), 12) == dt.date(2023, 2, 28)
    assert freshness.months_before(dt.date(2026, 11, 23), 12) == dt.date(2025, 11, 23)


def test_cspp_sources_lists_stale_sources_grouped_with_counts(packages, capsys):
    assert cli.main(["sources", "--packages", str(packages)]) == 0
    out = capsys.readouterr().out
    t = named_tables(load_model(packages))
    total = len(freshness.sources(freshness.citations(t.every, t.plans), t.sources))
    stale = len(
        freshness.stale_sources(freshness.citations(t.every, t.plans), t.sources, dt.date.today())
    )
    assert re.search(rf"^{stale} of {total} sources are stale", out, re.M)
    urls = {s["source_id"]: s["url"] for s in csv_rows(packages / "sources" / "sources.csv")}
    fife = {
        urls[row["source_id"]]
        for row in csv_rows(packages / "plans" / "plans.csv")
        if row["partnership_id"] == "fife"
    }
    assert re.search(r"^fife: \d+ stale, \d+ never checked$", out, re.M)
    assert all(url in out for url in fife)


# Publishing


def test_deploy_publishes_only_after_validation_and_tests_pass():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
    triggers = workflow.get("on", workflow.get(True))  # PyYAML reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = build["steps"]
    runs = [step.get("run", "") for step in steps]
    uses = [step.get("uses", "") for step in steps]
    validate = next(i for i, run in enumerate(runs) if "cspp validate" in run)
    tests = next(i for i, run in enumerate(runs) if re.search(r"^make test$", run, re.M))
    site = next(i for i, run in enumerate(runs) if "cspp build" in run)
    upload = next(
        i for i, use in enumerate(uses) if use.startswith("actions/upload-pages-artifact")
    )
    assert validate < tests < site < upload
    assert steps[upload]["with"]["path"] == "site"
    assert "SITE_URL" in steps[site]["env"] and "--site-url" in runs[site]
    assert deploy["needs"] == "build"
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages")
