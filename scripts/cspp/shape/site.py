"""Everything the site shows, shaped once from the named tables (load/tables.py): the one input
of the render stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ..load.model import scotland_code as find_scotland
from ..load.tables import Tables
from .ages import Age, series_ages
from .coverage import (
    gap_list,
    gaps_matrix,
    headline_counts,
    last_checked_anywhere,
    resource_rows,
    source_hosts,
    temporal_coverage,
)
from .families import Families, shape_families
from .freshness import source_list
from .indicators import latest_values
from .partnerships import PARTNERSHIP_RESOURCES, PartnershipData, partnership_data, source_checks
from .plans import PlanData, plan_data
from .profiles import Outcomes, Series, shape_outcomes
from .publishers import with_publishers
from .rates import derived_rates
from .review import ReviewData, review_data
from .theme_changes import CycleChange, theme_change
from .theme_rule import ThemeRule
from .themes import ThemesData, themes_data


@dataclass
class Site:
    cycles: tuple[str, ...]
    scotland_code: str | None
    partnerships: list[PartnershipData]
    plans: dict[str, PlanData]
    indicators: list[dict]  # indicators.csv, the series, with their indicator_labels.csv
    councils: pd.DataFrame  # councils.csv with partnership area name and board name
    reviews: list[ReviewData]
    themes: ThemesData
    counts: dict
    gaps: pd.DataFrame
    todo: pd.DataFrame  # every gap to fill, most useful first (coverage.gap_list)
    resources: list[dict]
    source_hosts: pd.Series
    sources: pd.DataFrame  # every source, with the rows citing it (freshness.source_list)
    # and the publisher shown (publishers.with_publishers)
    publisher_domains: pd.DataFrame  # sources/publisher_domains.csv: the rule's domain table
    last_checked: str
    temporal_coverage: tuple[int, int]
    packages: dict  # frictionless Package by name: the descriptors, for the dictionary
    outcomes: Outcomes  # key indicators, theme indicators and derived rates
    theme_changes: dict[str, tuple[Series, CycleChange]]  # theme id -> its headline change, if any
    ages: dict[str, Age]  # indicator id -> its periods, release and next update
    snapshots: pd.DataFrame  # measures/snapshots.csv: the publisher files the figures came from
    families: Families  # the family groupings, each council's group in each


def shape_site(tables: Tables, today: dt.date) -> Site:
    """All but the indicator pages and charts, which are shaped apart (shape_indicators).
    tables: every input, named (load/tables.py); today: the day the site is built for, which
    says whether a stated next update has passed and which sources are stale."""
    t = tables
    scotland = find_scotland(t.councils, t.indicator_values)
    rates = derived_rates(
        t.rate_definitions, t.indicator_values, t.councils, t.partnerships, scotland
    )
    plans = plan_data(t.plans, t.priorities, t.plan_measures, t.plan_statements)
    partnerships = partnership_data(
        {name: getattr(t, name) for name in PARTNERSHIP_RESOURCES},
        t.health_boards,
        t.reviews,
        t.cycles,
        plans,
        latest_values(t.indicator_values, scotland),
        source_checks(t.every, t.plans, t.sources, t.partnerships, today),
    )
    themes = themes_data(
        t.priorities,
        t.plans,
        t.themes,
        t.partnerships,
        theme_rule_of(t),
        t.cycles,
        t.theme_labels,
        t.guidelines,
    )
    outcomes = shape_outcomes(
        t.indicators,
        t.indicator_labels,
        t.indicator_values,
        t.councils,
        t.partnerships,
        t.themes,
        t.theme_indicators,
        t.key_indicators,
        rates,
        scotland,
    )
    changes = {
        theme_id: theme_change(outcomes, theme_id, t.cycles, partnerships, themes)
        for theme_id in themes.themes["theme_id"]
    }
    return Site(
        cycles=t.cycles,
        scotland_code=scotland,
        partnerships=partnerships,
        plans=plans,
        indicators=t.indicators.merge(t.indicator_labels, on="indicator_id", how="left").to_dict(
            "records"
        ),
        councils=councils_with_names(t.councils, t.partnerships, t.health_boards),
        reviews=review_data(t.reviews, t.review_criteria),
        themes=themes,
        counts=headline_counts(
            partnerships,
            t.cycles,
            councils=t.councils,
            plans=t.plans,
            priorities=t.priorities,
            plan_measures=t.plan_measures,
            indicators=t.indicators,
            memberships=t.memberships,
            sources=t.sources,
        ),
        gaps=gaps_matrix(partnerships, t.cycles),
        todo=gap_list(partnerships, t.cycles),
        resources=resource_rows(t.packages, t.every),
        source_hosts=source_hosts(t.every),
        sources=with_publishers(
            source_list(t.every, t.sources, t.source_kinds), t.publisher_domains
        ),
        publisher_domains=t.publisher_domains,
        last_checked=last_checked_anywhere(t.sources),
        temporal_coverage=temporal_coverage(t.plans, t.indicator_values),
        packages=t.packages,
        outcomes=outcomes,
        theme_changes={theme_id: change for theme_id, change in changes.items() if change},
        ages=series_ages(t.indicator_values, t.snapshots, today),
        snapshots=t.snapshots,
        families=shape_families(
            t.family_groupings, t.family_groups, t.family_group_averages, t.councils
        ),
    )


def theme_rule_of(tables: Tables) -> ThemeRule:
    return ThemeRule(
        tables.theme_rules,
        tables.theme_exclusions,
        tables.theme_documents,
        tables.theme_corrections,
    )


def councils_with_names(
    councils: pd.DataFrame, partnerships: pd.DataFrame, health_boards: pd.DataFrame
) -> pd.DataFrame:
    areas = partnerships[["partnership_id", "area_name"]]
    boards = health_boards[["health_board_code", "health_board_name"]]
    return councils.merge(areas, on="partnership_id").merge(boards, on="health_board_code")
