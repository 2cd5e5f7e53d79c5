"""Each partnership as its page shows it: councils and board, members, plans by cycle, the
current plan, facts, latest statistics per council, what is missing, and its rows as one CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ..load.model import joined_columns
from .freshness import citations, failing_links, last_checked_by_partnership, stale_by_partnership
from .gap_states import review_of
from .owners import owners
from .plans import CSP, PlanData

# What a partnership's CSV holds: each resource and the column(s) that identify a row.
PARTNERSHIP_RESOURCES = {
    "partnerships": ["partnership_id"],
    "councils": ["council_code"],
    "memberships": ["organisation"],
    "plans": ["plan_id"],
    "priorities": ["priority_id"],
    "plan_measures": ["measure_id"],
    "plan_statements": ["statement_id"],
    "partnership_facts": ["fact_id"],
    "policy_context": ["context_id"],
    "research_gaps": ["position"],
    "confirmations": ["confirmation_id"],
    "reviewed_plans": ["review_id"],
}
CSV_COLUMNS = ["resource", "row_id", "field", "value", "source_id", "source_url"]
# memberships.basis. A community planning partnership's members are kept apart: a source named
# them for the area's community planning partnership, not for its CSPP, so they are never counted
# or shown as the CSPP's members.
STATUTORY, NAMED, COMMUNITY_PLANNING = "statutory", "named", "community-planning"
CSPP_BASES = (STATUTORY, NAMED)


@dataclass
class PartnershipData:
    partnership: dict
    name: str  # display_name
    councils: list[dict]  # with health_board_name
    rows: dict[str, pd.DataFrame]  # each PARTNERSHIP_RESOURCES table, only this partnership's
    plans_by_cycle: dict[str, pd.DataFrame]  # "" holds documents outside the cycles
    current: PlanData | None  # the children's services plan of the latest cycle found
    latest: dict[str, list[dict]]  # council code -> latest value of each series
    missing: list[str]  # gaps as plain sentences
    last_checked: str  # newest row or link check, or "not recorded"
    stale_sources: int
    csv: pd.DataFrame  # every cell held for it, one per line
    failing_links: list[dict] = field(default_factory=list)  # broken or unreachable at last check
    reviewed: list[dict] = field(default_factory=list)  # reviewed_plans rows, with review cycle

    @property
    def id(self) -> str:
        return self.partnership["partnership_id"]

    @property
    def has_csp(self) -> dict[str, bool]:
        return {
            cycle: bool((plans["document_type"] == CSP).any())
            for cycle, plans in self.plans_by_cycle.items()
        }

    def known_plan(self, cycle: str) -> dict | None:
        """The national review that read the partnership's children's services plan for a cycle
        whose plan the data does not hold (a reviewed row), or None: the plan is known to exist."""
        if self.has_csp[cycle]:
            return None
        return review_of(self.reviewed, cycle)


def display_name(partnership) -> str:
    """The partnership's own name where a source gives it, with its area where the name alone
    would not say which (several are simply "Children's Services Planning Partnership")."""
    own, area = partnership["partnership_name"], partnership["area_name"]
    if not own:
        return area
    return own if area.lower() in own.lower() else f"{own}, {area}"


def by_partnership(own_tables: dict[str, pd.DataFrame]) -> dict[str, dict[str, pd.DataFrame]]:
    """resource -> partnership id -> that partnership's rows, for every PARTNERSHIP_RESOURCE."""
    plans = own_tables["plans"]
    return {
        resource: dict(
            tuple(own_tables[resource].groupby(owners(own_tables[resource], plans), sort=False))
        )
        for resource in PARTNERSHIP_RESOURCES
    }


@dataclass(frozen=True)
class Checks:
    """What the sources' checks say of each partnership (freshness.py), keyed by its id."""

    last_checked: dict[str, str | None]  # its newest check, None when none was recorded
    stale: dict[str, int]  # how many of its sources are stale
    sources: pd.DataFrame  # sources.csv: each source's link check


def source_checks(
    tables: dict[str, pd.DataFrame],
    plans: pd.DataFrame,
    sources: pd.DataFrame,
    partnerships: pd.DataFrame,
    today: dt.date,
) -> Checks:
    """Each partnership's newest check and stale sources, as of today, from the sources every
    table (by resource name) cites."""
    cited = citations(tables, plans)
    return Checks(
        last_checked_by_partnership(cited, sources, partnerships),
        stale_by_partnership(cited, sources, partnerships, today),
        sources,
    )


def partnership_data(
    own_tables: dict[str, pd.DataFrame],
    health_boards: pd.DataFrame,
    reviews: pd.DataFrame,
    cycles: tuple[str, ...],
    plans: dict[str, PlanData],
    latest: pd.DataFrame,
    checks: Checks,
) -> list[PartnershipData]:
    """One PartnershipData per partnership, in the order of partnerships.csv. own_tables: each
    of PARTNERSHIP_RESOURCES by name; latest: each area's latest values
    (indicators.latest_values)."""
    split = by_partnership(own_tables)
    long = long_rows_by_partnership(own_tables)
    boards = health_boards.set_index("health_board_code")["health_board_name"]
    latest_by_area = {
        code: rows.sort_values("indicator_id").to_dict("records")
        for code, rows in latest.groupby("area_code")
    }
    out = []
    for partnership in own_tables["partnerships"].to_dict("records"):
        pid = partnership["partnership_id"]
        rows = {
            name: split[name].get(pid, own_tables[name].iloc[0:0]) for name in PARTNERSHIP_RESOURCES
        }
        councils = [
            {**c, "health_board_name": boards[c["health_board_code"]]}
            for c in rows["councils"].to_dict("records")
        ]
        own_plans = rows["plans"].sort_values(["period_start", "plan_id"])
        out.append(
            PartnershipData(
                partnership=partnership,
                name=display_name(partnership),
                councils=councils,
                rows=rows,
                plans_by_cycle={
                    cycle: own_plans[own_plans["cycle"] == cycle] for cycle in (*cycles, "")
                },
                current=current_plan(own_plans, cycles, plans),
                latest={
                    c["council_code"]: latest_by_area.get(c["council_code"], []) for c in councils
                },
                missing=missing_items(partnership, rows, cycles),
                last_checked=checks.last_checked.get(pid) or "not recorded",
                stale_sources=checks.stale.get(pid, 0),
                csv=long.get(pid, pd.DataFrame(columns=CSV_COLUMNS)),
                failing_links=failing_links(checks.sources, rows.values()),
                reviewed=with_review(rows["reviewed_plans"], reviews),
            )
        )
    return out


def with_review(reviewed: pd.DataFrame, reviews: pd.DataFrame) -> list[dict]:
    """reviewed_plans rows, each with its review's cycle and publisher."""
    return reviewed.merge(reviews[["review_id", "cycle", "publisher"]], on="review_id").to_dict(
        "records"
    )


def current_plan(
    own_plans: pd.DataFrame, cycles: tuple[str, ...], plans: dict[str, PlanData]
) -> PlanData | None:
    """The children's services plan of the latest cycle found (the later one if two)."""
    csps = own_plans[own_plans["document_type"] == CSP]
    for cycle in reversed(cycles):
        found = csps[csps["cycle"] == cycle]
        if len(found):
            plan_id = found.sort_values(["period_end", "plan_id"]).iloc[-1]["plan_id"]
            return plans[plan_id]
    return None


def missing_items(partnership: dict, rows: dict[str, pd.DataFrame], cycles) -> list[str]:
    """Gaps as plain sentences: the research notes, then blanks found in the data."""
    items = rows["research_gaps"].sort_values("position")["not_found"].tolist()
    if not partnership["partnership_name"]:
        items.append("The partnership's own name.")
    if not partnership["web_page"]:
        items.append("The partnership's own web page.")
    if cspp_members(rows["memberships"]).empty:
        items.append("Its member organisations.")
    plans = rows["plans"]
    for cycle in cycles:
        if not ((plans["cycle"] == cycle) & (plans["document_type"] == CSP)).any():
            items.append(f"Its children's services plan for {cycle}.")
    for title in plans.loc[plans["document_url"] == "", "title"]:
        items.append(f"A link to the document itself: {title}.")
    return items


def cspp_members(members: pd.DataFrame) -> pd.DataFrame:
    """The CSPP's own members: by the Act, or named by a source as its members."""
    return members[members["basis"].isin(CSPP_BASES)]


def long_rows_by_partnership(own_tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every row held for each partnership, one non-blank cell per line; own_tables: each of
    PARTNERSHIP_RESOURCES by name."""
    every = pd.concat(
        [
            long_rows(own_tables[resource], resource, keys, own_tables["plans"])
            for resource, keys in PARTNERSHIP_RESOURCES.items()
        ]
    )
    return {pid: rows[CSV_COLUMNS] for pid, rows in every.groupby("_owner", sort=False)}


def long_rows(
    frame: pd.DataFrame, resource: str, keys: list[str], plans: pd.DataFrame
) -> pd.DataFrame:
    """One resource's rows (frame) melted to one line per non-blank cell, in row then column
    order, each with its row's source (its id and address)."""
    if frame.empty:  # no rows yet (confirmations, before the first)
        return pd.DataFrame(columns=["_owner", *CSV_COLUMNS])
    fields = [f for f in frame.columns if f not in joined_columns(frame) | {"source_id"}]
    wide = pd.DataFrame(
        {
            "_owner": owners(frame, plans),
            "row_id": frame[keys].astype(str).agg("/".join, axis=1),
            "_row": range(len(frame)),
            **{
                column: frame[column] if column in frame else ""
                for column in ("source_id", "source_url")
            },
            **{f: frame[f].astype("string") for f in fields},
        }
    )
    long = wide.melt(
        id_vars=["_owner", "row_id", "_row", "source_id", "source_url"],
        value_vars=fields,
        var_name="field",
        value_name="value",
    )
    long = long[long["value"].notna() & (long["value"].str.strip() != "")]
    long["_field"] = long["field"].map({f: i for i, f in enumerate(fields)})
    return long.sort_values(["_row", "_field"]).assign(resource=resource)
