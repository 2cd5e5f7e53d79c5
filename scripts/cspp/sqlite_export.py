"""The SQLite download: every package in one database, its tables made by frictionless, plus views.

frictionless turns each Table Schema into a table with its column types, primary key and foreign
keys. References across packages (`foreignKeysAcrossPackages`) become ordinary foreign keys,
because in one database every table sits side by side. The rows go in through the same SQLAlchemy
tables, from the typed pandas tables the site is built from: frictionless' own row-by-row
loading was most of a build's SQLite time, and the packages are already validated. No library
writes views, so the views are plain SQL.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import sqlite3
from pathlib import Path

from .model import read_table

VIEWS = {
    "plans_with_partnership": """
        SELECT p.*, pa.partnership_name, pa.area_name
        FROM plans AS p JOIN partnerships AS pa USING (partnership_id)""",
    "priorities_with_plan": """
        SELECT pl.partnership_id, pa.partnership_name, pl.document_type, pl.cycle,
               pl.period_start, pl.period_end, pl.title AS plan_title, pr.*
        FROM priorities AS pr
        JOIN plans AS pl USING (plan_id)
        JOIN partnerships AS pa ON pa.partnership_id = pl.partnership_id""",
    "indicator_values_with_partnership": """
        SELECT v.*, i.indicator_name, i.unit, i.publisher,
               c.partnership_id, pa.partnership_name
        FROM indicator_values AS v
        JOIN indicators AS i USING (indicator_id)
        LEFT JOIN councils AS c ON c.council_code = v.area_code
        LEFT JOIN partnerships AS pa ON pa.partnership_id = c.partnership_id""",
    # Every period of a series starts with its first year in the same format, so the greatest
    # period string of an indicator and area is its latest.
    "latest_indicator_values": """
        SELECT * FROM indicator_values_with_partnership AS v
        WHERE v.period = (SELECT MAX(w.period) FROM indicator_values AS w
                          WHERE w.indicator_id = v.indicator_id
                            AND w.area_code = v.area_code)""",
}


def write_sqlite(packages_root: Path, out: Path) -> Path:
    """Publish all packages into a fresh SQLite file at `out`, then add the views."""
    from frictionless import Schema
    from frictionless.formats.sql import SqlAdapter
    from sqlalchemy import create_engine, insert

    out.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{out}")
    adapter = SqlAdapter(engine)
    resources = sql_resources(packages_root)
    with engine.begin() as connection:
        tables = [adapter.mapper.write_schema(Schema.from_descriptor(r["schema"]),
                                              table_name=r["name"]).to_metadata(adapter.metadata)
                  for r in resources]
        adapter.metadata.create_all(connection, tables=tables)
        by_name = {r["name"]: r for r in resources}
        for table in adapter.metadata.sorted_tables:
            rows = sql_rows(by_name[table.name])
            if rows:
                connection.execute(insert(table), rows)
    engine.dispose()
    add_views(out)
    return out


def sql_rows(resource: dict) -> list[dict]:
    """A resource's rows as SQLAlchemy wants them: blanks as NULL, dates as dates."""
    frame = read_table(Path(resource["path"]), resource["schema"]).astype(object)
    frame = frame.where(frame.notna() & (frame != ""), None)
    for spec in resource["schema"]["fields"]:
        if spec["type"] == "date":
            frame[spec["name"]] = [None if v is None else dt.date.fromisoformat(v)
                                   for v in frame[spec["name"]]]
    return frame.to_dict("records")


def sql_resources(packages_root: Path) -> list[dict]:
    """Every resource of every package, with absolute paths and references made local."""
    resources = []
    for descriptor_path in sorted(packages_root.glob("*/datapackage.json")):
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8-sig"))
        for resource in descriptor["resources"]:
            resource = copy.deepcopy(resource)
            resource["path"] = str((descriptor_path.parent / resource["path"]).resolve())
            sql_schema(resource["schema"])
            resources.append(resource)
    return resources


def sql_schema(schema: dict) -> None:
    for reference in schema.pop("foreignKeysAcrossPackages", []):
        local = {key: value for key, value in reference["reference"].items() if key != "package"}
        schema.setdefault("foreignKeys", []).append({"fields": reference["fields"],
                                                    "reference": local})
    for field in schema["fields"]:
        # frictionless turns a pattern into a CHECK calling a REGEXP function that only its own
        # connection defines (and that fails on NULL): the sqlite3 CLI could not insert a row.
        # The patterns were already checked when the packages were validated.
        field.get("constraints", {}).pop("pattern", None)


def add_views(out: Path) -> None:
    connection = sqlite3.connect(out)
    try:
        with connection:
            for name, query in VIEWS.items():
                connection.execute(f"CREATE VIEW {name} AS {query}")
    finally:
        connection.close()
