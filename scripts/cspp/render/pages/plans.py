"""One page per plan or report that has content: its vision, nested priorities and measures."""

from __future__ import annotations

from ...shape.partnerships import PartnershipData
from ...shape.plans import PlanData
from .contribute import Contribute
from .html import render
from .parts import Facts, Link, document_link, measures_table, plan_period, source
from .paths import CONTRIBUTING, DOCUMENT_TYPES, partnership_page, plan_page


def plan_files(
    plans: dict[str, PlanData], partnerships: list[PartnershipData], contribute: Contribute
) -> dict[str, str]:
    names = {p.id: p.name for p in partnerships}
    areas = {p.id: p.partnership["area_name"] for p in partnerships}
    files = {}
    for plan in plans.values():
        if plan.has_content:
            page = plan_page(plan.id)
            files[page] = render(
                "plan.md",
                page,
                **plan_context(
                    plan, names[plan.partnership_id], areas[plan.partnership_id], contribute
                ),
            )
    return files


def plan_context(plan: PlanData, partnership_name: str, area: str, contribute: Contribute) -> dict:
    row = plan.plan
    gaps = {
        field: contribute.plan(area, field, row["cycle"], row["document_type"])
        for field in ("vision", "priorities", "measures")
    }
    kind = DOCUMENT_TYPES.get(row["document_type"], row["document_type"])
    document = document_link(row["document_url"], "open the document")
    return dict(
        title=row["title"],
        description=f"{DOCUMENT_TYPES.get(row['document_type'], '')} of {partnership_name}",
        hide=(),
        plan=plan,
        measures=measures_table(plan.measures),
        contributing=CONTRIBUTING,
        gaps=gaps,
        facts=Facts(
            [
                ("Partnership", Link(partnership_name, partnership_page(plan.partnership_id))),
                ("Kind", kind),
                ("Statutory cycle", row["cycle"] or "outside the three statutory cycles"),
                ("Period", plan_period(row)),
                ("Document", document),
                ("Source of these details", source(row)),
                ("Data last checked", plan.last_checked),
            ]
        ),
    )
