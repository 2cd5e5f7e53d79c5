"""The data's history in git: its releases, the packages as they were at any commit, and any
copy of the packages as text, for comparing two (shape/changes.py).

A release is the state of the data at the end of a day on which it changed: the last commit
of that day that touched a descriptor or a CSV. Its version is that day (YYYY-MM-DD), the
same data version the downloads carry. Without git, or in a shallow clone, the history holds
what git can see.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .model import read_text
from .packages import read_packages, resource_file

DATA_FILES = (":(glob)*/datapackage.json", ":(glob)*/*.csv")


class HistoryError(Exception):
    """git could not answer; the message says what it said."""


@dataclass(frozen=True)
class Release:
    version: str  # YYYY-MM-DD
    commit: str  # the full hash of the release's commit


def git(packages_root: Path, *args: str, binary: bool = False):
    try:
        result = subprocess.run(
            ["git", "-C", str(packages_root), *args], capture_output=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise HistoryError(str(error)) from None
    if result.returncode != 0:
        raise HistoryError(result.stderr.decode("utf-8", "replace").strip())
    return result.stdout if binary else result.stdout.decode("utf-8").strip()


def releases(packages_root: Path) -> list[Release]:
    """Every release, oldest first; none where git has no history of the data."""
    try:
        log = git(packages_root, "log", "--format=%H %cs", "--", *DATA_FILES)
    except HistoryError:
        return []
    last_of_day: dict[str, str] = {}
    for line in log.splitlines():  # newest first: keep each day's first line
        commit, day = line.split()
        last_of_day.setdefault(day, commit)
    return [Release(day, commit) for day, commit in sorted(last_of_day.items())]


def is_committed(packages_root: Path) -> bool:
    """True when the data files in the work tree are exactly as committed."""
    try:
        return git(packages_root, "status", "--porcelain", "--", *DATA_FILES) == ""
    except HistoryError:
        return False


def packages_at(packages_root: Path, ref: str, out: Path) -> Path:
    """Write the package folders as they were at ref (a commit, tag or branch) into out."""
    prefix = git(packages_root, "rev-parse", "--show-prefix")
    top = Path(git(packages_root, "rev-parse", "--show-toplevel"))  # archive reads from the top
    archive = git(top, "archive", "--format=tar", f"{ref}:{prefix}", binary=True)
    out.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(out, filter="data")
    return out


def text_tables(packages_root: Path) -> dict[str, tuple[pd.DataFrame, list[str]]]:
    """A copy of the packages as shape/changes.py compares them: package/resource -> (its rows
    as text, its primary key); a resource whose file is missing has no rows."""
    return {
        f"{name}/{resource.name}": (
            read_text_table(resource_file(package, resource.name)),
            list(resource.schema.primary_key),
        )
        for name, package in read_packages(packages_root).items()
        for resource in package.resources
    }


def read_text_table(path: Path) -> pd.DataFrame:
    return read_text(path) if path.exists() else pd.DataFrame()
