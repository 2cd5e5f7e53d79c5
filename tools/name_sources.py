"""Record each source's title and publisher where the research notes state them.

A tool for maintainers, not part of the build, and safe to run again: it reads the research
notes in ../shared/sources and fills only blank `title` and `publisher` cells of
datapackages/sources/sources.csv, keeping every row, its order and every other cell. A value
already recorded is never replaced; where the notes state another, it is reported.

What the notes state, and so what it records (nothing else: a title is never made up):
- the source tables of the national notes (national/notes.md, national/cypf_notes.md): a row
  whose description quotes a title names the publication at that address. A multi-page
  publication's address stands for every page (`pages/N`), and each page gets the publication's
  title. Its publisher is recorded where the row names it; "SG" is the notes' short form of the
  Scottish Government.
- a plan in the partnership notes (both passes) whose document address is its own source: the
  research read the title from the document at that address. Only a title with no brackets,
  because the research sometimes adds words of its own in brackets (an alternative name, "LOIP",
  which report it was).
- a fact in the partnership notes that says the page, copy or note it cites is titled or headed
  '...'.

A publisher the notes do not state may still be derived from the web address by the published
domain table (sources/publisher_domains.csv); this tool only counts those.

Usage: python tools/name_sources.py [path/to/shared/sources]
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "datapackages" / "sources" / "sources.csv"
DOMAINS = ROOT / "datapackages" / "sources" / "publisher_domains.csv"
NOTES = ("national/notes.md", "national/cypf_notes.md")
SHORT_NAMES = {"SG": "Scottish Government"}  # how the notes' source tables name publishers
PAGE_NUMBER = "N"  # the notes write a publication's pages as .../pages/N
URL = re.compile(r"https?://[^\s`)|]+")
QUOTED = re.compile(r'"([^"]+)"')
# "A later council page, titled '...'", "The docslib third-party copy of the plan is titled
# '...'", "A 2022 Council technical note titled '...'": the fact's own source named. Not "a
# sub-page titled", which may be another page than the one cited.
# The title ends at a closing quote that no letter follows (a title may hold "Children's").
SELF_TITLED = re.compile(
    r"\b(?<!-)(?:page|copy of the plan|note),? (?:is )?(?:titled|headed) "
    r"'(.+?)'(?![A-Za-z])"
)


def main(shared: Path) -> None:
    rows = read_csv(SOURCES)
    before = counts(rows)
    found = stated_names(shared)
    report = record(rows, found)
    write_csv(SOURCES, rows)
    print("\n".join(report) if report else "Nothing new to record.")
    print(f"before: {describe(before)}\nafter:  {describe(counts(rows))}")


# ---------------------------------------------------------------- what the notes state


def stated_names(shared: Path) -> list[dict]:
    """Every (address pattern, title, publisher, where) the notes state, notes tables first."""
    found = []
    for name in NOTES:
        found += notes_table_names(shared / name)
    for path in sorted(shared.glob("partnerships*/*.json")):
        research = json.loads(path.read_text(encoding="utf-8"))
        where = f"{path.parent.name}/{path.name}"
        found += plan_titles(research, where) + self_titled_facts(research, where)
    return found


def notes_table_names(path: Path) -> list[dict]:
    """The `| key | what | URL |` rows of a notes file whose `what` quotes a title."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not URL.search(cells[2]):
            continue
        _key, what, address = cells
        title = QUOTED.search(what)
        if title:
            found.append(
                {
                    "address": URL.search(address).group(0),
                    "title": title.group(1),
                    "publisher": SHORT_NAMES.get(what.split()[0].rstrip(","), ""),
                    "where": f"{path.name}: {_key}",
                }
            )
    return found


def plan_titles(research: dict, where: str) -> list[dict]:
    return [
        {"address": plan["url"], "title": plan["title"], "publisher": "", "where": f"{where}: plan"}
        for plan in research["plans"]
        if plan["url"]
        and plan["url"] == plan["source_url"]
        and not re.search(r"[()\[\]]", plan["title"])
    ]


def self_titled_facts(research: dict, where: str) -> list[dict]:
    facts = research.get("governance", []) + research.get("other_facts", [])
    return [
        {
            "address": fact["source_url"],
            "title": match.group(1),
            "publisher": "",
            "where": f"{where}: fact",
        }
        for fact in facts
        for match in [SELF_TITLED.search(fact["fact"])]
        if match
    ]


# ---------------------------------------------------------------- matching addresses


def address_key(url: str) -> str:
    """An address as the notes and the sources may both write it: no scheme, no www., no
    trailing slash."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}"


def address_pattern(address: str) -> re.Pattern:
    """The notes' address as a pattern: its page number N stands for any page."""
    key = re.escape(address_key(address))
    return re.compile(key.replace(f"/pages/{PAGE_NUMBER}", "/pages/[^/]+") + "$")


def record(rows: list[dict], found: list[dict]) -> list[str]:
    """Fill blank titles and publishers from what the notes state; report every value recorded
    and every disagreement with one already there."""
    report = []
    for name in found:
        pattern = address_pattern(name["address"])
        for row in rows:
            if not row["url"] or not pattern.match(address_key(row["url"])):
                continue
            for field in ("title", "publisher"):
                value = name[field]
                if not value or row[field] == value:
                    continue
                if row[field]:
                    report.append(
                        f"kept {field} of {row['source_id']}: {row[field]!r} "
                        f"({name['where']} states {value!r})"
                    )
                    continue
                row[field] = value
                report.append(f"{field} of {row['source_id']}: {value} ({name['where']})")
    return report


# ---------------------------------------------------------------- counts


def counts(rows: list[dict]) -> dict[str, int]:
    """Sources with a recorded title, a stated publisher, a publisher only derived from the web
    address, and neither a title nor any publisher."""
    domains = (
        {row["domain"]: row["publisher"] for row in read_csv(DOMAINS)} if DOMAINS.exists() else {}
    )
    derived = [
        not row["publisher"] and bool(derived_publisher(row["url"], domains)) for row in rows
    ]
    return {
        "sources": len(rows),
        "stated title": sum(bool(row["title"]) for row in rows),
        "stated publisher": sum(bool(row["publisher"]) for row in rows),
        "derived publisher": sum(derived),
        "neither": sum(
            not row["title"] and not row["publisher"] and not d for row, d in zip(rows, derived)
        ),
    }


def derived_publisher(url: str, domains: dict[str, str]) -> str:
    from cspp.sources import derived_publisher as rule  # the rule the site applies

    return rule(url, domains)


def describe(numbers: dict[str, int]) -> str:
    return ", ".join(f"{value} {name}" for name, value in numbers.items())


# ---------------------------------------------------------------- files


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    default = ROOT.parent / "shared" / "sources"
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
