"""Which partnership each row is about: its own partnership_id, or its plan's."""

from __future__ import annotations

import pandas as pd


def owners(table: pd.DataFrame, plans: pd.DataFrame) -> pd.Series:
    """The partnership of each row of table ("" for national rows)."""
    if "partnership_id" in table:
        return table["partnership_id"]
    if "plan_id" in table:
        return table["plan_id"].map(plans.set_index("plan_id")["partnership_id"]).fillna("")
    return pd.Series("", index=table.index)
