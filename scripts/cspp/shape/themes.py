"""The priority themes as the compare pages show them (DERIVED data, by the published rule in
theme_rule.py): every priority-theme pair with its plan, the partnership × theme grid of each
cycle, how many partnerships have each theme per cycle, and the priorities with no theme.

Only children's services plans count in the grids, so a cycle compares like with like.
Partnerships with no priorities recorded for a cycle are "not yet found", never "no themes".
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import theme_evaluation, theme_rule
from .plans import CSP

DERIVED_COLUMNS = [
    "priority_id",
    "plan_id",
    "partnership_id",
    "document_type",
    "cycle",
    "theme_id",
    "theme_name",
    "matched_phrase",
    "derived_by",
    "priority_text",
]


@dataclass
class ThemesData:
    themes: pd.DataFrame  # themes.csv, in order (SHANARRI first)
    phrases: dict[str, list[str]]  # theme id -> its phrases
    rule: theme_rule.ThemeRule  # the published rule's tables, for the themes page
    corrections: pd.DataFrame  # with theme_name
    derived: pd.DataFrame  # DERIVED_COLUMNS: one row per priority-theme pair
    unthemed: pd.DataFrame  # priorities on no theme, with partnership and plan title
    grids: dict[str, pd.DataFrame]  # cycle -> partnership × theme counts (newest cycle first)
    missing: dict[str, list[str]]  # cycle -> partnerships with no priorities recorded
    by_cycle: pd.DataFrame  # theme × cycle: partnerships with a priority on it
    recorded: dict[str, int]  # cycle -> partnerships with priorities recorded
    priorities: int  # how many priorities there are in all
    evaluation: dict[str, theme_evaluation.Evaluation]  # sample -> the rule against its hand labels
    guidelines: str  # the hand labels' guidelines (Markdown), or ""
    partnerships: int  # how many partnerships there are in all


def themes_data(
    priorities: pd.DataFrame,
    plans: pd.DataFrame,
    themes: pd.DataFrame,
    partnerships: pd.DataFrame,
    rule: theme_rule.ThemeRule,
    cycles: tuple[str, ...],
    labels: pd.DataFrame | None,
    guidelines: str,
) -> ThemesData:
    """labels: the hand labels (theme_labels.csv), None where the package has none;
    guidelines: their guidelines (Markdown), or ""."""
    pairs = theme_rule.assign_themes(priorities, plans, rule)
    derived = derived_table(pairs, priorities, plans, themes)
    names = partnerships.set_index("partnership_id")["area_name"]
    present = {c: csp_partnerships(priorities, plans, c) for c in cycles}
    csp = derived[derived["document_type"] == CSP]
    return ThemesData(
        themes=themes,
        phrases=rule.phrases.groupby("theme_id")["phrase"].apply(list).to_dict(),
        rule=rule,
        corrections=rule.corrections.assign(
            theme_name=lambda c: (
                c["theme_id"].map(themes.set_index("theme_id")["theme_name"]).fillna(c["theme_id"])
            )
        ),
        derived=derived,
        unthemed=theme_rule.unthemed(priorities, pairs)
        .merge(plans[["plan_id", "partnership_id", "title"]], on="plan_id")
        .assign(partnership_name=lambda u: u["partnership_id"].map(names).fillna("")),
        grids={
            c: grid(csp[csp["cycle"] == c], present[c], themes, names)
            for c in reversed(cycles)
            if present[c]
        },
        missing={c: [names[p] for p in names.index if p not in present[c]] for c in cycles},
        by_cycle=by_cycle(csp, themes, cycles, present),
        recorded={c: len(present[c]) for c in cycles},
        priorities=len(priorities),
        partnerships=len(names),
        evaluation=(theme_evaluation.evaluations(labels, pairs) if labels is not None else {}),
        guidelines=guidelines,
    )


def derived_table(pairs: pd.DataFrame, priorities, plans, themes) -> pd.DataFrame:
    """DERIVED: every priority-theme pair with the priority's plan, partnership and cycle."""
    out = pairs.merge(priorities[["priority_id", "plan_id", "text"]], on="priority_id")
    out = out.merge(plans[["plan_id", "partnership_id", "document_type", "cycle"]], on="plan_id")
    out = out.merge(themes[["theme_id", "theme_name"]], on="theme_id")
    return out.rename(columns={"text": "priority_text"})[DERIVED_COLUMNS]


def csp_partnerships(priorities: pd.DataFrame, plans: pd.DataFrame, cycle: str) -> list[str]:
    """Partnerships with at least one recorded priority in a children's services plan of the cycle."""
    p = priorities.merge(plans, on="plan_id")
    p = p[(p["document_type"] == CSP) & (p["cycle"] == cycle)]
    return sorted(p["partnership_id"].unique())


def grid(rows: pd.DataFrame, present: list[str], themes: pd.DataFrame, names) -> pd.DataFrame:
    """How many priorities of each partnership's plan the rule puts on each theme."""
    counts = rows.groupby(["partnership_id", "theme_id"])["priority_id"].nunique()
    return pd.DataFrame(
        [
            {
                "partnership_id": pid,
                "partnership_name": names[pid],
                "theme_id": t,
                "theme_name": n,
                "priorities": int(counts.get((pid, t), 0)),
            }
            for pid in present
            for t, n in zip(themes["theme_id"], themes["theme_name"])
        ]
    )


def by_cycle(rows: pd.DataFrame, themes: pd.DataFrame, cycles, present: dict) -> pd.DataFrame:
    counted = rows.groupby(["theme_id", "cycle"])["partnership_id"].nunique()
    return pd.DataFrame(
        [
            {
                "theme_id": t,
                "theme_name": n,
                "cycle": c,
                "partnerships_with_theme": int(counted.get((t, c), 0)),
                "partnerships_with_priorities_recorded": len(present[c]),
            }
            for t, n in zip(themes["theme_id"], themes["theme_name"])
            for c in cycles
        ]
    )
