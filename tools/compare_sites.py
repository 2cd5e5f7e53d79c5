"""Compare two built sites: which files exist in one only, and which differ.

    python tools/compare_sites.py SITE_BEFORE SITE_AFTER [--show N]

HTML is compared normalised: each element as its tag, its attributes (sorted; class words
sorted) and its own text with white space collapsed, so that formatting alone is no difference.
For each HTML file that differs, the first differing elements are shown. Other files are compared
byte for byte; the SQLite downloads, which SQLAlchemy does not write identically twice, by their
dump. Used to check that a refactoring leaves the site as it was.
"""

from __future__ import annotations

import argparse
import difflib
import sqlite3
import sys
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag


def normalised(html: str) -> list[str]:
    lines = []
    for element in BeautifulSoup(html, "html.parser").descendants:
        if isinstance(element, Tag):
            attrs = {
                k: " ".join(sorted(v)) if isinstance(v, list) else v
                for k, v in element.attrs.items()
            }
            lines.append(f"<{element.name} {sorted(attrs.items())}>")
        elif isinstance(element, NavigableString) and element.strip():
            lines.append(" ".join(element.split()))
    return lines


def sqlite_dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return sorted(line for line in connection.iterdump() if line.startswith("INSERT"))
    finally:
        connection.close()


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def differs(a: Path, b: Path) -> list[str] | None:
    """None if the same; otherwise a short diff (empty for binary files)."""
    if a.suffix == ".html":
        left, right = normalised(a.read_text("utf-8")), normalised(b.read_text("utf-8"))
    elif a.suffix == ".sqlite":
        left, right = sqlite_dump(a), sqlite_dump(b)
    else:
        if a.read_bytes() == b.read_bytes():
            return None
        try:
            left, right = a.read_text("utf-8").splitlines(), b.read_text("utf-8").splitlines()
        except UnicodeDecodeError:
            return []
    if left == right:
        return None
    return [line for line in difflib.unified_diff(left, right, lineterm="", n=1)][2:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--show", type=int, default=12, help="diff lines shown per file")
    args = parser.parse_args(argv)
    before, after = files(args.before), files(args.after)
    for name in sorted(before - after):
        print(f"only before: {name}")
    for name in sorted(after - before):
        print(f"only after:  {name}")
    changed = Counter()
    for name in sorted(before & after):
        diff = differs(args.before / name, args.after / name)
        if diff is None:
            continue
        changed[name.split("/")[0]] += 1
        print(f"differs: {name}")
        for line in diff[: args.show]:
            print(f"    {line[:200]}")
    print(
        f"\n{len(before)} files before, {len(after)} after; {sum(changed.values())} differ: "
        + ", ".join(f"{folder} {n}" for folder, n in changed.most_common())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
