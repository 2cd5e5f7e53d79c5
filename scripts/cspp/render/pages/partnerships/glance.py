"""What a partnership page says first, at a glance: a few headline figures (each council's
value beside Scotland's, with the period and where it sits among the council areas), the
current plan, and how recent the figures are. Only what the data holds: a value that is not
held says so.
"""

from __future__ import annotations

from ....shape.ages import Age, span_words
from ....shape.plans import Priority
from ....shape.profiles import Headline, ProfileLine, Standing
from ...numbers import Unit
from ..parts import Link, Value, count, plan_period
from ..paths import indicator_page, plan_page


def glance(
    name: str,
    headlines: list[Headline],
    lines: list[ProfileLine],
    current,
    latest_cycle: str,
    plan_gap,
    ages: dict[str, Age],
) -> dict:
    """current: the partnership's current PlanData or None; plan_gap: the link that asks for
    the latest cycle's plan; ages: each series' periods and release (shape/ages.py)."""
    return {
        "figures": [figure(name, h) for h in headlines],
        "plan": plan_line(current, latest_cycle),
        "plan_gap": plan_gap,
        "recency": recency(lines, ages),
    }


def figure(name: str, headline: Headline) -> dict:
    series, unit = headline.series, Unit.of(headline.series.indicator)
    rows = [area_row(s, unit) for s in headline.councils]
    notes = []
    if headline.partnership is not None:
        rows.insert(
            0,
            {
                "area": f"{name} as a whole",
                "value": Value(headline.partnership, unit.text(headline.partnership)),
                "standing": "",
            },
        )
        notes.append(
            f"{name} as a whole: calculated here from its councils' counts, not "
            "averaged from their rates."
        )
    scotland = (
        Value(headline.scotland, unit.text(headline.scotland))
        if headline.scotland is not None
        else "no Scotland figure in the data held"
    )
    if headline.scotland is not None and series.scotland_derived:
        notes.append("Scotland: calculated here from every council's counts.")
    if headline.replaces is not None:
        older = headline.replaces
        notes.append(
            f"Replaces an older series as the key indicator: "
            f"{older.indicator['plain_name']}, to {older.latest}."
        )
    return {
        "name": Link(series.indicator["plain_name"], indicator_page(series.id)),
        "unit": unit.plain,
        "period": headline.period,
        "rows": rows,
        "scotland": scotland,
        "notes": notes,
        "caption": f"{series.indicator['plain_name']}, {headline.period}",
    }


def area_row(standing: Standing, unit: Unit) -> dict:
    return {
        "area": standing.name,
        "value": Value(standing.value, unit.text(standing.value, "not available")),
        "standing": standing_text(standing),
    }


def standing_text(s: Standing) -> str:
    """How many council areas with a value it is higher than (its column says "Higher than")."""
    if s.value is None:
        return "no value held"
    return f"{s.lower} of {s.areas} areas"


def every_count(priorities: list[Priority]) -> int:
    return sum(1 + every_count(p.children) for p in priorities)


def plan_line(current, latest_cycle: str) -> dict | None:
    """The current children's services plan: its title, period and how many priorities are
    recorded, and whether it belongs to the latest planning cycle."""
    if current is None:
        return None
    plan = current.plan
    title = (
        Link(plan["title"], plan_page(plan["plan_id"])) if current.has_content else plan["title"]
    )
    n = every_count(current.priorities)
    return {
        "title": title,
        "period": plan_period(plan),
        "latest": plan["cycle"] == latest_cycle,
        "priorities": count(n, "priority", "priorities") + " recorded"
        if n
        else "no priorities recorded yet",
    }


def recency(lines: list[ProfileLine], ages: dict[str, Age]) -> str:
    """How old the key indicators shown on the page are: "figures from <the oldest newest
    period> to <the newest>", and how many releases they come from."""
    shown = [ages[line.series.id] for line in lines if line.spread and line.series.id in ages]
    return span_words(shown) if shown else ""
