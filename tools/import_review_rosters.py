"""Import the national reviews' rosters of the plans they read into reviews/reviewed_plans.csv.

The Scottish Government's reviews of the 2020-2023 and 2023-2026 plans each read all 30
partnerships' plans: "Scotland's 30 Children's Services Plans", one for each local authority area
with a Tayside Collaborative for Angus, Dundee and Perth & Kinross (the reviews' footnotes), and
"Appendix A contains a full list of links to the CSPs". The research wrote each roster down
(../shared/sources/national/plans_appendix_a_*.csv, with national/notes.md saying how).

A tool for maintainers, not part of the build, and safe to run again (it rewrites only
reviewed_plans.csv). A roster row is mapped to its partnership by its councils, exactly as
councils.csv names them, never by its name: the roster names the single-council partnerships
after their council and Tayside "Tayside Collaborative". A row that does not map, or whose
source page is not in sources/sources.csv, is left out and reported. plan_title is copied where
the roster gives one; Appendix A itself was not retrieved, so none does yet.

Usage: python tools/import_review_rosters.py [path/to/shared/sources]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ROOT / "datapackages"
ROSTERS = {
    "review-2020-2023": "plans_appendix_a_2020_2023.csv",
    "review-2023-2026": "plans_appendix_a_2023_2026.csv",
}
FIELDS = ["review_id", "partnership_id", "plan_title", "source_id"]


def main(shared: Path) -> None:
    report: list[str] = []
    write_reviewed_plans(shared / "national", report)
    print("\n".join(report) if report else "Every roster row was placed.")


def write_reviewed_plans(national: Path, report: list[str]) -> None:
    councils = {
        row["council_name"]: row["partnership_id"]
        for row in read_csv(PACKAGES / "partnerships" / "councils.csv")
    }
    sources = {
        row["url"]: row["source_id"]
        for row in read_csv(PACKAGES / "sources" / "sources.csv")
        if row["url"]
    }
    rows = []
    for review_id, name in ROSTERS.items():
        for entry in read_csv(national / name):
            row = reviewed_plan(review_id, entry, councils, sources, report)
            if row is not None:
                rows.append(row)
    write_csv(PACKAGES / "reviews" / "reviewed_plans.csv", rows)


def reviewed_plan(
    review_id: str,
    entry: dict,
    councils: dict[str, str],
    sources: dict[str, str],
    report: list[str],
) -> dict | None:
    partnership_id = partnership_of(entry["councils"], councils)
    if partnership_id is None:
        report.append(
            f"{review_id}: left out, no partnership has exactly the councils "
            f"{entry['councils']!r} ({entry['partnership']})"
        )
        return None
    source_id = sources.get(entry["source_url"])
    if source_id is None:
        report.append(
            f"{review_id}: left out, its page is not in sources.csv: "
            f"{entry['partnership']} <{entry['source_url']}>"
        )
        return None
    return {
        "review_id": review_id,
        "partnership_id": partnership_id,
        "plan_title": entry["plan_title"],
        "source_id": source_id,
    }


def partnership_of(listed: str, councils: dict[str, str]) -> str | None:
    """The partnership whose councils are exactly the listed ones ("Angus; Dundee City; ..."),
    or None when a name is not a council's or the councils are not one whole partnership."""
    names = [name.strip() for name in listed.split(";")]
    partnerships = {councils.get(name) for name in names}
    if len(partnerships) != 1 or None in partnerships:
        return None
    [partnership_id] = partnerships
    whole = {name for name, pid in councils.items() if pid == partnership_id}
    return partnership_id if whole == set(names) else None


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    default = ROOT.parent / "shared" / "sources"
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
