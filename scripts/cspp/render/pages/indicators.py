"""The indicators index and one page per official series, with a CSV of its rows."""

from __future__ import annotations

from ...load.model import published
from ...shape.ages import NOT_DATED, Age, age_words, period_words, update_words
from ...shape.families import (
    NO_AVERAGE,
    PUBLISHERS_AVERAGE,
    Families,
    Grouping,
    Standing,
    every_group,
    latest_by_council,
)
from ...shape.indicators import IndicatorData, Indicators
from ...shape.periods import latest
from ...text_rules import spreadsheet_csv
from ..numbers import Unit
from .html import render
from .parts import Facts, Link, Missing, Table, Value, blank, code, external, or_missing, source
from .paths import indicator_page, partnership_page

INDEX = "indicators/index.md"
RATES_PAGE = "compare/rates.md"
RATES_CSV = "compare/derived-rates.csv"


def indicator_files(indicators: Indicators, charts: dict) -> dict[str, str]:
    """charts: chart key -> Chart, for the charts that exist."""
    files = {
        INDEX: render("indicators.md", INDEX, **index_groups(indicators)),
        RATES_PAGE: render(
            "rates.md",
            RATES_PAGE,
            definitions=definitions_table(indicators),
            rates=rates_tables(indicators),
            csv=RATES_CSV,
        ),
        RATES_CSV: spreadsheet_csv(indicators.rates),
    }
    councils = indicators.councils.to_dict("records")
    for data in indicators.series:
        page = indicator_page(data.id)
        own = [
            charts[key]
            for key in (f"indicator-latest:{data.id}", f"indicator-trend:{data.id}")
            if key in charts
        ]
        files[page] = render(
            "indicator.md",
            page,
            **indicator_context(data, indicators.scotland_code, councils, own),
            families=family_section(data, indicators.families),
        )
        files[f"indicators/{data.id}.csv"] = spreadsheet_csv(published(data.values))
    return files


def index_groups(indicators: Indicators) -> dict:
    """The series by theme, then those no theme maps, then counts and population apart."""
    by_id = {d.id: d for d in indicators.series}
    role = {d.id: d.indicator["role"] for d in indicators.series}
    themed = {i for _, ids in indicators.by_theme for i in ids}
    measures = [d.id for d in indicators.series if role[d.id] == "measure"]
    return {
        "themes": [
            (theme, index_table([by_id[i] for i in ids], f"Indicators of {theme['theme_name']}"))
            for theme, ids in indicators.by_theme
        ],
        "other": index_table(
            [by_id[i] for i in measures if i not in themed], "Indicators no theme is mapped to"
        ),
        "counts": index_table(
            [d for d in indicators.series if d.indicator["role"] == "count"], "Counts"
        ),
        "population": index_table(
            [d for d in indicators.series if d.indicator["role"] == "population"],
            "Population estimates",
        ),
        "total": len(indicators.series),
        "rates": RATES_PAGE,
        "key": key_table(indicators, by_id),
    }


def key_table(indicators: Indicators, by_id: dict) -> Table:
    rows = [
        [
            k["position"],
            Link(
                by_id[k["indicator_id"]].indicator["plain_name"], indicator_page(k["indicator_id"])
            ),
            k["theme_name"],
            k["reason"],
        ]
        for k in indicators.key.to_dict("records")
    ]
    return Table(
        ["Position", "Series", "Theme it stands for", "Why it is in the profile"],
        rows,
        caption="The key indicators of every partnership's profile",
        search=False,
    )


def index_table(series: list[IndicatorData], caption: str) -> Table | None:
    rows = []
    for data in series:
        periods = data.periods
        span = (
            (periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}")
            if periods
            else Missing()
        )
        rows.append(
            [
                Link(data.indicator["plain_name"], indicator_page(data.id)),
                data.indicator["plain_unit"],
                data.indicator["higher_means"],
                data.indicator["publisher"],
                span,
            ]
        )
    return (
        Table(
            ["Series", "Unit", "A higher value means", "Publisher", "Periods"],
            rows,
            caption=caption,
            css="cspp-indicator-list",
            search=False,
        )
        if rows
        else None
    )


def indicator_context(
    data: IndicatorData, scotland_code, councils: list[dict], charts: list
) -> dict:
    indicator = data.indicator
    table = council_table(data, councils)
    return dict(
        title=indicator["indicator_name"],
        description=f"Official statistics: {indicator['plain_name']}, in {indicator['plain_unit']}",
        hide=(),
        about=about(indicator),
        technical=technical(data, scotland_code),
        age=age_facts(data.age) if data.age else None,
        age_summary=age_words(data.age) if data.age else "",
        scotland=scotland(data, scotland_code),
        scotland_derived=derived_scotland(data),
        charts=charts,
        councils=table,
        councils_summary=council_summary(table),
        rows=len(data.values),
        csv=f"indicators/{data.id}.csv",
        csv_name=f"{data.id}.csv",
    )


def about(indicator: dict) -> Facts:
    publisher = indicator["publisher"]
    if not blank(indicator["publisher_url"]):
        publisher = [publisher, " (", external(indicator["publisher_url"], "publisher page"), ")"]
    better = direction(indicator)
    return Facts(
        [
            ("In plain words", f"{indicator['plain_name']}, in {indicator['plain_unit']}"),
            ("A higher value means", indicator["higher_means"]),
            *better,
            ("Publisher", publisher),
            ("Licence", or_missing(indicator["licence"])),
            ("Source", source(indicator)),
        ]
    )


def direction(indicator: dict) -> list[tuple[str, list]]:
    """Which direction is better, only in the publisher's own words and with their source."""
    words = indicator.get("better_statement")
    if blank(words):
        return []
    stated = indicator["better_when"]
    said = (
        f"{stated} (the publisher states: “{words}”; "
        if not blank(stated)
        else f"not stated, so values are not called better or worse (the publisher: “{words}”; "
    )
    return [("Which direction is better", [said, source(indicator, "better_"), ")"])]


def age_facts(age: Age) -> Facts:
    """How old the figures are, and the publisher file they were read from."""
    date = age.release_date or Missing(NOT_DATED)
    update = update_words(age) or Missing("no date for the next release recorded")
    if age.next_update and age.next_update_url:
        update = [
            update,
            " (",
            external(age.next_update_url, age.next_update_source or "source"),
            ")",
        ]
    copy = (
        [
            (
                "Third-party copy",
                [
                    "yes: this project read a copy saved by a third party on ",
                    age.copied_on or "a day not recorded",
                    " (",
                    external(age.copied_from, "the copy"),
                    ")",
                ],
            )
        ]
        if age.third_party
        else []
    )
    return Facts(
        [
            ("Periods covered", period_words(age)),
            ("Newest period", age.newest_period),
            ("Release", age.release),
            ("Release date", date),
            ("Next update", update),
            ("Publisher file (snapshot)", [code(age.snapshot_id), ", from ", age.publisher]),
            ("Its licence", or_missing(age.licence)),
            *copy,
        ]
    )


def technical(data: IndicatorData, scotland_code) -> Facts:
    """For researchers, folded away: the series as the data files hold it."""
    indicator, row = data.indicator, newest_scotland(data)
    stored = (
        [("Scotland, as stored", f"{row['period']}: {row['value']}")] if row is not None else []
    )
    return Facts(
        [
            ("Series id", indicator["indicator_id"]),
            ("Publisher's name of the series", indicator["indicator_name"]),
            ("Unit as stored in the data files", indicator["unit"]),
            ("Read from", indicator["source_table"]),
            *stored,
            ("Scotland's area code", scotland_code or "none"),
        ]
    )


def newest_scotland(data: IndicatorData) -> dict | None:
    if data.scotland.empty:
        return None
    period = latest(data.scotland["period"])
    return data.scotland[data.scotland["period"] == period].iloc[0].to_dict()


def scotland(data: IndicatorData, scotland_code) -> dict | None:
    row = newest_scotland(data)
    if row is None:
        return None
    unit = Unit.of(data.indicator)
    return {
        "code": scotland_code,
        "period": row["period"],
        "value": Value(row["value"], unit.full(row["value"])),
        "source": source(row),
    }


def derived_scotland(data: IndicatorData) -> dict | None:
    """Scotland's rate derived here from the councils' counts, where the publisher gives none."""
    derived = data.scotland_derived
    if not derived:
        return None
    unit = Unit.of(data.indicator)
    return {
        "period": derived["period"],
        "rate_name": derived["rate_name"],
        "value": Value(derived["value"], unit.full(derived["value"])),
    }


def council_table(data: IndicatorData, councils: list[dict]) -> Table:
    """Council and value come first, so that they fit on a phone before the table scrolls."""
    by_code = {r["area_code"]: r for r in data.latest.to_dict("records")}
    with_interval = data.latest["lower_confidence_limit"].notna().any()
    unit = Unit.of(data.indicator)
    rows = []
    for council in councils:
        partnership = Link(council["area_name"], partnership_page(council["partnership_id"]))
        row = by_code.get(council["council_code"])
        if row is None:
            cells = [Missing(), Missing(), partnership, code(council["council_code"])]
            cells += [""] * (2 if with_interval else 1)
        else:
            cells = [
                unit.text(row["value"], "blank in the source"),
                row["period"],
                partnership,
                code(council["council_code"]),
            ]
            cells += [interval(row, unit)] if with_interval else []
            cells.append(source(row))
        rows.append([council["council_name"], *cells])
    headers = [
        "Council area",
        f"Value ({unit.plain})",
        "Period",
        "Partnership",
        "GSS code",
        *(["95% interval"] if with_interval else []),
        "Source",
    ]
    return Table(
        headers, rows, caption="Latest value per council", search=False, css="cspp-numbers"
    )


def council_summary(table: Table) -> str:
    """The fold's words: how many council areas, and what each row gives beside the value."""
    columns = [label if label[:2].isupper() else label.lower() for label in table.labels[2:]]
    return (
        f"Show the latest value of all {len(table.rows)} council areas, with each one's "
        f"{', '.join(columns[:-1])} and {columns[-1]}"
    )


def interval(row: dict, unit: Unit) -> str:
    low, high = row["lower_confidence_limit"], row["upper_confidence_limit"]
    if blank(low) or blank(high):
        return ""
    return f"{unit.text(low)} to {unit.text(high)}"


# ---------------------------------------------------------------- family groups


def family_section(data: IndicatorData, families: Families | None) -> dict | None:
    """The grouping the series is set beside, why, and each group's members ranked by value."""
    grouping = data.grouping
    if families is None or grouping is None or data.ranked is None:
        return None
    others = [g for g in families.groupings.values() if g.id != grouping.id]
    by_council = latest_by_council(data.ranked)
    unit = Unit.of(data.indicator)
    averages = data.group_averages or {}  # the publisher's, for the series' latest period
    period = latest(data.periods) if data.periods else ""
    return {
        "grouping": grouping.grouping,
        "why": families.why(data.id),
        "source": source(grouping.grouping),
        "no_average": PUBLISHERS_AVERAGE if families.has_averages(data.id) else NO_AVERAGE,
        "averages": averages_table(averages, grouping, unit, period) if averages else None,
        "others": [
            f"The {o.grouping['name']} is not used here; it is given for: {o.grouping['services']}"
            for o in others
        ],
        "period": period,
        "table": group_table(
            every_group(grouping, families.names, by_council),
            grouping.acronym,
            unit,
            period,
        ),
    }


def averages_table(
    averages: dict[str, float], grouping: Grouping, unit: Unit, period: str
) -> Table:
    """The publisher's own average for each group, as its file gives it."""
    publisher = grouping.grouping["publisher"]
    return Table(
        ["Family group", f"The publisher's average ({unit.plain})"],
        [[grouping.short(label), unit.text(averages[label])] for label in sorted(averages)],
        caption=f"Each family group's average as the {publisher} gives it, {period}",
        search=False,
        css="cspp-numbers",
    )


def group_table(groups: list[Standing], acronym: str, unit: Unit, period: str) -> Table:
    """One row per council, group by group, each group's members by their rank within it."""
    rows = [
        [name, f"{acronym} {g.group}", unit.text(value, "no value"), in_group(rank, g)]
        for g in groups
        for _, name, value, rank in g.members
    ]
    return Table(
        [
            "Council area",
            "Family group",
            f"Value ({unit.plain})",
            "Rank in its group (1 = highest)",
        ],
        rows,
        caption=f"Each family group's councils, ranked by value, {period}",
        search=False,
        css="cspp-numbers",
    )


def in_group(rank: int | None, group: Standing) -> str:
    return "no value" if rank is None else f"{rank} of {group.with_value}"


# ---------------------------------------------------------------- derived rates


def definitions_table(indicators: Indicators) -> Table:
    pages = {d.id: d.indicator["plain_name"] for d in indicators.series}
    rows = [
        [
            d["rate_name"],
            [
                Link(pages[d["numerator_id"]], indicator_page(d["numerator_id"])),
                f" ({d['numerator_period']})",
            ],
            [
                Link(pages[d["denominator_id"]], indicator_page(d["denominator_id"])),
                f" ({d['denominator_period']})",
            ],
            f"{d['per']:,}",
            Link(pages[d["reproduces_id"]], indicator_page(d["reproduces_id"])),
            source(d),
        ]
        for d in indicators.rate_definitions.to_dict("records")
    ]
    return Table(
        [
            "Derived rate",
            "Numerator",
            "Denominator",
            "Per",
            "Reproduces the publisher's rate",
            "Source of the definition",
        ],
        rows,
        caption="The pairs of numerator and denominator",
    )


def rates_tables(indicators: Indicators) -> list[Table]:
    """One table per rate: every council, partnership and Scotland."""
    tables = []
    units = dict(zip(indicators.rate_definitions["rate_id"], indicators.rate_definitions["unit"]))
    people = Unit("number", "(number)")
    for rate_id, rates in indicators.rates.groupby("rate_id", sort=False):
        unit = Unit(units[rate_id], units[rate_id])
        rows = [
            [
                r["area_name"],
                AREA_TYPES[r["area_type"]],
                people.text(r["numerator"]),
                people.text(r["denominator"]),
                unit.text(r["rate"], "") if not blank(r["rate"]) else rate_missing(),
                unit.text(r["published_rate"], "") if r["area_type"] == "council" else "",
            ]
            for r in rates.to_dict("records")
        ]
        tables.append(
            Table(
                [
                    "Area",
                    "Kind of area",
                    "Count",
                    "Population",
                    f"Rate calculated here ({unit.plain})",
                    f"Publisher's own rate ({unit.plain})",
                ],
                rows,
                caption=rates["rate_name"].iloc[0],
                search=False,
                css="cspp-numbers",
            )
        )
    return tables


AREA_TYPES = {
    "council": "council area",
    "partnership": "partnership (sum of its councils)",
    "scotland": "Scotland (sum of all councils)",
}


def rate_missing() -> Missing:
    return Missing("not available: a count or population is missing")
