"""The vintage rule: for each indicator, the values shown are those of the newest snapshot that
carries it: by release_date, or where none is recorded by the day the release is known to have
existed (the day a third party saved its copy, else the day it was retrieved). When a snapshot's rows come in, that indicator's
rows from older snapshots are dropped; the older snapshot's record stays in snapshots.csv, so
what was replaced stays traceable. Vintages are never spliced: a newer release can revise
earlier years, or change a definition."""

from __future__ import annotations

import pandas as pd


def vintage(snapshot: pd.Series) -> tuple[str, str]:
    """A snapshot's place in time: its release date, or the first day it is known to have
    existed; then the day it was retrieved. A fetched file has no release date until a
    reviewer records one, and must still count as newer than the release it replaces."""
    known = snapshot["release_date"] or snapshot["copied_on"] or snapshot["retrieved"]
    return (known, snapshot["retrieved"])


def with_snapshot_rows(
    values: pd.DataFrame, rows: pd.DataFrame, snapshot: pd.Series, snapshots: pd.DataFrame
) -> pd.DataFrame:
    """values with a snapshot's rows in, by the vintage rule. rows are indicator_values rows
    (all columns, text) from the snapshot; an indicator already shown from a newer snapshot
    keeps its rows. Each indicator stays where it was in the file, new ones go last."""
    when = {row["snapshot_id"]: vintage(row) for _, row in snapshots.iterrows()}
    newest = values.groupby("indicator_id")["snapshot_id"].agg(
        lambda ids: max(ids, key=lambda i: when.get(i, ("", "")))
    )
    incoming = [
        i
        for i in rows["indicator_id"].unique()
        if i not in newest or when.get(newest[i], ("", "")) <= vintage(snapshot)
    ]
    kept = values[~values["indicator_id"].isin(incoming)]
    merged = pd.concat([kept, rows[rows["indicator_id"].isin(incoming)]], ignore_index=True)
    order = {
        i: n
        for n, i in enumerate(
            pd.concat([values["indicator_id"], rows["indicator_id"]]).drop_duplicates()
        )
    }
    position = merged["indicator_id"].map(order)
    return merged.iloc[position.argsort(kind="stable")].reset_index(drop=True)
