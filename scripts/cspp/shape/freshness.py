"""Freshness: when each source was last checked, and which sources are stale.

A source (a row of sources/sources.csv) was last checked on the newer of two dates: `accessed`
(when a person last read it; blank when not recorded) and `last_checked` (when
`cspp check-sources` last requested the address). A source is stale when it was never checked or
was last checked more than 12 months before today, a day the caller gives (the build's day):
nothing here reads the clock. The functions read the sources table and, where they count
citations, every table by resource name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ..load.model import citing_fields
from .owners import owners

STALE_AFTER_MONTHS = 12
FAILING = ("broken", "unreachable")  # the link statuses the pages flag
CHECK_FIELDS = ["url", "kind", "last_checked", "link_status", "http_status", "final_url"]


@dataclass(frozen=True)
class Source:
    """One source as cited in one table for one partnership (blank when national)."""

    partnership_id: str
    table: str
    source_url: str
    last_checked: str | None  # ISO date, None when never recorded
    link_status: str | None = None  # at the last link check, None when never link-checked


def checked_sources(sources_table: pd.DataFrame) -> pd.DataFrame:
    """The sources table indexed by source_id, with `checked`: the newer of its two dates."""
    table = sources_table.set_index("source_id")
    return table.assign(checked=newest(table["accessed"], table["last_checked"]))


def newest(dates: pd.Series, others: pd.Series) -> pd.Series:
    """The later of two ISO dates per row; blank counts as never."""
    return dates.where(dates >= others, others)


def newest_check(row: dict) -> str:
    """A citing row's source's newer date: read by a person, or its link requested ("" when
    neither was recorded)."""
    return max(row["accessed"], row["last_checked"])


def citations(tables: dict[str, pd.DataFrame], plans: pd.DataFrame) -> pd.DataFrame:
    """Every (partnership_id, table, source_id) a row of any table cites, in any citing column;
    tables: every table by resource name."""
    frames = []
    for name, table in tables.items():
        owner = owners(table, plans)
        for column in citing_fields(table) if name != "sources" else []:
            frame = pd.DataFrame(
                {"partnership_id": owner, "table": name, "source_id": table[column]}
            )
            frames.append(frame[frame["source_id"] != ""])
    return pd.concat(frames, ignore_index=True).drop_duplicates()


def last_checked_by_partnership(
    cited: pd.DataFrame, sources_table: pd.DataFrame, partnerships: pd.DataFrame
) -> dict[str, str | None]:
    """Newest check of any source about each partnership; None when none was recorded (cited:
    citations(), made once per build)."""
    rows = cited.join(checked_sources(sources_table)["checked"], on="source_id")
    rows = rows[rows["checked"] != ""]
    newest_check = rows.groupby("partnership_id")["checked"].max().to_dict()
    return {pid: newest_check.get(pid) for pid in partnerships["partnership_id"]}


def last_checked(sources_table: pd.DataFrame) -> str | None:
    """The newest check of any source, or None when none was recorded."""
    dates = [d for d in checked_sources(sources_table)["checked"] if d]
    return max(dates) if dates else None


def sources(cited: pd.DataFrame, sources_table: pd.DataFrame) -> list[Source]:
    """Each distinct source per partnership and table, with its newest check (cited:
    citations())."""
    checked = checked_sources(sources_table)
    rows = cited.join(checked[["url", "checked", "link_status"]], on="source_id")
    return [
        Source(
            row.partnership_id,
            row.table,
            row.url or row.source_id,
            row.checked or None,
            row.link_status or None,
        )
        for row in rows.sort_values(["partnership_id", "table", "source_id"]).itertuples()
    ]


def failing_links(sources_table: pd.DataFrame, frames) -> list[dict]:
    """The broken or unreachable sources cited by any row of the frames, each with its check
    (url, kind, last_checked, link_status, http_status, final_url), sorted by address."""
    cited = {
        source
        for frame in frames
        for column in citing_fields(frame)
        for source in frame[column]
        if source
    }
    failing = sources_table[
        sources_table["source_id"].isin(cited) & sources_table["link_status"].isin(FAILING)
    ]
    return failing[CHECK_FIELDS].sort_values("url").to_dict("records")


def stale_sources(cited: pd.DataFrame, sources_table: pd.DataFrame, today: dt.date) -> list[Source]:
    """The sources never checked, or last checked more than STALE_AFTER_MONTHS before today."""
    cutoff = months_before(today, STALE_AFTER_MONTHS).isoformat()
    return [
        source
        for source in sources(cited, sources_table)
        if source.last_checked is None or source.last_checked < cutoff
    ]


def stale_by_partnership(
    cited: pd.DataFrame, sources_table: pd.DataFrame, partnerships: pd.DataFrame, today: dt.date
) -> dict[str, int]:
    """How many of each partnership's sources are stale (0 when none is)."""
    counts = {pid: 0 for pid in partnerships["partnership_id"]}
    for source in stale_sources(cited, sources_table, today):
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


def render_stale(cited: pd.DataFrame, sources_table: pd.DataFrame, today: dt.date) -> str:
    """The `cspp sources` report: stale sources grouped by partnership, with counts (cited:
    citations())."""
    stale = stale_sources(cited, sources_table, today)
    total = len(sources(cited, sources_table))
    lines = [
        f"{len(stale)} of {total} sources are stale (never checked, or last "
        f"checked more than {STALE_AFTER_MONTHS} months ago)."
    ]
    for pid, group in group_by_partnership(stale).items():
        never = sum(source.last_checked is None for source in group)
        label = pid or "(national sources, no partnership)"
        lines.append(f"\n{label}: {len(group)} stale, {never} never checked")
        for source in group:
            lines.append(
                f"  {source.table}: {source.source_url} "
                f"(last checked: {source.last_checked or 'never'})"
            )
    return "\n".join(lines)


def group_by_partnership(items: list[Source]) -> dict[str, list[Source]]:
    groups: dict[str, list[Source]] = {}
    for source in sorted(items, key=lambda s: (s.partnership_id, s.table, s.source_url)):
        groups.setdefault(source.partnership_id, []).append(source)
    return groups


def source_list(
    tables: dict[str, pd.DataFrame], sources_table: pd.DataFrame, source_kinds: tuple[str, ...]
) -> pd.DataFrame:
    """Every source with how many rows of any table cite it, ordered by kind (source_kinds: as
    the schema lists them) then id."""
    cites = pd.concat(
        [
            frame[column]
            for name, frame in tables.items()
            if name != "sources"
            for column in citing_fields(frame)
        ]
    )
    counts = cites[cites != ""].value_counts()
    table = checked_sources(sources_table).reset_index()
    table["rows"] = table["source_id"].map(counts).fillna(0).astype(int)
    kinds = {kind: i for i, kind in enumerate(source_kinds)}
    return (
        table.assign(_order=table["kind"].map(kinds))
        .sort_values(["_order", "source_id"])
        .drop(columns="_order")
        .reset_index(drop=True)
    )
