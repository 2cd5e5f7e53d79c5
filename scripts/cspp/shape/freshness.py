"""Freshness: when each source was last checked, and which sources are stale.

A source was last checked on the newer of two dates: its row's `accessed` (when research last read
it; blank when not recorded) and its `last_checked` in context/source_checks.csv (when
`cspp check-sources` last requested the address). A source is stale when it was never checked or
was last checked more than 12 months before today. Tables without an `accessed` column cannot
record a check at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .owners import owners

STALE_AFTER_MONTHS = 12
FAILING = ("broken", "unreachable")  # the link statuses a page flags


@dataclass(frozen=True)
class Source:
    """One source page as cited in one table for one partnership (blank when national)."""

    partnership_id: str
    table: str
    source_url: str
    last_checked: str | None  # ISO date, None when never recorded
    link_status: str | None = None  # at the last link check, None when never link-checked


def link_checks(model) -> pd.DataFrame:
    """The latest link check of each address, indexed by url."""
    return model.table("source_checks").set_index("url")


def checked_rows(model) -> pd.DataFrame:
    """Every row that can record a check: partnership_id, table, source_url, and accessed: the
    newer of the row's own date and its source's link check ("" when neither exists)."""
    checked = link_checks(model)["last_checked"].to_dict()
    frames = []
    for name, table in model.tables.items():
        if "accessed" not in table or "source_url" not in table:
            continue
        frame = table.assign(table=name)
        frame["partnership_id"] = owners(table, model.table("plans"))
        frame["accessed"] = newest(frame["accessed"],
                                   frame["source_url"].map(lambda url: checked.get(url, "")))
        frames.append(frame[["partnership_id", "table", "source_url", "accessed"]])
    return pd.concat(frames, ignore_index=True)


def newest(dates: pd.Series, others: pd.Series) -> pd.Series:
    """The later of two ISO dates per row; blank counts as never."""
    return dates.where(dates >= others, others)


def last_checked_by_partnership(model) -> dict[str, str | None]:
    """Newest `accessed` date of any row about each partnership; None when none was recorded."""
    rows = checked_rows(model)
    rows = rows[rows["accessed"] != ""]
    newest = rows.groupby("partnership_id")["accessed"].max().to_dict()
    return {pid: newest.get(pid) for pid in model.table("partnerships")["partnership_id"]}


def sources(model) -> list[Source]:
    """Each distinct source per partnership and table, with its newest check."""
    rows = checked_rows(model)
    grouped = rows.groupby(["partnership_id", "table", "source_url"])["accessed"].max()
    status = link_checks(model)["link_status"]
    return [Source(pid, table, url, checked or None, status.get(url))
            for (pid, table, url), checked in grouped.items()]


def failing_links(model, frames) -> list[dict]:
    """The broken or unreachable link checks of any address in the frames' https columns,
    each as its source_checks row (url, last_checked, link_status, http_status, final_url)."""
    columns = {field for _, field in model.url_fields()}
    urls = {url for frame in frames for column in columns & set(frame.columns)
            for url in frame[column] if url}
    checks = link_checks(model)
    failing = checks[checks.index.isin(urls) & checks["link_status"].isin(FAILING)]
    return failing.reset_index().sort_values("url").to_dict("records")


def stale_sources(model, today: dt.date | None = None) -> list[Source]:
    cutoff = months_before(today or dt.date.today(), STALE_AFTER_MONTHS).isoformat()
    return [source for source in sources(model)
            if source.last_checked is None or source.last_checked < cutoff]


def stale_by_partnership(model, today: dt.date | None = None) -> dict[str, int]:
    """How many of each partnership's sources are stale (0 when none is)."""
    counts = {pid: 0 for pid in model.table("partnerships")["partnership_id"]}
    for source in stale_sources(model, today):
        if source.partnership_id in counts:
            counts[source.partnership_id] += 1
    return counts


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):  # 29 February and 31st fall back to the month's end
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def unrecordable_tables(model) -> list[str]:
    """Tables with sources but no `accessed` column, so no check can be recorded for them."""
    return sorted(name for name, table in model.tables.items()
                  if "source_url" in table and "accessed" not in table)


def render_stale(model, today: dt.date | None = None) -> str:
    """The `cspp sources` report: stale sources grouped by partnership, with counts."""
    stale = stale_sources(model, today)
    lines = [f"{len(stale)} of {len(sources(model))} sources are stale (never checked, or last "
             f"checked more than {STALE_AFTER_MONTHS} months ago)."]
    for pid, group in group_by_partnership(stale).items():
        never = sum(source.last_checked is None for source in group)
        label = pid or "(national sources, no partnership)"
        lines.append(f"\n{label}: {len(group)} stale, {never} never checked")
        for source in group:
            lines.append(f"  {source.table}: {source.source_url} "
                         f"(last checked: {source.last_checked or 'never'})")
    unrecordable = unrecordable_tables(model)
    if unrecordable:
        lines.append("\nTables with no `accessed` column (checks cannot be recorded): "
                     + ", ".join(unrecordable))
    return "\n".join(lines)


def group_by_partnership(items: list[Source]) -> dict[str, list[Source]]:
    groups: dict[str, list[Source]] = {}
    for source in sorted(items, key=lambda s: (s.partnership_id, s.table, s.source_url)):
        groups.setdefault(source.partnership_id, []).append(source)
    return groups
