"""Each council area's value beside Scotland's in the same period, judged by its 95% confidence
interval the way ScotPHO judges it, and called better or worse only where the publisher states
which direction is better (indicator_labels.better_when). Pandas only, no I/O.

ScotPHO's profiles tool (summary_table_mod.R) compares an area's interval with Scotland's point
value: the interval wholly above it is higher, wholly below it lower, and one that includes it
similar. Fingertips does the same. Without an interval nothing is tested: a difference in the
point values alone may be noise, most of all for small areas.

The judgement is made here once; the chart CSVs, the pages and the SQLite download all take it
from comparisons(), so that they cannot disagree (fingertipsR#22 is what happens otherwise).
"""

from __future__ import annotations

import pandas as pd

HIGHER, LOWER = "higher", "lower"
SIMILAR = "similar (the interval includes Scotland's value)"
NOT_TESTED = "not tested"
NO_SCOTLAND = "not tested (no Scotland figure in the data held)"
NO_VALUE = "no value"
BETTER_WORSE = {
    ("higher", HIGHER): "better",
    ("higher", LOWER): "worse",
    ("lower", LOWER): "better",
    ("lower", HIGHER): "worse",
}
COLUMNS = [
    "indicator_id",
    "area_code",
    "area_name",
    "period",
    "value",
    "lower_confidence_limit",
    "upper_confidence_limit",
    "scotland_value",
    "scotland_value_derived",
    "comparison_with_scotland",
    "better_when",
    "better_source_id",
]


def judge(value, lower, upper, scotland) -> str:
    """higher, lower or similar; not tested without an interval or a Scotland value."""
    if pd.isna(value):
        return NO_VALUE
    if pd.isna(lower) or pd.isna(upper):
        return NOT_TESTED
    if scotland is None or pd.isna(scotland):
        return NO_SCOTLAND
    if lower > scotland:
        return HIGHER
    if upper < scotland:
        return LOWER
    return SIMILAR


def worded(judgement: str, better_when) -> str:
    """The judgement with "better" or "worse" added, only where the publisher states a direction
    and the interval says the difference is real."""
    verdict = BETTER_WORSE.get((better_when if isinstance(better_when, str) else "", judgement))
    return f"{judgement} ({verdict})" if verdict else judgement


def scotland_values(
    values: pd.DataFrame, rates: pd.DataFrame, scotland_code: str | None
) -> pd.DataFrame:
    """Scotland's value of each series and period: the publisher's row, or else the derived rate
    that reproduces the series (rates.py), marked derived. indicator_id, period, scotland_value,
    scotland_value_derived."""
    published = values[(values["area_code"] == scotland_code) & values["value"].notna()]
    published = (
        published[["indicator_id", "period", "value"]]
        .rename(columns={"value": "scotland_value"})
        .assign(scotland_value_derived=False)
    )
    derived = rates[(rates["area_type"] == "scotland") & rates["rate"].notna()]
    derived = derived.rename(columns={"reproduces_id": "indicator_id", "rate": "scotland_value"})[
        ["indicator_id", "period", "scotland_value"]
    ].assign(scotland_value_derived=True)
    derived = derived[~derived["indicator_id"].isin(set(published["indicator_id"]))]
    return pd.concat([published, derived], ignore_index=True).drop_duplicates(
        ["indicator_id", "period"]
    )


def comparisons(
    values: pd.DataFrame, labels: pd.DataFrame, rates: pd.DataFrame, scotland_code: str | None
) -> pd.DataFrame:
    """One row per council area's value of every series (COLUMNS), with its judgement in words."""
    councils = values[values["area_code"] != scotland_code]
    directions = labels[["indicator_id", "better_when", "better_source_id"]]
    out = councils.merge(
        scotland_values(values, rates, scotland_code), on=["indicator_id", "period"], how="left"
    ).merge(directions, on="indicator_id", how="left")
    out["scotland_value_derived"] = out["scotland_value_derived"].fillna(False).astype(bool)
    out["comparison_with_scotland"] = [
        worded(judge(v, lo, up, s), better)
        for v, lo, up, s, better in zip(
            out["value"],
            out["lower_confidence_limit"],
            out["upper_confidence_limit"],
            out["scotland_value"],
            out["better_when"],
        )
    ]
    return out[COLUMNS].reset_index(drop=True)


# A shape for each outcome, so a chart or table never relies on colour: up, down, level.
MARKERS = {HIGHER: "▲", LOWER: "▼", SIMILAR: "●"}


def marker(judgement: str) -> str:
    """The judgement's shape (blank where nothing was tested)."""
    return next((mark for start, mark in MARKERS.items() if judgement.startswith(start)), "")


def marked(judgement: str) -> str:
    """The judgement in words, after its shape: "▲ higher (worse)"."""
    return f"{marker(judgement)} {judgement}".strip()


def summary(judgements: list[str]) -> str:
    """One sentence for a chart's description: how the council areas compare with Scotland."""
    tested = [j for j in judgements if marker(j)]
    if not tested:
        reasons = sorted({j for j in judgements if j.startswith(NOT_TESTED)})
        why = (
            "no confidence intervals in the data held"
            if reasons == [NOT_TESTED]
            else "no Scotland figure in the data held"
            if reasons == [NO_SCOTLAND]
            else "no confidence interval or no Scotland figure in the data held"
        )
        return f"Compared with Scotland: not tested ({why})."
    counts = pd.Series(tested).value_counts()
    parts = [f"{n} {j}" for j, n in counts.items()]
    rest = len([j for j in judgements if j != NO_VALUE]) - len(tested)
    return (
        "Compared with Scotland by each council area's 95% confidence interval: "
        + "; ".join(parts)
        + (f"; {rest} not tested" if rest else "")
        + "."
    )


def judgement_of(table: pd.DataFrame) -> dict[tuple[str, str, str], str]:
    """(indicator_id, area_code, period) -> the judgement in words, for views to look up."""
    return dict(
        zip(
            zip(table["indicator_id"], table["area_code"], table["period"]),
            table["comparison_with_scotland"],
        )
    )
