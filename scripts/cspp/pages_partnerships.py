"""The partnerships index and one page (plus a CSV of its rows) per partnership."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .pages_common import (CONTRIBUTING, CSP, CYCLES, DOCUMENT_TYPES, blank, charts_block,
                           checked, code, external, facts, front_matter, heading, indicator_md,
                           join_blocks, last_checked, link, not_found, number, or_not_found,
                           partnership_md, plan_md, plan_period, table, text, write)
from .pages_data import (PARTNERSHIP_RESOURCES, current_plan, display_name, partnership_csv,
                         rows_for)
from .pages_plans import measures_table, priorities_list, vision
from .downloads import citation, data_version
from .freshness import STALE_AFTER_MONTHS, stale_by_partnership

INDEX = "partnerships/index.md"


def write_partnership_pages(model, docs: Path, latest: pd.DataFrame, content_plans: set,
                            snippets: dict) -> None:
    write(docs, INDEX, render_index(model, snippets.get("map")))
    indicators = {r["indicator_id"]: r for r in model.table("indicators").to_dict("records")}
    by_area = {code: (indicators, rows.sort_values("indicator_id").to_dict("records"))
               for code, rows in latest.groupby("area_code")}
    stale = stale_by_partnership(model)
    cite = citation(data_version(model.root))
    for _, partnership in model.table("partnerships").iterrows():
        pid = partnership["partnership_id"]
        md = partnership_md(pid)
        page = render_partnership(model, partnership, by_area, content_plans)
        write(docs, md, join_blocks(page, "## Freshness and how to cite",
                                    freshness_and_citation(stale.get(pid, 0), cite)))
        partnership_csv(model, pid).to_csv(docs / "partnerships" / f"{pid}-rows.csv",
                                           index=False, encoding="utf-8")


# ---------------------------------------------------------------- index


def render_index(model, map_snippet=None) -> str:
    return join_blocks(
        front_matter("Partnerships", "All 30 children's services planning partnerships."),
        "# Partnerships",
        "Scotland has 30 children's services planning partnerships. Each covers one council area, "
        "except Tayside, which covers three. Find your area below by its council's name, or open "
        "a partnership to see its members, plans, priorities and measures.",
        "## Find your area by council",
        "Councils in alphabetical order, with the partnership that plans children's services "
        "for them.",
        council_table(model),
        "## All partnerships",
        "Which children's services plans we have found in each statutory three-year cycle.",
        partnership_table(model),
        *(["## Map", charts_block([map_snippet(INDEX)])] if map_snippet else []),
    )


def council_table(model) -> str:
    councils = model.table("councils").sort_values("council_name")
    partnerships = model.table("partnerships").set_index("partnership_id")
    boards = model.table("health_boards").set_index("health_board_code")
    rows = []
    for _, council in councils.iterrows():
        partnership = partnerships.loc[council["partnership_id"]]
        rows.append([text(council["council_name"]), code(council["council_code"]),
                     link(INDEX, partnership_md(council["partnership_id"]),
                          text(partnership["area_name"])),
                     text(boards.loc[council["health_board_code"], "health_board_name"])])
    return table(["Council", "GSS code", "Partnership (area)", "NHS board"], rows,
                 caption="Councils and their partnerships", row_headers=True)


def partnership_table(model) -> str:
    councils = model.table("councils")
    boards = model.table("health_boards").set_index("health_board_code")
    plans = model.table("plans")
    rows = []
    for _, partnership in model.table("partnerships").sort_values("area_name").iterrows():
        pid = partnership["partnership_id"]
        own = councils[councils["partnership_id"] == pid]
        board_names = sorted({boards.loc[c, "health_board_name"] for c in own["health_board_code"]})
        cells = [link(INDEX, partnership_md(pid), text(partnership["area_name"])),
                 or_not_found(partnership["partnership_name"]),
                 ", ".join(text(n) for n in own["council_name"]),
                 ", ".join(text(b) for b in board_names)]
        csp = plans[(plans["partnership_id"] == pid) & (plans["document_type"] == CSP)]
        for cycle in CYCLES:
            cells.append("found" if (csp["cycle"] == cycle).any() else not_found())
        rows.append(cells)
    return table(["Area", "Partnership's own name", "Council(s)", "NHS board",
                  *[f"Plan {c}" for c in CYCLES]],
                 rows, caption="Partnerships and the plans found per cycle", row_headers=True)


# ---------------------------------------------------------------- one partnership


def render_partnership(model, partnership, by_area: dict, content_plans: set) -> str:
    pid = partnership["partnership_id"]
    md = partnership_md(pid)
    frames = [rows_for(model, name, pid) for name, _, _ in PARTNERSHIP_RESOURCES]
    return join_blocks(
        front_matter(display_name(partnership),
                     f"Children's services planning partnership for {partnership['area_name']}"),
        heading(display_name(partnership)),
        summary(partnership, last_checked(*frames)),
        "## Council areas and NHS board",
        councils_section(model, pid),
        "## Members",
        members_section(model, md, pid),
        "## Plans and reports",
        plans_section(model, md, pid, content_plans),
        "## Current plan",
        current_plan_section(model, md, pid, content_plans),
        "## Official statistics for its council area" + ("s" if len(frames[1]) > 1 else ""),
        indicators_section(model, md, pid, by_area),
        "## Governance and context",
        facts_section(model, pid),
        "## What is missing",
        missing_section(model, md, partnership),
        "## Correct or add to this page",
        correction_section(md, pid),
    )


def summary(partnership, checked_on: str) -> str:
    own_name = (f"{text(partnership['partnership_name'])} "
                f"({external(partnership['partnership_name_source_url'])})"
                if not blank(partnership["partnership_name"]) else not_found())
    web = (external(partnership["web_page"], text(partnership["web_page"]))
           if not blank(partnership["web_page"]) else not_found())
    return facts([
        ("Area", text(partnership["area_name"])),
        ("Partnership's own name", own_name),
        ("Web page", web),
        ("Listed among Scotland's 30 partnerships", external(partnership["source_url"])),
        ("Data last checked", text(checked_on)),
    ])


def councils_section(model, pid: str) -> str:
    councils = rows_for(model, "councils", pid)
    boards = model.table("health_boards").set_index("health_board_code")
    rows = [[text(c["council_name"]), code(c["council_code"]),
             f"{text(boards.loc[c['health_board_code'], 'health_board_name'])} "
             f"({text(c['health_board_code'])})",
             external(c["source_url"])]
            for _, c in councils.iterrows()]
    return table(["Council area", "GSS code", "NHS board (code)", "Source"], rows,
                 caption="Council areas", row_headers=True, css="cspp-councils")


def members_section(model, md: str, pid: str) -> str:
    members = rows_for(model, "memberships", pid)
    if members.empty:
        return (f"<p>{not_found('Members not yet found.')} "
                f"{link(md, CONTRIBUTING, 'Tell us who the members are')}.</p>")
    rows = [[text(m["organisation"]), text(m["organisation_type"].replace("-", " ")),
             or_not_found(m["role"]) if not blank(m["role"]) else "not stated",
             external(m["source_url"]), checked(m["accessed"])]
            for _, m in members.iterrows()]
    return table(["Organisation", "Kind", "Role", "Source", "Last checked"], rows,
                 caption="Member organisations", row_headers=True, css="cspp-members")


def plans_section(model, md: str, pid: str, content_plans: set) -> str:
    plans = rows_for(model, "plans", pid).sort_values(["period_start", "plan_id"])
    blocks = []
    for cycle in CYCLES:
        in_cycle = plans[plans["cycle"] == cycle]
        blocks.append(f"<h3>Cycle {cycle}</h3>")
        if not (in_cycle["document_type"] == CSP).any():
            blocks.append(f'<p class="cspp-gap">Children\'s services plan for {cycle}: '
                          f"{not_found()}. {link(md, CONTRIBUTING, 'Help us find it')}.</p>")
        if len(in_cycle):
            blocks.append(plans_table(md, in_cycle, content_plans, f"Documents for {cycle}"))
    others = plans[plans["cycle"] == ""]
    if len(others):
        blocks.append("<h3>Other documents</h3>")
        blocks.append("<p>Related plans and reports outside the three statutory cycles.</p>")
        blocks.append(plans_table(md, others, content_plans, "Other documents"))
    return "\n".join(blocks)


def plans_table(md: str, plans: pd.DataFrame, content_plans: set, caption: str) -> str:
    rows = []
    for _, plan in plans.iterrows():
        title = text(plan["title"])
        if plan["plan_id"] in content_plans:
            title = link(md, plan_md(plan["plan_id"]), title)
        rows.append([title, text(DOCUMENT_TYPES.get(plan["document_type"], plan["document_type"])),
                     plan_period(plan), document_link(plan), external(plan["source_url"]),
                     checked(plan["accessed"])])
    return table(["Title", "Kind", "Period", "Document", "Source", "Last checked"], rows,
                 caption=caption, row_headers=True, css="cspp-plans")


def document_link(plan) -> str:
    if blank(plan["document_url"]):
        return not_found()
    return external(plan["document_url"], "open document")


def current_plan_section(model, md: str, pid: str, content_plans: set) -> str:
    plan = current_plan(model, pid)
    if plan is None:
        return (f"<p>{not_found('No children’s services plan found yet.')} "
                f"{link(md, CONTRIBUTING, 'Help us find it')}.</p>")
    title = text(plan["title"])
    if plan["plan_id"] in content_plans:
        title = link(md, plan_md(plan["plan_id"]), title)
    blocks = [f"<p>{title} ({plan_period(plan)}, {external(plan['source_url'])}).</p>"]
    blocks.append("<h3>Vision</h3>")
    blocks.append(vision(plan))
    priorities = model.table("priorities")
    blocks.append("<h3>Priorities</h3>")
    blocks.append(priorities_list(priorities[priorities["plan_id"] == plan["plan_id"]]))
    measures = model.table("plan_measures")
    blocks.append("<h3>Measures</h3>")
    blocks.append(measures_table(measures[measures["plan_id"] == plan["plan_id"]]))
    return "\n".join(blocks)


def indicators_section(model, md: str, pid: str, by_area: dict) -> str:
    """by_area: council code -> (indicators by id, that council's latest rows)."""
    councils = rows_for(model, "councils", pid)
    blocks = ["<p>The latest value each official series publishes for the council area, beside "
              "Scotland's value for the same period where the source gives one. Values are shown "
              "per council area and never averaged. Units differ between series: read the unit "
              "column.</p>"]
    for _, council in councils.iterrows():
        indicators, own = by_area.get(council["council_code"], ({}, []))
        rows = [indicator_row(md, indicators[r["indicator_id"]], r) for r in own]
        caption = f"{text(council['council_name'])} ({text(council['council_code'])})"
        if len(councils) > 1:
            blocks.append(f"<h3>{caption}</h3>")
        if not rows:
            blocks.append(f"<p>{not_found('No official statistics held yet.')}</p>")
            continue
        blocks.append(f"<details class=\"cspp-indicators\"><summary>Show the latest value of "
                      f"{len(rows)} official series for {caption}, beside Scotland</summary>")
        blocks.append(table(["Series and unit", "Council area", "Scotland", "Period", "Source"],
                            rows, caption=f"Latest official statistics, {caption}",
                            search=False, row_headers=True, css="cspp-numbers cspp-series"))
        blocks.append("</details>")
    return "\n".join(blocks)


def indicator_row(md: str, indicator, row) -> list[str]:
    if row["has_scotland"]:
        scotland = number(row["scotland_value"]) if not blank(row["scotland_value"]) \
            else not_found("no Scotland value for this period")
    else:
        scotland = not_found("not published for Scotland")
    value = number(row["value"]) if not blank(row["value"]) else not_found("blank in source")
    series = (link(md, indicator_md(indicator["indicator_id"]), text(indicator["indicator_name"]))
              + f'<br><span class="cspp-unit">Unit: {text(indicator["unit"])}</span>')
    return [series, value, scotland, text(row["period"]), external(row["source_url"])]


def facts_section(model, pid: str) -> str:
    rows = rows_for(model, "partnership_facts", pid)
    if rows.empty:
        return f"<p>{not_found()}</p>"
    blocks = []
    for topic in ("governance", "context"):
        items = rows[rows["topic"] == topic]
        if items.empty:
            continue
        blocks.append(f"<h3>{topic.capitalize()}</h3>")
        blocks.append("<ul class=\"cspp-sourced\">" + "".join(
            f"<li>{text(f['fact'])} ({external(f['source_url'])}"
            f"{'' if blank(f['accessed']) else '; last checked ' + text(f['accessed'])})</li>"
            for _, f in items.iterrows()) + "</ul>")
    return "\n".join(blocks)


def missing_items(model, partnership) -> list[str]:
    """Gaps as plain sentences: the research notes, then blanks found in the data."""
    pid = partnership["partnership_id"]
    gaps = rows_for(model, "research_gaps", pid).sort_values("position")
    items = [text(g["not_found"]) for _, g in gaps.iterrows()]
    if blank(partnership["partnership_name"]):
        items.append("The partnership's own name.")
    if blank(partnership["web_page"]):
        items.append("The partnership's own web page.")
    if rows_for(model, "memberships", pid).empty:
        items.append("Its member organisations.")
    plans = rows_for(model, "plans", pid)
    for cycle in CYCLES:
        if not ((plans["cycle"] == cycle) & (plans["document_type"] == CSP)).any():
            items.append(f"Its children's services plan for {cycle}.")
    for _, plan in plans[plans["document_url"] == ""].iterrows():
        items.append(f"A link to the document itself: {text(plan['title'])}.")
    return items


def missing_section(model, md: str, partnership) -> str:
    items = missing_items(model, partnership)
    if not items:
        return "<p>Nothing recorded as missing.</p>"
    return ("<ul class=\"cspp-missing-list\">" + "".join(f"<li>{i}</li>" for i in items)
            + f"</ul>\n<p>Know where to find any of these? "
              f"{link(md, CONTRIBUTING, 'Tell us how to contribute it')}.</p>")


def freshness_and_citation(stale_count: int, cite: str) -> str:
    """The stale-source flag and a ready citation of the data version this page was built from."""
    flag = (f"<p><strong>{stale_count} of this partnership's sources have not been checked in "
            f"the last {STALE_AFTER_MONTHS} months</strong> (or their check date was not "
            "recorded).</p>" if stale_count else
            f"<p>Every source on this page was checked in the last {STALE_AFTER_MONTHS} "
            "months.</p>")
    return f'{flag}\n<div class="cspp-cite"><p>How to cite:</p><p>{text(cite)}</p></div>'


def correction_section(md: str, pid: str) -> str:
    return (f"<p>Spotted something wrong or out of date? "
            f"{link(md, CONTRIBUTING, 'Suggest a correction')} with a link to the public page "
            f"that shows the right value.</p>\n"
            f"<p>Download every row held for this partnership: "
            f"{link(md, f'partnerships/{pid}-rows.csv', f'{text(pid)}-rows.csv (CSV)')}. "
            f"Each line is one value, with its resource, row, field and source.</p>")
