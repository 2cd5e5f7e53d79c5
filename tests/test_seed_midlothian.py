"""Seed 003, "Keeping The Promise In Midlothian 2021 – 2024" (Midlothian Council), is in the packages.

Every expectation below was copied by hand from the seed text
(../shared/seeds/003_12b7472c831d9334.txt; the priorities in the council page's wording, as the second research pass read it), not loaded from tools/seeds/midlothian.json.
"""

from __future__ import annotations

import csv
from pathlib import Path

PACKAGES = Path(__file__).resolve().parent.parent / "datapackages"
PLAN_ID = "midlothian-promise-2021-2024"
PAGE = "midlothian-the-promise-page"
DOC = "seed-keeping-the-promise-in-midlothian-2021-2024"

PRIORITIES = [
    "A Good Childhood",
    "Whole Family Support",
    "Planning",
    "Supporting the Workforce",
    "Building Capacity",
]
FOUNDATIONS = ["Voice", "Care", "Family", "People", "Scaffolding"]
PRINCIPLES = [
    "Holistic and relational",
    "Therapeutic",
    "Non-stigmatising",
    "Patient and persistent",
    "Underpinned by children's rights",
    "Community Based",
    "Responsive and timely",
    "Work with family assets",
    "Empowerment and agency",
    "Flexible",
]


def rows(relative: str) -> list[dict[str, str]]:
    with open(PACKAGES / relative, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def statements(kind: str) -> list[dict[str, str]]:
    found = [
        r
        for r in rows("plans/plan_statements.csv")
        if r["plan_id"] == PLAN_ID and r["kind"] == kind
    ]
    return sorted(found, key=lambda r: int(r["position"]))


def test_plan_row():
    (plan,) = [r for r in rows("plans/plans.csv") if r["plan_id"] == PLAN_ID]
    assert plan["partnership_id"] == "midlothian"
    assert plan["document_type"] == "promise-plan"
    assert (plan["period_start"], plan["period_end"]) == ("2021", "2024")
    assert plan["title"] == "Keeping The Promise In Midlothian 2021 – 2024"


def test_five_priorities_in_order_cited_to_the_council_page():
    found = sorted(
        (r for r in rows("plans/priorities.csv") if r["plan_id"] == PLAN_ID),
        key=lambda r: int(r["position"]),
    )
    assert [r["text"] for r in found] == PRIORITIES
    assert {r["source_id"] for r in found} == {PAGE}


def test_five_foundations_in_order():
    assert [r["text"] for r in statements("foundation")] == FOUNDATIONS


def test_ten_principles_of_intensive_family_support_in_order_cited_to_the_document():
    found = statements("principle")[:10]
    assert [r["text"] for r in found] == PRINCIPLES
    assert {r["source_id"] for r in found} == {DOC}


def test_the_document_is_a_supplied_source_with_no_url():
    (source,) = [r for r in rows("sources/sources.csv") if r["source_id"] == DOC]
    assert source["url"] == ""
    assert source["kind"] == "supplied"
