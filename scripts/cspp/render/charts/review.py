"""The national review of children's services plans: criteria met, partly met, not met.

A blank count in review_criteria.csv means the count was not found in the review, not zero: it
gets no bar segment and is named in the description.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...shape.review import ReviewData
from .chart import NARROW_WIDTH, Chart
from .theme import to_spec

STATUSES = [("fully_met", "Fully met"), ("partially_met", "Partially met"), ("not_met", "Not met")]
COLOURS = ["#2b6a99", "#8fb8d6", "#c1661c"]


def count_text(value) -> str:
    return "not found" if pd.isna(value) else str(int(value))


def review_chart(data: ReviewData) -> Chart | None:
    review, rows = data.review, data.criteria
    if rows.empty:
        return None
    title = f"How the {review['cycle']} children's services plans met the review's criteria"
    table = pd.DataFrame({"Criterion": rows["label"]})
    for field, label in STATUSES:
        table[label] = [count_text(v) for v in rows[field]]
    sources = [(review["title"], review["url"])] + [
        (f"review page {i + 1} cited for the counts", url)
        for i, url in enumerate(u for u in rows["source_url"].unique() if u != review["url"])
    ]
    return Chart(
        key=f"review:{data.id}",
        slug=f"review-{data.id}",
        title=title,
        description=review_description(review, rows),
        table=table,
        data=rows[
            [
                "review_id",
                "criterion_number",
                "criterion",
                "fully_met",
                "partially_met",
                "not_met",
                "source_url",
            ]
        ],
        sources=sources,
        spec=review_spec(rows),
        narrow=review_spec(rows, narrow=True),
        alt=f"Stacked bar chart: {title}. The same numbers are in the description and table below.",
    )


def review_description(review: dict, rows: pd.DataFrame) -> list[str]:
    text = [
        f"What is compared: for each of the {len(rows)} criteria in the Scottish Government's review "
        f"of the {review['cycle']} plans, the number of plans that fully met, partially met or did "
        f"not meet it, as the review reports."
    ]
    known = rows[rows["fully_met"].notna()]
    if len(known):
        top, low = known.loc[known["fully_met"].idxmax()], known.loc[known["fully_met"].idxmin()]
        text.append(
            f"Most often fully met: {top['label']} ({int(top['fully_met'])} plans). "
            f"Least often fully met: {low['label']} ({int(low['fully_met'])} plans)."
        )
    gaps = [r["label"] for r in rows.to_dict("records") if any(pd.isna(r[f]) for f, _ in STATUSES)]
    if gaps:
        text.append(
            "Counts not found in the review for: "
            + "; ".join(gaps)
            + ". Those segments are left out of the chart: a missing count is not zero."
        )
    text.append(
        "The review's own wording of the categories differs between cycles (2020-2023: "
        "Achieved, Partly Achieved, Not Achieved)."
    )
    return text


def review_spec(rows: pd.DataFrame, narrow: bool = False) -> dict:
    """A stacked bar per criterion; on a phone each criterion's name is on a line above its bar."""
    records = rows.to_dict("records")
    counts = pd.DataFrame(
        [
            {"criterion": r["label"], "status": label, "order": i, "count": float(r[field])}
            for r in records
            for i, (field, label) in enumerate(STATUSES)
            if not pd.isna(r[field])
        ]
    )
    labels = rows["label"].tolist()
    below = {"yOffset": 8} if narrow else {}
    y = alt.Y(
        "criterion:N",
        sort=labels,
        title=None,
        scale=alt.Scale(domain=labels),
        **({"axis": None} if narrow else {}),
    )
    base = alt.Chart(counts).encode(y=y, order=alt.Order("order:Q"))
    bars = base.mark_bar(
        stroke="white", strokeWidth=0.5, **({"height": 16, **below} if narrow else {})
    ).encode(
        x=alt.X("count:Q", stack="zero", title="Number of plans"),
        color=alt.Color(
            "status:N",
            title=None,
            legend=alt.Legend(orient="top"),
            scale=alt.Scale(domain=[s for _, s in STATUSES], range=COLOURS),
        ),
    )
    numbers = base.mark_text(color="white", dx=-3, align="right", fontSize=11, **below).encode(
        x=alt.X("count:Q", stack="zero", bandPosition=1),
        detail="status:N",
        text=alt.condition("datum.count >= 2", alt.Text("count:Q"), alt.value("")),
    )
    layers = [bars, numbers]
    gaps = [
        {
            "criterion": r["label"],
            "note": "counts not found" if pd.isna(r["fully_met"]) else "some counts not found",
            "start": 0.0
            if pd.isna(r["fully_met"])
            else float(sum(r[f] for f, _ in STATUSES if not pd.isna(r[f]))),
        }
        for r in records
        if any(pd.isna(r[f]) for f, _ in STATUSES)
    ]
    if gaps:
        layers.append(
            alt.Chart(pd.DataFrame(gaps))
            .mark_text(align="left", dx=4, color="#333", fontStyle="italic", fontSize=11, **below)
            .encode(y=y, x="start:Q", text="note:N")
        )
    if narrow:
        layers.append(
            alt.Chart(pd.DataFrame({"criterion": labels}))
            .mark_text(align="left", baseline="bottom", dy=-3)
            .encode(y=y, x=alt.XValue(0), text="criterion:N")
        )
        return to_spec(
            alt.layer(*layers).properties(
                width=NARROW_WIDTH,
                height=alt.Step(36),
                autosize={"type": "fit-x", "contains": "padding"},
            )
        )
    return to_spec(alt.layer(*layers).properties(width=380, height=alt.Step(20)))
