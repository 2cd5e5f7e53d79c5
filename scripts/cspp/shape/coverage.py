"""What the data holds: headline counts, the partnership-by-data gaps matrix, row counts per
resource, and the websites the rows cite."""

from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd

from .freshness import last_checked
from .gap_states import gap_state
from .partnerships import NAMED, PartnershipData
from .plans import CSP


def headline_counts(
    partnerships: list[PartnershipData],
    cycles: tuple[str, ...],
    *,
    councils: pd.DataFrame,
    plans: pd.DataFrame,
    priorities: pd.DataFrame,
    plan_measures: pd.DataFrame,
    indicators: pd.DataFrame,
    memberships: pd.DataFrame,
    sources: pd.DataFrame,
) -> dict:
    """The home page's counts; "plans by cycle": per cycle, the partnerships whose children's
    services plan is found, known to exist (not found, but the cycle's national review read it),
    and listed (either)."""
    return {
        "partnerships": len(partnerships),
        "councils": len(councils),
        "documents": len(plans),
        "priorities": len(priorities),
        "measures": len(plan_measures),
        "indicators": len(indicators),
        "named members": int((memberships["basis"] == NAMED).sum()),
        "sources": len(sources),
        "plans by cycle": plans_listed(partnerships, cycles),
    }


def plans_listed(partnerships: list[PartnershipData], cycles) -> dict[str, dict[str, int]]:
    """Per cycle: partnerships whose plan is found, known (to exist, not found), listed (found
    or known), and reviewed (whose plan the cycle's national review read)."""
    counts = {}
    for cycle in cycles:
        found = sum(p.has_csp[cycle] for p in partnerships)
        known = sum(p.known_plan(cycle) is not None for p in partnerships)
        reviewed = sum(any(r["cycle"] == cycle for r in p.reviewed) for p in partnerships)
        counts[cycle] = {
            "found": found,
            "known": known,
            "listed": found + known,
            "reviewed": reviewed,
        }
    return counts


def gaps_matrix(partnerships: list[PartnershipData], cycles) -> pd.DataFrame:
    """Partnership × what we hold: counts of members, plans per cycle, priorities, measures,
    annual reports. Zero means not yet found."""
    rows = []
    for p in partnerships:
        plans = p.rows["plans"]
        row = {
            "partnership_id": p.id,
            "area_name": p.partnership["area_name"],
            "members": len(named_members(p)),
        }
        for cycle in cycles:
            row[f"csp {cycle}"] = int(
                ((plans["document_type"] == CSP) & (plans["cycle"] == cycle)).sum()
            )
        row["priorities"] = len(p.rows["priorities"])
        row["measures"] = len(p.rows["plan_measures"])
        row["annual reports"] = int((plans["document_type"] == "annual-report").sum())
        rows.append(row)
    return pd.DataFrame(rows)


GAP_COLUMNS = [
    "rank",
    "gap",
    "partnership_id",
    "area_name",
    "cycle",
    "document_type",
    "plan_id",
    "field",
]
STATE_COLUMNS = ["state", "evidence", "evidence_source_id"]  # gap_states.gap_state
# The most useful gaps first: a partnership's plan for the current cycle, then priorities of
# the plans we hold, then links to the documents, then earlier plans and the members.
GAP_RANKS = {
    "current plan": 1,
    "priorities": 2,
    "document link": 3,
    "earlier plan": 4,
    "members": 5,
}


def gap_list(partnerships: list[PartnershipData], cycles) -> pd.DataFrame:
    """Every gap a contributor could fill, one row each (GAP_COLUMNS), most useful first."""
    rows = []
    for p in partnerships:
        area = {"partnership_id": p.id, "area_name": p.partnership["area_name"]}
        for cycle in cycles:
            if not p.has_csp[cycle]:
                gap = "current plan" if cycle == cycles[-1] else "earlier plan"
                rows.append(
                    {
                        **area,
                        "gap": gap,
                        "cycle": cycle,
                        "document_type": CSP,
                        "plan_id": "",
                        "field": "plan",
                    }
                )
        plans = p.rows["plans"].to_dict("records")
        held = set(p.rows["priorities"]["plan_id"])
        rows += [
            {
                **area,
                "gap": "priorities",
                "cycle": plan["cycle"],
                "document_type": plan["document_type"],
                "plan_id": plan["plan_id"],
                "field": "priorities",
            }
            for plan in plans
            if plan["document_type"] == CSP and plan["plan_id"] not in held
        ]
        rows += [
            {
                **area,
                "gap": "document link",
                "cycle": plan["cycle"],
                "document_type": plan["document_type"],
                "plan_id": plan["plan_id"],
                "field": "document_url",
            }
            for plan in plans
            if not plan["document_url"]
        ]
        if named_members(p).empty:
            rows.append(
                {
                    **area,
                    "gap": "members",
                    "cycle": "",
                    "document_type": "",
                    "plan_id": "",
                    "field": "members",
                }
            )
    frame = pd.DataFrame(rows, columns=GAP_COLUMNS[1:])
    frame = with_states(frame, {p.id: p for p in partnerships})
    frame.insert(0, "rank", frame["gap"].map(GAP_RANKS))
    return frame.sort_values(
        ["rank", "area_name", "cycle", "plan_id"], kind="stable", ignore_index=True
    )


def with_states(gaps: pd.DataFrame, partnerships: dict[str, PartnershipData]) -> pd.DataFrame:
    """Each gap with what is known of it (gap_states: state, evidence, evidence_source_id)."""
    states = []
    for gap in gaps.to_dict("records"):
        p = partnerships[gap["partnership_id"]]
        plans = p.rows["plans"].set_index("plan_id", drop=False)
        plan = plans.loc[gap["plan_id"]].to_dict() if gap["plan_id"] else None
        research = p.rows["research_gaps"].sort_values(["research_pass", "position"])
        states.append(
            gap_state(
                gap,
                plan,
                research.to_dict("records"),
                p.rows["confirmations"].to_dict("records"),
                p.reviewed,
            )
        )
    return pd.concat([gaps, pd.DataFrame(states, columns=STATE_COLUMNS, index=gaps.index)], axis=1)


def resource_rows(packages: dict, tables: dict[str, pd.DataFrame]) -> list[dict]:
    """Every resource of the packages (frictionless Package by name) with its package, title,
    file and row count (tables: every table by resource name), in package order."""
    return [
        {
            "package": name,
            "name": resource.name,
            "title": resource.title or resource.name,
            "path": resource.path,
            "rows": len(tables[resource.name]),
        }
        for name, package in packages.items()
        for resource in package.resources
    ]


def source_hosts(tables: dict[str, pd.DataFrame]) -> pd.Series:
    """How many rows cite each website, across every source_url column of every table, most
    cited first."""
    hosts = [
        urlparse(u).netloc.removeprefix("www.")
        for frame in tables.values()
        if "source_url" in frame
        for u in frame["source_url"]
        if u
    ]
    return pd.Series(hosts, dtype=str).value_counts()


def named_members(p: PartnershipData) -> pd.DataFrame:
    """The CSPP members a source names; the statutory members, from the Act, are every
    partnership's, and a community planning partnership's members are not the CSPP's."""
    members = p.rows["memberships"]
    return members[members["basis"] == NAMED]


def last_checked_anywhere(sources: pd.DataFrame) -> str:
    """The newest check of any source (read by a person, or its link requested), or 'not
    recorded'."""
    return last_checked(sources) or "not recorded"


def temporal_coverage(plans: pd.DataFrame, values: pd.DataFrame) -> tuple[int, int]:
    """First and last year named by any plan or indicator period."""
    years = [int(y) for y in plans["period_start"].dropna()] + [
        int(y) for y in plans["period_end"].dropna()
    ]
    periods = values["period"].drop_duplicates()
    years += [int(y) for y in periods.str.extract(r"^(\d{4})")[0].dropna()]
    return min(years), max(years)
