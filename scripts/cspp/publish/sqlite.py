"""The SQLite download: every package in one database, its tables made by frictionless, plus views.

frictionless turns each Table Schema into a table with its column types, primary key and foreign
keys. References across packages become ordinary foreign keys, because in one database every
table sits side by side. The rows go in through the same SQLAlchemy tables, from the typed pandas
tables the site is built from (publish/exports.py; this reads no CSV): frictionless' own row-by-row loading was most of a build's SQLite
time, and the packages are already validated. No library writes views, so they are plain SQL.

Three additions make it ready for Datasette (publish/datasette.py writes its metadata): the DERIVED
priority themes and the DERIVED rates per 1,000 as tables, and full-text search (SQLite FTS5, enabled by sqlite-utils) on the
texts people look for: priorities, plan titles and visions, measures and partnership facts.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from ..load.packages import read_packages, resource_file
from ..shape.periods import period_ranks
from .exports import ExportTables, shaped_exports, sql_schema

# The site's rule for the latest period (shape/periods.py), as a table the views can use.
PERIOD_ORDER = "indicator_period_order"
PRIORITY_THEMES = "priority_themes"  # DERIVED: the theme rule's result (shape/theme_rule.py)
DERIVED_RATES = "derived_rates"  # DERIVED: rates per 1,000 from counts (shape/rates.py)
COMPARISONS = "comparisons_with_scotland"  # DERIVED: each value beside Scotland's (comparisons.py)
SEARCHABLE = {
    "priorities": ["text"],
    "plans": ["title", "vision"],
    "plan_measures": ["text"],
    "partnership_facts": ["topic", "fact"],
}
SOURCE_VIEW = "{table}_with_sources"
TRUE_VALUES = ["true", "True", "TRUE", "1"]  # Table Schema's default for a boolean field
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
    "latest_indicator_values": f"""
        SELECT v.* FROM indicator_values_with_partnership AS v
        JOIN {PERIOD_ORDER} AS o USING (indicator_id, period)
        WHERE o.period_rank = (SELECT MAX(r.period_rank) FROM indicator_values AS w
                               JOIN {PERIOD_ORDER} AS r USING (indicator_id, period)
                               WHERE w.indicator_id = v.indicator_id
                                 AND w.area_code = v.area_code)""",
}


def write_sqlite(packages_root: Path, out: Path) -> Path:
    """Publish all packages into a fresh SQLite file at `out` (loading and shaping them here:
    the build passes what it shaped to write_database instead)."""
    return write_database(shaped_exports(packages_root), out)


def write_database(export: ExportTables, out: Path) -> Path:
    """The exported tables into a fresh SQLite file at `out`, then the derived tables and views."""
    from frictionless import Schema
    from frictionless.formats.sql import SqlAdapter
    from sqlalchemy import create_engine, insert

    out.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{out}")
    adapter = SqlAdapter(engine)
    with engine.begin() as connection:
        tables = [
            adapter.mapper.write_schema(
                Schema.from_descriptor(t.sql_schema), table_name=t.name
            ).to_metadata(adapter.metadata)
            for t in export.tables
        ]
        adapter.metadata.create_all(connection, tables=tables)
        by_name = {t.name: t for t in export.tables}
        for table in adapter.metadata.sorted_tables:
            rows = sql_rows(by_name[table.name].frame, by_name[table.name].sql_schema)
            if rows:
                connection.execute(insert(table), rows)
    engine.dispose()
    add_period_order(out, by_name["indicator_values"].frame)
    add_priority_themes(out, export.priority_themes)
    add_table(out, DERIVED_RATES, export.derived_rates)
    add_table(out, COMPARISONS, export.comparisons)
    add_views(out, export.fields())
    add_search(out)
    return out


def sql_rows(frame, schema: dict) -> list[dict]:
    """A table's rows as SQLAlchemy wants them: blanks as NULL, dates as dates, booleans as
    booleans (by the field's own true values)."""
    frame = frame.astype(object)
    frame = frame.where(frame.notna() & (frame != ""), None)
    for spec in schema["fields"]:
        if spec["type"] == "date":
            frame[spec["name"]] = [
                None if v is None else dt.date.fromisoformat(v) for v in frame[spec["name"]]
            ]
        elif spec["type"] == "boolean":
            true = spec.get("trueValues", TRUE_VALUES)
            frame[spec["name"]] = [None if v is None else v in true for v in frame[spec["name"]]]
    return frame.to_dict("records")


def sql_resources(packages_root: Path) -> list[dict]:
    """Every resource of every package, with absolute paths and references made local."""
    resources = []
    for name, package in read_packages(packages_root).items():
        for resource in package.resources:
            descriptor = resource.to_descriptor()
            descriptor["path"] = str(resource_file(package, resource.name).resolve())
            descriptor["schema"] = sql_schema(name, resource)
            resources.append(descriptor)
    return resources


@contextmanager
def transaction(out: Path) -> Iterator[sqlite3.Connection]:
    """A connection to the database at out, committed if the block succeeds, always closed."""
    with closing(sqlite3.connect(out)) as connection, connection:
        yield connection


def add_period_order(out: Path, values) -> None:
    """indicator_id, period, period_rank: a higher rank is a later period of the series."""
    ranks = period_ranks(values)
    with transaction(out) as connection:
        connection.execute(
            f"CREATE TABLE {PERIOD_ORDER} (indicator_id TEXT NOT NULL, "
            "period TEXT NOT NULL, period_rank INTEGER NOT NULL, "
            "PRIMARY KEY (indicator_id, period))"
        )
        connection.executemany(
            f"INSERT INTO {PERIOD_ORDER} VALUES (?, ?, ?)", ranks.itertuples(index=False, name=None)
        )


def add_priority_themes(out: Path, pairs) -> None:
    """priority_id, theme_id, matched_phrase, derived_by ("document", "rule" or "correction")."""
    with transaction(out) as connection:
        connection.execute(
            f"CREATE TABLE {PRIORITY_THEMES} (priority_id TEXT NOT NULL REFERENCES "
            "priorities (priority_id), theme_id TEXT NOT NULL REFERENCES themes (theme_id), "
            "matched_phrase TEXT, derived_by TEXT NOT NULL, PRIMARY KEY (priority_id, theme_id))"
        )
        connection.executemany(
            f"INSERT INTO {PRIORITY_THEMES} VALUES (?, ?, ?, ?)",
            [
                (p, t, phrase or None, by)
                for p, t, phrase, by in pairs.itertuples(index=False, name=None)
            ],
        )


def add_table(out: Path, name: str, frame) -> None:
    """A shaped table as it is (the derived rates, the comparisons with Scotland)."""
    with transaction(out) as connection:
        frame.to_sql(name, connection, index=False)


def add_search(out: Path) -> None:
    """FTS5 indexes as Datasette looks for them (a table_fts beside each table), with triggers
    so that an edited copy of the database keeps its index right."""
    import sqlite_utils

    database = sqlite_utils.Database(out)
    try:
        for table, columns in SEARCHABLE.items():
            database[table].enable_fts(columns, fts_version="FTS5", create_triggers=True)
    finally:
        database.close()


def citing_tables(fields: dict[str, list[str]]) -> list[str]:
    """The tables that cite sources by source_id (fields: table -> its field names)."""
    return [table for table, names in fields.items() if table != "sources" and "source_id" in names]


def source_views(fields: dict[str, list[str]]) -> dict[str, str]:
    """A view of each table that cites sources, with the source's address, kind and title
    beside its source_id."""
    return {
        SOURCE_VIEW.format(table=table): f"""
        SELECT t.*, s.url AS source_url, s.kind AS source_kind, s.title AS source_title
        FROM {table} AS t LEFT JOIN sources AS s USING (source_id)"""
        for table in citing_tables(fields)
    }


def resource_fields(resources: list[dict]) -> dict[str, list[str]]:
    """Each resource's field names, from sql_resources."""
    return {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in resources}


def package_fields(packages: dict) -> dict[str, list[str]]:
    """Each resource's field names, from the packages as read (load/packages.py)."""
    return {
        r.name: r.schema.field_names for package in packages.values() for r in package.resources
    }


def all_views(fields: dict[str, list[str]]) -> dict[str, str]:
    return {**source_views(fields), **VIEWS}


def add_views(out: Path, fields: dict[str, list[str]]) -> None:
    with transaction(out) as connection:
        for name, query in all_views(fields).items():
            connection.execute(f"CREATE VIEW {name} AS {query}")
