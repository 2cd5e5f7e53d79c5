"""Where a snapshot's file is: committed beside snapshots.csv when small, otherwise kept in the
cache under its checksum. A file is used only if its bytes give the checksum recorded for it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from ..paths import CACHE

SNAPSHOT_CACHE = CACHE / "snapshots"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def snapshot_file(snapshot: pd.Series, measures: Path, cache: Path = SNAPSHOT_CACHE) -> Path | None:
    """The snapshot's file as received, or None where neither copy is held (or matches)."""
    candidates = [measures / snapshot["path"]] if snapshot["path"] else []
    candidates.append(cache / snapshot["sha256"])
    for path in candidates:
        if path.is_file() and sha256_of(path.read_bytes()) == snapshot["sha256"]:
            return path
    return None


def keep_in_cache(data: bytes, cache: Path = SNAPSHOT_CACHE) -> Path:
    """Keep bytes under their checksum (the place snapshot_file looks for large files)."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / sha256_of(data)
    path.write_bytes(data)
    return path
