"""Reuse a generation step's result from an earlier build when nothing it read has changed.

While a step runs, the model notes every table it reads (model.reading). Its result is kept under
.cache/steps/ with a digest of what it depended on:
- the bytes and schema of each table it read;
- the project's code (any change to scripts/cspp/ recomputes every step);
- the steps whose results it used.
The next build recomputes the step only if that digest differs. Steps are for the slow parts that
depend on a few tables: a correction to a plan title does not redo the indicator charts.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

PACKAGE = Path(__file__).parent


@lru_cache(maxsize=1)
def code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class Step:
    name: str
    digest: str
    value: Any
    reused: bool


class Steps:
    """Step results kept in a folder between builds of one model."""

    def __init__(self, folder: Path, model) -> None:
        self.folder, self.model = folder, model

    def digest(self, reads: set[str], after: tuple[Step, ...]) -> str:
        parts = [code_digest()] + [f"{name}={self.model.digests.get(name, 'gone')}" for name in sorted(reads)]
        parts += [f"after {step.name}={step.digest}" for step in after]
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()

    def result(self, name: str, compute: Callable[[], Any], *after: Step) -> Step:
        """compute()'s value, or the one kept from a build with the same inputs."""
        kept = self.kept(name) or {}
        if "reads" in kept and self.digest(kept["reads"], after) == kept.get("digest"):
            self.model.note_reads(kept["reads"])
            return Step(name, kept["digest"], kept["value"], reused=True)
        with self.model.reading() as reads:
            value = compute()
        step = Step(name, self.digest(reads, after), value, reused=False)
        self.keep(name, {"reads": reads, "digest": step.digest, "value": value})
        return step

    def files(self, name: str, write: Callable[[Path], None], docs: Path, *after: Step) -> Step:
        """Run write(folder) and put the files it wrote into docs; or put the files kept
        from a build with the same inputs."""
        step = self.result(name, lambda: written_files(write), *after)
        for relative, content in step.value.items():
            path = docs / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        return step

    def kept(self, name: str) -> dict | None:
        return read_kept(self.folder / f"{name}.pickle")

    def keep(self, name: str, record: dict) -> None:
        write_kept(self.folder / f"{name}.pickle", record)


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


def written_files(write: Callable[[Path], None]) -> dict[str, bytes]:
    """Every file write(folder) wrote, by its path inside the folder."""
    folder = Path(tempfile.mkdtemp(prefix="cspp-step-"))
    try:
        write(folder)
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*")) if p.is_file()}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
