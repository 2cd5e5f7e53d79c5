"""The partnerships index and one page per partnership, with a CSV of every row held for it.

The page opens with its headline figures (glance.py) and sets its current priorities beside
their key indicators (figures.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ....shape.ages import Age
from ....shape.families import NO_AVERAGE_FOR_KEY, PUBLISHERS_AVERAGE, Families, standing
from ....shape.freshness import STALE_AFTER_MONTHS, newest_check
from ....shape.gap_states import latest_confirmation
from ....shape.partnerships import COMMUNITY_PLANNING, NAMED, STATUTORY, PartnershipData
from ....shape.plans import PlanData
from ....shape.profiles import Outcomes, headlines, profile
from ....shape.themes import ThemesData
from ....text_rules import spreadsheet_csv
from ...numbers import Unit
from ..contribute import CSP, Contribute
from ..html import render
from ..parts import (
    Break,
    Facts,
    Link,
    Missing,
    Span,
    Table,
    blank,
    checked,
    cited_by,
    code,
    document_link,
    external,
    kind_labelled,
    measures_table,
    or_missing,
    plan_period,
    source,
)
from ..paths import CONTRIBUTING, DOCUMENT_TYPES, indicator_page, partnership_page, plan_page
from .figures import priority_figures
from .glance import glance

INDEX = "partnerships/index.md"


@dataclass(frozen=True)
class Shared:
    """What every partnership's page reads besides its own PartnershipData, declared once."""

    cycles: tuple[str, ...]
    plans: dict[str, PlanData]
    indicators: dict[str, dict]  # each series' indicators.csv row with its labels, by id
    outcomes: Outcomes
    families: Families
    themes: ThemesData
    sources: pd.DataFrame
    ages: dict[str, Age]


def partnership_files(
    partnerships: list[PartnershipData],
    councils: pd.DataFrame,
    shared: Shared,
    charts: dict,
    citation: str,
    contribute: Contribute,
) -> dict[str, str]:
    files = {
        INDEX: render(
            "partnerships.md",
            INDEX,
            map=charts.get("map"),
            councils=council_table(councils),
            partnerships=partnership_table(partnerships, shared.cycles),
        )
    }
    for p in partnerships:
        page = partnership_page(p.id)
        files[page] = render(
            "partnership.md", page, **partnership_context(p, shared, citation, contribute, charts)
        )
        files[f"partnerships/{p.id}-rows.csv"] = spreadsheet_csv(p.csv)
    return files


# ---------------------------------------------------------------- index


def council_table(councils: pd.DataFrame) -> Table:
    rows = [
        [
            c["council_name"],
            code(c["council_code"]),
            Link(c["area_name"], partnership_page(c["partnership_id"])),
            c["health_board_name"],
        ]
        for c in councils.sort_values("council_name").to_dict("records")
    ]
    return Table(
        ["Council", "GSS code", "Partnership (area)", "NHS board"],
        rows,
        caption="Councils and their partnerships",
    )


def partnership_table(partnerships: list[PartnershipData], cycles: tuple[str, ...]) -> Table:
    rows = []
    for p in sorted(partnerships, key=lambda p: p.partnership["area_name"]):
        boards = sorted({c["health_board_name"] for c in p.councils})
        rows.append(
            [
                Link(p.partnership["area_name"], partnership_page(p.id)),
                or_missing(p.partnership["partnership_name"]),
                ", ".join(c["council_name"] for c in p.councils),
                ", ".join(boards),
                *["found" if p.has_csp[c] else Missing() for c in cycles],
            ]
        )
    return Table(
        [
            "Area",
            "Partnership's own name",
            "Council(s)",
            "NHS board",
            *[f"Plan {c}" for c in cycles],
        ],
        rows,
        caption="Partnerships and the plans found per cycle",
    )


# ---------------------------------------------------------------- one partnership


def partnership_context(
    p: PartnershipData,
    shared: Shared,
    citation: str,
    contribute: Contribute,
    charts: dict | None = None,
) -> dict:
    """charts: chart key -> Chart, for the profile and trend charts (none: the page says so)."""
    cycles, outcomes = shared.cycles, shared.outcomes
    gaps = gap_links(p, cycles, contribute)
    return dict(
        **comparison(p, shared, charts or {}),
        gaps=gaps,
        glance=glance(
            p.partnership["area_name"],
            headlines(outcomes, p.id, p.councils),
            profile(outcomes, p.id, p.councils),
            p.current,
            cycles[-1],
            gaps["cycles"][cycles[-1]],
            shared.ages,
        ),
        title=p.name,
        hide=(),
        contributing=CONTRIBUTING,
        name=p.name,
        description=f"Children's services planning partnership for {p.partnership['area_name']}",
        summary=summary(p),
        councils=councils_table(p),
        statutory=members_table(p, STATUTORY),
        members=members_table(p, NAMED),
        community_planning=members_table(p, COMMUNITY_PLANNING),
        cycles=[
            {
                "name": c,
                "has_csp": p.has_csp[c],
                "absent": confirmation(p, "absent", c),
                "known": known_plan(p, shared.sources, c),
                "table": plans_table(p.plans_by_cycle[c], shared.plans, f"Documents for {c}"),
            }
            for c in cycles
        ],
        known_current=known_plan(p, shared.sources, cycles[-1]),
        others=plans_table(p.plans_by_cycle[""], shared.plans, "Other documents"),
        current=current_plan(p),
        statistics=statistics(p, shared.indicators),
        similar=similar_areas(p, shared.families, outcomes),
        policy_context=policy_context(p),
        confirmed=confirmation(p, "page-correct"),
        facts=[
            (
                topic.capitalize(),
                p.rows["partnership_facts"].query("topic == @topic").to_dict("records"),
            )
            for topic in ("governance", "context")
            if (p.rows["partnership_facts"]["topic"] == topic).any()
        ],
        missing=p.missing,
        csv=f"partnerships/{p.id}-rows.csv",
        csv_name=f"{p.id}-rows.csv",
        stale=p.stale_sources,
        stale_months=STALE_AFTER_MONTHS,
        citation=citation,
        failing=failing_links(p),
    )


def comparison(p: PartnershipData, shared: Shared, charts: dict) -> dict:
    """How the partnership compares (its profile and trend charts), and its current
    priorities beside their key indicators."""
    return {
        "area": p.partnership["area_name"],
        "several": len(p.councils) > 1,
        "profile": charts.get(f"profile:{p.id}"),
        "trends": charts.get(f"profile-trends:{p.id}"),
        "key_count": len(shared.outcomes.key),
        "priority_figures": priority_figures(p, shared.cycles, shared.themes, shared.outcomes),
    }


def similar_areas(p: PartnershipData, families: Families, outcomes: Outcomes) -> dict:
    """Each council beside its family group in each grouping, and where it sits in the group
    the key indicators are set beside (shape/families.py), key indicator by key indicator."""
    councils = []
    for c in p.councils:
        code = c["council_code"]
        groups = [
            {
                "name": g.short(g.group_of[code]),
                "grouping": g.grouping["name"],
                "members": [families.names[m] for m in g.members(code) if m != code],
                "source": source(g.grouping),
            }
            for g in families.groupings.values()
            if code in g.group_of
        ]
        councils.append(
            {
                "name": c["council_name"],
                "groups": groups,
                "table": key_standings(families, outcomes, code, c["council_name"]),
            }
        )
    return {
        "councils": councils,
        "no_average": average_note(families, outcomes),
        "services": [
            (g.grouping["name"], g.grouping["services"]) for g in families.groupings.values()
        ],
    }


def average_note(families: Families, outcomes: Outcomes) -> str:
    keys = outcomes.key["indicator_id"]
    return PUBLISHERS_AVERAGE if any(map(families.has_averages, keys)) else NO_AVERAGE_FOR_KEY


def key_standings(families: Families, outcomes: Outcomes, code: str, name: str) -> Table:
    """Per key indicator: the group it is set beside, the council's rank there, every
    member's value, and the group's average where the publisher gives one."""
    rows = []
    for key in outcomes.key.to_dict("records"):
        series = outcomes.series.get(key["indicator_id"])
        grouping = families.for_series(key["indicator_id"])
        if series is None or grouping is None or code not in grouping.group_of:
            continue
        latest = {m: series.value(m, series.latest) for m in grouping.members(code)}
        place = standing(grouping, families.names, latest, code)
        unit = Unit.of(series.indicator)
        rank = "no value" if place.rank is None else f"{place.rank} of {place.with_value}"
        values = "; ".join(f"{n} {unit.text(v, 'no value')}" for _, n, v, _ in place.members)
        average = families.publishers_averages(series.id, series.latest).get(place.group)
        if average is not None:
            values += f"; the publisher's average for the group {unit.text(average)}"
        rows.append(
            [
                Link(series.indicator["plain_name"], indicator_page(series.id)),
                series.latest,
                grouping.short(place.group),
                rank,
                values,
            ]
        )
    return Table(
        [
            "Key indicator",
            "Period",
            "Family group",
            f"{name}'s rank in it (1 = highest)",
            "The group's values, highest first",
        ],
        rows,
        caption=f"{name} within its family group, key indicator by key indicator",
        search=False,
        css="cspp-numbers",
    )


def gap_links(p: PartnershipData, cycles: tuple[str, ...], contribute: Contribute) -> dict:
    """The one-click link of each gap the page can show."""
    area = p.partnership["area_name"]
    current = p.current.plan if p.current is not None else None
    cycle = current["cycle"] if current is not None else cycles[-1]
    kind = current["document_type"] if current is not None else CSP
    return {
        "members": contribute.member(area),
        "confirm": contribute.confirm(area),
        "cycles": {c: contribute.plan(area, "plan", c, label="Help us find it") for c in cycles},
        "current": contribute.plan(area, "plan", cycle, label="Help us find it"),
        **{
            field: contribute.plan(area, field, cycle, kind)
            for field in ("vision", "priorities", "measures")
        },
    }


def failing_links(p: PartnershipData) -> list[list]:
    """One line per source address that was broken or unreachable at its last link check."""
    lines = []
    for check in p.failing_links:
        code = "" if blank(check["http_status"]) else f", HTTP {check['http_status']}"
        lines.append(
            [
                kind_labelled(external(check["url"], check["url"]), check["kind"]),
                f": {check['link_status']}{code} when checked on {check['last_checked']}",
            ]
        )
    return lines


def summary(p: PartnershipData) -> Facts:
    row = p.partnership
    own_name = (
        [row["partnership_name"], " (", source(row, "partnership_name_"), ")"]
        if not blank(row["partnership_name"])
        else Missing()
    )
    return Facts(
        [
            ("Area", row["area_name"]),
            ("Partnership's own name", own_name),
            ("Web page", external(row["web_page"], row["web_page"])),
            ("Listed among Scotland's 30 partnerships", source(row)),
            ("Data last checked", p.last_checked),
        ]
    )


def councils_table(p: PartnershipData) -> Table:
    rows = [
        [
            c["council_name"],
            code(c["council_code"]),
            f"{c['health_board_name']} ({c['health_board_code']})",
            source(c),
        ]
        for c in p.councils
    ]
    return Table(
        ["Council area", "GSS code", "NHS board (code)", "Source"],
        rows,
        caption="Council areas",
        css="cspp-councils",
    )


MEMBER_CAPTIONS = {
    STATUTORY: "Bodies the Act makes plan jointly",
    NAMED: "Members named by the partnership's pages and other sources",
    COMMUNITY_PLANNING: "Members of the area's community planning partnership, not of this "
    "partnership",
}


def members_table(p: PartnershipData, basis: str) -> Table | None:
    """The members of one basis (memberships.basis) as their own table: the statutory members
    (by the Act), the members sources name, or, apart, the community planning partnership's."""
    members = p.rows["memberships"]
    members = members[members["basis"] == basis]
    if members.empty:
        return None
    rows = [
        [
            m["organisation"],
            m["organisation_type"].replace("-", " "),
            m["role"] or "not stated",
            source(m),
            checked(newest_check(m)),
        ]
        for m in members.to_dict("records")
    ]
    return Table(
        ["Organisation", "Kind", "Role", "Source", "Last checked"],
        rows,
        caption=MEMBER_CAPTIONS[basis],
        css="cspp-members",
    )


def known_plan(p: PartnershipData, sources: pd.DataFrame, cycle: str) -> dict | None:
    """What shows a plan of the cycle exists though the data does not hold it: the national
    review that read it, in words, and its page as the source (None when there is none)."""
    review = p.known_plan(cycle)
    if review is None:
        return None
    page = sources.set_index("source_id", drop=False).loc[review["source_id"]]
    return {
        "words": f"the {review['publisher']}'s review of the {cycle} plans read it",
        "source": source(cited_by(page.to_dict())),
    }


def confirmation(p: PartnershipData, kind: str, cycle: str = "") -> dict | None:
    """The partnership's newest statement of this kind (page-correct, or absent: that it
    published no children's services plan for the cycle), with its source."""
    row = latest_confirmation(
        p.rows["confirmations"].to_dict("records"), kind, cycle, CSP if kind == "absent" else ""
    )
    if row is None:
        return None
    return {
        "on": row["confirmed_on"],
        "by": row["confirmed_by"],
        "note": row["note"],
        "source": source(row),
    }


POLICY_CATEGORIES = {
    "national-driver": "National drivers",
    "local-link": "Local links",
    "improvement-programme": "Improvement programmes",
    "planning-and-delivery": "Planning, delivery and ongoing work",
}


def policy_context(p: PartnershipData) -> dict | None:
    """The legislation, plans and programmes the partnership lists as its planning context:
    the table, and the sources it comes from (named once, not on every row)."""
    items = p.rows["policy_context"]
    if items.empty:
        return None
    rows = [
        [
            item["number"],
            POLICY_CATEGORIES[item["category"]],
            external(item["url"], item["name"]) if not blank(item["url"]) else item["name"],
            or_missing(item["summary"], "not given"),
        ]
        for item in items.to_dict("records")
    ]
    first_of_each = items.drop_duplicates("source_id").to_dict("records")
    return {
        "sources": [source(item) for item in first_of_each],
        "table": Table(
            ["No.", "Category", "Item (as the partnership names it)", "What it says"],
            rows,
            caption="Policy context, as the partnership lists it",
            css="cspp-context",
        ),
    }


def plans_table(plans: pd.DataFrame, shaped: dict[str, PlanData], caption: str) -> Table | None:
    """plans: the partnership's rows of plans.csv; shaped: every plan, to know which has a page."""
    if plans.empty:
        return None
    rows = []
    for plan in plans.to_dict("records"):
        title = (
            Link(plan["title"], plan_page(plan["plan_id"]))
            if shaped[plan["plan_id"]].has_content
            else plan["title"]
        )
        document = document_link(plan["document_url"])
        rows.append(
            [
                title,
                DOCUMENT_TYPES.get(plan["document_type"], plan["document_type"]),
                plan_period(plan),
                document,
                source(plan),
                checked(newest_check(plan)),
            ]
        )
    return Table(
        ["Title", "Kind", "Period", "Document", "Source", "Last checked"],
        rows,
        caption=caption,
        css="cspp-plans",
    )


def current_plan(p: PartnershipData) -> dict | None:
    if p.current is None:
        return None
    plan = p.current.plan
    title = (
        Link(plan["title"], plan_page(plan["plan_id"])) if p.current.has_content else plan["title"]
    )
    return {
        "plan": p.current,
        "title": title,
        "period": plan_period(plan),
        "source": source(plan),
        "measures": measures_table(p.current.measures),
    }


def statistics(p: PartnershipData, indicators: dict) -> list[dict]:
    """Per council: its latest value of every series, beside Scotland's. indicators: each
    series' indicators.csv row joined with its indicator_labels.csv row, by id."""
    out = []
    for council in p.councils:
        caption = f"{council['council_name']} ({council['council_code']})"
        rows = [
            indicator_row(indicators[r["indicator_id"]], r)
            for r in p.latest[council["council_code"]]
        ]
        table = (
            Table(
                ["Series and unit", "Council area", "Scotland", "Period", "Source"],
                rows,
                caption=f"Latest official statistics, {caption}",
                search=False,
                css="cspp-numbers cspp-series",
            )
            if rows
            else None
        )
        out.append({"caption": caption, "table": table, "count": len(rows)})
    return out


def indicator_row(indicator: dict, row: dict) -> list:
    unit = Unit.of(indicator)
    if row["has_scotland"]:
        scotland = unit.text(
            row["scotland_value"], "no Scotland figure for this period in the data held"
        )
    else:
        scotland = Missing("no Scotland figure in the data held")
    name = (
        indicator.get("plain_name")
        if not blank(indicator.get("plain_name"))
        else indicator["indicator_name"]
    )
    series = [
        Link(name, indicator_page(indicator["indicator_id"])),
        Break(),
        Span(f"Unit: {unit.plain}", "cspp-unit"),
    ]
    return [
        series,
        unit.text(row["value"], "blank in the source"),
        scotland,
        row["period"],
        source(row),
    ]
