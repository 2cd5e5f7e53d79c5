"""The loaded tables as the shape stage receives them: one named field per table it reads, so a
reader sees every input of shape_site here, declared once (as owid/etl steps declare theirs).

Nothing here reads a file: named_tables only names what load_model already read.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import pandas as pd

from .model import Model

GUIDELINES = "themes/labelling_guidelines.md"  # the hand labels' guidelines, in the themes package


@dataclass(frozen=True)
class Tables:
    """Each table shape_site reads, by its resource name, typed by its schema (load/model.py)."""

    partnerships: pd.DataFrame
    councils: pd.DataFrame
    health_boards: pd.DataFrame
    memberships: pd.DataFrame
    family_groupings: pd.DataFrame
    family_groups: pd.DataFrame
    family_group_averages: pd.DataFrame
    plans: pd.DataFrame
    priorities: pd.DataFrame
    plan_measures: pd.DataFrame
    plan_statements: pd.DataFrame
    partnership_facts: pd.DataFrame
    policy_context: pd.DataFrame
    research_gaps: pd.DataFrame
    confirmations: pd.DataFrame
    reviews: pd.DataFrame
    review_criteria: pd.DataFrame
    reviewed_plans: pd.DataFrame
    indicators: pd.DataFrame
    indicator_labels: pd.DataFrame
    indicator_values: pd.DataFrame
    rate_definitions: pd.DataFrame
    snapshots: pd.DataFrame
    sources: pd.DataFrame
    publisher_domains: pd.DataFrame
    themes: pd.DataFrame
    theme_rules: pd.DataFrame
    theme_exclusions: pd.DataFrame
    theme_documents: pd.DataFrame
    theme_corrections: pd.DataFrame
    theme_indicators: pd.DataFrame
    key_indicators: pd.DataFrame
    every: dict[str, pd.DataFrame]  # every table by resource name: for the rules that read all
    # (citations, cited websites, row counts)
    cycles: tuple[str, ...]  # the planning cycles, oldest first (plans.cycle's enum)
    source_kinds: tuple[str, ...]  # sources.kind's enum, in the schema's order
    packages: dict  # frictionless Package by name: the descriptors
    guidelines: str  # the hand labels' guidelines (Markdown), or ""
    theme_labels: pd.DataFrame | None = None  # the hand labels, where the themes package has them


def named_tables(model: Model) -> Tables:
    """The model's tables and schema facts as shape_site's named inputs."""
    named = {
        f.name: model.tables[f.name]
        for f in fields(Tables)
        if f.name in model.tables and f.name != "theme_labels"
    }
    return Tables(
        **named,
        every=model.tables,
        cycles=model.cycles,
        source_kinds=model.enum("sources", "kind"),
        packages=model.packages,
        guidelines=model.documents.get(GUIDELINES, ""),
        theme_labels=model.tables.get("theme_labels"),
    )
