"""Load the validated packages into pandas tables, typed by their Table Schemas. No writing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .paths import DATAPACKAGES

PANDAS_TYPES = {"integer": "Int64", "number": "Float64"}


@dataclass
class Model:
    """Every resource of every package, by resource name (e.g. model.table("plans"))."""

    root: Path
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    descriptors: dict[str, dict] = field(default_factory=dict)

    def table(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def load_model(root: Path = DATAPACKAGES) -> Model:
    model = Model(root=root)
    for descriptor_path in sorted(root.glob("*/datapackage.json")):
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8-sig"))
        model.descriptors[descriptor_path.parent.name] = descriptor
        for resource in descriptor["resources"]:
            model.tables[resource["name"]] = read_table(descriptor_path.parent / resource["path"],
                                                        resource["schema"])
    return model


def read_table(path: Path, schema: dict) -> pd.DataFrame:
    """Strings stay strings (blank is ""), numbers become nullable pandas numbers."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for spec in schema["fields"]:
        kind = PANDAS_TYPES.get(spec["type"])
        if kind and spec["name"] in frame:
            frame[spec["name"]] = pd.to_numeric(frame[spec["name"]].replace("", None)).astype(kind)
    return frame
