"""Indicator charts: the latest value per council, grouped by partnership, and the time series.

LGBF framing: comparison with context, not a league table. Councils are ordered by partnership,
never by value, and Scotland is drawn as a reference line. Tayside's three councils stay three
bars: council rates are never averaged into a partnership rate.
"""

from __future__ import annotations

import pandas as pd

from .charts_blocks import Chart
from .charts_render import base_config

SCOTLAND = "S92000003"
MULTI = "Partnership of several councils (Tayside)"
SINGLE = "Partnership of one council"
FRAMING = ("Councils are ordered by partnership, not by value: like the LGBF, this is a starting "
           "point for questions about local context, not a league table.")


def is_proportion(unit: str) -> bool:
    return unit.lower().startswith("proportion (0-1)")


def is_count(unit: str) -> bool:
    """Counts of people or events, not rates: bigger areas have bigger numbers."""
    u = unit.lower()
    return "count" in u or u.startswith(("persons", "number", "children", "school leavers", "reviews"))


def shown_unit(unit: str) -> str:
    return "%" if is_proportion(unit) else unit


def fmt(value, unit: str) -> str:
    """A value as the reader sees it; blank stays 'not available'."""
    if value is None or pd.isna(value):
        return "not available"
    if is_proportion(unit):
        return f"{value * 100:.1f}%"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) < 100 else f"{value:,.1f}"


def latest_period(periods: pd.Series) -> str:
    # Publisher labels (2021-22, 2014/15, 2010-14) sort by their leading year as text.
    return sorted(periods.unique())[-1]


def with_partnerships(rows: pd.DataFrame, councils: pd.DataFrame, partnerships: pd.DataFrame) -> pd.DataFrame:
    """Add each council's partnership; Scotland gets blanks. Plain lookups: this runs ~200 times."""
    pid_of = dict(zip(councils["council_code"], councils["partnership_id"]))
    name_of = dict(zip(partnerships["partnership_id"], partnerships["area_name"]))
    sizes = councils["partnership_id"].value_counts().to_dict()
    out = rows.copy()
    out["partnership_id"] = [pid_of.get(code, "") for code in out["area_code"]]
    out["partnership_name"] = [name_of.get(pid, "") for pid in out["partnership_id"]]
    out["group"] = [MULTI if sizes.get(p, 0) > 1 else SINGLE if p else "" for p in out["partnership_id"]]
    return out


def plotted_rows(values: pd.DataFrame, indicator: pd.Series) -> pd.DataFrame:
    """The CSV columns: package values plus partnership and the value as shown."""
    unit = indicator["unit"]
    out = values.copy()
    out["value_shown"] = out["value"] * 100 if is_proportion(unit) else out["value"]
    out["unit"] = unit
    out["unit_shown"] = shown_unit(unit)
    cols = ["indicator_id", "period", "area_code", "area_name", "partnership_id", "partnership_name",
            "value", "unit", "value_shown", "unit_shown", "notes", "source_url"]
    return out[cols].reset_index(drop=True)


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Rows as dicts of the given columns (DataFrame.to_dict("records") is slow on string columns)."""
    return [dict(zip(columns, values)) for values in zip(*(frame[c].tolist() for c in columns))]


def council_label(row) -> str:
    if row["group"] == MULTI:
        return f"{row['area_name']} ({row['partnership_name']})"
    return row["area_name"]


def latest_chart(indicator: pd.Series, values: pd.DataFrame, councils, partnerships) -> Chart | None:
    iid, unit = indicator["indicator_id"], indicator["unit"]
    period = latest_period(values["period"])
    rows = with_partnerships(values[values["period"] == period], councils, partnerships)
    council_rows = rows[rows["area_code"] != SCOTLAND].sort_values(["partnership_name", "area_name"])
    if council_rows["value"].notna().sum() == 0:
        return None
    scotland = rows[rows["area_code"] == SCOTLAND]
    data = plotted_rows(pd.concat([council_rows, scotland]), indicator)
    title = f"{indicator['indicator_name']}: latest value for each council area, {period}"
    chart = Chart(
        key=f"indicator-latest:{iid}", slug=f"{iid}-latest", title=title,
        description=latest_description(indicator, period, council_rows, scotland, councils),
        table=latest_table(council_rows, scotland, unit), data=data,
        sources=[(indicator["publisher"], indicator["publisher_url"]),
                 ("values as read (mirror)", indicator["source_url"])],
        spec=latest_spec(council_rows, scotland, unit, title),
        alt=f"Bar chart: {title}. The same numbers are in the description and table below.")
    return chart


def latest_description(indicator, period, rows, scotland, councils) -> list[str]:
    unit = indicator["unit"]
    known = rows[rows["value"].notna()]
    lo, hi = known["value"].min(), known["value"].max()
    names = lambda v: ", ".join(known.loc[known["value"] == v, "area_name"])
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
    text += caveats(rows, councils)
    text.append(FRAMING)
    return text


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


def latest_spec(rows: pd.DataFrame, scotland: pd.DataFrame, unit: str, title: str) -> dict:
    factor = 100 if is_proportion(unit) else 1
    points = [{"label": council_label(r), "partnership": r["partnership_name"], "group": r["group"],
               "value": None if pd.isna(r["value"]) else float(r["value"]) * factor,
               "missing": "no value" if pd.isna(r["value"]) else ""}
              for r in records(rows, ["area_name", "partnership_name", "group", "value"])]
    order = [p["label"] for p in points]
    axis_title = shown_unit(unit) if len(shown_unit(unit)) < 60 else "Value (unit in the description)"
    y = {"field": "label", "type": "nominal", "sort": order, "title": None}
    layers = [
        {"mark": {"type": "bar", "height": {"band": 0.75}},
         "encoding": {"y": y, "x": {"field": "value", "type": "quantitative", "title": axis_title},
                      "color": {"field": "group", "type": "nominal", "title": None,
                                "scale": {"domain": [SINGLE, MULTI], "range": ["#4c6a9a", "#c1661c"]},
                                "legend": {"orient": "top", "direction": "vertical"}}}},
        {"transform": [{"filter": "datum.missing != ''"}],
         "mark": {"type": "text", "align": "left", "dx": 3, "color": "#444", "fontStyle": "italic"},
         "encoding": {"y": y, "x": {"datum": 0, "type": "quantitative"}, "text": {"field": "missing"}}},
    ]
    if len(scotland) and scotland["value"].notna().any():
        scot = float(scotland["value"].iloc[0]) * factor
        layers.append({"data": {"values": [{"value": scot, "text": f"Scotland {fmt(scotland['value'].iloc[0], unit)}"}]},
                       "layer": [{"mark": {"type": "rule", "strokeDash": [6, 4], "color": "#111", "strokeWidth": 1.5},
                                  "encoding": {"x": {"field": "value", "type": "quantitative"}}},
                                 {"mark": {"type": "text", "align": "left", "dx": 4, "dy": -6, "color": "#111",
                                           "fontWeight": "bold"},
                                  "encoding": {"x": {"field": "value", "type": "quantitative"},
                                               "y": {"value": 0}, "text": {"field": "text"}}}]})
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "data": {"values": points}, "width": 420, "height": {"step": 15},
            "layer": layers, "config": base_config()}


def trend_chart(indicator: pd.Series, values: pd.DataFrame, councils, partnerships) -> Chart | None:
    iid, unit = indicator["indicator_id"], indicator["unit"]
    periods = sorted(values["period"].unique())
    if len(periods) < 2:
        return None
    rows = with_partnerships(values, councils, partnerships)
    data = plotted_rows(rows.sort_values(["period", "partnership_name", "area_name"]), indicator)
    title = f"{indicator['indicator_name']}: each council area and Scotland, {periods[0]} to {periods[-1]}"
    return Chart(
        key=f"indicator-trend:{iid}", slug=f"{iid}-trend", title=title,
        description=trend_description(indicator, periods, rows, councils),
        table=trend_table(rows, periods, unit), data=data,
        sources=[(indicator["publisher"], indicator["publisher_url"]),
                 ("values as read (mirror)", indicator["source_url"])],
        spec=trend_spec(rows, unit, periods), table_searchable=False,
        alt=f"Line chart: {title}. The same numbers are in the description and table below.")


def trend_description(indicator, periods, rows, councils) -> list[str]:
    unit = indicator["unit"]
    text = [f"What is compared: {indicator['indicator_name']} over {len(periods)} periods, from "
            f"{periods[0]} to {periods[-1]}. Each thin grey line is one council area; the thick dark "
            f"line is Scotland."]
    scot = rows[rows["area_code"] == SCOTLAND].set_index("period")["value"].dropna()
    if len(scot) >= 2:
        text.append(f"Scotland: {fmt(scot.iloc[0], unit)} in {scot.index[0]} and "
                    f"{fmt(scot.iloc[-1], unit)} in {scot.index[-1]}.")
    text.append(f"Unit: {unit}." + (" Shown as percentages (proportions multiplied by 100)."
                                     if is_proportion(unit) else ""))
    counts = rows[rows["area_code"] != SCOTLAND].groupby("period")["value"].count()
    if counts.nunique() > 1:
        text.append(f"Not every council has a value in every period: between {counts.min()} and "
                    f"{counts.max()} council areas have one. Gaps are left as gaps, not filled in.")
    return text


def trend_table(rows: pd.DataFrame, periods: list[str], unit: str) -> pd.DataFrame:
    """One row per area with any value (Scotland last, councils by partnership), a column per period."""
    value_at, order = {}, {}
    for area, code, partnership, period, value in zip(
            rows["area_name"], rows["area_code"], rows["partnership_name"], rows["period"],
            rows["value"]):
        value_at.setdefault((area, period), value)
        order.setdefault(area, (code == SCOTLAND, partnership, area))
    areas = sorted((a for a in order if any(not pd.isna(value_at.get((a, p), None))
                                            for p in periods)), key=order.get)
    return pd.DataFrame({"Area": areas, **{p: [fmt(value_at.get((a, p)), unit) for a in areas]
                                           for p in periods}})


def trend_spec(rows: pd.DataFrame, unit: str, periods: list[str]) -> dict:
    factor = 100 if is_proportion(unit) else 1
    points = [{"area": r["area_name"], "period": r["period"],
               "scotland": "Scotland" if r["area_code"] == SCOTLAND else "Council area",
               "value": float(r["value"]) * factor}
              for r in records(rows, ["area_name", "period", "area_code", "value"])
              if not pd.isna(r["value"])]
    axis_title = shown_unit(unit) if len(shown_unit(unit)) < 60 else "Value (unit in the description)"
    x = {"field": "period", "type": "ordinal", "sort": periods, "title": "Period",
         "axis": {"labelAngle": -45}}
    y = {"field": "value", "type": "quantitative", "title": axis_title}
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "data": {"values": points}, "width": 480, "height": 260,
            "layer": [
                {"transform": [{"filter": "datum.scotland != 'Scotland'"}],
                 "mark": {"type": "line", "color": "#9aa4b1", "strokeWidth": 1},
                 "encoding": {"x": x, "y": y, "detail": {"field": "area"}}},
                {"transform": [{"filter": "datum.scotland == 'Scotland'"}],
                 "mark": {"type": "line", "color": "#111", "strokeWidth": 3,
                          "point": {"color": "#111", "size": 30}},
                 "encoding": {"x": x, "y": y}},
                {"transform": [{"filter": "datum.scotland == 'Scotland'"},
                               {"filter": {"field": "period", "equal": periods[-1]}}],
                 "mark": {"type": "text", "align": "left", "dx": 6, "fontWeight": "bold", "color": "#111"},
                 "encoding": {"x": x, "y": y, "text": {"value": "Scotland"}}}],
            "config": base_config()}
