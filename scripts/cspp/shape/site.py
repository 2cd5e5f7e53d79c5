"""Everything the site shows, shaped once from the model: the one input of the render stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .ages import Age, series_ages
from .families import Families, shape_families
from .coverage import (gap_list, gaps_matrix, headline_counts, last_checked_anywhere, resource_rows,
                       source_hosts, temporal_coverage)
from .freshness import source_list
from .indicators import latest_values
from .partnerships import PartnershipData, partnership_data
from .plans import PlanData, plan_data
from .profiles import Outcomes, Series, shape_outcomes
from .publishers import with_publishers
from .review import ReviewData, review_data
from .theme_changes import CycleChange, theme_change
from .themes import ThemesData, themes_data


@dataclass
class Site:
    cycles: tuple[str, ...]
    scotland_code: str | None
    partnerships: list[PartnershipData]
    plans: dict[str, PlanData]
    indicators: list[dict]          # indicators.csv, the series, with their indicator_labels.csv
    councils: pd.DataFrame          # councils.csv with partnership area name and board name
    reviews: list[ReviewData]
    themes: ThemesData
    counts: dict
    gaps: pd.DataFrame
    todo: pd.DataFrame              # every gap to fill, most useful first (coverage.gap_list)
    resources: list[dict]
    source_hosts: pd.Series
    sources: pd.DataFrame           # every source, with the rows citing it (freshness.source_list)
                                    # and the publisher shown (publishers.with_publishers)
    publisher_domains: pd.DataFrame  # sources/publisher_domains.csv: the rule's domain table
    last_checked: str
    temporal_coverage: tuple[int, int]
    packages: dict              # frictionless Package by name: the descriptors, for the dictionary
    outcomes: Outcomes          # key indicators, theme indicators and derived rates
    theme_changes: dict[str, tuple[Series, CycleChange]]  # theme id -> its headline change, if any
    ages: dict[str, Age]        # indicator id -> its periods, release and next update
    snapshots: pd.DataFrame     # measures/snapshots.csv: the publisher files the figures came from
    families: Families          # the family groupings, each council's group in each


def shape_site(model, today: dt.date) -> Site:
    """All but the indicator pages and charts, which are shaped apart (shape_indicators).
    today: the day the site is built for, which says whether a stated next update has passed."""
    scotland = model.scotland_code
    values = model.table("indicator_values")
    plans = plan_data(model.table("plans"), model.table("priorities"), model.table("plan_measures"),
                      model.table("plan_statements"))
    partnerships = partnership_data(model, plans, latest_values(values, scotland))
    themes, outcomes = themes_data(model), shape_outcomes(model)
    changes = {theme_id: theme_change(outcomes, theme_id, model.cycles, partnerships, themes)
               for theme_id in themes.themes["theme_id"]}
    return Site(
        cycles=model.cycles, scotland_code=scotland, partnerships=partnerships, plans=plans,
        indicators=model.table("indicators").merge(model.table("indicator_labels"),
                                                   on="indicator_id", how="left").to_dict("records"),
        councils=councils_with_names(model),
        reviews=review_data(model.table("reviews"), model.table("review_criteria")),
        themes=themes, counts=headline_counts(model, partnerships),
        gaps=gaps_matrix(partnerships, model.cycles), todo=gap_list(partnerships, model.cycles),
        resources=resource_rows(model),
        source_hosts=source_hosts(model),
        sources=with_publishers(source_list(model), model.table("publisher_domains")),
        publisher_domains=model.table("publisher_domains"),
        last_checked=last_checked_anywhere(model),
        temporal_coverage=temporal_coverage(model), packages=model.packages,
        outcomes=outcomes,
        theme_changes={theme_id: change for theme_id, change in changes.items() if change},
        ages=series_ages(values, model.table("snapshots"), today),
        snapshots=model.table("snapshots"),
        families=shape_families(model.table("family_groupings"), model.table("family_groups"),
                                model.table("councils")))


def councils_with_names(model) -> pd.DataFrame:
    areas = model.table("partnerships")[["partnership_id", "area_name"]]
    boards = model.table("health_boards")[["health_board_code", "health_board_name"]]
    return model.table("councils").merge(areas, on="partnership_id").merge(
        boards, on="health_board_code")
