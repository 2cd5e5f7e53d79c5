"""Indicator charts: each council's value in the series' latest period, grouped by partnership,
and the series over time.

LGBF framing: comparison with context, not a league table. Councils are ordered by partnership,
never by value, and Scotland is drawn as a reference line. Tayside's three councils stay three
bars: council rates are never averaged into a partnership rate.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...shape.indicators import IndicatorData
from .chart import Chart
from .numbers import axis_title, fmt, is_count, is_proportion, shown_unit
from .theme import to_spec

MULTI = "Partnership of several councils (Tayside)"
SINGLE = "Partnership of one council"
FRAMING = ("Councils are ordered by partnership, not by value: like the LGBF, this is a starting "
           "point for questions about local context, not a league table.")
CSV_COLUMNS = ["indicator_id", "period", "area_code", "area_name", "partnership_id",
               "partnership_name", "value", "unit", "value_shown", "unit_shown", "notes",
               "source_url"]


def sources(indicator: dict) -> list[tuple[str, str]]:
    return [(indicator["publisher"], indicator["publisher_url"]),
            ("values as read (mirror)", indicator["source_url"])]


def plotted_rows(rows: pd.DataFrame, indicator: dict) -> pd.DataFrame:
    """The CSV columns: package values plus partnership and the value as shown."""
    unit = indicator["unit"]
    out = rows.assign(value_shown=rows["value"] * 100 if is_proportion(unit) else rows["value"],
                      unit=unit, unit_shown=shown_unit(unit))
    return out[CSV_COLUMNS].reset_index(drop=True)


def council_label(area: str, partnership: str, size: int) -> str:
    return f"{area} ({partnership})" if size > 1 else area


# ---------------------------------------------------------------- latest period


def latest_chart(data: IndicatorData, councils: pd.DataFrame, scotland_code) -> Chart | None:
    indicator, unit = data.indicator, data.indicator["unit"]
    rows = data.chart_latest
    council_rows = rows[rows["area_code"] != scotland_code]
    if council_rows["value"].notna().sum() == 0:
        return None
    scotland = rows[rows["area_code"] == scotland_code]
    period = data.periods[-1]
    title = f"{indicator['indicator_name']}: latest value for each council area, {period}"
    return Chart(
        key=f"indicator-latest:{data.id}", slug=f"{data.id}-latest", title=title,
        description=latest_description(indicator, period, council_rows, scotland, councils),
        table=latest_table(council_rows, scotland, unit),
        data=plotted_rows(pd.concat([council_rows, scotland]), indicator),
        sources=sources(indicator), spec=latest_spec(council_rows, scotland, unit),
        alt=f"Bar chart: {title}. The same numbers are in the description and table below.")


def latest_description(indicator, period, rows, scotland, councils) -> list[str]:
    unit = indicator["unit"]
    known = rows[rows["value"].notna()]
    lo, hi = known["value"].min(), known["value"].max()

    def names(v):
        return ", ".join(known.loc[known["value"] == v, "area_name"])

    text = [f"What is compared: {indicator['indicator_name']}, for each of Scotland's council areas in "
            f"{period}, the latest period in the data. Bars are grouped by the partnership that plans "
            f"children's services for the area; Tayside's three councils are shown separately, and no "
            f"partnership average is calculated.",
            f"Range: from {fmt(lo, unit)} ({names(lo)}) to {fmt(hi, unit)} ({names(hi)}), "
            f"across {len(known)} council areas with a value."]
    if len(scotland) and scotland["value"].notna().any():
        text.append(f"Scotland: {fmt(scotland['value'].iloc[0], unit)} (the dashed line).")
    else:
        text.append("Scotland: no value for this period in the data, so the chart has no reference line.")
    text.append(f"Unit: {unit}." + (" The data stores proportions from 0 to 1; this chart shows them "
                                      "as percentages (multiplied by 100)." if is_proportion(unit) else ""))
    if is_count(unit):
        text.append("This is a count, not a rate: council areas with more people have larger numbers, "
                    "so the bars compare size as much as need.")
    return text + caveats(rows, councils) + [FRAMING]


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


def latest_table(rows: pd.DataFrame, scotland: pd.DataFrame, unit: str) -> pd.DataFrame:
    areas, partnerships = rows["area_name"].tolist(), rows["partnership_name"].tolist()
    values = [fmt(v, unit) for v in rows["value"]]
    if len(scotland):
        areas, partnerships = areas + ["Scotland"], partnerships + [""]
        values.append(fmt(scotland["value"].iloc[0], unit))
    return pd.DataFrame({"Council area": areas, "Partnership": partnerships, "Value": values})


def latest_spec(rows: pd.DataFrame, scotland: pd.DataFrame, unit: str) -> dict:
    factor = 100 if is_proportion(unit) else 1
    points = [{"label": council_label(a, p, s), "group": MULTI if s > 1 else SINGLE,
               "value": None if pd.isna(v) else float(v) * factor,
               "missing": "no value" if pd.isna(v) else ""}
              for a, p, s, v in zip(rows["area_name"], rows["partnership_name"],
                                    rows["partnership_size"], rows["value"])]
    y = alt.Y(field="label", type="nominal", sort=[p["label"] for p in points], title=None)
    bars = alt.Chart().mark_bar(height=alt.RelativeBandSize(0.75)).encode(
        y=y, x=alt.X(field="value", type="quantitative", title=axis_title(unit)),
        color=alt.Color(field="group", type="nominal", title=None,
                        scale=alt.Scale(domain=[SINGLE, MULTI], range=["#4c6a9a", "#c1661c"]),
                        legend=alt.Legend(orient="top", direction="vertical")))
    no_value = alt.Chart().transform_filter("datum.missing != ''").mark_text(
        align="left", dx=3, color="#444", fontStyle="italic").encode(
        y=y, x=alt.XDatum(0, type="quantitative"), text=alt.Text(field="missing", type="nominal"))
    layers = [bars, no_value]
    if len(scotland) and scotland["value"].notna().any():
        layers.append(scotland_line(float(scotland["value"].iloc[0]) * factor,
                                    f"Scotland {fmt(scotland['value'].iloc[0], unit)}"))
    return to_spec(alt.LayerChart(data={"values": points}, layer=layers, width=420,
                                  height=alt.Step(15)))


def scotland_line(value: float, label: str) -> alt.LayerChart:
    """A dashed reference line for Scotland, named at its top."""
    x = alt.X(field="value", type="quantitative")
    return alt.LayerChart(data={"values": [{"value": value, "text": label}]}, layer=[
        alt.Chart().mark_rule(strokeDash=[6, 4], color="#111", strokeWidth=1.5).encode(x=x),
        alt.Chart().mark_text(align="left", dx=4, dy=-6, color="#111", fontWeight="bold").encode(
            x=x, y=alt.YValue(0), text=alt.Text(field="text", type="nominal"))])


# ---------------------------------------------------------------- over time


def trend_chart(data: IndicatorData, councils: pd.DataFrame, scotland_code) -> Chart | None:
    indicator, unit, periods = data.indicator, data.indicator["unit"], data.periods
    if len(periods) < 2:
        return None
    rows = data.chart_trend
    title = f"{indicator['indicator_name']}: each council area and Scotland, {periods[0]} to {periods[-1]}"
    return Chart(
        key=f"indicator-trend:{data.id}", slug=f"{data.id}-trend", title=title,
        description=trend_description(indicator, periods, rows, scotland_code),
        table=trend_table(rows, periods, unit, scotland_code),
        data=plotted_rows(rows, indicator), sources=sources(indicator),
        spec=trend_spec(rows, unit, periods, scotland_code), table_searchable=False,
        alt=f"Line chart: {title}. The same numbers are in the description and table below.")


def trend_description(indicator, periods, rows, scotland_code) -> list[str]:
    unit = indicator["unit"]
    text = [f"What is compared: {indicator['indicator_name']} over {len(periods)} periods, from "
            f"{periods[0]} to {periods[-1]}. Each thin grey line is one council area; the thick dark "
            f"line is Scotland."]
    scot = rows[rows["area_code"] == scotland_code].set_index("period")["value"].dropna()
    if len(scot) >= 2:
        text.append(f"Scotland: {fmt(scot.iloc[0], unit)} in {scot.index[0]} and "
                    f"{fmt(scot.iloc[-1], unit)} in {scot.index[-1]}.")
    text.append(f"Unit: {unit}." + (" Shown as percentages (proportions multiplied by 100)."
                                     if is_proportion(unit) else ""))
    counts = rows[rows["area_code"] != scotland_code].groupby("period")["value"].count()
    if counts.nunique() > 1:
        text.append(f"Not every council has a value in every period: between {counts.min()} and "
                    f"{counts.max()} council areas have one. Gaps are left as gaps, not filled in.")
    return text


def trend_table(rows: pd.DataFrame, periods: list[str], unit: str, scotland_code) -> pd.DataFrame:
    """One row per area with any value (Scotland last, councils by partnership), a column per period."""
    value_at, order = {}, {}
    for area, code, partnership, period, value in zip(
            rows["area_name"], rows["area_code"], rows["partnership_name"], rows["period"],
            rows["value"]):
        value_at.setdefault((area, period), value)
        order.setdefault(area, (code == scotland_code, partnership, area))
    areas = sorted((a for a in order if any(not pd.isna(value_at.get((a, p), None))
                                            for p in periods)), key=order.get)
    return pd.DataFrame({"Area": areas, **{p: [fmt(value_at.get((a, p)), unit) for a in areas]
                                           for p in periods}})


def trend_spec(rows: pd.DataFrame, unit: str, periods: list[str], scotland_code) -> dict:
    factor = 100 if is_proportion(unit) else 1
    known = rows[rows["value"].notna()]
    points = [{"area": area, "period": period,
               "scotland": "Scotland" if code == scotland_code else "Council area",
               "value": float(value) * factor}
              for area, period, code, value in zip(known["area_name"], known["period"],
                                                   known["area_code"], known["value"])]
    x = alt.X(field="period", type="ordinal", sort=periods, title="Period",
              axis=alt.Axis(labelAngle=-45))
    y = alt.Y(field="value", type="quantitative", title=axis_title(unit))
    councils = alt.Chart().transform_filter("datum.scotland != 'Scotland'").mark_line(
        color="#9aa4b1", strokeWidth=1).encode(x=x, y=y, detail=alt.Detail(field="area", type="nominal"))
    line = alt.Chart().transform_filter("datum.scotland == 'Scotland'").mark_line(
        color="#111", strokeWidth=3, point=alt.OverlayMarkDef(color="#111", size=30)).encode(x=x, y=y)
    name = alt.Chart().transform_filter("datum.scotland == 'Scotland'").transform_filter(
        alt.FieldEqualPredicate(field="period", equal=periods[-1])).mark_text(
        align="left", dx=6, fontWeight="bold", color="#111").encode(
        x=x, y=y, text=alt.TextValue("Scotland"))
    return to_spec(alt.LayerChart(data={"values": points}, layer=[councils, line, name],
                                  width=480, height=260))
