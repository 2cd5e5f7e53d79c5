"""The model: every resource of every package as a pandas table typed by its Table Schema, plus
the facts the schemas and data hold (the planning cycles, Scotland's code) and the map boundaries.

Every table that cites a source by source_id also carries that source's address, title,
publisher, kind and dates (CITATION), joined here once, so that pages and charts link sources
without looking them up.

Loading reads files; nothing here writes. The packages are read through frictionless
(load/packages.py); the CSVs are read with pandas, which is much faster than frictionless' rows.
Each CSV is opened once per load: its bytes are kept (the downloads copy them as they are), its
digest and its text table are made from them, and the typed table from the text. Later stages
use these and never open a CSV again.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from frictionless import Package

from ..paths import DATAPACKAGES
from .keys import Reference, all_references
from .packages import read_packages, resource_file

PANDAS_TYPES = {"integer": "Int64", "number": "Float64"}
SOURCES = "sources"
# Joined column (after the citing column's prefix) <- field of the sources table.
CITATION = {
    "source_url": "url",
    "source_title": "title",
    "source_publisher": "publisher",
    "source_kind": "kind",
    "accessed": "accessed",
    "last_checked": "last_checked",
    "link_status": "link_status",
}
PUBLISHED = ("source_url", "source_kind")  # the joined columns a downloaded CSV keeps
BOUNDARIES = Path(__file__).parent / "data" / "council_areas_2019_simplified.geojson"


@dataclass(frozen=True)
class Model:
    root: Path
    packages: dict[str, Package]
    tables: dict[str, pd.DataFrame]
    digests: dict[str, str]  # per table: changes when its bytes or its schema change
    references: list[Reference]
    documents: dict[str, str] = field(default_factory=dict)  # Markdown kept in a package's folder
    files: dict[Path, bytes] = field(default_factory=dict)  # each CSV's bytes, as read
    texts: dict[str, pd.DataFrame] = field(default_factory=dict)  # each table as text, cited

    def table(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def as_read(self, name: str) -> pd.DataFrame:
        """A table typed as its file holds it: its own columns, without the joined citations."""
        return self.tables[name][self.resource(name).schema.field_names]

    def resource(self, name: str):
        for package in self.packages.values():
            if package.has_resource(name):
                return package.get_resource(name)
        raise KeyError(name)

    def text(self, name: str) -> pd.DataFrame:
        """A table with every cell its text as written (blank as ""), citations joined."""
        return self.texts[name]

    def enum(self, resource: str, field: str) -> tuple[str, ...]:
        """The allowed values of a field, in the order its schema lists them."""
        return tuple(self.field(resource, field).constraints["enum"])

    def field(self, resource: str, field: str):
        return self.resource(resource).schema.get_field(field)

    @property
    def cycles(self) -> tuple[str, ...]:
        """The statutory planning cycles, oldest first, as plans.cycle allows them."""
        return self.enum("plans", "cycle")

    @property
    def scotland_code(self) -> str | None:
        return scotland_code(self.table("councils"), self.table("indicator_values"))


def scotland_code(councils: pd.DataFrame, values: pd.DataFrame) -> str | None:
    """The one area of the official statistics that is not a council area: Scotland."""
    others = sorted(set(values["area_code"]) - set(councils["council_code"]))
    return others[0] if others else None


def load_model(root: Path = DATAPACKAGES) -> Model:
    packages = read_packages(root)
    files, texts, digests, schemas = {}, {}, {}, {}
    for package in packages.values():
        for resource in package.resources:
            path = resource_file(package, resource.name)
            schemas[resource.name] = resource.schema.to_descriptor()
            files[path] = path.read_bytes()
            texts[resource.name] = read_text(io.BytesIO(files[path]))
            digests[resource.name] = bytes_digest(files[path], schemas[resource.name])
    if SOURCES in texts:
        cite_sources(texts, digests)
    tables = {name: typed(text, schemas[name]) for name, text in texts.items()}
    return Model(
        root,
        packages,
        tables,
        digests,
        all_references(packages),
        package_documents(root),
        files,
        texts,
    )


def package_documents(root: Path) -> dict[str, str]:
    """Each Markdown file in a package's folder (themes/labelling_guidelines.md), by its path
    from the packages' root."""
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.glob("*/*.md"))
    }


def citing_fields(frame: pd.DataFrame) -> list[str]:
    return [column for column in frame.columns if column.endswith("source_id")]


def cite_sources(tables: dict[str, pd.DataFrame], digests: dict[str, str]) -> None:
    """Join each citing column's source (CITATION); a citing table's digest covers the sources."""
    sources = tables[SOURCES].set_index("source_id")
    for name in tables:
        if name != SOURCES and citing_fields(tables[name]):
            tables[name] = with_citations(tables[name], sources)
            text = (digests[name] + digests[SOURCES]).encode("utf-8")
            digests[name] = hashlib.sha256(text).hexdigest()


def with_citations(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The frame with each citing column's source fields (CITATION) joined after its own
    columns; sources is the sources table indexed by source_id."""
    frame = frame.copy()
    for citing in citing_fields(frame):
        prefix = citing.removesuffix("source_id")
        joined = sources.reindex(frame[citing].replace("", None))
        for column, source_field in CITATION.items():
            frame[prefix + column] = joined[source_field].fillna("").to_numpy()
    return frame


def joined_columns(frame: pd.DataFrame) -> set[str]:
    """The columns with_citations added to a frame (none for a frame read from its file)."""
    return {
        field.removesuffix("source_id") + column
        for field in citing_fields(frame)
        for column in CITATION
    } & set(frame.columns)


def published(frame: pd.DataFrame) -> pd.DataFrame:
    """A cited table as the site offers it for download: its own columns, with only each
    source's address and kind (PUBLISHED) placed right after the column that cites it."""
    joined = joined_columns(frame)
    order = []
    for column in frame.columns:
        if column in joined:
            continue
        order.append(column)
        if column.endswith("source_id"):
            prefix = column.removesuffix("source_id")
            order += [prefix + c for c in PUBLISHED if prefix + c in frame]
    return frame[order]


def read_boundaries() -> dict:
    """The council area shapes the map is drawn from (see data/README.md for their source)."""
    return json.loads(BOUNDARIES.read_text(encoding="utf-8"))


def table_digest(path: Path, schema: dict) -> str:
    return bytes_digest(path.read_bytes(), schema)


def bytes_digest(data: bytes, schema: dict) -> str:
    """A table's digest: changes when its bytes or its schema change."""
    text = json.dumps(schema, sort_keys=True).encode("utf-8")
    return hashlib.sha256(text + b"\0" + data).hexdigest()


def read_text(path: Path | io.BytesIO) -> pd.DataFrame:
    """A CSV as written: every cell its text, blank as "" (path: a file, or its bytes)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def read_table(path: Path, schema: dict) -> pd.DataFrame:
    """Strings stay strings (blank is ""), numbers become nullable pandas numbers."""
    return typed(read_text(path), schema)


def typed(text: pd.DataFrame, schema: dict) -> pd.DataFrame:
    """A text table with its numbers as nullable pandas numbers, by the Table Schema."""
    frame = text.copy()
    for spec in schema["fields"]:
        kind = PANDAS_TYPES.get(spec["type"])
        if kind and spec["name"] in frame:
            frame[spec["name"]] = pd.to_numeric(frame[spec["name"]].replace("", None)).astype(kind)
    return frame
