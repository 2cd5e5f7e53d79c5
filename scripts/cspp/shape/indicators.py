"""The official statistics as the pages and charts show them: each series with its values, its
periods in order, each council's latest value beside Scotland's, and the rows each chart plots;
the series grouped by the themes they measure, and the derived rates.

Values stay per council area. A partnership of several councils (Tayside) keeps one row per
council: council rates are never averaged into a partnership rate. Its own rate exists only
where a derived rate sums numerators and denominators (rates.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ..load.model import scotland_code as find_scotland
from .ages import Age, series_ages
from .comparisons import comparisons, judgement_of
from .families import Families, Grouping, ranked_rows, shape_families
from .periods import in_order, latest, latest_rows, period_key


@dataclass
class IndicatorData:
    indicator: dict
    values: pd.DataFrame  # every row of the series, as in the package
    periods: list[str]  # oldest first
    latest: pd.DataFrame  # each area's latest row, with Scotland's value that period
    scotland: pd.DataFrame  # Scotland's rows
    chart_latest: pd.DataFrame  # every area in the series' latest period, with partnerships
    chart_trend: pd.DataFrame  # every row, with partnerships, by period and partnership
    age: Age | None = None  # its periods, release and next update (ages.py)
    grouping: Grouping | None = None  # the family grouping it is set beside (families.py)
    ranked: pd.DataFrame | None = None  # chart_latest's councils by rank, with family groups
    scotland_derived: dict | None = None  # period, value: a derived rate, where no publisher's
    group_averages: dict[str, float] | None = None  # the publisher's, in the latest period

    @property
    def id(self) -> str:
        return self.indicator["indicator_id"]


# The tables the indicator pages and charts are made from, and nothing else: a build keeps them
# while these are unchanged (publish/build.py).
INDICATOR_TABLES = (
    "indicators",
    "indicator_values",
    "councils",
    "partnerships",
    "indicator_labels",
    "theme_indicators",
    "themes",
    "rate_definitions",
    "key_indicators",
    "snapshots",
    "family_groupings",
    "family_groups",
    "family_group_averages",
)


@dataclass
class Indicators:
    series: list[IndicatorData]  # in the order of indicators.csv, each with its labels
    councils: pd.DataFrame  # councils.csv with area_name, by partnership then name
    scotland_code: str | None
    by_theme: list[tuple[dict, list[str]]]  # each theme with the series that measure it
    rate_definitions: pd.DataFrame
    rates: pd.DataFrame  # DERIVED (rates.RATE_COLUMNS)
    key: pd.DataFrame  # key_indicators.csv with theme_name, in position order
    comparisons: pd.DataFrame  # each council value beside Scotland's (comparisons.COLUMNS)
    families: Families | None = None  # the family groupings, each council's group in each


def shape_indicators(
    indicators: pd.DataFrame,
    values: pd.DataFrame,
    councils: pd.DataFrame,
    partnerships: pd.DataFrame,
    labels: pd.DataFrame,
    theme_indicators: pd.DataFrame,
    themes: pd.DataFrame,
    rate_definitions: pd.DataFrame,
    key: pd.DataFrame,
    snapshots: pd.DataFrame,
    family_groupings: pd.DataFrame,
    family_groups: pd.DataFrame,
    family_group_averages: pd.DataFrame,
    *,
    rates: pd.DataFrame,
    today: dt.date,
) -> Indicators:
    """rates: the derived rates (rates.derived_rates), made once per build and shared with the
    site's outcomes; today: the day the site is built for, which says whether a stated next
    update has passed."""
    scotland = find_scotland(councils, values)
    named = councils.merge(partnerships[["partnership_id", "area_name"]], on="partnership_id")
    labelled = indicators.merge(labels, on="indicator_id", how="left")
    by_theme = [
        (
            theme,
            theme_indicators.loc[
                theme_indicators["theme_id"] == theme["theme_id"], "indicator_id"
            ].tolist(),
        )
        for theme in themes.to_dict("records")
    ]
    judged = comparisons(values, labels, rates, scotland)
    series = indicator_data(
        labelled, values, councils, partnerships, scotland, judgement_of(judged)
    )
    ages = series_ages(values, snapshots, today)
    families = shape_families(family_groupings, family_groups, family_group_averages, councils)
    for data in series:
        data.age = ages.get(data.id)
        data.grouping = families.for_series(data.id)
        latest_period = latest(data.periods) if data.periods else ""
        data.group_averages = families.publishers_averages(data.id, latest_period)
        data.ranked = ranked_rows(data.chart_latest, scotland, data.grouping)
        data.scotland_derived = derived_scotland(data, rates)
    return Indicators(
        series,
        named.sort_values(["partnership_id", "council_name"]),
        scotland,
        [(theme, ids) for theme, ids in by_theme if ids],
        rate_definitions,
        rates,
        key.sort_values("position").merge(themes[["theme_id", "theme_name"]], on="theme_id"),
        judged,
        families,
    )


def derived_scotland(data: IndicatorData, rates: pd.DataFrame) -> dict | None:
    """Scotland's derived rate for the series' latest period, where the publisher gives none
    and a rate definition reproduces the series (rates.py: sums, never an average)."""
    if not data.periods or data.scotland["period"].eq(data.periods[-1]).any():
        return None
    rows = rates[
        (rates["reproduces_id"] == data.id)
        & (rates["area_type"] == "scotland")
        & (rates["period"] == data.periods[-1])
        & rates["rate"].notna()
    ]
    if rows.empty:
        return None
    return {
        "period": data.periods[-1],
        "value": float(rows["rate"].iloc[0]),
        "rate_name": rows["rate_name"].iloc[0],
    }


def latest_values(values: pd.DataFrame, scotland_code: str | None) -> pd.DataFrame:
    """Each indicator's latest row for each area, with Scotland's value in that period."""
    newest = latest_rows(values)
    scotland = values[values["area_code"] == scotland_code][["indicator_id", "period", "value"]]
    merged = newest.merge(
        scotland.rename(columns={"value": "scotland_value"}),
        on=["indicator_id", "period"],
        how="left",
    )
    merged["has_scotland"] = merged["indicator_id"].isin(set(scotland["indicator_id"]))
    return merged


def with_partnerships(
    rows: pd.DataFrame, councils: pd.DataFrame, partnerships: pd.DataFrame
) -> pd.DataFrame:
    """Add each council's partnership and how many councils it has; Scotland gets blanks.
    Plain lookups: this runs for every series."""
    pid_of = dict(zip(councils["council_code"], councils["partnership_id"]))
    name_of = dict(zip(partnerships["partnership_id"], partnerships["area_name"]))
    sizes = councils["partnership_id"].value_counts().to_dict()
    out = rows.copy()
    out["partnership_id"] = [pid_of.get(code, "") for code in out["area_code"]]
    out["partnership_name"] = [name_of.get(pid, "") for pid in out["partnership_id"]]
    out["partnership_size"] = [sizes.get(pid, 0) for pid in out["partnership_id"]]
    return out


def indicator_data(
    indicators: pd.DataFrame,
    values: pd.DataFrame,
    councils: pd.DataFrame,
    partnerships: pd.DataFrame,
    scotland_code: str | None,
    judged: dict[tuple[str, str, str], str],
) -> list[IndicatorData]:
    """One IndicatorData per series, in the order of indicators.csv; the chart rows carry each
    council value's comparison with Scotland (comparisons.py; blank on Scotland's own rows)."""
    newest = latest_values(values, scotland_code)
    placed = with_partnerships(values, councils, partnerships)
    placed["comparison_with_scotland"] = [
        judged.get(key, "")
        for key in zip(placed["indicator_id"], placed["area_code"], placed["period"])
    ]
    placed = placed.assign(_key=placed["period"].map(period_key))
    by_period = groups(
        placed.sort_values(["_key", "partnership_name", "area_name"], kind="stable").drop(
            columns="_key"
        )
    )
    by_name = groups(
        placed.sort_values(["partnership_name", "area_name"], kind="stable").drop(columns="_key")
    )
    own_values, own_latest = groups(values), groups(newest)
    out = []
    for indicator in indicators.to_dict("records"):
        iid = indicator["indicator_id"]
        own = own_values.get(iid, values.iloc[0:0])
        periods = in_order(own["period"])
        named = by_name.get(iid, placed.iloc[0:0])
        out.append(
            IndicatorData(
                indicator=indicator,
                values=own,
                periods=periods,
                latest=own_latest.get(iid, newest.iloc[0:0]),
                scotland=own[own["area_code"] == scotland_code],
                chart_latest=named[named["period"] == latest(periods)] if periods else named,
                chart_trend=by_period.get(iid, placed.iloc[0:0]),
            )
        )
    return out


def groups(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """A frame split by indicator_id, each part in the frame's order."""
    return dict(tuple(frame.groupby("indicator_id", sort=False)))
