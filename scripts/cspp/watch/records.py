"""The checks written into the sources table (sources/sources.csv: last_checked, link_status,
http_status, final_url), atomically, and the report printed by `cspp check-sources`. Nothing here
makes a request."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections import Counter
from pathlib import Path

from .links import BROKEN, MOVED, STATUSES, UNREACHABLE, Check

CHECK_COLUMNS = ["last_checked", "link_status", "http_status", "final_url"]


def check_cells(check: Check, today: str) -> dict:
    """The check columns of one source, as the sources schema allows them."""
    return {
        "last_checked": today,
        "link_status": check.link_status,
        "http_status": "" if check.http_status is None else str(check.http_status),
        # The schema holds https addresses only; the report names any other (see below).
        "final_url": check.final_url if check.final_url.startswith("https://") else "",
    }


def record_checks(path: Path, checks: list[Check], today: str) -> None:
    """Write each check into the rows of its address; every other cell stays as it was."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    by_url = {check.url: check for check in checks}
    for row in rows:
        if row["url"] in by_url:
            row.update(check_cells(by_url[row["url"]], today))
    write_rows(path, header, rows)


def write_rows(path: Path, header: list[str], rows: list[dict]) -> None:
    """Replace the file in one step, so a failed run never leaves half a table behind."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=header, lineterminator="\n")
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
    lines = [
        f"Checked {len(checks)} source addresses in {seconds:.1f} s: "
        + ", ".join(f"{counts[status]} {status}" for status in STATUSES)
        + "."
    ]
    for status in (BROKEN, UNREACHABLE, MOVED):
        for check in sorted(
            (c for c in checks if c.link_status == status), key=lambda check: check.url
        ):
            code = "" if check.http_status is None else f" {check.http_status}"
            lines.append(f"{status}{code}: {check.url} ({check.note})")
    return "\n".join(lines)
