"""The indicators index and one page per official series, with a CSV of its rows."""

from __future__ import annotations

from ...load.model import published
from ...shape.indicators import IndicatorData, Indicators
from ...shape.periods import latest
from .html import render
from .parts import Facts, Link, Missing, Table, blank, code, external, number, or_missing, source
from .paths import indicator_page, partnership_page

INDEX = "indicators/index.md"


def indicator_files(indicators: Indicators, charts: dict) -> dict[str, str]:
    """charts: chart key -> Chart, for the charts that exist."""
    files = {INDEX: render("indicators.md", INDEX, indicators=index_table(indicators))}
    councils = indicators.councils.to_dict("records")
    for data in indicators.series:
        page = indicator_page(data.id)
        own = [charts[key] for key in (f"indicator-latest:{data.id}", f"indicator-trend:{data.id}")
               if key in charts]
        files[page] = render("indicator.md", page, **indicator_context(
            data, indicators.scotland_code, councils, own))
        files[f"indicators/{data.id}.csv"] = published(data.values).to_csv(index=False, lineterminator="\n")
    return files


def index_table(indicators: Indicators) -> Table:
    rows = []
    for data in sorted(indicators.series, key=lambda d: d.id):
        periods = data.periods
        span = (periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"
                ) if periods else Missing()
        rows.append([Link(data.indicator["indicator_name"], indicator_page(data.id)),
                     data.indicator["unit"], data.indicator["publisher"], span])
    return Table(["Series", "Unit", "Publisher", "Periods"], rows, caption="Official indicators",
                 css="cspp-indicator-list")


def indicator_context(data: IndicatorData, scotland_code, councils: list[dict],
                      charts: list) -> dict:
    indicator = data.indicator
    return dict(
        title=indicator["indicator_name"], description=f"Official statistics: {indicator['unit']}",
        hide=(), about=about(indicator), scotland=scotland(data, scotland_code),
        charts=charts, councils=council_table(data, councils), rows=len(data.values),
        csv=f"indicators/{data.id}.csv", csv_name=f"{data.id}.csv")


def about(indicator: dict) -> Facts:
    publisher = indicator["publisher"]
    if not blank(indicator["publisher_url"]):
        publisher = [publisher, " (", external(indicator["publisher_url"], "publisher page"), ")"]
    return Facts([("Series id", indicator["indicator_id"]), ("Unit", indicator["unit"]),
                  ("Publisher", publisher), ("Licence", or_missing(indicator["licence"])),
                  ("Read from", indicator["source_table"]),
                  ("Source", source(indicator))])


def scotland(data: IndicatorData, scotland_code) -> dict | None:
    if data.scotland.empty:
        return None
    period = latest(data.scotland["period"])
    row = data.scotland[data.scotland["period"] == period].iloc[0]
    return {"code": scotland_code, "period": period, "value": number(row["value"]),
            "source": source(row)}


def council_table(data: IndicatorData, councils: list[dict]) -> Table:
    """Council and value come first, so that they fit on a phone before the table scrolls."""
    by_code = {r["area_code"]: r for r in data.latest.to_dict("records")}
    with_interval = data.latest["lower_confidence_limit"].notna().any()
    rows = []
    for council in councils:
        partnership = Link(council["area_name"], partnership_page(council["partnership_id"]))
        row = by_code.get(council["council_code"])
        if row is None:
            cells = [Missing(), Missing(), partnership, code(council["council_code"])]
            cells += [""] * (2 if with_interval else 1)
        else:
            cells = [number(row["value"], "blank in source"), row["period"], partnership,
                     code(council["council_code"])]
            cells += [interval(row)] if with_interval else []
            cells.append(source(row))
        rows.append([council["council_name"], *cells])
    headers = ["Council area", "Value", "Period", "Partnership", "GSS code",
               *(["95% interval"] if with_interval else []), "Source"]
    return Table(headers, rows, caption="Latest value per council", search=False,
                 css="cspp-numbers")


def interval(row: dict) -> str:
    low, high = row["lower_confidence_limit"], row["upper_confidence_limit"]
    if blank(low) or blank(high):
        return ""
    return f"{number(low)} to {number(high)}"
