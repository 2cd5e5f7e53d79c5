"""Results kept between builds in .cache/: one rule for every cached step.

The rule: a cached step declares what its result depends on, its inputs (each by a digest, or a
short text such as a chart's spec) and the code that makes it (by default all of scripts/cspp/,
so any change to the project's code recomputes it; a step made by a library alone names that
library's version instead). The result is kept under a key, the digest of the step's name, its
inputs and its code, and is found again only under the same key. Keys are content addresses, so
undoing a change finds the earlier result again. Records that cannot be read (damaged, cut short,
from other code) are ignored: it is only a cache.

Every cached step keeps its results this way: the validation of each resource, the indicator
section, each release, and each chart's SVG.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).parent
KEEP_PER_NAME = 4  # the newest records of each name stay; older ones are removed
MISSING = object()  # what Step.find returns when nothing is kept under the key


@lru_cache(maxsize=1)
def code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def digest_of(data: bytes | str) -> str:
    """An input's digest (a file's bytes, a descriptor's text)."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


@dataclass(frozen=True)
class Step:
    """One cached step: where its results are kept, its name, and the code that makes them.

    Its records are folder/<name>/<key>.pickle, so each name keeps its own newest few."""

    folder: Path
    name: str
    code: str = field(default_factory=code_digest)

    def key(self, inputs: dict[str, str]) -> str:
        lines = [self.name, self.code] + [f"{k}={v}" for k, v in sorted(inputs.items())]
        return digest_of("\n".join(lines))

    def record(self, key: str) -> Path:
        return self.folder / re.sub(r"[^\w.-]", "-", self.name) / f"{key[:32]}.pickle"

    def find(self, inputs: dict[str, str]) -> Any:
        """The value kept for these inputs, or MISSING."""
        key = self.key(inputs)
        record = read_kept(self.record(key))
        if record is None or record.get("key") != key:
            return MISSING
        mark_used(self.record(key))
        return record["value"]

    def keep(self, inputs: dict[str, str], value: Any) -> None:
        key = self.key(inputs)
        write_whole(
            self.record(key),
            pickle.dumps({"key": key, "value": value}, protocol=pickle.HIGHEST_PROTOCOL),
        )
        mark_used(self.record(key))
        prune(self.record(key).parent)

    def value(self, inputs: dict[str, str], compute: Callable[[], Any]) -> Any:
        """compute()'s value, or the one kept from a run with the same inputs and code."""
        found = self.find(inputs)
        if found is MISSING:
            found = compute()
            self.keep(inputs, found)
        return found


def kept(folder: Path, name: str, inputs: dict[str, str], compute: Callable[[], Any]) -> Any:
    """compute()'s value, kept as the step `name` that depends on inputs and the project's code.

    inputs: what the value depends on, each by a digest (e.g. table name -> table digest).
    """
    return Step(folder, name).value(inputs, compute)


def mark_used(path: Path) -> None:
    # The clock to the nanosecond: the file system's own time can be a few milliseconds coarse,
    # and records written within them would tie, so pruning could remove the newest.
    now = time.time_ns()
    os.utime(path, ns=(now, now))


def prune(folder: Path) -> None:
    """Keep the name's most recently used records."""
    records = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
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


def write_whole(path: Path, data: bytes) -> None:
    """Written whole or not at all, so a build cut short never leaves half a cached file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
