"""Each plan or report with what it holds: its vision, its priorities as a tree (as published,
nested under their parents), its measures, and whether it has enough content for a page."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .freshness import newest_check

CSP = "childrens-services-plan"  # the document_type of a children's services plan


def cut_short(priority: dict) -> bool:
    """The copy read was cut short (priorities.text_complete is false): the text holds only the
    published words before the cut."""
    return priority["text_complete"] == "false"


@dataclass
class Priority:
    row: dict
    children: list[Priority] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)  # plan_statements linked to it


@dataclass
class PlanData:
    plan: dict
    partnership_id: str
    priorities: list[Priority]  # top level, in published order, children nested
    measures: list[dict]  # in published order
    has_content: bool  # a vision, priorities or measures: it gets its own page
    last_checked: str
    # other listed items (plan_statements.csv), in published order; an outcome also sits under
    # its priority (Priority.outcomes)
    statements: list[dict] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.plan["plan_id"]


def plan_data(
    plans: pd.DataFrame,
    priorities: pd.DataFrame,
    measures: pd.DataFrame,
    statements: pd.DataFrame | None = None,
) -> dict[str, PlanData]:
    """Every plan by id, in the order of plans.csv."""
    priorities_by_plan = records_by_plan(priorities.sort_values(["position", "priority_id"]))
    measures_by_plan = records_by_plan(measures.sort_values(["position", "measure_id"]))
    statements_by_plan = (
        {}
        if statements is None
        else records_by_plan(statements.sort_values(["position", "statement_id"]))
    )
    out = {}
    for plan in plans.to_dict("records"):
        own = priorities_by_plan.get(plan["plan_id"], [])
        own_measures = measures_by_plan.get(plan["plan_id"], [])
        dates = [newest_check(row) for row in [plan, *own, *own_measures] if newest_check(row)]
        listed = statements_by_plan.get(plan["plan_id"], [])
        out[plan["plan_id"]] = PlanData(
            plan=plan,
            partnership_id=plan["partnership_id"],
            priorities=priority_tree(own, listed),
            measures=own_measures,
            has_content=bool(plan["vision"]) or bool(own) or bool(own_measures) or bool(listed),
            last_checked=max(dates) if dates else "not recorded",
            statements=[s for s in listed if not s["priority_id"]],
        )
    return out


def records_by_plan(rows: pd.DataFrame) -> dict[str, list[dict]]:
    """Rows as dicts, grouped by plan_id, each group in the order given."""
    groups: dict[str, list[dict]] = {}
    for row in rows.to_dict("records"):
        groups.setdefault(row["plan_id"], []).append(row)
    return groups


def priority_tree(ordered: list[dict], statements: list[dict] = ()) -> list[Priority]:
    """Top-level priorities in order, each holding the ones nested under it and its outcomes."""
    nodes = [
        Priority(row, outcomes=[s for s in statements if s["priority_id"] == row["priority_id"]])
        for row in ordered
    ]
    by_id = {p.row["priority_id"]: p for p in nodes}
    top = []
    for priority in nodes:
        parent = by_id.get(priority.row["parent_priority_id"])
        (parent.children if parent is not None else top).append(priority)
    return top


def every_priority(priorities: list[Priority]) -> list[Priority]:
    """A plan's priorities in published order, each followed by the ones nested under it."""
    return [
        node for priority in priorities for node in [priority, *every_priority(priority.children)]
    ]
