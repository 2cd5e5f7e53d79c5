"""Indicator charts: each council's value in the series' latest period, grouped by partnership,
and the series over time.

LGBF framing: comparison with context, not a league table. Councils are ordered by partnership,
never by value, and Scotland is drawn as a reference line. Tayside's three councils stay three
bars: council rates are never averaged into a partnership rate.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...shape.ages import age_words
from ...shape.comparisons import marked, summary
from ...shape.indicators import IndicatorData
from ..numbers import Unit
from .chart import NARROW_WIDTH, Chart
from .theme import to_spec

MULTI = "Partnership of several councils (Tayside)"
SINGLE = "Partnership of one council"
COMPARED = "Compared with Scotland (95% interval)"
FRAMING = ("Councils are ordered by partnership, not by value: like the LGBF, this is a starting "
           "point for questions about local context, not a league table.")
CSV_COLUMNS = ["indicator_id", "period", "area_code", "area_name", "partnership_id",
               "partnership_name", "value", "unit", "value_shown", "unit_shown", "notes",
               "source_url", "snapshot_id", "comparison_with_scotland"]
# Narrow bar charts: each name on its own line above its bar, so the bars get the full width.
ROW_STEP, BAR_HEIGHT, BAR_BELOW_NAME = 30, 10, 6
FIT_WIDTH = {"type": "fit-x", "contains": "padding"}  # `width` is then the whole chart's


def sources(indicator: dict, copy: bool = True) -> list[tuple[str, str]]:
    """copy: the figures were read from a third party's copy of the publisher's file."""
    return [(indicator["publisher"], indicator["publisher_url"]),
            ("its figures, a third-party copy" if copy else "its figures, the publisher's file",
             indicator["source_url"])]


def plotted_rows(rows: pd.DataFrame, indicator: dict) -> pd.DataFrame:
    """The CSV columns: package values plus partnership and the value as shown."""
    unit = Unit.of(indicator)
    out = rows.assign(value_shown=[unit.shown(v) for v in rows["value"]],
                      unit=unit.stored, unit_shown=unit.plain)
    return out[CSV_COLUMNS].reset_index(drop=True)


def age_of(data: IndicatorData) -> str:
    """The caption of each of the series' charts, and a line of their descriptions."""
    return age_words(data.age) if data.age else ""


def copied(data: IndicatorData) -> bool:
    """Whether the figures were read from a third party's copy (said so where unknown)."""
    return data.age is None or data.age.third_party


def council_label(area: str, partnership: str, size: int) -> str:
    return f"{area} ({partnership})" if size > 1 else area


# ---------------------------------------------------------------- latest period


def latest_chart(data: IndicatorData, councils: pd.DataFrame, scotland_code) -> Chart | None:
    indicator, unit = data.indicator, Unit.of(data.indicator)
    rows = data.chart_latest
    council_rows = rows[rows["area_code"] != scotland_code]
    if council_rows["value"].notna().sum() == 0:
        return None
    scotland = rows[rows["area_code"] == scotland_code]
    period = data.periods[-1]
    title = f"{indicator['indicator_name']}: latest value for each council area, {period}"
    points = bar_points(council_rows, unit)
    line = scotland_mark(scotland, unit)
    return Chart(
        key=f"indicator-latest:{data.id}", slug=f"{data.id}-latest", title=title,
        description=latest_description(indicator, period, council_rows, scotland, councils,
                                       age_of(data)),
        table=latest_table(council_rows, scotland, unit),
        data=plotted_rows(pd.concat([council_rows, scotland]), indicator),
        sources=sources(indicator, copied(data)), spec=latest_spec(points, line, unit),
        narrow=narrow_latest_spec(points, line, unit), age=age_of(data),
        alt=f"Bar chart: {title}. The same numbers are in the description and table below.")


def latest_description(indicator, period, rows, scotland, councils, age: str) -> list[str]:
    unit = Unit.of(indicator)
    known = rows[rows["value"].notna()]
    lo, hi = known["value"].min(), known["value"].max()

    def names(v):
        return ", ".join(known.loc[known["value"] == v, "area_name"])

    text = [f"What is compared: {indicator['indicator_name']}, for each of Scotland's council areas in "
            f"{period}, the latest period in the data. Bars are grouped by the partnership that plans "
            f"children's services for the area; Tayside's three councils are shown separately, and no "
            f"partnership average is calculated.",
            f"Range: from {unit.full(lo)} ({names(lo)}) to {unit.full(hi)} ({names(hi)}), "
            f"across {len(known)} council areas with a value."]
    if len(scotland) and scotland["value"].notna().any():
        text.append(f"Scotland: {unit.full(scotland['value'].iloc[0])} in {period} (the dashed line).")
    else:
        text.append(f"Scotland: no Scotland figure for {period} in the data held, so the chart has "
                    "no reference line.")
    text.append(summary(rows["comparison_with_scotland"].tolist()))
    text.append(f"Values are in {unit.plain}.")
    if unit.is_count:
        text.append("This is a count, not a rate: council areas with more people have larger numbers, "
                    "so the bars compare size as much as need.")
    return text + ([age] if age else []) + caveats(rows, councils) + [FRAMING]


def caveats(rows: pd.DataFrame, councils: pd.DataFrame) -> list[str]:
    out = []
    blank = rows.loc[rows["value"].isna(), "area_name"].tolist()
    if blank:
        out.append("No value (the source cell was empty or suppressed): " + ", ".join(blank) + ".")
    missing = councils.loc[~councils["council_code"].isin(rows["area_code"]), "council_name"].tolist()
    if missing:
        out.append("Not in the source for this period: " + ", ".join(sorted(missing)) + ".")
    notes = [n for n in rows["notes"].unique() if n]
    if len(notes) == 1:
        out.append(f"Note from the source: {notes[0]}")
    elif notes:
        out.append(f"The source adds notes to some values ({len(notes)} different notes); they are in the CSV.")
    return out


def latest_table(rows: pd.DataFrame, scotland: pd.DataFrame, unit: Unit) -> pd.DataFrame:
    areas, partnerships = rows["area_name"].tolist(), rows["partnership_name"].tolist()
    values = [unit.text(v) for v in rows["value"]]
    judged = [marked(j) for j in rows["comparison_with_scotland"]]
    if len(scotland):
        areas, partnerships = areas + ["Scotland"], partnerships + [""]
        values.append(unit.text(scotland["value"].iloc[0]))
        judged.append("")
    return pd.DataFrame({"Council area": areas, "Partnership": partnerships,
                         f"Value ({unit.plain})": values,
                         COMPARED: judged})


def bar_points(rows: pd.DataFrame, unit: Unit) -> list[dict]:
    """One bar per council, in the rows' order (by partnership), with its name and value."""
    points = []
    for a, p, s, v in zip(rows["area_name"], rows["partnership_name"], rows["partnership_size"],
                          rows["value"]):
        label = council_label(a, p, s)
        points.append({"label": label, "group": MULTI if s > 1 else SINGLE,
                       "value": unit.shown(v), "missing": "no value" if pd.isna(v) else "",
                       "line": f"{label}: {unit.text(v, 'no value')}"})
    return points


def scotland_mark(scotland: pd.DataFrame, unit: Unit) -> dict | None:
    """Scotland's reference line: its value as drawn and its label, or None without a value."""
    if not len(scotland) or not scotland["value"].notna().any():
        return None
    value = scotland["value"].iloc[0]
    return {"value": unit.shown(value), "text": f"Scotland {unit.text(value)}"}


def colour_by_partnership_size(legend_direction: str = "vertical") -> alt.Color:
    return alt.Color(field="group", type="nominal", title=None,
                     scale=alt.Scale(domain=[SINGLE, MULTI], range=["#4c6a9a", "#c1661c"]),
                     legend=alt.Legend(orient="top", direction=legend_direction))


def latest_spec(points: list[dict], scotland: dict | None, unit: Unit) -> dict:
    y = alt.Y(field="label", type="nominal", sort=[p["label"] for p in points], title=None)
    bars = alt.Chart().mark_bar(height=alt.RelativeBandSize(0.75)).encode(
        y=y, x=alt.X(field="value", type="quantitative", title=unit.axis_title),
        color=colour_by_partnership_size())
    no_value = alt.Chart().transform_filter("datum.missing != ''").mark_text(
        align="left", dx=3, color="#444", fontStyle="italic").encode(
        y=y, x=alt.XDatum(0, type="quantitative"), text=alt.Text(field="missing", type="nominal"))
    layers = [bars, no_value]
    if scotland:
        layers.append(scotland_line(scotland, points, y=alt.YValue(0), dy=-6))
    return to_spec(alt.LayerChart(data={"values": points}, layer=layers, width=420,
                                  height=alt.Step(15)))


def narrow_latest_spec(points: list[dict], scotland: dict | None, unit: Unit) -> dict:
    """The phone layout: each council's name and value on a line of its own, its bar below."""
    y = alt.Y(field="label", type="nominal", sort=[p["label"] for p in points], axis=None)
    names = alt.Chart().mark_text(align="left", baseline="bottom", dy=-1).encode(
        y=y, x=alt.XValue(0), text=alt.Text(field="line", type="nominal"))
    bars = alt.Chart().mark_bar(height=BAR_HEIGHT, yOffset=BAR_BELOW_NAME).encode(
        y=y, x=alt.X(field="value", type="quantitative", title=unit.axis_title,
                     axis=alt.Axis(orient="top", tickCount=4)),
        color=colour_by_partnership_size())
    layers = [names, bars]
    if scotland:
        layers.append(scotland_line(scotland, points, y=alt.YValue(ROW_STEP * len(points)), dy=12))
    return to_spec(alt.LayerChart(data={"values": points}, layer=layers, width=NARROW_WIDTH,
                                  height=alt.Step(ROW_STEP), autosize=FIT_WIDTH))


def scotland_line(scotland: dict, points: list[dict], y, dy: int) -> alt.LayerChart:
    """A dashed reference line for Scotland, named at one end; the name runs into the chart
    from a line near the right edge, so that it stays inside the drawing."""
    highest = max((p["value"] for p in points if p["value"] is not None), default=0)
    near_right = highest > 0 and scotland["value"] > 0.6 * highest
    x = alt.X(field="value", type="quantitative")
    return alt.LayerChart(data={"values": [scotland]}, layer=[
        alt.Chart().mark_rule(strokeDash=[6, 4], color="#111", strokeWidth=1.5).encode(x=x),
        alt.Chart().mark_text(align="right" if near_right else "left", dx=-4 if near_right else 4,
                              dy=dy, color="#111", fontWeight="bold").encode(
            x=x, y=y, text=alt.Text(field="text", type="nominal"))])


# ---------------------------------------------------------------- over time


def trend_chart(data: IndicatorData, councils: pd.DataFrame, scotland_code) -> Chart | None:
    indicator, periods = data.indicator, data.periods
    if len(periods) < 2:
        return None
    unit, rows = Unit.of(indicator), data.chart_trend
    title = f"{indicator['indicator_name']}: each council area and Scotland, {periods[0]} to {periods[-1]}"
    points = trend_points(rows, unit, scotland_code)
    return Chart(
        key=f"indicator-trend:{data.id}", slug=f"{data.id}-trend", title=title,
        description=trend_description(indicator, periods, rows, scotland_code, age_of(data)),
        table=trend_table(rows, periods, unit, scotland_code),
        data=plotted_rows(rows, indicator), sources=sources(indicator, copied(data)),
        spec=trend_spec(points, unit, periods), narrow=trend_spec(points, unit, periods, narrow=True),
        table_searchable=False, age=age_of(data),
        alt=f"Line chart: {title}. The same numbers are in the description and table below.")


def trend_description(indicator, periods, rows, scotland_code, age: str) -> list[str]:
    unit = Unit.of(indicator)
    text = [f"What is compared: {indicator['indicator_name']} over {len(periods)} periods, from "
            f"{periods[0]} to {periods[-1]}. Each thin grey line is one council area; the thick dark "
            f"line is Scotland."]
    scot = rows[rows["area_code"] == scotland_code].set_index("period")["value"].dropna()
    if len(scot) >= 2:
        text.append(f"Scotland: {unit.full(scot.iloc[0])} in {scot.index[0]} and "
                    f"{unit.full(scot.iloc[-1])} in {scot.index[-1]}.")
    elif scot.empty:
        text.append("No Scotland figure for this series in the data held.")
    text.append(f"Values are in {unit.plain}.")
    counts = rows[rows["area_code"] != scotland_code].groupby("period")["value"].count()
    if counts.nunique() > 1:
        text.append(f"Not every council has a value in every period: between {counts.min()} and "
                    f"{counts.max()} council areas have one. Gaps are left as gaps, not filled in.")
    return text + ([age] if age else [])


def trend_table(rows: pd.DataFrame, periods: list[str], unit: Unit, scotland_code) -> pd.DataFrame:
    """One row per area with any value (Scotland last, councils by partnership), a column per period."""
    value_at, order = {}, {}
    for area, code, partnership, period, value in zip(
            rows["area_name"], rows["area_code"], rows["partnership_name"], rows["period"],
            rows["value"]):
        value_at.setdefault((area, period), value)
        order.setdefault(area, (code == scotland_code, partnership, area))
    areas = sorted((a for a in order if any(not pd.isna(value_at.get((a, p), None))
                                            for p in periods)), key=order.get)
    return pd.DataFrame({"Area": areas, **{p: [unit.text(value_at.get((a, p))) for a in areas]
                                           for p in periods}})


def trend_points(rows: pd.DataFrame, unit: Unit, scotland_code) -> list[dict]:
    known = rows[rows["value"].notna()]
    return [{"area": area, "period": period,
             "scotland": "Scotland" if code == scotland_code else "Council area",
             "value": unit.shown(value)}
            for area, period, code, value in zip(known["area_name"], known["period"],
                                                 known["area_code"], known["value"])]


def trend_spec(points: list[dict], unit: Unit, periods: list[str], narrow: bool = False) -> dict:
    x = alt.X(field="period", type="ordinal", sort=periods, title="Period",
              axis=alt.Axis(labelAngle=-45))
    y = alt.Y(field="value", type="quantitative", title=unit.axis_title)
    councils = alt.Chart().transform_filter("datum.scotland != 'Scotland'").mark_line(
        color="#9aa4b1", strokeWidth=1).encode(x=x, y=y, detail=alt.Detail(field="area", type="nominal"))
    line = alt.Chart().transform_filter("datum.scotland == 'Scotland'").mark_line(
        color="#111", strokeWidth=3, point=alt.OverlayMarkDef(color="#111", size=30)).encode(x=x, y=y)
    # On a phone the name sits above the line's last point, inside the drawing.
    name = alt.Chart().transform_filter("datum.scotland == 'Scotland'").transform_filter(
        alt.FieldEqualPredicate(field="period", equal=periods[-1])).mark_text(
        align="right" if narrow else "left", dx=0 if narrow else 6, dy=-12 if narrow else 0,
        fontWeight="bold", color="#111").encode(x=x, y=y, text=alt.TextValue("Scotland"))
    size = ({"width": NARROW_WIDTH, "height": 240, "autosize": FIT_WIDTH} if narrow
            else {"width": 480, "height": 260})
    return to_spec(alt.LayerChart(data={"values": points}, layer=[councils, line, name], **size))
