"""One page per plan or report that has content: its vision, nested priorities and measures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .pages_common import (CONTRIBUTING, DOCUMENT_TYPES, blank, checked, external, facts,
                           front_matter, heading, join_blocks, last_checked, link, not_found,
                           or_not_found, partnership_md, plan_md, plan_period, table, text, write)
from .pages_data import display_name


def write_plan_pages(model, docs: Path, content_plans: set) -> None:
    plans = model.table("plans")
    partnerships = model.table("partnerships").set_index("partnership_id")
    priorities = model.table("priorities")
    measures = model.table("plan_measures")
    priorities_by_plan = dict(tuple(priorities.groupby("plan_id", sort=False)))
    measures_by_plan = dict(tuple(measures.groupby("plan_id", sort=False)))
    for _, plan in plans[plans["plan_id"].isin(content_plans)].iterrows():
        own_priorities = priorities_by_plan.get(plan["plan_id"], priorities.iloc[0:0])
        own_measures = measures_by_plan.get(plan["plan_id"], measures.iloc[0:0])
        write(docs, plan_md(plan["plan_id"]),
              render_plan(plan, partnerships.loc[plan["partnership_id"]],
                          own_priorities, own_measures))


def render_plan(plan, partnership, priorities: pd.DataFrame, measures: pd.DataFrame) -> str:
    md = plan_md(plan["plan_id"])
    document = (external(plan["document_url"], "open the document")
                if not blank(plan["document_url"]) else not_found())
    frame = pd.DataFrame([plan])
    return join_blocks(
        front_matter(plan["title"], f"{DOCUMENT_TYPES.get(plan['document_type'], '')} of "
                                    f"{display_name(partnership)}"),
        heading(plan["title"]),
        facts([
            ("Partnership", link(md, partnership_md(partnership.name),
                                 text(display_name(partnership)))),
            ("Kind", text(DOCUMENT_TYPES.get(plan["document_type"], plan["document_type"]))),
            ("Statutory cycle", or_not_found(plan["cycle"]) if plan["cycle"]
             else "outside the three statutory cycles"),
            ("Period", plan_period(plan)),
            ("Document", document),
            ("Source of these details", external(plan["source_url"])),
            ("Data last checked", text(last_checked(frame, priorities, measures))),
        ]),
        "## Vision",
        vision(plan),
        "## Priorities",
        priorities_list(priorities),
        "## Measures",
        measures_table(measures),
        "## Correct or add to this page",
        f"<p>Spotted a mistake, or found the document? "
        f"{link(md, CONTRIBUTING, 'Suggest a correction')}.</p>",
    )


def vision(plan) -> str:
    if blank(plan["vision"]):
        return f"<p>{not_found()}</p>"
    return (f'<blockquote class="cspp-vision"><p>{text(plan["vision"])}</p></blockquote>\n'
            f"<p>Source: {external(plan['source_url'])}; last checked "
            f"{checked(plan['accessed'])}.</p>")


def priorities_list(priorities: pd.DataFrame) -> str:
    """Priorities as published: top-level in order, each with the ones nested under it."""
    if priorities.empty:
        return f"<p>{not_found()}</p>"
    ordered = priorities.sort_values(["position", "priority_id"]).to_dict("records")
    known = {row["priority_id"] for row in ordered}
    top = [row for row in ordered if row["parent_priority_id"] not in known]
    return nested_list(ordered, top)


def nested_list(all_rows: list[dict], level: list[dict]) -> str:
    items = []
    for row in level:
        children = [r for r in all_rows if r["parent_priority_id"] == row["priority_id"]]
        inner = nested_list(all_rows, children) if children else ""
        items.append(f"<li>{text(row['text'])} <span class=\"cspp-source\">"
                     f"({external(row['source_url'])})</span>{inner}</li>")
    return '<ol class="cspp-priorities">' + "".join(items) + "</ol>"


def measures_table(measures: pd.DataFrame) -> str:
    if measures.empty:
        return f"<p>{not_found()}</p>"
    rows = []
    for _, m in measures.sort_values(["position", "measure_id"]).iterrows():
        baseline = or_not_found(m["baseline"])
        if not blank(m["baseline"]) and not blank(m["baseline_period"]):
            baseline += f" ({text(m['baseline_period'])})"
        rows.append([text(m["text"]), baseline, or_not_found(m["target"]),
                     or_not_found(m["deadline"]), or_not_found(m["reported_result"]),
                     external(m["source_url"])])
    return table(["Measure", "Baseline", "Target", "Deadline", "Reported result", "Source"], rows,
                 caption="Measures as printed", row_headers=True, css="cspp-measures")
