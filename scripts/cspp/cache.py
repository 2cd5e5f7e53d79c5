"""Results kept between builds in .cache/, each under a digest of the inputs it declares.

A kept result is looked up by a key made from its name, the digests of the inputs the caller
names, and the project's code: any change to scripts/cspp/ recomputes everything. Keys are
content addresses, so undoing a change finds the earlier result again. Records that cannot be
read (damaged, cut short, from other code) are ignored: it is only a cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

PACKAGE = Path(__file__).parent
KEEP_PER_NAME = 4  # the newest records of each name stay; older ones are removed


@lru_cache(maxsize=1)
def code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def kept(folder: Path, name: str, inputs: dict[str, str], compute: Callable[[], Any]) -> Any:
    """compute()'s value, or the one kept from a run with the same inputs and code.

    inputs: what the value depends on, each by a digest (e.g. table name -> table digest).
    """
    key = hashlib.sha256("\n".join([name, code_digest()] + [
        f"{k}={v}" for k, v in sorted(inputs.items())]).encode("utf-8")).hexdigest()
    path = folder / f"{name}-{key[:32]}.pickle"
    record = read_kept(path)
    if record is not None and record.get("key") == key:
        path.touch()
        return record["value"]
    value = compute()
    write_kept(path, {"key": key, "value": value})
    prune(folder, name)
    return value


def prune(folder: Path, name: str) -> None:
    records = sorted(folder.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime,
                     reverse=True)
    for old in records[KEEP_PER_NAME:]:
        old.unlink(missing_ok=True)


def read_kept(path: Path) -> dict | None:
    """A record kept by an earlier build, or None if there is none (or it cannot be read)."""
    try:
        with path.open("rb") as handle:
            record = pickle.load(handle)
    except Exception:  # missing, cut short or written by other code: it is only a cache
        return None
    return record if isinstance(record, dict) else None


def write_kept(path: Path, record: dict) -> None:
    write_whole(path, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))


def write_whole(path: Path, data: bytes) -> None:
    """Written whole or not at all, so a build cut short never leaves half a cached file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
