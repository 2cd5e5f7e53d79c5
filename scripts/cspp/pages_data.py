"""Shapes the model into what the pages show: per-partnership slices, latest indicator values, gaps.

Pure functions of the model (pandas only, no writing), so tests and pages share one definition.
"""

from __future__ import annotations

import pandas as pd

from .freshness import partnership_of
from .pages_common import CSP, CYCLES, blank, period_key

SCOTLAND = "S92000003"

# What a partnership's CSV holds: each resource, the column that names the partnership and
# the column(s) that identify a row.
PARTNERSHIP_RESOURCES = (
    ("partnerships", "partnership_id", ["partnership_id"]),
    ("councils", "partnership_id", ["council_code"]),
    ("memberships", "partnership_id", ["organisation"]),
    ("plans", "partnership_id", ["plan_id"]),
    ("priorities", None, ["priority_id"]),
    ("plan_measures", None, ["measure_id"]),
    ("partnership_facts", "partnership_id", ["fact_id"]),
    ("research_gaps", "partnership_id", ["position"]),
)


def display_name(partnership) -> str:
    """The partnership's own name where a source gives it, with its area where the name alone
    would not say which (several are simply "Children's Services Planning Partnership")."""
    own, area = partnership["partnership_name"], partnership["area_name"]
    if not own:
        return area
    return own if area.lower() in own.lower() else f"{own}, {area}"


def rows_for(model, resource: str, partnership_id: str) -> pd.DataFrame:
    """A resource's rows that belong to one partnership (priorities and measures via plans)."""
    groups = grouped(model, resource)
    return groups.get(partnership_id, model.table(resource).iloc[0:0])


def grouped(model, resource: str) -> dict[str, pd.DataFrame]:
    """A resource split by partnership, computed once per model (pages ask many times)."""
    def split() -> dict[str, pd.DataFrame]:
        frame = with_owner(model, resource)
        return {k: g.drop(columns="_owner") for k, g in frame.groupby("_owner", sort=False)}
    return model.derived(f"{resource}: rows by partnership", split)


def with_owner(model, resource: str) -> pd.DataFrame:
    """The resource with an _owner column: the partnership each row belongs to."""
    frame = model.table(resource)
    return frame.assign(_owner=partnership_of(model, frame))


CSV_COLUMNS = ["resource", "row_id", "field", "value", "source_url", "accessed"]


def partnership_csv(model, partnership_id: str) -> pd.DataFrame:
    """Every row held for a partnership, one cell per line: resource, row id, field, value."""
    def split() -> dict[str, pd.DataFrame]:
        every = pd.concat([long_rows(model, resource, keys)
                           for resource, _, keys in PARTNERSHIP_RESOURCES])
        return {k: g[CSV_COLUMNS] for k, g in every.groupby("_owner", sort=False)}
    every = model.derived("partnership CSVs", split)
    return every.get(partnership_id, pd.DataFrame(columns=CSV_COLUMNS))


def long_rows(model, resource: str, keys: list[str]) -> pd.DataFrame:
    """One resource melted to one line per non-blank cell, in row then column order."""
    frame = with_owner(model, resource)
    fields = [f for f in frame.columns if f not in ("source_url", "accessed", "_owner")]
    wide = pd.DataFrame({
        "_owner": frame["_owner"],
        "row_id": frame[keys].astype(str).agg("/".join, axis=1),
        "_row": range(len(frame)),
        "source_url": frame["source_url"] if "source_url" in frame else "",
        "accessed": frame["accessed"] if "accessed" in frame else "",
        **{f: frame[f].astype("string") for f in fields}})
    long = wide.melt(id_vars=["_owner", "row_id", "_row", "source_url", "accessed"],
                     value_vars=fields, var_name="field", value_name="value")
    long = long[long["value"].notna() & (long["value"].str.strip() != "")]
    long["_field"] = long["field"].map({f: i for i, f in enumerate(fields)})
    return long.sort_values(["_row", "_field"]).assign(resource=resource)


def latest_values(model) -> pd.DataFrame:
    """Each indicator's latest published row for each area, with Scotland's value that period."""
    return model.derived("latest values", lambda: compute_latest_values(model))


def compute_latest_values(model) -> pd.DataFrame:
    values = model.table("indicator_values").copy()
    values["_key"] = values["period"].map(period_key)
    values = values.sort_values("_key", kind="stable")
    latest = values.groupby(["indicator_id", "area_code"], sort=False).tail(1)
    scotland = values[values["area_code"] == SCOTLAND][["indicator_id", "period", "value"]]
    scotland = scotland.rename(columns={"value": "scotland_value"})
    merged = latest.merge(scotland, on=["indicator_id", "period"], how="left")
    merged["has_scotland"] = merged["indicator_id"].isin(set(scotland["indicator_id"]))
    return merged.drop(columns="_key")


def csps(model, partnership_id: str | None = None) -> pd.DataFrame:
    plans = model.table("plans")
    plans = plans[plans["document_type"] == CSP]
    if partnership_id is not None:
        plans = plans[plans["partnership_id"] == partnership_id]
    return plans


def partnerships_with_plan(model, cycle: str) -> set[str]:
    """Partnerships for which a children's services plan of that cycle was found."""
    plans = csps(model)
    return set(plans[plans["cycle"] == cycle]["partnership_id"])


def current_plan(model, partnership_id: str):
    """The children's services plan of the latest cycle found, or None."""
    plans = csps(model, partnership_id)
    for cycle in reversed(CYCLES):
        found = plans[plans["cycle"] == cycle]
        if len(found):
            return found.sort_values(["period_end", "plan_id"]).iloc[-1]
    return None


def plans_with_content(model) -> set[str]:
    plans = model.table("plans")
    with_vision = set(plans[plans["vision"] != ""]["plan_id"])
    return (with_vision | set(model.table("priorities")["plan_id"])
            | set(model.table("plan_measures")["plan_id"]))


def gaps_matrix(model) -> pd.DataFrame:
    """Partnership × what we hold: counts of members, plans per cycle, priorities, measures,
    annual reports. Zero means not yet found."""
    rows = []
    plans = model.table("plans")
    for _, partnership in model.table("partnerships").iterrows():
        pid = partnership["partnership_id"]
        own = plans[plans["partnership_id"] == pid]
        row = {"partnership_id": pid,
               "members": len(rows_for(model, "memberships", pid))}
        for cycle in CYCLES:
            row[f"csp {cycle}"] = int(((own["document_type"] == CSP)
                                       & (own["cycle"] == cycle)).sum())
        row["priorities"] = len(rows_for(model, "priorities", pid))
        row["measures"] = len(rows_for(model, "plan_measures", pid))
        row["annual reports"] = int((own["document_type"] == "annual-report").sum())
        rows.append(row)
    return pd.DataFrame(rows)


def headline_counts(model) -> dict[str, int]:
    counts = {"partnerships": len(model.table("partnerships")),
              "councils": len(model.table("councils")),
              "documents": len(model.table("plans")),
              "priorities": len(model.table("priorities")),
              "measures": len(model.table("plan_measures")),
              "indicators": len(model.table("indicators"))}
    for cycle in CYCLES:
        counts[f"csp {cycle}"] = len(partnerships_with_plan(model, cycle))
    return counts
