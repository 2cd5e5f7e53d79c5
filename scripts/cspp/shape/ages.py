"""How old each series' figures are, and the words every page and chart uses to say so.

Per indicator: the periods it covers, the publisher file (snapshot) its values came from, that
release and its date, and the next update where the publisher states one. When that date has
passed, the words say a newer release may exist instead of implying the figures are current.

pandas only, no I/O and no clock: the day the site is built for is passed in.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .periods import in_order, period_key

NOT_DATED = "release date not recorded"


@dataclass(frozen=True)
class Age:
    indicator_id: str
    first_period: str
    newest_period: str
    snapshot_id: str
    publisher: str
    release: str
    release_date: str  # YYYY, YYYY-MM or YYYY-MM-DD; "" where not recorded
    licence: str
    copied_from: str  # a third party's copy; "" for a file taken from the publisher
    copied_on: str
    next_update: str  # as the publisher states it; "" where none is recorded
    next_update_source: str  # the title of the source that states it
    next_update_url: str
    next_update_passed: bool

    @property
    def third_party(self) -> bool:
        return bool(self.copied_from)


def series_ages(values: pd.DataFrame, snapshots: pd.DataFrame, today: dt.date) -> dict[str, Age]:
    """indicator_id -> its Age, for every indicator with values. An indicator's values come
    from one snapshot (the vintage rule); should there be several, the newest release names it."""
    records = snapshots.set_index("snapshot_id").to_dict("index")
    ages = {}
    for indicator_id, rows in values.groupby("indicator_id", sort=False):
        periods = in_order(rows["period"])
        snapshot_id = newest_snapshot(sorted(set(rows["snapshot_id"])), records)
        ages[indicator_id] = age_of(indicator_id, periods, snapshot_id, records[snapshot_id], today)
    return ages


def newest_snapshot(ids: list[str], records: dict) -> str:
    return max(
        ids,
        key=lambda i: (
            text(records[i].get("release_date")),
            str(records[i].get("retrieved") or ""),
        ),
    )


def age_of(
    indicator_id: str, periods: list[str], snapshot_id: str, record: dict, today: dt.date
) -> Age:
    next_update = text(record.get("next_update"))
    return Age(
        indicator_id=indicator_id,
        first_period=periods[0],
        newest_period=periods[-1],
        snapshot_id=snapshot_id,
        publisher=text(record.get("publisher")),
        release=text(record.get("release")),
        release_date=text(record.get("release_date")),
        licence=text(record.get("licence")),
        copied_from=text(record.get("copied_from")),
        copied_on=text(record.get("copied_on")),
        next_update=next_update,
        next_update_source=text(record.get("next_update_source_title")),
        next_update_url=text(record.get("next_update_source_url")),
        next_update_passed=bool(next_update) and last_day(next_update) < today,
    )


def text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def last_day(stated: str) -> dt.date:
    """The last day a date given as YYYY, YYYY-MM or YYYY-MM-DD can mean: "expected by 2025-03"
    has passed only once March 2025 is over."""
    parts = [int(p) for p in stated.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


# ---------------------------------------------------------------- the words


def period_words(age: Age) -> str:
    """ "2014/15 to 2023/24"; labels that hold a "to" of their own are quoted, so that a range
    of ranges still reads as two periods."""
    first, newest = age.first_period, age.newest_period
    if first == newest:
        return newest
    if " to " in first + newest:
        return f"“{first}” to “{newest}”"
    return f"{first} to {newest}"


def dating_words(age: Age) -> str:
    """The release's date, and for a third party's copy, the day that copy was saved."""
    words = age.release_date or NOT_DATED
    if age.third_party:
        words += f"; third-party copy saved {age.copied_on or 'on a day not recorded'}"
    return words


def update_words(age: Age) -> str:
    """ "" where no next update is recorded."""
    if not age.next_update:
        return ""
    if age.next_update_passed:
        return f"a newer release may exist (expected by {age.next_update})"
    return f"next release expected by {age.next_update}"


def age_words(age: Age) -> str:
    """The one sentence that says how old a series' figures are, wherever they appear."""
    update = update_words(age)
    words = (
        f"Figures for {period_words(age)}. Release: {age.release}, by {age.publisher}; "
        f"{dating_words(age)}."
    )
    return f"{words} {update[0].upper()}{update[1:]}." if update else words


def span_words(ages: list[Age]) -> str:
    """Several series together, as a partnership's summary gives them: "figures from <the
    oldest newest period> to <the newest newest period>", and how many releases they come from."""
    newest = sorted((a.newest_period for a in ages), key=period_key)
    releases = {a.snapshot_id for a in ages}
    passed = {a.snapshot_id for a in ages if a.next_update_passed}
    span = newest[0] if newest[0] == newest[-1] else f"{newest[0]} to {newest[-1]}"
    words = (
        f"Figures from {span}, from {len(releases)} publisher "
        f"release{'s' if len(releases) != 1 else ''}"
    )
    if passed:
        words += f"; for {len(passed)} of them a newer release may exist"
    return words + "."


def passed_updates(snapshots: pd.DataFrame, today: dt.date) -> list[str]:
    """The snapshots whose stated next update has passed by today: what, beside the tables,
    a page that gives ages depends on (a build keeps such pages while this is unchanged)."""
    stated = snapshots[snapshots["next_update"].map(text) != ""]
    return sorted(
        i
        for i, when in zip(stated["snapshot_id"], stated["next_update"])
        if last_day(text(when)) < today
    )


def snapshot_holdings(snapshots: pd.DataFrame, ages: dict[str, Age]) -> list[dict]:
    """Each publisher file, by publisher then release date: its release and date, and the
    newest period among the series shown from it ("" when none is, as when a newer release
    replaced them all)."""
    newest: dict[str, list[str]] = {}
    for age in ages.values():
        newest.setdefault(age.snapshot_id, []).append(age.newest_period)
    rows = [
        {
            "publisher": text(r["publisher"]),
            "snapshot_id": r["snapshot_id"],
            "release": text(r["release"]),
            "release_date": text(r["release_date"]),
            "third_party": bool(text(r["copied_from"])),
            "copied_on": text(r["copied_on"]),
            "series": len(newest.get(r["snapshot_id"], [])),
            "newest_period": max(newest.get(r["snapshot_id"], [""]), key=period_key),
        }
        for r in snapshots.to_dict("records")
    ]
    return sorted(rows, key=lambda r: (r["publisher"], r["release_date"], r["snapshot_id"]))
