"""A partnership's profile (ScotPHO-style spine chart) and its key series over the plan cycles.

Spine: one line per key indicator. Each line runs from the lowest council area's value to the
highest; the darker box is the middle half (the quartiles), the tick Scotland. The partnership's
value is the filled diamond; a partnership of several councils also shows each council with a
shape and colour of its own, named in the legend. Where the publisher states which direction is
better (indicator_labels.better_when), the row is turned so that better is on the right, as
Fingertips and ScotPHO draw it: a row where lower is better runs from the highest to the lowest.
Elsewhere the row stays neutral, lowest to highest. Colours stay neutral throughout; each value's
comparison with Scotland (shape/comparisons.py) is a shape above its mark and words in the table.

Both charts have a phone layout: the spine puts each indicator's name above its line, so the
line gets the whole width; the small multiples go two to a row.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...shape.ages import Age, span_words
from ...shape.comparisons import marked, marker
from ...shape.periods import period_key
from ...shape.profiles import ProfileLine
from ..numbers import Unit
from .chart import NARROW_WIDTH, Chart
from .indicators import sources as series_sources
from .theme import to_spec

SPREAD = ["min", "q1", "median", "q3", "max"]
GREY, DARK, AREA = "#d5d9de", "#8a939e", "#c1661c"
PARTNERSHIP_OF_SEVERAL = "#6a3d9a"
# Each council of a partnership of several: the same colour in both charts, and its own shape.
AREA_COLOURS = ["#c1661c", "#2b4c7e", "#5b7f2a"]
COUNCIL_SHAPES = ["circle", "square", "triangle-up"]
BANDS = ["#dde6f1", "#f1e2cf", "#dcebdc"]
TICK = "M0,-1.3L0,1.3"  # an SVG path: Scotland is a vertical tick
CALCULATED = "calculated here from its councils' counts"
# Narrow spine: the name (up to two lines) above its line, the marks just below the middle.
SPINE_ROW, NAME_CHARS, MARKS_BELOW_NAME = 42, 52, 7


def shown(value, unit: str):
    """A stored value as the chart and CSV show it, in the plain unit (unit: the stored one)."""
    return Unit(unit, "").shown(value)


def unit_of(line: ProfileLine) -> Unit:
    return Unit.of(line.series.indicator)


def sources(lines: list[ProfileLine]) -> list[tuple[str, str]]:
    """Each series' sources as its own charts cite them, once each."""
    seen = {}
    for line in lines:
        for label, url in series_sources(line.series.indicator):
            seen.setdefault(url, label)
    derived = any(item.series.scotland_derived or several_derived(item) for item in lines)
    return [(label, url) for url, label in seen.items()] + (
        [("how rates are calculated from councils' counts", "compare/rates.md")] if derived else []
    )


def lines_age(lines: list[ProfileLine], ages: dict[str, Age]) -> str:
    """The caption of a chart of several series: the span of their newest periods, and how
    many releases they come from."""
    shown = [ages[line.series.id] for line in lines if line.series.id in ages]
    return span_words(shown) if shown else ""


# ---------------------------------------------------------------- the spine


def profile_chart(
    pid: str, name: str, lines: list[ProfileLine], several: bool, ages: dict[str, Age]
) -> Chart | None:
    lines = [line for line in lines if line.spread]
    if not lines:
        return None
    title = f"{name} beside Scotland and every council area: {len(lines)} key indicators"
    age = lines_age(lines, ages)
    return Chart(
        key=f"profile:{pid}",
        slug=f"profile-{pid}",
        title=title,
        age=age,
        description=profile_description(name, lines, several) + ([age] if age else []),
        table=profile_table(lines, name),
        data=profile_rows(pid, lines),
        sources=sources(lines),
        spec=profile_spec(lines, name),
        narrow=profile_spec(lines, name, narrow=True),
        table_searchable=False,
        alt=f"Spine chart: {title}. The same numbers are in the description and table below.",
    )


def profile_description(name: str, lines: list[ProfileLine], several: bool) -> list[str]:
    with_scotland = [
        item
        for item in lines
        if item.partnership is not None and item.series.scotland.get(item.series.latest) is not None
    ]
    above = sum(
        item.partnership > item.series.scotland[item.series.latest] for item in with_scotland
    )
    below = sum(
        item.partnership < item.series.scotland[item.series.latest] for item in with_scotland
    )
    text = [
        f"What is compared: {name}'s latest value of each key indicator, against Scotland "
        f"and the spread of Scotland's 32 council areas in the same period. Each line runs "
        f"from the lowest council area (left) to the highest (right); the darker box is the "
        f"middle half of areas; the black tick is Scotland; the diamond is {name}."
    ]
    if several:
        councils = [
            f"{council} ({shape.replace('-up', '')})"
            for (_, council, _), shape in zip(lines[0].councils, COUNCIL_SHAPES)
        ]
        text.append(
            f"{name} plans for several councils, each with its own shape: "
            f"{', '.join(councils)}. {name}'s own value (the diamond) is shown only where "
            f"a rate can be calculated here from its councils' counts (numerators and "
            f"denominators added up); no average of council rates is made."
        )
    text.append(
        f"Where both {name} and Scotland have a value ({len(with_scotland)} of the "
        f"{len(lines)} indicators), {name}'s is higher in {above} and lower in {below}. "
        f"Higher is not always better: the table says what a higher value means for each."
    )
    text.append(direction_words(lines))
    text.append(
        "Compared with Scotland: where a council area's value has a 95% confidence "
        "interval and Scotland has a value for the same period, the interval is set "
        "against Scotland's value, as ScotPHO does: ▲ higher (the whole interval is "
        "above), ▼ lower (below), ● similar (the interval includes Scotland's value), "
        'shown above the council\'s mark and in the table; "better" or "worse" is '
        "added only where the publisher states a direction. Without an interval or a "
        "Scotland figure the difference is not tested."
    )
    missing = [
        item.series.indicator["plain_name"]
        for item in lines
        if item.series.scotland.get(item.series.latest) is None
    ]
    if missing:
        text.append("No Scotland figure in the data held for: " + "; ".join(missing) + ".")
    text.append(
        "The quartiles are of the council areas with a value, by linear interpolation. "
        "Periods differ between indicators: each uses its latest period, named in the table."
    )
    return text


def profile_table(lines: list[ProfileLine], name: str) -> pd.DataFrame:
    rows = []
    for item in lines:
        unit = unit_of(item)
        own = [f"{council}: {unit.text(v)}" for _, council, v in item.councils]
        scotland = item.series.scotland.get(item.series.latest)
        rows.append(
            {
                "Indicator": item.series.indicator["plain_name"],
                "Theme": item.theme_name,
                "Unit": unit.plain,
                "Period": item.series.latest,
                name: (
                    unit.text(item.partnership)
                    + (f" ({CALCULATED})" if several_derived(item) else "")
                    if item.partnership is not None
                    else "no value for the partnership as a whole"
                ),
                "Council areas": "; ".join(own) if len(own) > 1 else "",
                "Scotland": (
                    unit.text(scotland)
                    + (
                        f" ({CALCULATED.replace('its', 'all')})"
                        if item.series.scotland_derived
                        else ""
                    )
                    if scotland is not None
                    else "no Scotland figure in the data held"
                ),
                "Lowest": unit.text(item.spread["min"]),
                "Lower quartile": unit.text(item.spread["q1"]),
                "Median": unit.text(item.spread["median"]),
                "Upper quartile": unit.text(item.spread["q3"]),
                "Highest": unit.text(item.spread["max"]),
                "Compared with Scotland (95% interval)": compared(item),
                "A higher value means": higher_means(item.series.indicator),
                "Row drawn": row_drawn(item),
            }
        )
    table = pd.DataFrame(rows)
    return table if (table["Council areas"] != "").any() else table.drop(columns="Council areas")


def compared(line: ProfileLine) -> str:
    judged = council_judgements(line)
    if len(judged) == 1:
        return marked(judged[0][1])
    return "; ".join(f"{council}: {marked(words)}" for council, words in judged)


def higher_means(indicator: dict) -> str:
    """What a higher value means, with the publisher's own words on direction where it says any."""
    words = indicator.get("better_statement")
    return indicator["higher_means"] + (
        f' (the publisher: "{words}")' if isinstance(words, str) and words else ""
    )


def profile_rows(pid: str, lines: list[ProfileLine]) -> pd.DataFrame:
    """The CSV: one row per value plotted, stored and as shown, with the series' source."""
    rows = []
    for item in lines:
        i, unit, latest = item.series.indicator, item.series.indicator["unit"], item.series.latest
        base = {
            "partnership_id": pid,
            "position": item.position,
            "theme": item.theme_name,
            "indicator_id": i["indicator_id"],
            "indicator": i["plain_name"],
            "period": latest,
            "unit": unit,
            "unit_shown": i["plain_unit"],
            "source_url": i["source_url"],
            "row_drawn": row_drawn(item),
        }
        # One council: the partnership's value is the council's; several: a rate from their
        # counts, which has no interval.
        judged = (
            ""
            if item.partnership is None
            else item.series.judgement(item.councils[0][0], latest)
            if len(item.councils) == 1
            else item.series.judgement("", latest)
        )
        values = [("partnership", pid, item.partnership, several_derived(item), judged)]
        values += [
            ("council", code, v, "", item.series.judgement(code, latest))
            for code, _, v in item.councils
        ]
        values.append(
            (
                "scotland",
                "Scotland",
                item.series.scotland.get(latest),
                "derived" if item.series.scotland_derived else "",
                "",
            )
        )
        values += [(stat, "council areas", item.spread[stat], "", "") for stat in SPREAD]
        rows += [
            {
                **base,
                "measure": m,
                "area": area,
                "value": v,
                "value_shown": shown(v, unit),
                "derived": d,
                "position_drawn": position(v, item.spread, flipped(item)),
                "comparison_with_scotland": judged,
            }
            for m, area, v, d, judged in values
        ]
    return pd.DataFrame(rows)


def row_drawn(line: ProfileLine) -> str:
    """Which way the row runs, left to right, and why."""
    stated = line.series.better_when
    if not stated:
        return "lowest to highest (no direction stated by the publisher)"
    if stated == "lower":
        return "highest to lowest: the publisher states lower is better, so better is on the right"
    return "lowest to highest: the publisher states higher is better, so better is on the right"


def direction_words(lines: list[ProfileLine]) -> str:
    """What the page says about the rows' direction."""
    stated = [item for item in lines if item.series.better_when]
    if not stated:
        return (
            "The publishers' files held do not state which direction is better for these "
            "indicators, so every row runs from the lowest area (left) to the highest (right) "
            "and nothing is coloured as better or worse."
        )
    turned = [item for item in stated if flipped(item)]
    return (
        f"For {len(stated)} of the {len(lines)} indicators the publisher (ScotPHO's technical "
        f"document) states which direction is better; those rows are drawn with better on "
        f"the right. {len(turned)} of them, where lower is better, are drawn reversed, from "
        f"the highest area (left) to the lowest (right), and are marked (reversed). The other "
        f"rows have no stated direction and run from the lowest area to the highest. "
        f"Colours never mean better or worse."
    )


def several_derived(line: ProfileLine) -> str:
    return "derived" if len(line.councils) > 1 and line.partnership is not None else ""


def position(value, spread: dict, flipped: bool = False) -> float | None:
    """Where a value is drawn between the left end (0) and the right end (1) of its row: from the
    lowest council area to the highest, or the other way round for a flipped row."""
    if value is None or pd.isna(value):
        return None
    width = spread["max"] - spread["min"]
    at = 0.5 if width == 0 else (float(value) - spread["min"]) / width
    return 1 - at if flipped else at


def flipped(line: ProfileLine) -> bool:
    """The publisher states that lower is better: the row runs from highest to lowest, so that
    better is on the right of every row that has a direction."""
    return line.series.better_when == "lower"


def row_label(line: ProfileLine) -> str:
    reversed_ = " (reversed)" if flipped(line) else ""
    return f"{line.position}. {line.series.indicator['plain_name']}{reversed_}"


def council_judgements(line: ProfileLine) -> list[tuple[str, str]]:
    """Each of the line's councils with its comparison with Scotland in the latest period."""
    return [
        (council, line.series.judgement(code, line.series.latest))
        for code, council, _ in line.councils
    ]


def name_lines(label: str) -> dict:
    """A spine row's name as an upper and a lower line (upper blank when it fits on one)."""
    lines = wrapped(label, NAME_CHARS).split("|")
    return {"upper": " ".join(lines[:-1]), "lower": lines[-1]}


def spine_marks(lines: list[ProfileLine], labels: list[str], name: str) -> list[dict]:
    """Scotland, the partnership and (for several councils) each council, placed on each line."""
    marks = []
    for label, item in zip(labels, lines):
        s, flip = item.spread, flipped(item)
        marks += [
            {
                "label": label,
                "kind": "Scotland",
                "x": position(item.series.scotland.get(item.series.latest), s, flip),
            },
            {
                "label": label,
                "kind": partnership_kind(name, item),
                "x": position(item.partnership, s, flip),
            },
        ]
        if len(item.councils) > 1:
            marks += [
                {"label": label, "kind": council, "x": position(v, s, flip)}
                for _, council, v in item.councils
            ]
    return [m for m in marks if m["x"] is not None]


def judgement_marks(lines: list[ProfileLine], labels: list[str]) -> list[dict]:
    """The shape of each council value's comparison with Scotland, placed above its mark (only
    where it was tested)."""
    marks = []
    for label, item in zip(labels, lines):
        for (_, _, value), (_, judged) in zip(item.councils, council_judgements(item)):
            x = position(value, item.spread, flipped(item))
            if x is not None and marker(judged):
                marks.append({"label": label, "x": x, "mark": marker(judged), "judged": judged})
    return marks


def partnership_kind(name: str, line: ProfileLine) -> str:
    return f"{name} ({CALCULATED})" if len(line.councils) > 1 else name


def spine_legend(
    lines: list[ProfileLine], name: str
) -> tuple[list[str], list[str], list[str], list[str]]:
    """Each kind of mark with its shape, stroke and fill: Scotland, the partnership, its councils."""
    councils = (
        [council for _, council, _ in lines[0].councils] if len(lines[0].councils) > 1 else []
    )
    partnership = partnership_kind(name, lines[0])
    colour = PARTNERSHIP_OF_SEVERAL if councils else AREA
    kinds = ["Scotland", partnership, *councils]
    shapes = [TICK, "diamond", *COUNCIL_SHAPES[: len(councils)]]
    strokes = ["#111", colour, *AREA_COLOURS[: len(councils)]]
    fills = ["#111", colour, *["white"] * len(councils)]
    return kinds, shapes, strokes, fills


def profile_spec(lines: list[ProfileLine], name: str, narrow: bool = False) -> dict:
    order = [row_label(item) for item in lines]
    spans = [
        {
            "label": label,
            **{
                stat: position(item.spread[stat], item.spread, flipped(item))
                for stat in ("q1", "median", "q3")
            },
        }
        for label, item in zip(order, lines)
    ]
    ends = (
        ("worst or lowest", "best or highest")
        if any(item.series.better_when for item in lines)
        else ("lowest area", "highest area")
    )
    shift = {"yOffset": MARKS_BELOW_NAME} if narrow else {}
    y = alt.Y(
        field="label", type="nominal", sort=order, title=None, **({"axis": None} if narrow else {})
    )
    x = alt.X(
        field="x",
        type="quantitative",
        scale=alt.Scale(domain=[0, 1]),
        axis=alt.Axis(
            values=[0, 0.5, 1],
            orient="top" if narrow else "bottom",
            labelExpr=(
                f"datum.value == 0 ? '{ends[0]}' : datum.value == 1 ? '{ends[1]}' : 'midway'"
            ),
        ),
        title="Position among Scotland's council areas",
    )
    line = (
        alt.Chart(alt.Data(values=[{"label": o} for o in order]))
        .mark_rule(color=GREY, strokeWidth=6, **shift)
        .encode(y=y, x=alt.XDatum(0), x2=alt.X2Datum(1))
    )
    box = (
        alt.Chart(alt.Data(values=spans))
        .mark_rule(color=DARK, strokeWidth=6, **shift)
        .encode(y=y, x=alt.X(field="q1", type="quantitative"), x2=alt.X2(field="q3"))
    )
    median = (
        alt.Chart(alt.Data(values=spans))
        .mark_tick(color="white", thickness=2, size=8, **shift)
        .encode(y=y, x=alt.X(field="median", type="quantitative"))
    )
    kinds, shapes, strokes, fills = spine_legend(lines, name)
    legend = alt.Legend(orient="top", columns=1 if narrow or len(kinds) > 2 else 0)
    points = (
        alt.Chart(alt.Data(values=spine_marks(lines, order, name)))
        .mark_point(size=90, strokeWidth=2, opacity=1, **shift)
        .encode(
            y=y,
            x=x,
            shape=alt.Shape(
                field="kind",
                type="nominal",
                title=None,
                scale=alt.Scale(domain=kinds, range=shapes),
                legend=legend,
            ),
            color=alt.Color(
                field="kind",
                type="nominal",
                title=None,
                scale=alt.Scale(domain=kinds, range=strokes),
            ),
            fill=alt.Fill(
                field="kind",
                type="nominal",
                legend=None,
                scale=alt.Scale(domain=kinds, range=fills),
            ),
        )
    )
    judged = (
        alt.Chart(alt.Data(values=judgement_marks(lines, order)))
        .mark_text(fontSize=11, color="#111", yOffset=MARKS_BELOW_NAME + 12 if narrow else -10)
        .encode(
            y=y,
            x=alt.X(field="x", type="quantitative"),
            text=alt.Text(field="mark", type="nominal"),
        )
    )
    layers = [line, box, median, points, judged]
    if narrow:  # each name above its line, on up to two lines: the last line just above it
        names = [{"label": o, **name_lines(o)} for o in order]
        layers += [
            alt.Chart(alt.Data(values=names))
            .mark_text(align="left", baseline="bottom", dy=dy)
            .encode(y=y, x=alt.XValue(0), text=alt.Text(field=field, type="nominal"))
            for field, dy in (("upper", -14), ("lower", -1))
        ]
        return to_spec(
            alt.LayerChart(
                layer=layers,
                width=NARROW_WIDTH,
                height=alt.Step(SPINE_ROW),
                autosize={"type": "fit-x", "contains": "padding"},
            )
        )
    return to_spec(alt.LayerChart(layer=layers, width=260, height=alt.Step(22)))


# ---------------------------------------------------------------- over the plan cycles


def trends_chart(
    pid: str, name: str, lines: list[ProfileLine], cycles, ages: dict[str, Age]
) -> Chart | None:
    lines = [line for line in lines if len(line.series.periods) > 1]
    if not lines:
        return None
    title = f"{name}: {len(lines)} key indicators over time, beside Scotland, with the plan cycles"
    rows = trend_rows(pid, lines)
    age = lines_age(lines, ages)
    return Chart(
        key=f"profile-trends:{pid}",
        slug=f"profile-trends-{pid}",
        title=title,
        age=age,
        description=trends_description(name, lines, cycles) + ([age] if age else []),
        table=trends_table(rows, lines),
        data=rows,
        sources=sources(lines),
        spec=trends_spec(rows, cycles),
        narrow=trends_spec(rows, cycles, narrow=True),
        table_searchable=False,
        alt=f"Small multiple line charts: {title}. The same numbers are in the table below.",
    )


def start_year(period: str) -> int:
    return period_key(period)[0]


def wrapped(text: str, width: int = 34) -> str:
    """A facet title in lines of about width characters, "|" between lines (split in the spec)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) >= width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return "|".join(lines + [line])


def trend_rows(pid: str, lines: list[ProfileLine]) -> pd.DataFrame:
    rows = []
    for item in lines:
        i, unit = item.series.indicator, item.series.indicator["unit"]
        areas = [(code, council) for code, council, _ in item.councils]
        for period in item.series.periods:
            values = [(council, item.series.value(code, period)) for code, council in areas]
            values.append(("Scotland", item.series.scotland.get(period)))
            rows += [
                {
                    "partnership_id": pid,
                    "position": item.position,
                    "indicator_id": i["indicator_id"],
                    "indicator": i["plain_name"],
                    "unit_shown": i["plain_unit"],
                    "period": period,
                    "period_starts": start_year(period),
                    "area": area,
                    "value": v,
                    "value_shown": shown(v, unit),
                    "source_url": i["source_url"],
                }
                for area, v in values
                if v is not None
            ]
    frame = pd.DataFrame(rows)
    return frame.assign(alone=alone(lines, frame))


def alone(lines: list[ProfileLine], rows: pd.DataFrame) -> list[bool]:
    """For each row: its area has no value in the series' periods just before and after it,
    so a line alone would not draw it."""
    held = set(zip(rows["indicator_id"], rows["area"], rows["period"]))
    neighbours = {}
    for item in lines:
        periods = item.series.periods
        for i, period in enumerate(periods):
            neighbours[(item.series.id, period)] = (
                periods[max(i - 1, 0) : i] + periods[i + 1 : i + 2]
            )
    return [
        not any((i, a, n) in held for n in neighbours[(i, p)])
        for i, a, p in zip(rows["indicator_id"], rows["area"], rows["period"])
    ]


def trends_description(name: str, lines: list[ProfileLine], cycles) -> list[str]:
    first = min((item.series.periods[0] for item in lines), key=start_year)
    last = max((item.series.latest for item in lines), key=start_year)
    return [
        f"What is shown: each key indicator held for more than one period, one small chart "
        f"each, from {first} to {last}. The coloured line"
        f"{'s are' if len(lines[0].councils) > 1 else ' is'} {name}'s council area"
        f"{'s' if len(lines[0].councils) > 1 else ''}; the black line is Scotland. The shaded "
        f"bands mark the children's services plan cycles {', '.join(cycles)}; a period is "
        f"placed at the year it begins.",
        "Each small chart has its own scale: compare the shapes, not the heights, across them. "
        "Where a line stops before the latest cycle, the data held ends there.",
        "A plan and a figure appearing together in time is not evidence that one caused the "
        "other: many things move these figures.",
    ]


def trends_table(rows: pd.DataFrame, lines: list[ProfileLine]) -> pd.DataFrame:
    """One row per indicator and area, a column per period (periods as text, oldest first)."""
    units = {item.series.id: unit_of(item) for item in lines}
    table = rows.assign(
        value_text=[units[i].text(v) for i, v in zip(rows["indicator_id"], rows["value"])]
    )
    wide = table.pivot_table(
        index=["position", "indicator", "unit_shown", "area"],
        columns="period",
        values="value_text",
        aggfunc="first",
    )
    periods = sorted(wide.columns, key=start_year)
    wide = wide[periods].fillna("").reset_index().drop(columns="position")
    return wide.rename(columns={"indicator": "Indicator", "unit_shown": "Unit", "area": "Area"})


# The small multiples: three to a row on a wide screen, two on a phone.
WIDE_FACETS = {"columns": 3, "width": 190, "height": 110, "title_chars": 34}
NARROW_FACETS = {"columns": 2, "width": 118, "height": 72, "title_chars": 24}


def trends_spec(rows: pd.DataFrame, cycles, narrow: bool = False) -> dict:
    layout = NARROW_FACETS if narrow else WIDE_FACETS
    bands = [{"cycle": c, "from": int(c.split("-")[0]), "to": int(c.split("-")[1])} for c in cycles]
    points = (
        rows[["indicator", "area", "period_starts", "value_shown", "alone"]]
        .assign(indicator=rows["indicator"].map(lambda t: wrapped(t, layout["title_chars"])))
        .to_dict("records")
    )
    facets = list(dict.fromkeys(points_of["indicator"] for points_of in points))
    data = [{**b, "indicator": f, "layer": "band"} for f in facets for b in bands] + [
        {**p, "layer": "value"} for p in points
    ]
    first, last = min(int(rows["period_starts"].min()), bands[0]["from"]), bands[-1]["to"]
    years = alt.Scale(domain=[first, last], zero=False, nice=False)
    every_five = [y for y in range(first, last + 1) if y % 5 == 0]
    x = alt.X(
        field="period_starts",
        type="quantitative",
        title=None,
        scale=years,
        axis=alt.Axis(format="d", labelAngle=0, values=every_five)
        if narrow
        else alt.Axis(format="d", labelAngle=0, tickCount=4),
    )
    legend = {"orient": "top", **({"direction": "vertical"} if narrow else {})}
    band = (
        alt.Chart()
        .transform_filter("datum.layer == 'band'")
        .mark_rect()
        .encode(
            x=alt.X(field="from", type="quantitative", scale=years),
            x2=alt.X2(field="to"),
            fill=alt.Fill(
                field="cycle",
                type="nominal",
                title="Plan cycle",
                scale=alt.Scale(domain=list(cycles), range=BANDS),
                legend=alt.Legend(**legend),
            ),
        )
    )
    areas = [a for a in dict.fromkeys(rows["area"]) if a != "Scotland"]
    y = alt.Y(
        field="value_shown",
        type="quantitative",
        title=None,
        scale=alt.Scale(zero=False),
        axis=alt.Axis(tickCount=4) if narrow else alt.Axis(),
    )
    colour = alt.Color(
        field="area",
        type="nominal",
        title=None,
        scale=alt.Scale(domain=areas + ["Scotland"], range=AREA_COLOURS[: len(areas)] + ["#111"]),
        legend=alt.Legend(**legend),
    )
    # Points on every value would double the file; a value with no neighbour still needs one.
    lines = (
        alt.Chart()
        .transform_filter("datum.layer == 'value'")
        .mark_line()
        .encode(x=x, y=y, color=colour)
    )
    single = (
        alt.Chart()
        .transform_filter("datum.layer == 'value' && datum.alone")
        .mark_point(filled=True, size=20)
        .encode(x=x, y=y, color=colour)
    )
    chart = (
        alt.LayerChart(layer=[band, lines, single], width=layout["width"], height=layout["height"])
        .facet(
            facet=alt.Facet(
                field="indicator",
                type="nominal",
                sort=facets,
                title=None,
                header=alt.Header(
                    labelExpr="split(datum.label, '|')", labelAnchor="start", labelFontSize=11
                ),
            ),
            columns=layout["columns"],
            data=alt.NamedData(name="values"),
            spacing={"row": 10, "column": 12} if narrow else alt.Undefined,
        )
        .resolve_scale(y="independent")
    )
    if narrow:  # every small chart keeps its years: on a phone the bottom row is screens away
        chart = chart.resolve_axis(x="independent")
    # The rows go in after Altair, which would deep-copy each of them.
    return {**to_spec(chart), "data": {"values": data}}
