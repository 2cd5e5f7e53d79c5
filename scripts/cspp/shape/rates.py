"""Derived rates per 1,000: a count series divided by the population series of the same age band,
as measures/rate_definitions.csv pairs them.

A partnership's rate is the sum of its councils' numerators over the sum of their denominators,
never an average of council rates, and only where every one of its councils has both; Scotland's
is the same over every council. The rule is published with the definitions (datapackage.json).
"""

from __future__ import annotations

import pandas as pd

RATE_COLUMNS = [
    "rate_id",
    "rate_name",
    "unit",
    "period",
    "area_type",
    "area_code",
    "area_name",
    "partnership_id",
    "councils",
    "numerator",
    "denominator",
    "rate",
    "reproduces_id",
    "published_rate",
    "derivation",
]
DERIVATION = "DERIVED: sum of numerators / sum of denominators x {per}"


def derived_rates(
    definitions: pd.DataFrame,
    values: pd.DataFrame,
    councils: pd.DataFrame,
    partnerships: pd.DataFrame,
    scotland_code: str | None,
) -> pd.DataFrame:
    """One row per rate and area: each council, each partnership and Scotland."""
    frames = [
        rates_for(d, values, councils, partnerships, scotland_code)
        for d in definitions.to_dict("records")
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=RATE_COLUMNS)


def rates_for(
    definition: dict,
    values: pd.DataFrame,
    councils: pd.DataFrame,
    partnerships: pd.DataFrame,
    scotland_code: str | None,
) -> pd.DataFrame:
    per_council = council_parts(definition, values, councils)
    names = dict(zip(partnerships["partnership_id"], partnerships["area_name"]))
    groups = [
        ("council", code, row["council_name"], row["partnership_id"], per_council.loc[[code]])
        for code, row in per_council.iterrows()
    ]
    groups += [
        ("partnership", pid, names[pid], pid, part)
        for pid, part in per_council.groupby("partnership_id")
    ]
    groups.append(("scotland", scotland_code or "", "Scotland", "", per_council))
    rows = [
        summed(definition, kind, code, name, pid, part) for kind, code, name, pid, part in groups
    ]
    return pd.DataFrame(rows, columns=RATE_COLUMNS)


def council_parts(definition: dict, values: pd.DataFrame, councils: pd.DataFrame) -> pd.DataFrame:
    """Each council's numerator, denominator and the publisher's own rate (NaN where absent)."""

    def series(indicator_id, period):
        rows = values[(values["indicator_id"] == indicator_id) & (values["period"] == period)]
        return rows.set_index("area_code")["value"]

    out = councils.set_index("council_code")[["council_name", "partnership_id"]].copy()
    out["numerator"] = series(definition["numerator_id"], definition["numerator_period"])
    out["denominator"] = series(definition["denominator_id"], definition["denominator_period"])
    out["published_rate"] = series(definition["reproduces_id"], definition["numerator_period"])
    return out


def summed(definition: dict, kind: str, code: str, name: str, pid: str, part: pd.DataFrame) -> dict:
    """The rate over these councils: blank unless every one has a numerator and a denominator."""
    complete = part["numerator"].notna().all() and part["denominator"].notna().all()
    numerator = part["numerator"].sum() if complete else None
    denominator = part["denominator"].sum() if complete else None
    rate = numerator / denominator * definition["per"] if complete and denominator else None
    published = part["published_rate"].iloc[0] if kind == "council" else None
    return {
        "rate_id": definition["rate_id"],
        "rate_name": definition["rate_name"],
        "unit": definition["unit"],
        "period": definition["numerator_period"],
        "area_type": kind,
        "area_code": code,
        "area_name": name,
        "partnership_id": pid,
        "councils": len(part),
        "numerator": numerator,
        "denominator": denominator,
        "rate": rate,
        "reproduces_id": definition["reproduces_id"],
        "published_rate": published,
        "derivation": DERIVATION.format(per=f"{definition['per']:,}"),
    }
