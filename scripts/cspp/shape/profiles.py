"""Each partnership beside Scotland and the other areas, and beside its own plans.

- A profile: the key indicators (measures/key_indicators.csv), each with the partnership's
  value, its councils' values, Scotland's, and the spread of the 32 council areas.
- The series of every indicator a theme maps to (themes/theme_indicators.csv), with the periods
  that open and close each planning cycle, so a plan can be set beside what its figures did.

A partnership has one value only where it is one council, or where a derived rate sums its
councils' numerators and denominators (rates.py). Nothing is averaged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .comparisons import NOT_TESTED, comparisons
from .periods import in_order, period_key


@dataclass
class Series:
    indicator: dict  # indicators.csv row with its indicator_labels.csv row
    values: pd.DataFrame  # every council's and Scotland's rows: area_code, period, value
    periods: list[str]  # oldest first
    scotland: dict[str, float]  # period -> Scotland's value
    scotland_derived: bool  # Scotland's value is a derived rate, not the publisher's
    partnership_rates: dict[str, float]  # partnership id -> derived rate in the latest period
    spread: dict | None = None  # of the council areas' latest values (spread_of)
    judged: dict = field(default_factory=dict)  # (area_code, period) -> comparisons.py's words
    by_area: dict = field(init=False, repr=False)  # (area_code, period) -> value, for lookups

    def __post_init__(self) -> None:
        known = self.values[self.values["value"].notna()]
        self.by_area = dict(
            zip(zip(known["area_code"], known["period"]), known["value"].astype(float))
        )

    @property
    def id(self) -> str:
        return self.indicator["indicator_id"]

    @property
    def latest(self) -> str:
        return self.periods[-1]

    def value(self, area_code: str, period: str) -> float | None:
        return self.by_area.get((area_code, period))

    def judgement(self, area_code: str, period: str) -> str:
        """A council area's value beside Scotland's (comparisons.py); a partnership of several
        councils has no interval, so its rate is not tested."""
        return self.judged.get((area_code, period), NOT_TESTED)

    @property
    def better_when(self) -> str:
        """higher or lower where the publisher states which is better, else blank."""
        stated = self.indicator.get("better_when")
        return stated if isinstance(stated, str) else ""


def spread_of(series: Series, council_codes: list[str]) -> dict | None:
    """Lowest, quartiles (linear interpolation) and highest of the councils' latest values."""
    latest = pd.Series(
        [series.value(code, series.latest) for code in council_codes], dtype=float
    ).dropna()
    if latest.empty:
        return None
    q = latest.quantile([0, 0.25, 0.5, 0.75, 1]).tolist()
    return dict(zip(["min", "q1", "median", "q3", "max"], q), areas=len(latest))


@dataclass
class ProfileLine:
    position: int
    theme_name: str
    series: Series
    councils: list[tuple[str, str, float | None]]  # code, name, latest value
    partnership: float | None  # the partnership's own value, where it has one
    spread: dict | None


@dataclass
class Outcomes:
    series: dict[str, Series]  # every indicator in theme_indicators or key_indicators
    theme_indicators: pd.DataFrame  # theme_indicators.csv with theme_name
    key: pd.DataFrame  # key_indicators.csv with theme_name, in position order
    rates: pd.DataFrame  # rates.RATE_COLUMNS (DERIVED)
    council_codes: list[str]


def shape_outcomes(
    indicators: pd.DataFrame,
    labels: pd.DataFrame,
    values: pd.DataFrame,
    councils: pd.DataFrame,
    partnerships: pd.DataFrame,
    themes: pd.DataFrame,
    theme_indicators: pd.DataFrame,
    key_indicators: pd.DataFrame,
    rates: pd.DataFrame,
    scotland: str | None,
) -> Outcomes:
    """The series of the key indicators and of every theme's indicators (labels:
    indicator_labels.csv; values: indicator_values.csv; rates: rates.derived_rates, made once
    per build; scotland: Scotland's area code)."""
    names = themes.set_index("theme_id")["theme_name"]
    mapping = theme_indicators.assign(theme_name=lambda t: t["theme_id"].map(names))
    key = key_indicators.sort_values("position").assign(
        theme_name=lambda t: t["theme_id"].map(names)
    )
    wanted = set(mapping["indicator_id"]) | set(key["indicator_id"])
    labelled = indicators.merge(labels, on="indicator_id")
    codes = councils["council_code"].tolist()
    series = {
        row["indicator_id"]: series_of(row, values, rates, scotland)
        for row in labelled.to_dict("records")
        if row["indicator_id"] in wanted
    }
    series = {k: s for k, s in series.items() if s.periods}
    judged = comparisons(values[values["indicator_id"].isin(set(series))], labels, rates, scotland)
    for iid, part in judged.groupby("indicator_id"):
        series[iid].judged = dict(
            zip(zip(part["area_code"], part["period"]), part["comparison_with_scotland"])
        )
    for s in series.values():
        s.spread = spread_of(s, codes)
    return Outcomes(series, mapping, key, rates, codes)


def series_of(
    indicator: dict, values: pd.DataFrame, rates: pd.DataFrame, scotland_code: str | None
) -> Series:
    own = values[values["indicator_id"] == indicator["indicator_id"]][
        ["area_code", "area_name", "period", "value"]
    ]
    periods = in_order(own["period"])
    scot = own[(own["area_code"] == scotland_code) & own["value"].notna()]
    scotland = dict(zip(scot["period"], scot["value"].astype(float)))
    derived = rates[rates["rate_id"].isin(rate_ids(rates, indicator["indicator_id"]))]
    if not scotland:
        scotland = {
            r["period"]: r["rate"]
            for r in derived[derived["area_type"] == "scotland"].to_dict("records")
            if pd.notna(r["rate"])
        }
    partnership_rates = {
        r["partnership_id"]: r["rate"]
        for r in derived[
            (derived["area_type"] == "partnership")
            & derived["rate"].notna()
            & (derived["period"] == (periods[-1] if periods else ""))
        ].to_dict("records")
    }
    return Series(
        indicator, own, periods, scotland, bool(scotland) and scot.empty, partnership_rates
    )


def rate_ids(rates: pd.DataFrame, indicator_id: str) -> set[str]:
    """The derived rates that reproduce this published rate (rate_definitions.reproduces_id)."""
    return set(rates.loc[rates["reproduces_id"] == indicator_id, "rate_id"])


def profile(outcomes: Outcomes, pid: str, councils: list[dict]) -> list[ProfileLine]:
    """The partnership's key-indicator profile, in the published order."""
    lines = []
    for key in outcomes.key.to_dict("records"):
        series = outcomes.series.get(key["indicator_id"])
        if series is None:
            continue
        own = [
            (c["council_code"], c["council_name"], series.value(c["council_code"], series.latest))
            for c in councils
        ]
        lines.append(
            ProfileLine(
                position=key["position"],
                theme_name=key["theme_name"],
                series=series,
                councils=own,
                partnership=partnership_value(series, pid, own),
                spread=series.spread,
            )
        )
    return lines


@dataclass
class Standing:
    """One council area's value in a series' latest period, and where it sits among all the
    council areas with a value then."""

    name: str
    value: float | None
    lower: int  # council areas with a lower value
    higher: int  # council areas with a higher value
    areas: int  # council areas with a value, this one included


@dataclass
class Headline:
    """A headline figure of a partnership page: its councils' values beside Scotland's."""

    series: Series
    councils: list[Standing]
    partnership: float | None  # several councils: a rate from their counts, where one exists
    scotland: float | None
    replaces: Series | None = None  # the older series this key indicator took over from

    @property
    def period(self) -> str:
        return self.series.latest


def standing(series: Series, council: dict, codes: list[str]) -> Standing:
    period = series.latest
    value = series.value(council["council_code"], period)
    others = [v for v in (series.value(code, period) for code in codes) if v is not None]
    if value is None:
        return Standing(council["council_name"], None, 0, 0, len(others))
    return Standing(
        council["council_name"],
        value,
        sum(v < value for v in others),
        sum(v > value for v in others),
        len(others),
    )


def headlines(outcomes: Outcomes, pid: str, councils: list[dict]) -> list[Headline]:
    """The key indicators marked as headlines (key_indicators.headline), in their order."""
    key = outcomes.key[outcomes.key["headline"].notna()].sort_values("headline")
    out = []
    for row in key.to_dict("records"):
        series = outcomes.series.get(row["indicator_id"])
        if series is None:
            continue
        out.append(
            Headline(
                series,
                [standing(series, c, outcomes.council_codes) for c in councils],
                series.partnership_rates.get(pid) if len(councils) > 1 else None,
                series.scotland.get(series.latest),
                outcomes.series.get(row.get("replaces") or ""),
            )
        )
    return out


def partnership_value(series: Series, pid: str, own: list) -> float | None:
    if len(own) == 1:
        return own[0][2]
    return series.partnership_rates.get(pid)


def cycle_window(periods: list[str], cycle: str) -> tuple[str, str] | None:
    """The periods that open and close a planning cycle in a series: the latest period starting
    no later than the cycle's first year, and the latest starting before its last year. None
    where the series has no later period within the cycle."""
    first, last = (int(year) for year in cycle.split("-"))
    starts = [(period_key(p)[0], p) for p in periods]
    opening = [p for year, p in starts if year <= first]
    closing = [p for year, p in starts if first < year < last]
    if not opening or not closing:
        return None
    return opening[-1], closing[-1]


@dataclass
class Movement:
    """A series' value for one area at two periods: how it moved within a planning cycle."""

    opening: str
    closing: str
    start: float | None
    end: float | None

    @property
    def change(self) -> float | None:
        return None if self.start is None or self.end is None else self.end - self.start


def movement(series: Series, area_code: str, cycle: str) -> Movement | None:
    window = cycle_window(series.periods, cycle)
    if window is None:
        return None
    opening, closing = window
    return Movement(
        opening, closing, series.value(area_code, opening), series.value(area_code, closing)
    )


def previous_cycle(cycles: tuple[str, ...], cycle: str) -> str | None:
    at = cycles.index(cycle) if cycle in cycles else 0
    return cycles[at - 1] if at > 0 else None
