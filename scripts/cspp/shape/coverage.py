"""What the data holds: headline counts, the partnership-by-data gaps matrix, row counts per
resource, and the websites the rows cite."""

from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd

from .partnerships import PartnershipData
from .plans import CSP


def headline_counts(model, partnerships: list[PartnershipData]) -> dict:
    return {"partnerships": len(model.table("partnerships")),
            "councils": len(model.table("councils")),
            "documents": len(model.table("plans")),
            "priorities": len(model.table("priorities")),
            "measures": len(model.table("plan_measures")),
            "indicators": len(model.table("indicators")),
            "csp by cycle": {cycle: sum(p.has_csp[cycle] for p in partnerships)
                             for cycle in model.cycles}}


def gaps_matrix(partnerships: list[PartnershipData], cycles) -> pd.DataFrame:
    """Partnership × what we hold: counts of members, plans per cycle, priorities, measures,
    annual reports. Zero means not yet found."""
    rows = []
    for p in partnerships:
        plans = p.rows["plans"]
        row = {"partnership_id": p.id, "area_name": p.partnership["area_name"],
               "members": len(p.rows["memberships"])}
        for cycle in cycles:
            row[f"csp {cycle}"] = int(((plans["document_type"] == CSP)
                                       & (plans["cycle"] == cycle)).sum())
        row["priorities"] = len(p.rows["priorities"])
        row["measures"] = len(p.rows["plan_measures"])
        row["annual reports"] = int((plans["document_type"] == "annual-report").sum())
        rows.append(row)
    return pd.DataFrame(rows)


def resource_rows(model) -> list[dict]:
    """Every resource with its package, title, file and row count, in package order."""
    return [{"package": name, "name": resource.name, "title": resource.title or resource.name,
             "path": resource.path, "rows": len(model.table(resource.name))}
            for name, package in model.packages.items() for resource in package.resources]


def source_hosts(model) -> pd.Series:
    """How many rows cite each website, across every source_url column, most cited first."""
    hosts = [urlparse(u).netloc.removeprefix("www.") for frame in model.tables.values()
             if "source_url" in frame for u in frame["source_url"] if u]
    return pd.Series(hosts, dtype=str).value_counts()


def last_checked_anywhere(model) -> str:
    """The latest `accessed` date recorded in any table, or 'not recorded'."""
    dates = [d for frame in model.tables.values() if "accessed" in frame
             for d in frame["accessed"] if d]
    return max(dates) if dates else "not recorded"


def temporal_coverage(model) -> tuple[int, int]:
    """First and last year named by any plan or indicator period."""
    plans = model.table("plans")
    years = [int(y) for y in plans["period_start"].dropna()] + [
        int(y) for y in plans["period_end"].dropna()]
    periods = model.table("indicator_values")["period"].drop_duplicates()
    years += [int(y) for y in periods.str.extract(r"^(\d{4})")[0].dropna()]
    return min(years), max(years)
