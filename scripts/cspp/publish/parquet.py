"""Parquet: every table as one typed file, for DuckDB, Arrow, R and pandas users.

Each column's type comes from its Table Schema field (pyarrow), blanks are nulls, and the field
descriptions travel in the file's schema metadata, so that a reader need not re-type anything.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .exports import ExportTables, shaped_exports

ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}


def write_parquet(packages_root: Path, out: Path) -> Path:
    """out/<package>/<table>.parquet for every resource, loading the packages here (the build
    passes what it loaded to write_tables instead); returns out."""
    return write_tables(shaped_exports(packages_root), out)


def write_tables(export: ExportTables, out: Path) -> Path:
    """out/<package>/<table>.parquet for every exported table (this reads no CSV); returns out."""
    for table in export.tables:
        path = out / table.package / f"{table.name}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(arrow_table(table.frame, table.schema["fields"]), path)
    return out


def arrow_table(frame, fields: list[dict]) -> pa.Table:
    schema = pa.schema(
        [
            pa.field(f["name"], arrow_type(f), metadata={"description": f.get("description", "")})
            for f in fields
        ]
    )
    columns = [column(frame[f["name"]], f) for f in fields]
    return pa.Table.from_arrays(columns, schema=schema)


def arrow_type(field: dict) -> pa.DataType:
    try:
        return ARROW_TYPES[field["type"]]
    except KeyError:
        raise ValueError(
            f"field {field['name']}: no Parquet type for Table Schema type "
            f"{field['type']!r}; add it to ARROW_TYPES"
        ) from None


def column(values, field: dict) -> pa.Array:
    """One column in the field's Arrow type, blanks as nulls (dates and booleans are cast from
    their text, which validation has already checked)."""
    if field["type"] in ("integer", "number"):
        return pa.array(values, type=arrow_type(field), from_pandas=True)
    return pa.array(values.replace("", None), type=pa.string()).cast(arrow_type(field))
