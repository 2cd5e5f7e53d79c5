"""The one rule for ordering published periods, and so for "the latest period": pages, charts
and the SQLite download all use it.

Publishers label periods in their own ways ('2014/15', '2021 July snapshot', '2010-14', '2019');
a period sorts by its first four-digit year, then by the length of its label, then as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def period_key(period: str) -> tuple:
    years = [int(y) for y in YEAR.findall(str(period))]
    return (years[0] if years else -1, len(str(period)), str(period))


def in_order(periods: Iterable[str]) -> list[str]:
    """Distinct periods, oldest first."""
    return sorted(set(periods), key=period_key)


def latest(periods: Iterable[str]) -> str:
    return max(periods, key=period_key)


def period_ranks(values: pd.DataFrame) -> pd.DataFrame:
    """indicator_id, period, period_rank (1 = oldest) for every period of every series."""
    pairs = values[["indicator_id", "period"]].drop_duplicates()
    ranks = pairs["period"].map(period_key).rank(method="dense").astype(int)
    return pairs.assign(period_rank=ranks.values).sort_values(["indicator_id", "period_rank"])


def latest_rows(values: pd.DataFrame) -> pd.DataFrame:
    """Each (indicator, area)'s row of its latest period."""
    ordered = values.assign(_key=values["period"].map(period_key)).sort_values(
        "_key", kind="stable"
    )
    return ordered.groupby(["indicator_id", "area_code"], sort=False).tail(1).drop(columns="_key")
