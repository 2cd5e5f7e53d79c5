"""DERIVED: what is known about each gap. Missing is not one state:

- confirmed absent: a confirmations row (kind absent) says the partnership published no such
  document for that cycle, and names its source;
- known to exist: a children's services plan not found publicly, of a cycle whose national review
  read the partnership's plan (reviews/reviewed_plans.csv); the evidence is the review's page, and
  any search the research recorded;
- searched, not found: an item of research_gaps (what a research pass looked for and did not
  find) matches the gap by the rule below; the evidence is that item and its research pass (the
  passes recorded no dates);
- no search recorded: neither. Nobody has recorded looking for it yet.

The matching rule (also on the data-gaps page and in the data dictionary): the item must name
the gap's cycle or the document's years (2020-2023, 2020-23 or 2020/23; for 2020-2023 also
2021-2023) and say what is missing: a children's services plan ("services plan" or "CSP") for a
missing plan, "priorit" for missing
priorities, "document", "PDF", "link" or "URL" for a missing link; for missing members, the
item must say "member".
"""

from __future__ import annotations

import re

import pandas as pd

CONFIRMED_ABSENT = "confirmed absent"
KNOWN = "known to exist"
SEARCHED = "searched, not found"
NO_SEARCH = "no search recorded"
PLAN_GAPS = ("current plan", "earlier plan")  # a missing children's services plan of a cycle
SERVICES_PLAN = r"services plans?\b|\bcsps?\b"  # a children's (and young people's) services plan
WHAT_IS_MISSING = {
    "current plan": SERVICES_PLAN,
    "earlier plan": SERVICES_PLAN,
    "priorities": r"priorit",
    "document link": r"document|\bpdf\b|\blinks?\b|\burl",
    "members": r"member",
}


def years_pattern(start: int, end: int) -> str:
    """2020-2023, 2020-23, 2020/23 and 2020 / 2023, with any dash."""
    return rf"\b{start}\s*[-\u2013/]\s*(?:{end}|{end % 100:02d})\b"


def period_patterns(gap: dict, plan: dict | None) -> list[str]:
    """The year spans that name the gap: its plan's period, and its cycle's."""
    spans = []
    if plan is not None and pd.notna(plan["period_start"]) and pd.notna(plan["period_end"]):
        spans.append((int(plan["period_start"]), int(plan["period_end"])))
    if gap["cycle"]:
        first, last = (int(year) for year in gap["cycle"].split("-"))
        spans.append((first, last))
        if gap["cycle"] == "2020-2023":  # COVID-19: some plans for this cycle run 2021-2023
            spans.append((2021, last))
    return [years_pattern(start, end) for start, end in spans]


def matches(gap: dict, plan: dict | None, item: str) -> bool:
    text = item.casefold()
    if not re.search(WHAT_IS_MISSING[gap["gap"]], text):
        return False
    if gap["gap"] == "members":
        return True
    return any(re.search(pattern, text) for pattern in period_patterns(gap, plan))


def latest_confirmation(
    confirmations: list[dict], kind: str, cycle: str = "", document_type: str = ""
) -> dict | None:
    """A partnership's newest confirmation of this kind, cycle and document type (blank for a
    page-correct one), or None."""
    matching = [
        row
        for row in confirmations
        if (row["kind"], row["cycle"], row["document_type"]) == (kind, cycle, document_type)
    ]
    return max(matching, key=lambda row: row["confirmed_on"]) if matching else None


def gap_state(
    gap: dict,
    plan: dict | None,
    research: list[dict],
    confirmations: list[dict],
    reviewed: list[dict] = (),
) -> dict:
    """state, evidence (words) and evidence_source_id for one gap (a row of coverage.gap_list).
    research: the partnership's research_gaps rows, latest pass last; confirmations: its
    confirmations rows; reviewed: its reviewed_plans rows, each with its review's cycle and
    publisher."""
    row = latest_confirmation(confirmations, "absent", gap["cycle"], gap["document_type"])
    if row is not None:
        return {
            "state": CONFIRMED_ABSENT,
            "evidence": f"{row['confirmed_by']}, {row['confirmed_on']}: {row['note']}".rstrip(": "),
            "evidence_source_id": row["source_id"],
        }
    found = [row for row in research if matches(gap, plan, row["not_found"])]
    searched = (
        f"research pass {found[-1]['research_pass']}: {found[-1]['not_found']}" if found else ""
    )
    review = review_of(reviewed, gap["cycle"]) if gap["gap"] in PLAN_GAPS else None
    if review is not None:
        return {
            "state": KNOWN,
            "evidence": known_words(review, searched),
            "evidence_source_id": review["source_id"],
        }
    if found:
        return {"state": SEARCHED, "evidence": searched, "evidence_source_id": ""}
    return {"state": NO_SEARCH, "evidence": "", "evidence_source_id": ""}


def review_of(reviewed: list[dict], cycle: str) -> dict | None:
    """The partnership's reviewed_plans row for the national review of this cycle, or None."""
    return next((row for row in reviewed if row["cycle"] == cycle), None)


def known_words(review: dict, searched: str) -> str:
    words = (
        f"the {review['publisher']}'s national review of the {review['cycle']} plans read "
        "this partnership's plan, so it exists, but no public copy has been found yet"
    )
    return f"{words} (searched, not found: {searched})" if searched else words
