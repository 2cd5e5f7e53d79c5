"""Import the researched facts in ../shared/sources into the CSVs under datapackages/.

A one-off tool for maintainers, not part of the build: once imported, the committed CSVs are
the source of truth and are edited by pull request. Re-running it overwrites the imported CSVs
(never the datapackage.json descriptors) and prints what it could not place, and why.

It does not import the official statistics: those come from the publishers' files, kept as
snapshots, through `cspp statistics` (scripts/cspp/ingest/).

It reads the first research pass, merges the second pass and the seed transcriptions
(tools/research_merge.py, tools/seeds/), adds each partnership's statutory members (the council
and NHS board that Part 3 of the Act makes plan jointly), and finally makes every table cite by
source_id (cite_sources), keeping the rows sources/sources.csv already has.

Rules it follows (see the data dictionary):
- values are copied exactly; nothing is invented, tidied or completed;
- a row whose only source is not https is left out and reported, because the project publishes
  https sources only; a document link that is not https is left blank and reported;
- derived columns (cycle, organisation_type) follow the rules written below and in the
  data dictionary.

Usage: python tools/import_sources.py [path/to/shared/sources]
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

from cspp.sources import source_id_for, source_kind

# The rules the submissions also follow: the kind in a plan id, the organisation-type keywords,
# a source's id and kind.
from cspp.submissions.rows import DOCUMENT_KINDS, organisation_type
from import_review_rosters import write_reviewed_plans
from research_merge import apply_seeds, is_citable, load_seeds, merge_second_pass, seed_sources

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ROOT / "datapackages"
SEEDS = Path(__file__).resolve().parent / "seeds"
# Part 3 of the Act: each local authority and its relevant health board must jointly prepare the
# children's services plan (s.8(1)); they exercise Part 3's functions jointly (s.7(6)).
THE_ACT = "https://www.legislation.gov.uk/asp/2014/8/section/8"
STATUTORY_ROLE = "statutory (by the Act)"

REVIEW_2023_ROSTER = (
    "https://gov.scot/publications/improving-outcomes-children-young-people-families-review-"
    "scotlands-childrens-services-plans-2023-2026/pages/21"
)
TAYSIDE_COUNCILS = {"S12000041", "S12000042", "S12000048"}  # Angus, Dundee City, Perth and Kinross

DOCUMENT_TYPES = {
    "children's services plan": "childrens-services-plan",
    "annual report": "annual-report",
    "child poverty action report": "child-poverty-action-report",
    "promise plan": "promise-plan",
    "corporate parenting plan": "corporate-parenting-plan",
    "children's rights report": "childrens-rights-report",
    "other": "other",
}
# A cycle is the statutory 3-year planning period. 2021-23 plans belong to 2020-23 (COVID delay).
CYCLES = {"2017-2020": (2017, 2020), "2020-2023": (2020, 2023), "2023-2026": (2023, 2026)}

# Derived: organisation type from the organisation name. First matching rule wins.


def main(source_dir: Path) -> None:
    report: list[str] = []
    partnerships = load_partnership_files(source_dir / "partnerships")
    merge_second_pass(partnerships, load_partnership_files(source_dir / "partnerships_r2"), report)
    seeds = load_seeds(SEEDS)
    apply_seeds(partnerships, seeds, report)
    councils = read_csv(source_dir / "national" / "councils_health_boards.csv")
    write_partnerships_package(partnerships, councils, report)
    write_plans_packages(partnerships, report)
    write_reviews_package(source_dir / "national", report)
    write_context_package(partnerships, source_dir / "national", report)
    cite_sources({**seed_sources(seeds), **review_sources()}, report)
    write_reviewed_plans(source_dir / "national", report)  # cites sources.csv rows by address
    print("\n".join(report) if report else "Everything was placed.")


# ---------------------------------------------------------------- load


def load_partnership_files(folder: Path) -> dict[str, dict]:
    files = sorted(folder.glob("*.json"))
    return {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in files}


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, fields: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: clean(row.get(k)) for k in fields})


def clean(value) -> str:
    """CSV cells hold one line each; None means unknown and is written blank."""
    if value is None:
        return ""
    return re.sub(r"\s*\n\s*", " ", str(value)).strip()


def is_https(url: str) -> bool:
    return url.startswith("https://")


# ---------------------------------------------------------------- partnerships


def write_partnerships_package(partnerships: dict, councils: list[dict], report: list[str]) -> None:
    write_csv(
        PACKAGES / "partnerships" / "partnerships.csv",
        [
            "partnership_id",
            "area_name",
            "partnership_name",
            "partnership_name_source_url",
            "web_page",
            "source_url",
            "accessed",
        ],
        [partnership_row(pid, data) for pid, data in partnerships.items()],
    )
    boards = {}
    council_rows = []
    for row in councils:
        code = row["council_code"]
        boards[row["health_board_code"]] = {
            "health_board_code": row["health_board_code"],
            "health_board_name": row["health_board"],
            "source_url": row["source_url"],
        }
        council_rows.append(
            {
                "council_code": code,
                "council_name": row["council"],
                "partnership_id": "tayside" if code in TAYSIDE_COUNCILS else slug(row["council"]),
                "health_board_code": row["health_board_code"],
                "source_url": row["source_url"],
            }
        )
    write_csv(
        PACKAGES / "partnerships" / "councils.csv",
        ["council_code", "council_name", "partnership_id", "health_board_code", "source_url"],
        council_rows,
    )
    write_csv(
        PACKAGES / "partnerships" / "health_boards.csv",
        ["health_board_code", "health_board_name", "source_url"],
        sorted(boards.values(), key=lambda b: b["health_board_code"]),
    )
    write_csv(
        PACKAGES / "partnerships" / "memberships.csv",
        [
            "partnership_id",
            "organisation",
            "organisation_type",
            "basis",
            "role",
            "source_url",
            "accessed",
        ],
        statutory_members(council_rows, boards) + membership_rows(partnerships, report),
    )


def statutory_members(councils: list[dict], boards: dict[str, dict]) -> list[dict]:
    """Each partnership's council(s) and their relevant health board, the bodies Part 3 of the Act
    makes plan jointly. The council is named as its area's local authority."""
    rows = {}
    for council in councils:
        pid = council["partnership_id"]
        board = boards[council["health_board_code"]]["health_board_name"]
        for organisation in (f"{council['council_name']} (local authority)", board):
            rows[(pid, organisation)] = {
                "partnership_id": pid,
                "organisation": organisation,
                "organisation_type": organisation_type(organisation),
                "basis": "statutory",
                "role": STATUTORY_ROLE,
                "source_url": THE_ACT,
            }
    return sorted(
        rows.values(),
        key=lambda r: (
            r["partnership_id"],
            r["organisation_type"] != "local-authority",
            r["organisation"],
        ),
    )


def slug(name: str) -> str:
    name = name.replace("&", "and")
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def partnership_row(pid: str, data: dict) -> dict:
    name, name_source = sourced_partnership_name(data)
    area = (
        data["partnership"].split(" (")[0] if pid != "na-h-eileanan-siar" else "Na h-Eileanan Siar"
    )
    return {
        "partnership_id": pid,
        "area_name": area,
        "partnership_name": name,
        "partnership_name_source_url": name_source,
        "web_page": "",
        "source_url": REVIEW_2023_ROSTER,
    }


def sourced_partnership_name(data: dict) -> tuple[str, str]:
    """The first name the research recorded, kept only if a sourced fact prints it verbatim."""
    first = re.split(r" \(|; | / ", data["name_used"])[0].strip()
    for fact in data["governance"] + data["other_facts"]:
        if first and first in fact["fact"] and is_https(fact["source_url"]):
            return first, fact["source_url"]
    return "", ""


def membership_rows(partnerships: dict, report: list[str]) -> list[dict]:
    rows, seen = [], set()
    for pid, data in partnerships.items():
        for member in data["members"]:
            key = (pid, member["organisation"])
            if not is_citable(member["source_url"]):
                report.append(
                    f"member left out (source not https): {pid}: {member['organisation']}"
                    f" <{member['source_url']}>"
                )
                continue
            if key in seen:
                report.append(
                    f"member left out (listed twice, the first kept): {pid}: {member['organisation']}"
                )
                continue
            seen.add(key)
            rows.append(
                {
                    "partnership_id": pid,
                    "organisation": member["organisation"],
                    "organisation_type": organisation_type(member["organisation"]),
                    "basis": "named",
                    "role": member.get("role", ""),
                    "source_url": member["source_url"],
                }
            )
    return rows


# ---------------------------------------------------------------- plans, priorities, measures


def cycle_of(document_type: str, start, end) -> str:
    """Derived: the planning cycle a document belongs to, from its period (see data dictionary)."""
    if start is None or end is None:
        return ""
    for cycle, (first, last) in CYCLES.items():
        if document_type == "childrens-services-plan":
            if end == last and start in (first, first + 1 if cycle == "2020-2023" else first):
                return cycle
        elif document_type == "annual-report" and first <= start and end <= last:
            return cycle
    return ""


def plan_id(pid: str, document_type: str, start, end, taken: Counter) -> str:
    years = "-".join(str(y) for y in (start, end) if y is not None) or "undated"
    base = f"{pid}-{DOCUMENT_KINDS[document_type]}-{years}"
    taken[base] += 1
    return base if taken[base] == 1 else f"{base}-{taken[base]}"


def split_reported_result(text: str) -> tuple[str, str]:
    """The research wrote results after the marker ' — reported result: '; split it mechanically."""
    marker = " \u2014 reported result: "
    if marker in text:
        measure, result = text.split(marker, 1)
        return measure, result
    return text, ""


# Seed documents confirmed on a public https page (see the closing note of the import).
SEED_PLANS = {
    "city-of-edinburgh": [
        {
            # The Young Scot consultation page is headed with this plan and prints its three headings.
            "title": "Edinburgh Children\u2019s Services Plan 2020-23",
            "type": "children's services plan",
            "period_start": 2020,
            "period_end": 2023,
            "url": "",
            "vision": "",
            "measures": [],
            "priorities": ["Best Start", "Bridging the Gap", "Being Everything You Can Be"],
            "source_url": "https://young.scot/get-informed/edinburgh/"
            "have-your-say-edinburgh-childrens-services-plan",
        }
    ],
}


def write_plans_packages(partnerships: dict, report: list[str]) -> None:
    plans, priorities, statements, measures = [], [], [], []
    taken: Counter = Counter()
    for pid, data in partnerships.items():
        for plan in data["plans"] + SEED_PLANS.get(pid, []):
            if not is_citable(plan["source_url"]):
                report.append(
                    f"plan left out (source not https): {pid}: {plan['title']}"
                    f" <{plan['source_url']}>"
                )
                continue
            row = plan_row(pid, plan, taken, report)
            plans.append(row)
            plan_priorities = priority_rows(row["plan_id"], plan)
            priorities += plan_priorities
            statements += statement_rows(row["plan_id"], plan, plan_priorities)
            measures += measure_rows(row["plan_id"], plan)
    write_csv(
        PACKAGES / "plans" / "plans.csv",
        [
            "plan_id",
            "partnership_id",
            "document_type",
            "cycle",
            "period_start",
            "period_end",
            "title",
            "vision",
            "document_url",
            "source_url",
            "accessed",
        ],
        plans,
    )
    write_csv(
        PACKAGES / "plans" / "priorities.csv",
        [
            "priority_id",
            "plan_id",
            "parent_priority_id",
            "position",
            "text",
            "source_url",
            "accessed",
        ],
        priorities,
    )
    write_csv(
        PACKAGES / "plans" / "plan_statements.csv",
        ["statement_id", "plan_id", "priority_id", "kind", "position", "text", "source_url"],
        statements,
    )
    write_csv(
        PACKAGES / "measures" / "plan_measures.csv",
        [
            "measure_id",
            "plan_id",
            "position",
            "text",
            "baseline",
            "baseline_period",
            "target",
            "deadline",
            "reported_result",
            "source_url",
            "accessed",
        ],
        measures,
    )


def plan_row(pid: str, plan: dict, taken: Counter, report: list[str]) -> dict:
    document_type = DOCUMENT_TYPES.get(plan["type"], plan["type"])
    start, end = plan["period_start"], plan["period_end"]
    if start is not None and end is not None and end < start:
        report.append(f"plan period left blank (end before start): {pid}: {plan['title']}")
        start = end = None
    document_url = plan["url"]
    if document_url and not is_https(document_url):
        report.append(
            f"document link left blank (not https): {pid}: {plan['title']} <{document_url}>"
        )
        document_url = ""
    return {
        "plan_id": plan_id(pid, document_type, start, end, taken),
        "partnership_id": pid,
        "document_type": document_type,
        "cycle": cycle_of(document_type, start, end),
        "period_start": start,
        "period_end": end,
        "title": plan["title"],
        "vision": plan["vision"],
        "document_url": document_url,
        "source_url": plan["source_url"],
    }


def cited(item, plan: dict) -> tuple[str, str]:
    """An item's text and source: a plain string cites its plan's source."""
    if isinstance(item, dict):
        return item["text"], item.get("source_url") or plan["source_url"]
    return item, plan["source_url"]


def priority_rows(pid_plan: str, plan: dict) -> list[dict]:
    rows = []
    for position, item in enumerate(plan["priorities"], start=1):
        text, source = cited(item, plan)
        rows.append(
            {
                "priority_id": f"{pid_plan}-p{position}",
                "plan_id": pid_plan,
                "position": position,
                "text": text,
                "source_url": source,
            }
        )
    return rows


def statement_rows(pid_plan: str, plan: dict, priorities: list[dict]) -> list[dict]:
    """The plan's other listed items (commitments, foundations, principles ...) and each
    priority's linked outcomes, numbered in the plan's order."""
    outcomes = [
        {
            "kind": "outcome",
            "text": text,
            "source_url": row["source_url"],
            "priority_id": row["priority_id"],
        }
        for item, row in zip(plan["priorities"], priorities)
        if isinstance(item, dict)
        for text in item.get("outcomes", [])
    ]
    return [
        {
            "statement_id": f"{pid_plan}-s{position}",
            "plan_id": pid_plan,
            "priority_id": item.get("priority_id", ""),
            "kind": item["kind"],
            "position": position,
            "text": item["text"],
            "source_url": item["source_url"],
        }
        for position, item in enumerate(outcomes + plan.get("statements", []), start=1)
    ]


def measure_rows(pid_plan: str, plan: dict) -> list[dict]:
    rows = []
    for position, measure in enumerate(plan["measures"], start=1):
        text, result = split_reported_result(measure["text"])
        rows.append(
            {
                "measure_id": f"{pid_plan}-m{position}",
                "plan_id": pid_plan,
                "position": position,
                "text": text,
                "baseline": measure["baseline"],
                "target": measure["target"],
                "deadline": measure["deadline"],
                "reported_result": result,
                "source_url": measure.get("source_url") or plan["source_url"],
            }
        )
    return rows


# ---------------------------------------------------------------- reviews

REVIEWS = {
    "2020-2023": {
        "review_id": "review-2020-2023",
        "title": "Improving outcomes for children, young people and families: review of "
        "Children's Services Plans and strategic engagement activity",
        "url": "https://gov.scot/publications/improving-outcomes-children-young-people-families-"
        "review-childrens-services-plans-2020-2023-strategic-engagement-activity/",
        "report_number": 2,
        # Seed 002 is this publication's summary and foreword (its public page is the url).
        "summary": "Reviews how far Scotland's 30 children's services plans for 2020-2023 meet "
        "the criteria set under Part 3 of the Children and Young People (Scotland) "
        "Act 2014, adding findings from strategic engagement with the partnerships' "
        "strategic leads on the delivery context and the planning process.",
        "foreword_by": "Carrie Lindsay, Executive Director of Education and Children\u2019s Services, "
        "Fife Council, Co-Chair of Strategic Leads Network; Michael Chalmers, "
        "Director of Children and Families, Scottish Government, Co-Chair of "
        "Strategic Leads Network",
    },
    "2023-2026": {
        "review_id": "review-2023-2026",
        "title": "Scotland's children's services plans 2023-2026 review: improving outcomes for "
        "children, young people and families",
        "url": "https://gov.scot/publications/improving-outcomes-children-young-people-families-"
        "review-scotlands-childrens-services-plans-2023-2026/",
        "report_number": 3,
    },
}


def review_sources() -> dict[str, dict]:
    """Each review's publication page as a source, with its title and publisher."""
    return {
        meta["url"]: {
            "source_id": f"{meta['review_id']}-publication",
            "title": meta["title"],
            "publisher": "Scottish Government",
            "url": meta["url"],
            "kind": "public-body",
        }
        for meta in REVIEWS.values()
        if "foreword_by" in meta
    }  # the ones a row cites


def write_reviews_package(national_dir: Path, report: list[str]) -> None:
    reviews = [
        {
            "cycle": cycle,
            "publisher": "Scottish Government",
            **meta,
            "foreword_source_url": meta["url"] if "foreword_by" in meta else "",
            "source_url": meta["url"] + "pages/1",
        }
        for cycle, meta in REVIEWS.items()
    ]
    write_csv(
        PACKAGES / "reviews" / "reviews.csv",
        [
            "review_id",
            "cycle",
            "title",
            "publisher",
            "report_number",
            "url",
            "summary",
            "foreword_by",
            "foreword_source_url",
            "source_url",
        ],
        reviews,
    )
    criteria = [
        {
            "review_id": REVIEWS[row["review_cycle"]]["review_id"],
            "criterion_number": row["criterion_number"],
            "criterion": row["criterion"],
            "fully_met": row["fully_met"],
            "partially_met": row["partially_met"],
            "not_met": row["not_met"],
            "source_url": row["source_url"],
        }
        for row in read_csv(national_dir / "review_criteria.csv")
    ]
    add_second_search(criteria, national_dir / "review_criteria_r2.json", report)
    write_csv(
        PACKAGES / "reviews" / "review_criteria.csv",
        [
            "review_id",
            "criterion_number",
            "criterion",
            "fully_met",
            "partially_met",
            "not_met",
            "fully_met_at_least",
            "printed",
            "printed_source_url",
            "source_url",
        ],
        criteria,
    )


BAND = re.compile(r"fully satisfied by (\d+) or more CSPPs")


def add_second_search(criteria: list[dict], path: Path, report: list[str]) -> None:
    """The second search for the missing 2020-2023 counts: a count it found fills a blank; a
    band the review prints ("fully satisfied by 21 or more CSPPs") gives fully_met_at_least;
    and what the review prints instead of a count is kept, quoted, with its page."""
    found = json.loads(path.read_text(encoding="utf-8"))["criteria_2020_2023"]
    rows = {
        row["criterion_number"]: row
        for row in criteria
        if row["review_id"] == REVIEWS["2020-2023"]["review_id"]
    }
    for item in found:
        row = rows[item["criterion_number"]]
        for field in ("fully_met", "partially_met", "not_met"):
            if item[field] is not None and row[field] in ("", None):
                row[field] = item[field]
            elif item[field] is not None and str(item[field]) != str(row[field]):
                report.append(
                    f"review count kept as first read: criterion {item['criterion_number']}"
                    f" {field} {row[field]} (second search: {item[field]})"
                )
        printed = [p for p in [item] + item.get("also_printed", []) if p.get("quote")]
        banded = [(BAND.search(p["quote"]), p) for p in printed if BAND.search(p["quote"])]
        if banded and row["fully_met"] in ("", None):
            row["fully_met_at_least"] = banded[0][0].group(1)
        quoted = banded[0][1] if banded else (printed[0] if printed else None)
        if quoted:
            row["printed"], row["printed_source_url"] = quoted["quote"], quoted["source_url"]


# ---------------------------------------------------------------- context


def write_context_package(partnerships: dict, national_dir: Path, report: list[str]) -> None:
    write_csv(
        PACKAGES / "context" / "partnership_facts.csv",
        ["fact_id", "partnership_id", "topic", "fact", "source_url", "accessed"],
        [row for pid, data in partnerships.items() for row in fact_rows(pid, data, report)],
    )
    write_csv(
        PACKAGES / "context" / "research_gaps.csv",
        ["partnership_id", "position", "not_found", "research_pass"],
        [row for pid, data in partnerships.items() for row in gap_rows(pid, data)],
    )
    write_csv(
        PACKAGES / "context" / "policy_context.csv",
        [
            "context_id",
            "partnership_id",
            "category",
            "number",
            "name",
            "summary",
            "driver_id",
            "url",
            "source_url",
        ],
        [
            {"context_id": f"{pid}-{item['number']}", "partnership_id": pid, **item}
            for pid, data in partnerships.items()
            for item in data.get("policy_context", [])
        ],
    )
    write_cypf_indicators(national_dir, report)


def fact_rows(pid: str, data: dict, report: list[str]) -> list[dict]:
    """Facts numbered per topic in the order found (a left-out fact keeps its number unused)."""
    rows, positions = [], Counter()
    listed = [("governance", fact) for fact in data["governance"]] + [
        (fact.get("topic", "context"), fact) for fact in data["other_facts"]
    ]
    for topic, fact in listed:
        positions[topic] += 1
        if not is_citable(fact["source_url"]):
            report.append(
                f"fact left out (source not https): {pid}: {fact['fact'][:60]}"
                f" <{fact['source_url']}>"
            )
            continue
        rows.append(
            {
                "fact_id": f"{pid}-{topic}-{positions[topic]}",
                "partnership_id": pid,
                "topic": topic,
                "fact": fact["fact"],
                "source_url": fact["source_url"],
            }
        )
    return rows


def gap_rows(pid: str, data: dict) -> list[dict]:
    items = [(1, item) for item in data["searched_but_not_found"]] + [
        (2, item) for item in data.get("second_pass_gaps", [])
    ]
    return [
        {
            "partnership_id": pid,
            "position": position,
            "not_found": item,
            "research_pass": research_pass,
        }
        for position, (research_pass, item) in enumerate(items, start=1)
    ]


def write_cypf_indicators(national_dir: Path, report: list[str]) -> None:
    rows = []
    for row in read_csv(national_dir / "cypf_core_wellbeing_indicators.csv"):
        sources = [u.strip() for u in row["source_url"].split(";")]
        if not is_https(sources[0]):
            report.append(
                f"CYPF indicator left out (source not https): {row['indicator_number']}"
                f" <{sources[0]}>"
            )
            continue
        rows.append(
            {
                "indicator_number": row["indicator_number"],
                "indicator_name": row["indicator_name"],
                "my_world_triangle_side": row["wellbeing_outcome_or_domain"].split(" (")[0],
                "data_source": row["data_source"],
                "latest_scotland_value": row["latest_scotland_value"],
                "value_period": row["value_period"],
                "geography_available": row["geography_available"],
                "source_url": sources[0],
                "further_source_url": further_source(row, sources, report),
                "evidence_note": row["evidence_note"],
            }
        )
    write_csv(
        PACKAGES / "context" / "cypf_core_wellbeing_indicators.csv",
        [
            "indicator_number",
            "indicator_name",
            "my_world_triangle_side",
            "data_source",
            "latest_scotland_value",
            "value_period",
            "geography_available",
            "source_url",
            "further_source_url",
            "evidence_note",
        ],
        rows,
    )


def further_source(row: dict, sources: list[str], report: list[str]) -> str:
    if len(sources) < 2:
        return ""
    if not is_https(sources[1]):
        report.append(
            f"CYPF indicator second link left blank (not https): "
            f"{row['indicator_number']} <{sources[1]}>"
        )
        return ""
    return sources[1]


# ---------------------------------------------------------------- sources

SOURCES = PACKAGES / "sources" / "sources.csv"
SOURCE_FIELDS = [
    "source_id",
    "title",
    "publisher",
    "url",
    "kind",
    "accessed",
    "last_checked",
    "link_status",
    "http_status",
    "final_url",
]


def cite_sources(seeded: dict[str, dict], report: list[str]) -> None:
    """Every table cites by source_id: each column ending in source_url becomes the column
    ending in source_id, and each address a row of sources.csv. Rows already there keep their id,
    title, publisher, kind and checks; `accessed` moves from the fact tables to the sources.
    The seeds' sources (seeded, by url or seed: key) come with their own id, title and kind."""
    sources = (
        {row["url"] or f"seed:{row['source_id']}": row for row in read_csv(SOURCES)}
        if SOURCES.exists()
        else {}
    )
    for key, row in seeded.items():
        sources[key] = {**sources.get(key, {}), **row}
    sources.setdefault(
        THE_ACT,
        {
            "source_id": "children-and-young-people-scotland-act-2014-s8",
            "url": THE_ACT,
            "kind": "legislation",
            "publisher": "legislation.gov.uk",
            "title": "Children and Young People (Scotland) Act 2014, section 8: "
            "Requirement to prepare children's services plan",
        },
    )
    taken = {row["source_id"] for row in sources.values()}
    for path in sorted(PACKAGES.glob("*/*.csv")):
        if path != SOURCES:
            cite_table(path, sources, taken, report)
    write_csv(SOURCES, SOURCE_FIELDS, sorted(sources.values(), key=lambda r: r["source_id"]))


def cite_table(path: Path, sources: dict[str, dict], taken: set[str], report: list[str]) -> None:
    rows = read_csv(path)
    fields = list(rows[0]) if rows else next(csv.reader(path.open(encoding="utf-8")))
    url_fields = [f for f in fields if f.endswith("source_url")]
    if not url_fields and "accessed" not in fields:
        return
    for row in rows:
        cited = [row.pop(field) for field in url_fields]
        for field, url in zip(url_fields, cited):
            row[field.removesuffix("url") + "id"] = (
                source_row(url, sources, taken, report) if url else ""
            )
        accessed = row.pop("accessed", "")
        if accessed and cited and cited[0]:
            sources[cited[0]]["accessed"] = max(sources[cited[0]].get("accessed", ""), accessed)
    fields = [
        f.removesuffix("url") + "id" if f in url_fields else f for f in fields if f != "accessed"
    ]
    write_csv(path, fields, rows)


def source_row(url: str, sources: dict[str, dict], taken: set[str], report: list[str]) -> str:
    if url not in sources:
        source_id = source_id_for(url, taken)
        taken.add(source_id)
        kind = source_kind(url)
        if not kind:
            report.append(f"source kind left blank (no rule matches its address): {url}")
        sources[url] = {"source_id": source_id, "url": url, "kind": kind}
    return sources[url]["source_id"]


if __name__ == "__main__":
    default = ROOT.parent / "shared" / "sources"
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
