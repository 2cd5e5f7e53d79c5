"""The data in researchers' own tools: Datasette on the SQLite file with its metadata, Parquet
read by pyarrow and DuckDB, and the snippets of the downloads page run as written. Expected
values are computed here from the CSVs and descriptors."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from bs4 import BeautifulSoup

from cspp.paths import DATAPACKAGES

from support import page_soup

DATABASE = "scotland-cspp-latest"
# Table Schema type -> the column type each reader must see, written out by hand.
PYARROW_TYPES = {
    "string": "string",
    "integer": "int64",
    "number": "double",
    "date": "date32[day]",
    "boolean": "bool",
}
DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "date": "DATE",
    "boolean": "BOOLEAN",
}


def resources() -> list[tuple[str, dict, Path]]:
    """(package, resource descriptor, CSV path) for every table."""
    found = []
    for path in sorted(DATAPACKAGES.glob("*/datapackage.json")):
        for resource in json.loads(path.read_text(encoding="utf-8"))["resources"]:
            found.append((path.parent.name, resource, path.parent / resource["path"]))
    return found


def csv_rows(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def get_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


@pytest.fixture(scope="module")
def datasette(built, tmp_path_factory):
    """Datasette on a copy of the built SQLite file and its metadata, on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("datasette")
    for name in (f"{DATABASE}.sqlite", "scotland-cspp-metadata.json"):
        shutil.copyfile(built.dir / "downloads" / name, folder / name)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            f"{DATABASE}.sqlite",
            "-m",
            "scotland-cspp-metadata.json",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "--immutable",
            f"{DATABASE}.sqlite",
        ],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/-/versions.json", server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(url: str, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            pytest.fail(f"Datasette stopped: {server.stdout.read().decode()}")
        try:
            get_json(url)
            return
        except OSError:
            time.sleep(0.25)
    pytest.fail("Datasette did not start within 30 s")


def test_datasette_shows_the_schema_descriptions(datasette):
    priorities = next(r for _, r, _ in resources() if r["name"] == "priorities")
    column = next(f for f in priorities["schema"]["fields"] if f["name"] == "text")
    tables = get_json(datasette + "/-/metadata.json")["databases"][DATABASE]["tables"]
    assert tables["priorities"]["description"] == priorities["description"]
    assert tables["priorities"]["columns"]["text"] == column["description"]
    page = get_text(datasette + f"/{DATABASE}/priorities")
    assert priorities["description"] in BeautifulSoup(page, "html.parser").get_text()


def test_every_table_view_and_column_of_the_database_is_described(built):
    metadata = json.loads(
        (built.dir / "downloads" / "scotland-cspp-metadata.json").read_text(encoding="utf-8")
    )
    tables = metadata["databases"][DATABASE]["tables"]
    connection = sqlite3.connect(built.dir / "downloads" / f"{DATABASE}.sqlite")
    names = [
        n
        for (n,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE "
            "'%\\_fts%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        )
    ]
    connection.close()
    assert names and all(tables.get(n, {}).get("description") for n in names), [
        n for n in names if not tables.get(n, {}).get("description")
    ]
    for _, resource, _ in resources():
        described = tables[resource["name"]]["columns"]
        assert {f["name"]: f.get("description") for f in resource["schema"]["fields"]} == described
    assert metadata["license_url"].startswith("https://") and metadata["source"]


def test_full_text_search_finds_every_priority_with_the_word(datasette):
    priorities = csv_rows(DATAPACKAGES / "plans" / "priorities.csv")
    words = priorities["text"].map(lambda text: set(re.findall(r"[^\W_]+", text.lower())))
    expected = set(priorities.loc[words.map(lambda w: "poverty" in w), "priority_id"])
    assert len(expected) > 5
    rows = get_json(
        datasette + f"/{DATABASE}/priorities.json?_search=poverty&_shape=array&_size=max"
    )
    assert {row["priority_id"] for row in rows} == expected


def test_the_current_plan_query_lists_the_partnerships_latest_plan(datasette):
    plans = csv_rows(DATAPACKAGES / "plans" / "plans.csv")
    plans = plans[
        (plans["partnership_id"] == "tayside")
        & (plans["document_type"] == "childrens-services-plan")
    ]
    latest = plans.sort_values(["cycle", "period_start"]).iloc[-1]["plan_id"]
    priorities = csv_rows(DATAPACKAGES / "plans" / "priorities.csv")
    expected = (
        priorities[priorities["plan_id"] == latest]
        .assign(position=lambda p: p["position"].astype(int))
        .sort_values("position")["text"]
        .tolist()
    )
    rows = get_json(
        datasette + f"/{DATABASE}/current_plan_with_priorities.json"
        "?partnership_id=tayside&_shape=array"
    )
    assert {row["plan_id"] for row in rows} == {latest}
    assert [row["priority"] for row in rows] == expected


def test_the_theme_query_counts_priorities_per_theme_and_cycle(datasette):
    rows = get_json(datasette + f"/{DATABASE}/priorities_by_theme_and_cycle.json?_shape=array")
    assert rows and {"theme_name", "cycle", "priorities", "partnerships"} <= set(rows[0])
    assert all(0 < row["partnerships"] <= row["priorities"] for row in rows)


@pytest.mark.parametrize(
    "package,resource,path", resources(), ids=[r["name"] for _, r, _ in resources()]
)
def test_parquet_has_the_rows_and_types_of_the_csv(built, package, resource, path):
    parquet = built.dir / "downloads" / "parquet" / package / f"{resource['name']}.parquet"
    fields = resource["schema"]["fields"]
    rows = csv_rows(path)
    table = pq.read_table(parquet)
    assert table.num_rows == len(rows)
    assert {f.name: str(f.type) for f in table.schema} == {
        f["name"]: PYARROW_TYPES[f["type"]] for f in fields
    }
    described = duckdb.sql(f"DESCRIBE SELECT * FROM '{parquet}'").fetchall()
    assert {name: kind for name, kind, *_ in described} == {
        f["name"]: DUCKDB_TYPES[f["type"]] for f in fields
    }
    assert duckdb.sql(f"SELECT count(*) FROM '{parquet}'").fetchall() == [(len(rows),)]
    for field in fields:  # blanks are nulls, and only blanks
        assert table.column(field["name"]).null_count == (rows[field["name"]] == "").sum()


@pytest.mark.parametrize(
    "package,resource,path", resources(), ids=[r["name"] for _, r, _ in resources()]
)
def test_parquet_values_are_the_csv_values(built, package, resource, path):
    parquet = built.dir / "downloads" / "parquet" / package / f"{resource['name']}.parquet"
    table, rows = pq.read_table(parquet), csv_rows(path)
    read = {
        "string": str,
        "integer": int,
        "number": float,
        "date": dt.date.fromisoformat,
        "boolean": {"true": True, "false": False}.__getitem__,
    }
    for field in resource["schema"]["fields"]:
        expected = [read[field["type"]](v) if v != "" else None for v in rows[field["name"]]]
        assert table.column(field["name"]).to_pylist() == expected, field["name"]


def snippet_folder(built, tmp_path: Path) -> Path:
    """Every CSV and Parquet file of the downloads, side by side, as a researcher saves them."""
    for path in (built.dir / "downloads").rglob("*"):
        if path.suffix in (".csv", ".parquet"):
            shutil.copyfile(path, tmp_path / path.name)
    return tmp_path


def snippets(built) -> dict[str, str]:
    page = page_soup(built.dir / "downloads" / "index.html")
    return {pre["data-snippet"]: pre.get_text() for pre in page.select("pre[data-snippet]")}


def expected_current_counts() -> dict[str, int]:
    plans = csv_rows(DATAPACKAGES / "plans" / "plans.csv")
    priorities = csv_rows(DATAPACKAGES / "plans" / "priorities.csv")
    current = plans[plans["cycle"] == "2023-2026"].merge(priorities, on="plan_id")
    return current.groupby("partnership_id").size().to_dict()


@pytest.mark.parametrize("name", ["pandas", "DuckDB"])
def test_the_python_snippets_on_the_downloads_page_run(built, tmp_path, name):
    code = snippets(built)[name]
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=snippet_folder(built, tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    for partnership, count in expected_current_counts().items():
        assert re.search(rf"{re.escape(partnership)}\W+{count}\b", result.stdout), partnership


def test_the_r_snippet_reads_files_that_the_downloads_page_offers(built):
    # R is not on this machine: the snippet is checked as text.
    code = snippets(built)["R (arrow and readr)"]
    offered = {p.name for p in (built.dir / "downloads").rglob("*") if p.is_file()}
    named = set(re.findall(r'"([\w-]+\.(?:csv|parquet))"', code))
    assert named and named <= offered
    assert "library(arrow)" in code and "library(readr)" in code and "read_parquet(" in code


def test_the_datasette_command_names_the_files_offered(built):
    command = snippets(built)["Datasette"]
    offered = {p.name for p in (built.dir / "downloads").iterdir()}
    assert re.search(r"^datasette (\S+\.sqlite) -m (\S+\.json)$", command, re.M)
    assert set(re.findall(r"\S+\.(?:sqlite|json)", command)) <= offered


def test_the_derived_priority_themes_follow_the_published_rule(built):
    connection = sqlite3.connect(built.dir / "downloads" / f"{DATABASE}.sqlite")
    pairs = connection.execute(
        "SELECT pt.priority_id, pt.theme_id, pt.matched_phrase, pt.derived_by, pr.text "
        "FROM priority_themes AS pt JOIN priorities AS pr USING (priority_id)"
    ).fetchall()
    connection.close()
    corrections = csv_rows(DATAPACKAGES / "themes" / "theme_corrections.csv")
    added = {
        (r["priority_id"], r["theme_id"]) for _, r in corrections.iterrows() if r["action"] == "add"
    }
    removed = {
        (r["priority_id"], r["theme_id"])
        for _, r in corrections.iterrows()
        if r["action"] == "remove"
    }
    assert pairs and {by for *_, by, _ in pairs} <= {"document", "rule", "correction"}
    for priority, theme, phrase, by, text in pairs:
        assert (priority, theme) not in removed
        if by == "rule":  # the phrase is in the words, whatever their case
            assert phrase.lower().split()[0].rstrip("y") in text.lower(), (priority, phrase)
        elif by == "document":
            assert phrase.startswith("its document is "), (priority, phrase)
        else:
            assert (priority, theme) in added
    assert added <= {(p, t) for p, t, *_ in pairs}
