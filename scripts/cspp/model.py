"""Load the validated packages into pandas tables, typed by their Table Schemas. No writing.

The model also notes which tables a piece of code reads (`reading`), so a build can reuse a
step's earlier result when none of the tables it read has changed (steps.py).
"""

from __future__ import annotations

import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import pandas as pd

from .paths import DATAPACKAGES

PANDAS_TYPES = {"integer": "Int64", "number": "Float64"}
DESCRIPTORS = "datapackage.json"  # the name under which reading the descriptors is noted


@dataclass
class Model:
    """Every resource of every package, by resource name (e.g. model.table("plans"))."""

    root: Path
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    all_descriptors: dict[str, dict] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    readers: list[set[str]] = field(default_factory=list)
    derived_values: dict[str, tuple[Any, set[str]]] = field(default_factory=dict)

    def table(self, name: str) -> pd.DataFrame:
        self.note_reads({name})
        return self.frames[name]

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        self.note_reads(set(self.frames))
        return self.frames

    @property
    def descriptors(self) -> dict[str, dict]:
        self.note_reads({DESCRIPTORS})
        return self.all_descriptors

    def note_reads(self, names: set[str]) -> None:
        for reads in self.readers:
            reads.update(names)

    @contextmanager
    def reading(self) -> Iterator[set[str]]:
        """The names of the tables read inside the block."""
        reads: set[str] = set()
        self.readers.append(reads)
        try:
            yield reads
        finally:
            self.readers.remove(reads)

    def derived(self, key: str, compute: Callable[[], Any]) -> Any:
        """A value computed from the model once, then shared (pages ask for some hundreds of
        times). Whoever gets it is noted as reading the tables its computation read."""
        if key not in self.derived_values:
            with self.reading() as reads:
                value = compute()
            self.derived_values[key] = (value, reads)
        value, reads = self.derived_values[key]
        self.note_reads(reads)
        return value


def load_model(root: Path = DATAPACKAGES) -> Model:
    model = Model(root=root)
    descriptors_hash = hashlib.sha256()
    for descriptor_path in sorted(root.glob("*/datapackage.json")):
        raw = descriptor_path.read_bytes()
        descriptors_hash.update(raw)
        descriptor = json.loads(raw.decode("utf-8-sig"))
        model.all_descriptors[descriptor_path.parent.name] = descriptor
        for resource in descriptor["resources"]:
            path = descriptor_path.parent / resource["path"]
            model.frames[resource["name"]] = read_table(path, resource["schema"])
            model.digests[resource["name"]] = table_digest(path, resource)
    model.digests[DESCRIPTORS] = descriptors_hash.hexdigest()
    return model


def table_digest(path: Path, resource: dict) -> str:
    """Changes when the table's bytes or its schema (which sets the column types) change."""
    schema = json.dumps(resource["schema"], sort_keys=True).encode("utf-8")
    return hashlib.sha256(schema + b"\0" + path.read_bytes()).hexdigest()


def read_table(path: Path, schema: dict) -> pd.DataFrame:
    """Strings stay strings (blank is ""), numbers become nullable pandas numbers."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for spec in schema["fields"]:
        kind = PANDAS_TYPES.get(spec["type"])
        if kind and spec["name"] in frame:
            frame[spec["name"]] = pd.to_numeric(frame[spec["name"]].replace("", None)).astype(kind)
    return frame
