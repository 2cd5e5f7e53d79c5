"""What the SQLite and Parquet exports write, gathered once in the build's main process from what
load and shape made.

The rule for worker processes: a worker is given the shaped result it writes (this value, which
pickles), or a file a stage wrote; never the packages' folder. So no worker reads a CSV, and no
shaped table (the derived rates, the comparisons, the priority themes) is computed twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..load.keys import ACROSS_PACKAGES, resource_references
from ..load.model import Model


@dataclass(frozen=True)
class ExportTable:
    package: str
    name: str
    title: str
    schema: dict  # the Table Schema as published
    sql_schema: dict  # the same, references across packages made local (sqlite.py)
    frame: pd.DataFrame  # typed, as its file holds it (Model.as_read)


@dataclass(frozen=True)
class ExportTables:
    tables: list[ExportTable]  # every resource of every package, in package order
    priority_themes: pd.DataFrame  # priority_id, theme_id, matched_phrase, derived_by
    derived_rates: pd.DataFrame  # rates.RATE_COLUMNS, as the site shaped them
    comparisons: pd.DataFrame  # comparisons.COLUMNS, as the site shaped them

    def fields(self) -> dict[str, list[str]]:
        """Each table's field names."""
        return {t.name: [f["name"] for f in t.schema["fields"]] for t in self.tables}


def export_tables(
    model: Model, themes_derived: pd.DataFrame, rates: pd.DataFrame, judged: pd.DataFrame
) -> ExportTables:
    """The exports' tables from the model and the shaped results (themes_derived:
    ThemesData.derived; rates and judged: the derived rates and the comparisons)."""
    tables = [
        ExportTable(
            name,
            resource.name,
            resource.title or resource.name,
            resource.schema.to_descriptor(),
            sql_schema(name, resource),
            model.as_read(resource.name),
        )
        for name, package in model.packages.items()
        for resource in package.resources
    ]
    pairs = themes_derived[["priority_id", "theme_id", "matched_phrase", "derived_by"]]
    return ExportTables(tables, pairs.reset_index(drop=True), rates, judged)


def sql_schema(package_name: str, resource) -> dict:
    """The resource's schema for one database: references across packages become ordinary
    foreign keys, and patterns are dropped (see the comment below)."""
    schema = resource.schema.to_descriptor()
    schema.pop(ACROSS_PACKAGES, None)
    for ref in resource_references(package_name, resource):
        if ref.across_packages:
            schema.setdefault("foreignKeys", []).append(
                {
                    "fields": list(ref.fields),
                    "reference": {
                        "resource": ref.target_resource,
                        "fields": list(ref.target_fields),
                    },
                }
            )
    for field in schema["fields"]:
        # frictionless turns a pattern into a CHECK calling a REGEXP function that only its own
        # connection defines (and that fails on NULL): the sqlite3 CLI could not insert a row.
        # The patterns were already checked when the packages were validated.
        field.get("constraints", {}).pop("pattern", None)
    return schema


def shaped_exports(packages_root: Path) -> ExportTables:
    """Load and shape the packages for the exports alone (for callers outside a build, such as
    `write_sqlite(packages_root, out)`); a build gathers the same from what it already made."""
    from ..load.model import load_model, scotland_code
    from ..shape.comparisons import comparisons
    from ..shape.rates import derived_rates
    from ..shape.theme_rule import ThemeRule, assign_themes

    model = load_model(packages_root)
    values, councils = model.table("indicator_values"), model.table("councils")
    scotland = scotland_code(councils, values)
    rates = derived_rates(
        model.table("rate_definitions"), values, councils, model.table("partnerships"), scotland
    )
    pairs = assign_themes(
        model.table("priorities"), model.table("plans"), ThemeRule.from_tables(model.table)
    )
    return export_tables(
        model, pairs, rates, comparisons(values, model.table("indicator_labels"), rates, scotland)
    )
