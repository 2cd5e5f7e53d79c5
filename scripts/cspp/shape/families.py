"""Family groups: the publishers' groupings of similar council areas (partnerships/
family_groupings.csv, family_groups.csv), which one a series is set beside, and where each
council sits in its group and among all council areas for a series' latest period.

pandas only, no I/O. Nothing is averaged here: a group is shown as its members' values, and
beside them, where the publisher's file gives one, the group's average as the publisher's
(measures/family_group_averages.csv). A rank orders values, highest first; it says nothing
about better or worse.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# The LGBF set held is the one its 2026 data table gives CHN01, and its record (services) says
# it is not confirmed for the other children's measures; so only CHN01 is set beside it.
OWN_GROUPING = {"lgbf_chn01": "lgbf-chn01-2026"}
# CPOP's grouping is given for every indicator of the Community Planning Outcomes Profile, the
# one grouping held that is given for more than one measure; every other series uses it.
GENERAL_GROUPING = "cpop-2023-09"
NO_AVERAGE = (
    "No family-group average is shown for this series: the publisher's file held gives none, "
    "and none is calculated here from rates."
)
NO_AVERAGE_FOR_KEY = (
    "No family-group average is shown for the key indicators: their publishers' files held give "
    "none, and none is calculated here from rates."
)
PUBLISHERS_AVERAGE = (
    "Each group's average is the publisher's own, copied from its file; none is calculated here."
)


@dataclass
class Grouping:
    grouping: dict  # its family_groupings.csv row
    group_of: dict[str, str]  # council code -> its group's label, as the file gives it

    @property
    def id(self) -> str:
        return self.grouping["grouping_id"]

    def short(self, label: str) -> str:
        """A group as a reader meets it: 'CPOP family group 4', 'LGBF family group Urban'."""
        return f"{self.acronym} family group {label}"

    @property
    def acronym(self) -> str:
        """The ids start with the publisher's programme: lgbf-..., cpop-..."""
        return self.id.split("-")[0].upper()

    def members(self, council_code: str) -> list[str]:
        """The council codes of its group, itself included, in the file's order."""
        label = self.group_of.get(council_code)
        return [code for code, group in self.group_of.items() if group == label] if label else []


@dataclass
class Families:
    groupings: dict[str, Grouping]  # by grouping id, the general one (CPOP's) first
    names: dict[str, str]  # council code -> council name
    averages: pd.DataFrame  # measures/family_group_averages.csv: the publishers' own

    def publishers_averages(self, indicator_id: str, period: str) -> dict[str, float]:
        """Group label -> the publisher's average for the series' grouping in that period."""
        grouping = self.for_series(indicator_id)
        if grouping is None:
            return {}
        a = self.averages
        rows = a[
            (a["indicator_id"] == indicator_id)
            & (a["grouping_id"] == grouping.id)
            & (a["period"] == period)
        ]
        return dict(zip(rows["family_group"].astype(str), rows["value"].astype(float)))

    def has_averages(self, indicator_id: str) -> bool:
        return bool((self.averages["indicator_id"] == indicator_id).any())

    def for_series(self, indicator_id: str) -> Grouping | None:
        """The grouping a series is set beside: its publisher's own, else CPOP's."""
        return self.groupings.get(OWN_GROUPING.get(indicator_id, GENERAL_GROUPING))

    def why(self, indicator_id: str) -> str:
        """Why this grouping, in the words of its record."""
        grouping = self.for_series(indicator_id)
        if grouping is None:
            return "No family grouping is held."
        services = grouping.grouping["services"]
        if indicator_id in OWN_GROUPING:
            return (
                f"This series is set beside the {grouping.grouping['name']}: the publisher "
                f"gives this grouping for it. Its record says: {services}"
            )
        return (
            f"This series is set beside the {grouping.grouping['name']}, given for: {services} "
            f"It is the one grouping held that is given for more than one measure; the LGBF "
            f"grouping held is given for CHN01 only."
        )


def shape_families(
    groupings: pd.DataFrame, groups: pd.DataFrame, averages: pd.DataFrame, councils: pd.DataFrame
) -> Families:
    names = dict(zip(councils["council_code"], councils["council_name"]))
    out = {}
    general_first = groupings.sort_values(
        "grouping_id", key=lambda ids: ids != GENERAL_GROUPING, kind="stable"
    )
    for row in general_first.to_dict("records"):
        own = groups[groups["grouping_id"] == row["grouping_id"]]
        out[row["grouping_id"]] = Grouping(
            row, dict(zip(own["council_code"], own["family_group"].astype(str)))
        )
    return Families(out, names, averages)


def ranked(values: pd.Series) -> pd.Series:
    """Rank 1 for the highest value; equal values share the better rank; no value, no rank."""
    return values.rank(ascending=False, method="min").astype("Int64")


@dataclass
class Standing:
    """One council within its family group, for one series' latest period."""

    council_code: str
    group: str  # the group's label
    rank: int | None  # among the members with a value, 1 = highest
    with_value: int  # members with a value
    members: list[tuple[str, str, float | None, int | None]]  # code, name, value, rank


def number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def standing(
    grouping: Grouping, names: dict[str, str], latest: dict[str, float], council_code: str
) -> Standing | None:
    """latest: council code -> value in the series' latest period (absent or NaN: no value)."""
    codes = grouping.members(council_code)
    if not codes:
        return None
    values = pd.Series({code: number(latest.get(code)) for code in codes}, dtype=float)
    ranks = ranked(values)
    order = sorted(
        codes, key=lambda c: (pd.isna(ranks[c]), ranks[c] if pd.notna(ranks[c]) else 0, names[c])
    )
    members = [
        (
            c,
            names[c],
            None if pd.isna(values[c]) else float(values[c]),
            None if pd.isna(ranks[c]) else int(ranks[c]),
        )
        for c in order
    ]
    own = ranks[council_code]
    return Standing(
        council_code,
        grouping.group_of[council_code],
        None if pd.isna(own) else int(own),
        int(values.notna().sum()),
        members,
    )


def ranked_rows(
    rows: pd.DataFrame, scotland_code: str | None, grouping: Grouping | None
) -> pd.DataFrame:
    """The council areas' rows of one period, highest value first and those without a value
    last, each with its rank among all council areas and its family group."""
    councils = rows[rows["area_code"] != scotland_code]
    group_of = grouping.group_of if grouping else {}
    out = councils.assign(
        rank=ranked(councils["value"]),
        family_grouping=grouping.id if grouping else "",
        family_group=[group_of.get(c, "") for c in councils["area_code"]],
    )
    return out.sort_values(["rank", "area_name"], na_position="last", kind="stable")


def every_group(
    grouping: Grouping, names: dict[str, str], latest: dict[str, float]
) -> list[Standing]:
    """Each group of the grouping once, its members ranked, in the order of their labels."""
    first = {}
    for code, label in grouping.group_of.items():
        first.setdefault(label, code)
    return [standing(grouping, names, latest, first[label]) for label in sorted(first)]


def latest_by_council(ranked: pd.DataFrame) -> dict[str, float]:
    """ranked_rows' values by council code, for standing()."""
    return dict(zip(ranked["area_code"], ranked["value"]))
