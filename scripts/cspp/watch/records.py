"""The checks as rows of context/source_checks.csv, written atomically, and as the report printed
by `cspp check-sources`. Nothing here makes a request."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections import Counter
from pathlib import Path

from .links import BROKEN, MOVED, STATUSES, UNREACHABLE, Check

COLUMNS = ["url", "last_checked", "link_status", "http_status", "final_url"]


def check_rows(checks: list[Check], today: str) -> list[dict]:
    """One row per address, sorted by it, as the schema of source_checks allows."""
    return [{"url": check.url, "last_checked": today, "link_status": check.link_status,
             "http_status": "" if check.http_status is None else str(check.http_status),
             # The schema holds https addresses only; the report names any other (see below).
             "final_url": check.final_url if check.final_url.startswith("https://") else ""}
            for check in sorted(checks, key=lambda check: check.url)]


def write_rows(path: Path, rows: list[dict]) -> None:
    """Replace the file in one step, so a failed run never leaves half a table behind."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text.getvalue())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def render_report(checks: list[Check], seconds: float) -> str:
    """Counts per status, then one line per address that is not ok, worst first."""
    counts = Counter(check.link_status for check in checks)
    lines = [f"Checked {len(checks)} source addresses in {seconds:.1f} s: "
             + ", ".join(f"{counts[status]} {status}" for status in STATUSES) + "."]
    for status in (BROKEN, UNREACHABLE, MOVED):
        for check in sorted((c for c in checks if c.link_status == status),
                            key=lambda check: check.url):
            code = "" if check.http_status is None else f" {check.http_status}"
            lines.append(f"{status}{code}: {check.url} ({check.note})")
    return "\n".join(lines)
