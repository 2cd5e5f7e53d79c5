"""Indicator charts: the rank view of the series' latest period (each council's value, highest
first, with its 95% interval, partnership and family group), and the series over time.

LGBF framing: comparison with context, not a league table. A rank is an order, not a judgement;
Scotland is drawn as a reference line, the publisher's or a rate derived here and labelled so.
Tayside's three councils stay three bars: council rates are never averaged into a partnership rate.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...shape.ages import age_words
from ...shape.comparisons import marked, summary
from ...shape.families import NO_AVERAGE, Grouping
from ...shape.indicators import IndicatorData
from ..numbers import Unit
from .chart import NARROW_WIDTH, Chart
from .theme import to_spec

MULTI = "Partnership of several councils (Tayside)"
SINGLE = "Partnership of one council"
COMPARED = "Compared with Scotland (95% interval)"
FRAMING = (
    "Like the LGBF's comparisons, the ranking is a starting point for questions about local "
    "context, not a league table."
)
CSV_COLUMNS = [
    "indicator_id",
    "period",
    "area_code",
    "area_name",
    "partnership_id",
    "partnership_name",
    "value",
    "unit",
    "value_shown",
    "unit_shown",
    "notes",
    "source_url",
    "snapshot_id",
    "comparison_with_scotland",
]
# Narrow bar charts: each name on its own line above its bar, so the bars get the full width.
ROW_STEP, BAR_HEIGHT, BAR_BELOW_NAME = 30, 10, 6
FIT_WIDTH = {"type": "fit-x", "contains": "padding"}  # `width` is then the whole chart's


def sources(indicator: dict, copy: bool = True) -> list[tuple[str, str]]:
    """copy: the figures were read from a third party's copy of the publisher's file."""
    return [
        (indicator["publisher"], indicator["publisher_url"]),
        (
            "its figures, a third-party copy" if copy else "its figures, the publisher's file",
            indicator["source_url"],
        ),
    ]


def plotted_rows(rows: pd.DataFrame, indicator: dict) -> pd.DataFrame:
    """The CSV columns: package values plus partnership and the value as shown."""
    unit = Unit.of(indicator)
    out = rows.assign(
        value_shown=[unit.shown(v) for v in rows["value"]], unit=unit.stored, unit_shown=unit.plain
    )
    return out[CSV_COLUMNS].reset_index(drop=True)


def age_of(data: IndicatorData) -> str:
    """The caption of each of the series' charts, and a line of their descriptions."""
    return age_words(data.age) if data.age else ""


def copied(data: IndicatorData) -> bool:
    """Whether the figures were read from a third party's copy (said so where unknown)."""
    return data.age is None or data.age.third_party


def council_label(area: str, partnership: str, size: int) -> str:
    return f"{area} ({partnership})" if size > 1 else area


# ---------------------------------------------------------------- rank view, latest period


def latest_chart(data: IndicatorData, councils: pd.DataFrame, scotland_code) -> Chart | None:
    """The rank view: the council areas by value, highest first, each with its 95% interval
    where the publisher gives one, its partnership and family group, and Scotland's line."""
    indicator, unit = data.indicator, Unit.of(data.indicator)
    ranked = data.ranked
    if ranked is None or ranked["value"].notna().sum() == 0:
        return None
    period = data.periods[-1]
    scotland = scotland_reference(data, scotland_code)
    title = f"{indicator['indicator_name']}: latest value for each council area, ranked, {period}"
    points = bar_points(ranked, unit, data.grouping)
    line = scotland_mark(scotland, unit)
    return Chart(
        key=f"indicator-latest:{data.id}",
        slug=f"{data.id}-latest",
        title=title,
        description=latest_description(data, period, ranked, scotland, councils),
        table=latest_table(ranked, scotland, unit, data.grouping),
        data=rank_rows(data, ranked, scotland, scotland_code),
        sources=sources(indicator, copied(data)),
        spec=latest_spec(points, line, unit),
        narrow=narrow_latest_spec(points, line, unit),
        age=age_of(data),
        alt=f"Bar chart: {title}. The same numbers are in the description and table below.",
    )


def scotland_reference(data: IndicatorData, scotland_code) -> dict | None:
    """Scotland's value in the latest period: the publisher's, else a rate derived here
    (labelled so), else None."""
    rows = data.chart_latest
    own = rows[(rows["area_code"] == scotland_code) & rows["value"].notna()]
    if len(own):
        return {
            "value": float(own["value"].iloc[0]),
            "basis": "publisher's figure",
            "derived": False,
        }
    if data.scotland_derived:
        return {
            "value": data.scotland_derived["value"],
            "derived": True,
            "basis": "derived here: the sum of the councils' counts over the sum of their "
            "populations, not the publisher's figure",
        }
    return None


def latest_description(data: IndicatorData, period, rows, scotland, councils) -> list[str]:
    indicator, unit = data.indicator, Unit.of(data.indicator)
    known = rows[rows["value"].notna()]
    lo, hi = known["value"].min(), known["value"].max()

    def names(v):
        return ", ".join(known.loc[known["value"] == v, "area_name"])

    text = [
        f"What is compared: {indicator['indicator_name']}, for each of Scotland's council areas in "
        f"{period}, the latest period in the data, ranked from the highest value (rank 1) down. "
        f"A rank is an order, not a judgement of better or worse. Tayside's three councils are "
        f"shown separately and marked with (Tayside); no partnership average is calculated.",
        f"Range: from {unit.full(lo)} ({names(lo)}) to {unit.full(hi)} ({names(hi)}), "
        f"across {len(known)} council areas with a value.",
        interval_words(known),
        scotland_words(scotland, unit, period),
        summary(rows["comparison_with_scotland"].tolist()),
        f"Values are in {unit.plain}.",
    ]
    if unit.is_count:
        text.append(
            "This is a count, not a rate: council areas with more people have larger numbers, "
            "so the bars compare size as much as need."
        )
    text += [family_words(data, unit, period)] if data.grouping else []
    age = age_of(data)
    return text + ([age] if age else []) + caveats(rows, councils) + [FRAMING]


def interval_words(known: pd.DataFrame) -> str:
    held = known["lower_confidence_limit"].notna() & known["upper_confidence_limit"].notna()
    if not held.any():
        return "No 95% confidence interval is given for this series, so none is drawn."
    return (
        f"Each black line across a bar is the 95% confidence interval the publisher gives "
        f"({held.sum()} of {len(known)} council areas have one). Where two intervals overlap, "
        f"the two ranks may not differ in fact."
    )


def scotland_words(scotland: dict | None, unit: Unit, period) -> str:
    if scotland is None:
        return (
            f"Scotland: no Scotland figure for {period} in the data held, and none derived, "
            "so the chart has no reference line."
        )
    return f"Scotland: {unit.full(scotland['value'])} in {period} (the dashed line; {scotland['basis']})."


def family_words(data: IndicatorData, unit: Unit, period: str) -> str:
    grouping = data.grouping
    where = (
        f"Each council area's label ends with its family group in the "
        f"{grouping.grouping['name']}, from the {grouping.grouping['publisher']}."
    )
    if not data.group_averages:
        return f"{where} {NO_AVERAGE}"
    averages = "; ".join(
        f"{grouping.short(label)} {unit.full(value)}"
        for label, value in sorted(data.group_averages.items())
    )
    return (
        f"{where} The publisher's own average for each group in {period}: {averages}. "
        f"They are not drawn, and none is calculated here."
    )


def caveats(rows: pd.DataFrame, councils: pd.DataFrame) -> list[str]:
    out = []
    blank = rows.loc[rows["value"].isna(), "area_name"].tolist()
    if blank:
        out.append("No value (the source cell was empty or suppressed): " + ", ".join(blank) + ".")
    missing = councils.loc[
        ~councils["council_code"].isin(rows["area_code"]), "council_name"
    ].tolist()
    if missing:
        out.append("Not in the source for this period: " + ", ".join(sorted(missing)) + ".")
    notes = [n for n in rows["notes"].unique() if n]
    if len(notes) == 1:
        out.append(f"Note from the source: {notes[0]}")
    elif notes:
        out.append(
            f"The source adds notes to some values ({len(notes)} different notes); they are in the CSV."
        )
    return out


def latest_table(
    rows: pd.DataFrame, scotland: dict | None, unit: Unit, grouping: Grouping | None
) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "Rank": [rank_text(r) for r in rows["rank"]],
            "Council area": rows["area_name"].tolist(),
            "Partnership": rows["partnership_name"].tolist(),
            f"Value ({unit.plain})": [unit.text(v) for v in rows["value"]],
            "95% interval": [
                interval_text(lo, hi, unit)
                for lo, hi in zip(rows["lower_confidence_limit"], rows["upper_confidence_limit"])
            ],
            COMPARED: [marked(j) for j in rows["comparison_with_scotland"]],
        }
    )
    if grouping:
        table.insert(3, f"{grouping.acronym} family group", rows["family_group"].tolist())
    if scotland:
        extra = {c: "" for c in table.columns}
        extra.update(
            {
                "Council area": "Scotland" + (" (derived here)" if scotland["derived"] else ""),
                f"Value ({unit.plain})": unit.text(scotland["value"]),
            }
        )
        table = pd.concat([table, pd.DataFrame([extra])], ignore_index=True)
    return table


def rank_text(rank) -> str:
    return "" if pd.isna(rank) else str(int(rank))


def interval_text(low, high, unit: Unit) -> str:
    return "" if pd.isna(low) or pd.isna(high) else f"{unit.text(low)} to {unit.text(high)}"


def rank_rows(
    data: IndicatorData, ranked: pd.DataFrame, scotland: dict | None, scotland_code
) -> pd.DataFrame:
    """The CSV: the package rows of the period (Scotland's too, where the publisher gives it),
    with each council's rank, interval and family group, and the Scotland line's value and basis."""
    own = data.chart_latest[data.chart_latest["area_code"] == scotland_code]
    rows = pd.concat([ranked, own])
    out = plotted_rows(rows, data.indicator)
    out.insert(0, "rank", rows["rank"].astype("Int64").tolist())
    for column in (
        "lower_confidence_limit",
        "upper_confidence_limit",
        "family_grouping",
        "family_group",
    ):
        out[column] = rows[column].tolist()
    out["scotland_line"] = scotland["value"] if scotland else None
    out["scotland_line_basis"] = scotland["basis"] if scotland else "no Scotland figure"
    return out


def bar_points(rows: pd.DataFrame, unit: Unit, grouping: Grouping | None) -> list[dict]:
    """One bar per council, by rank, with its name, partnership, family group, value and interval."""
    points = []
    for r in rows.to_dict("records"):
        label = council_label(r["area_name"], r["partnership_name"], r["partnership_size"])
        if grouping and r["family_group"]:
            label += f" · {grouping.acronym} {r['family_group']}"
        label = f"{rank_text(r['rank']) or '–'}. {label}"
        value, low, high = r["value"], r["lower_confidence_limit"], r["upper_confidence_limit"]
        points.append(
            {
                "label": label,
                "group": MULTI if r["partnership_size"] > 1 else SINGLE,
                "value": unit.shown(value),
                "missing": "no value" if pd.isna(value) else "",
                "low": None if pd.isna(low) else unit.shown(low),
                "high": None if pd.isna(high) else unit.shown(high),
                "line": f"{label}: {unit.text(value, 'no value')}",
            }
        )
    return points


def scotland_mark(scotland: dict | None, unit: Unit) -> dict | None:
    """Scotland's reference line: its value as drawn and its label, or None without a value."""
    if scotland is None:
        return None
    name = "Scotland (derived)" if scotland["derived"] else "Scotland"
    return {
        "value": unit.shown(scotland["value"]),
        "text": f"{name} {unit.text(scotland['value'])}",
    }


def colour_by_partnership_size(legend_direction: str = "vertical") -> alt.Color:
    return alt.Color(
        field="group",
        type="nominal",
        title=None,
        scale=alt.Scale(domain=[SINGLE, MULTI], range=["#4c6a9a", "#c1661c"]),
        legend=alt.Legend(orient="top", direction=legend_direction),
    )


def interval_rules(y, **offset) -> alt.Chart:
    """The 95% intervals, black lines across the bars, where the publisher gives them."""
    return (
        alt.Chart()
        .transform_filter("datum.low != null && datum.high != null")
        .mark_rule(color="#111", strokeWidth=1.5, **offset)
        .encode(y=y, x=alt.X(field="low", type="quantitative"), x2=alt.X2(field="high"))
    )


def latest_spec(points: list[dict], scotland: dict | None, unit: Unit) -> dict:
    y = alt.Y(field="label", type="nominal", sort=[p["label"] for p in points], title=None)
    bars = (
        alt.Chart()
        .mark_bar(height=alt.RelativeBandSize(0.75))
        .encode(
            y=y,
            x=alt.X(field="value", type="quantitative", title=unit.axis_title),
            color=colour_by_partnership_size(),
        )
    )
    no_value = (
        alt.Chart()
        .transform_filter("datum.missing != ''")
        .mark_text(align="left", dx=3, color="#444", fontStyle="italic")
        .encode(
            y=y,
            x=alt.XDatum(0, type="quantitative"),
            text=alt.Text(field="missing", type="nominal"),
        )
    )
    layers = [bars, interval_rules(y), no_value]
    if scotland:
        layers.append(scotland_line(scotland, points, y=alt.YValue(0), dy=-6))
    return to_spec(
        alt.LayerChart(data={"values": points}, layer=layers, width=420, height=alt.Step(15))
    )


def narrow_latest_spec(points: list[dict], scotland: dict | None, unit: Unit) -> dict:
    """The phone layout: each council's name and value on a line of its own, its bar below."""
    y = alt.Y(field="label", type="nominal", sort=[p["label"] for p in points], axis=None)
    names = (
        alt.Chart()
        .mark_text(align="left", baseline="bottom", dy=-1)
        .encode(y=y, x=alt.XValue(0), text=alt.Text(field="line", type="nominal"))
    )
    bars = (
        alt.Chart()
        .mark_bar(height=BAR_HEIGHT, yOffset=BAR_BELOW_NAME)
        .encode(
            y=y,
            x=alt.X(
                field="value",
                type="quantitative",
                title=unit.axis_title,
                axis=alt.Axis(orient="top", tickCount=4),
            ),
            color=colour_by_partnership_size(),
        )
    )
    layers = [names, bars, interval_rules(y, yOffset=BAR_BELOW_NAME)]
    if scotland:
        layers.append(scotland_line(scotland, points, y=alt.YValue(ROW_STEP * len(points)), dy=12))
    return to_spec(
        alt.LayerChart(
            data={"values": points},
            layer=layers,
            width=NARROW_WIDTH,
            height=alt.Step(ROW_STEP),
            autosize=FIT_WIDTH,
        )
    )


def scotland_line(scotland: dict, points: list[dict], y, dy: int) -> alt.LayerChart:
    """A dashed reference line for Scotland, named at one end; the name runs into the chart
    from a line near the right edge, so that it stays inside the drawing."""
    highest = max((p["value"] for p in points if p["value"] is not None), default=0)
    near_right = highest > 0 and scotland["value"] > 0.6 * highest
    x = alt.X(field="value", type="quantitative")
    return alt.LayerChart(
        data={"values": [scotland]},
        layer=[
            alt.Chart().mark_rule(strokeDash=[6, 4], color="#111", strokeWidth=1.5).encode(x=x),
            alt.Chart()
            .mark_text(
                align="right" if near_right else "left",
                dx=-4 if near_right else 4,
                dy=dy,
                color="#111",
                fontWeight="bold",
            )
            .encode(x=x, y=y, text=alt.Text(field="text", type="nominal")),
        ],
    )


# ---------------------------------------------------------------- over time


def trend_chart(data: IndicatorData, councils: pd.DataFrame, scotland_code) -> Chart | None:
    indicator, periods = data.indicator, data.periods
    if len(periods) < 2:
        return None
    unit, rows = Unit.of(indicator), data.chart_trend
    title = f"{indicator['indicator_name']}: each council area and Scotland, {periods[0]} to {periods[-1]}"
    points = trend_points(rows, unit, scotland_code)
    return Chart(
        key=f"indicator-trend:{data.id}",
        slug=f"{data.id}-trend",
        title=title,
        description=trend_description(indicator, periods, rows, scotland_code, age_of(data)),
        table=trend_table(rows, periods, unit, scotland_code),
        data=plotted_rows(rows, indicator),
        sources=sources(indicator, copied(data)),
        spec=trend_spec(points, unit, periods),
        narrow=trend_spec(points, unit, periods, narrow=True),
        table_searchable=False,
        age=age_of(data),
        alt=f"Line chart: {title}. The same numbers are in the description and table below.",
    )


def trend_description(indicator, periods, rows, scotland_code, age: str) -> list[str]:
    unit = Unit.of(indicator)
    text = [
        f"What is compared: {indicator['indicator_name']} over {len(periods)} periods, from "
        f"{periods[0]} to {periods[-1]}. Each thin grey line is one council area; the thick dark "
        f"line is Scotland."
    ]
    scot = rows[rows["area_code"] == scotland_code].set_index("period")["value"].dropna()
    if len(scot) >= 2:
        text.append(
            f"Scotland: {unit.full(scot.iloc[0])} in {scot.index[0]} and "
            f"{unit.full(scot.iloc[-1])} in {scot.index[-1]}."
        )
    elif scot.empty:
        text.append("No Scotland figure for this series in the data held.")
    text.append(f"Values are in {unit.plain}.")
    counts = rows[rows["area_code"] != scotland_code].groupby("period")["value"].count()
    if counts.nunique() > 1:
        text.append(
            f"Not every council has a value in every period: between {counts.min()} and "
            f"{counts.max()} council areas have one. Gaps are left as gaps, not filled in."
        )
    return text + ([age] if age else [])


def trend_table(rows: pd.DataFrame, periods: list[str], unit: Unit, scotland_code) -> pd.DataFrame:
    """One row per area with any value (Scotland last, councils by partnership), a column per period."""
    value_at, order = {}, {}
    for area, code, partnership, period, value in zip(
        rows["area_name"],
        rows["area_code"],
        rows["partnership_name"],
        rows["period"],
        rows["value"],
    ):
        value_at.setdefault((area, period), value)
        order.setdefault(area, (code == scotland_code, partnership, area))
    areas = sorted(
        (a for a in order if any(not pd.isna(value_at.get((a, p), None)) for p in periods)),
        key=order.get,
    )
    return pd.DataFrame(
        {"Area": areas, **{p: [unit.text(value_at.get((a, p))) for a in areas] for p in periods}}
    )


def trend_points(rows: pd.DataFrame, unit: Unit, scotland_code) -> list[dict]:
    known = rows[rows["value"].notna()]
    return [
        {
            "area": area,
            "period": period,
            "scotland": "Scotland" if code == scotland_code else "Council area",
            "value": unit.shown(value),
        }
        for area, period, code, value in zip(
            known["area_name"], known["period"], known["area_code"], known["value"]
        )
    ]


def trend_spec(points: list[dict], unit: Unit, periods: list[str], narrow: bool = False) -> dict:
    x = alt.X(
        field="period", type="ordinal", sort=periods, title="Period", axis=alt.Axis(labelAngle=-45)
    )
    y = alt.Y(field="value", type="quantitative", title=unit.axis_title)
    councils = (
        alt.Chart()
        .transform_filter("datum.scotland != 'Scotland'")
        .mark_line(color="#9aa4b1", strokeWidth=1)
        .encode(x=x, y=y, detail=alt.Detail(field="area", type="nominal"))
    )
    line = (
        alt.Chart()
        .transform_filter("datum.scotland == 'Scotland'")
        .mark_line(color="#111", strokeWidth=3, point=alt.OverlayMarkDef(color="#111", size=30))
        .encode(x=x, y=y)
    )
    # On a phone the name sits above the line's last point, inside the drawing.
    name = (
        alt.Chart()
        .transform_filter("datum.scotland == 'Scotland'")
        .transform_filter(alt.FieldEqualPredicate(field="period", equal=periods[-1]))
        .mark_text(
            align="right" if narrow else "left",
            dx=0 if narrow else 6,
            dy=-12 if narrow else 0,
            fontWeight="bold",
            color="#111",
        )
        .encode(x=x, y=y, text=alt.TextValue("Scotland"))
    )
    size = (
        {"width": NARROW_WIDTH, "height": 240, "autosize": FIT_WIDTH}
        if narrow
        else {"width": 480, "height": 260}
    )
    return to_spec(alt.LayerChart(data={"values": points}, layer=[councils, line, name], **size))
