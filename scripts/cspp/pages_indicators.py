"""The indicators index and one page (plus a CSV of its rows) per official indicator."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .pages_common import (blank, charts_block, code, external, facts, front_matter,
                           heading, indicator_md, join_blocks, link, not_found, number,
                           or_not_found, partnership_md, period_key, table, text, write)
from .pages_data import SCOTLAND

INDEX = "indicators/index.md"


def write_indicator_pages(model, docs: Path, latest: pd.DataFrame, snippets: dict) -> None:
    values = model.table("indicator_values")
    write(docs, INDEX, render_index(model, values))
    by_indicator = dict(tuple(values.groupby("indicator_id", sort=False)))
    latest_by_indicator = dict(tuple(latest.groupby("indicator_id", sort=False)))
    empty_values, empty_latest = values.iloc[0:0], latest.iloc[0:0]
    for indicator in model.table("indicators").to_dict("records"):
        iid = indicator["indicator_id"]
        own = by_indicator.get(iid, empty_values)
        write(docs, indicator_md(iid),
              render_indicator(model, indicator, own, latest_by_indicator.get(iid, empty_latest),
                               snippets))
        own.to_csv(docs / "indicators" / f"{iid}.csv", index=False, encoding="utf-8")


def render_index(model, values: pd.DataFrame) -> str:
    rows = []
    for _, ind in model.table("indicators").sort_values("indicator_id").iterrows():
        periods = sorted(values[values["indicator_id"] == ind["indicator_id"]]["period"].unique(),
                         key=period_key)
        span = (text(periods[0]) if len(periods) == 1 else
                f"{text(periods[0])} to {text(periods[-1])}") if periods else not_found()
        rows.append([link(INDEX, indicator_md(ind["indicator_id"]), text(ind["indicator_name"])),
                     text(ind["unit"]), text(ind["publisher"]), span])
    return join_blocks(
        front_matter("Official indicators", "Official statistics for every council area."),
        "# Official indicators",
        "Official statistics about children and families, published for every council area by "
        "their producers and copied here unchanged. Each page shows the latest value for every "
        "council, grouped by partnership, with Scotland for reference, the series over time "
        "where the source has one, and a CSV.",
        "These are context, not a league table: a partnership's plan is not judged by them, and "
        "the values of Tayside's three councils are never averaged.",
        table(["Series", "Unit", "Publisher", "Periods"], rows,
              caption="Official indicators", row_headers=True, css="cspp-indicator-list"),
    )


def render_indicator(model, indicator, values: pd.DataFrame, latest: pd.DataFrame,
                     snippets: dict) -> str:
    iid = indicator["indicator_id"]
    md = indicator_md(iid)
    charts = [snippets[key](md) for key in (f"indicator-latest:{iid}", f"indicator-trend:{iid}")
              if snippets.get(key)]
    return join_blocks(
        front_matter(indicator["indicator_name"], f"Official statistics: {indicator['unit']}"),
        heading(indicator["indicator_name"]),
        about(indicator),
        "## Scotland",
        scotland_section(values),
        *(["## Charts", charts_block(charts)] if charts else []),
        "## Latest value for every council",
        "Each council's latest published period, grouped by the partnership that plans its "
        "children's services. Values are in the unit above, exactly as published.",
        council_table(model, md, latest),
        "## Download",
        f"<p>All {len(values)} rows of this series, every area and period: "
        f"{link(md, f'indicators/{iid}.csv', f'{text(iid)}.csv')} (CSV), with notes and "
        f"source of each value.</p>",
    )


def about(indicator) -> str:
    publisher = text(indicator["publisher"])
    if not blank(indicator["publisher_url"]):
        publisher += f" ({external(indicator['publisher_url'], 'publisher page')})"
    return facts([
        ("Series id", text(indicator["indicator_id"])),
        ("Unit", text(indicator["unit"])),
        ("Publisher", publisher),
        ("Licence", or_not_found(indicator["licence"])),
        ("Read from", text(indicator["source_table"])),
        ("Source", external(indicator["source_url"])),
    ])


def scotland_section(values: pd.DataFrame) -> str:
    scotland = values[values["area_code"] == SCOTLAND]
    if scotland.empty:
        return "<p>This series has no Scotland figure in the source data.</p>"
    row = scotland.loc[scotland["period"].map(period_key).idxmax()]
    return (f"<p>Scotland ({text(SCOTLAND)}), {text(row['period'])}: "
            f"<strong>{number(row['value'])}</strong> ({external(row['source_url'])}).</p>")


def council_table(model, md: str, latest: pd.DataFrame) -> str:
    councils = model.derived("councils in partnership order", lambda: model.table("councils")
                             .sort_values(["partnership_id", "council_name"]).to_dict("records"))
    areas = model.derived("area names", lambda: {
        p["partnership_id"]: text(p["area_name"])
        for p in model.table("partnerships").to_dict("records")})
    by_code = {r["area_code"]: r for r in latest.to_dict("records")}
    with_interval = latest["lower_confidence_limit"].notna().any()
    rows = []
    for council in councils:
        partnership = link(md, partnership_md(council["partnership_id"]),
                           areas[council["partnership_id"]])
        row = by_code.get(council["council_code"])
        if row is None:
            cells = [not_found(), not_found(), partnership, code(council["council_code"])]
            cells += [""] * (2 if with_interval else 1)
        else:
            value = (number(row["value"]) if not blank(row["value"])
                     else not_found("blank in source"))
            cells = [value, text(row["period"]), partnership, code(council["council_code"])]
            cells += [interval(row)] if with_interval else []
            cells.append(external(row["source_url"]))
        rows.append([text(council["council_name"]), *cells])
    # Council and value come first so that they fit on a phone before the table scrolls.
    headers = ["Council area", "Value", "Period", "Partnership", "GSS code",
               *(["95% interval"] if with_interval else []), "Source"]
    return table(headers, rows, caption="Latest value per council", search=False,
                 row_headers=True, css="cspp-numbers")


def interval(row) -> str:
    low, high = row["lower_confidence_limit"], row["upper_confidence_limit"]
    if blank(low) or blank(high):
        return ""
    return f"{number(low)} to {number(high)}"

