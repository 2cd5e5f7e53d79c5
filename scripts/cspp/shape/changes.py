"""What changed in the data between two copies of the packages (each read as text by
load/history.py): per table, the rows added, removed and changed (by primary key), and each
changed cell's old and new text.

Cells are compared as the text in the CSV, so "1.0" and "1" differ, as they do in a diff of the
file. A column added or removed is named, and its cells are not listed row by row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

KEY_SEPARATOR = " | "
# package/resource -> (its rows as text, its primary key): a copy of the data as
# load/history.py's text_tables reads it.
TextTables = dict[str, tuple[pd.DataFrame, list[str]]]


@dataclass(frozen=True)
class CellChange:
    key: str
    field: str
    old: str
    new: str


@dataclass
class TableChanges:
    table: str  # package/resource
    key: list[str]  # the primary key's fields
    added: list[str] = field(default_factory=list)  # keys, as text
    removed: list[str] = field(default_factory=list)
    changed: list[CellChange] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)

    @property
    def changed_rows(self) -> list[str]:
        return list(dict.fromkeys(c.key for c in self.changed))

    def __bool__(self) -> bool:
        return bool(
            self.added or self.removed or self.changed or self.columns_added or self.columns_removed
        )


def data_changes(old: TextTables, new: TextTables) -> list[TableChanges]:
    """Every table that differs between two copies of the packages, in package and table order."""
    found = []
    for name in sorted(old.keys() | new.keys()):
        old_frame, old_key = old.get(name, (None, None))
        new_frame, new_key = new.get(name, (None, None))
        changes = table_changes(name, old_frame, new_frame, new_key or old_key or [])
        if changes:
            found.append(changes)
    return found


def table_changes(
    name: str, old: pd.DataFrame | None, new: pd.DataFrame | None, key: list[str]
) -> TableChanges:
    """The changes of one table; a table that is new (or gone) has every row added (removed)."""
    old = empty_like(new, key) if old is None else old
    new = empty_like(old, key) if new is None else new
    key = [k for k in key if k in old.columns and k in new.columns] or list(new.columns)
    old, new = keyed(old, key), keyed(new, key)
    common_columns = [c for c in new.columns if c in old.columns]
    both = new.index.intersection(old.index, sort=False)
    before = old.loc[both, common_columns].to_numpy()
    after = new.loc[both, common_columns].to_numpy()
    return TableChanges(
        name,
        key,
        added=list(new.index.difference(old.index, sort=False)),
        removed=list(old.index.difference(new.index, sort=False)),
        changed=[
            CellChange(both[row], common_columns[column], before[row, column], after[row, column])
            for row, column in zip(*(before != after).nonzero())
        ],
        columns_added=[c for c in new.columns if c not in old.columns],
        columns_removed=[c for c in old.columns if c not in new.columns],
    )


def empty_like(frame: pd.DataFrame | None, key: list[str]) -> pd.DataFrame:
    return pd.DataFrame(columns=list(frame.columns) if frame is not None else key)


def keyed(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """The rows indexed by their key as one text (fields joined by KEY_SEPARATOR)."""
    index = frame[key[0]].str.cat([frame[k] for k in key[1:]], sep=KEY_SEPARATOR)
    frame = frame.drop(columns=key).set_axis(pd.Index(index, dtype=object), axis=0)
    return frame[~frame.index.duplicated(keep="last")]  # keys are unique in valid data


def summary(changes: list[TableChanges]) -> str:
    """The changes as text: a line per table, then a line per row (+ added, - removed,
    ~ changed, with each cell old → new)."""
    if not changes:
        return "No data changed."
    lines = []
    for table in changes:
        lines.append(
            f"{table.table}: {len(table.added)} added, {len(table.removed)} removed, "
            f"{len(table.changed_rows)} changed (key: {', '.join(table.key)})"
        )
        lines += [f"  new column {c}" for c in table.columns_added]
        lines += [f"  column removed {c}" for c in table.columns_removed]
        lines += [f"  + {k}" for k in table.added] + [f"  - {k}" for k in table.removed]
        lines += [f"  ~ {c.key}: {c.field}: {c.old!r} → {c.new!r}" for c in table.changed]
    return "\n".join(lines)
