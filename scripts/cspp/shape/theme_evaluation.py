"""How well the theme rule agrees with the hand labels in themes/theme_labels.csv.

Only the labelled priorities are scored. A pair (priority, theme) that both the labels and the
rule give is agreed; precision is agreed pairs over the rule's pairs, recall is agreed pairs over
the labelled pairs, overall and per theme. A label row with no theme says that no theme applies.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from . import theme_rule


@dataclass(frozen=True)
class Score:
    name: str
    labelled: int  # pairs the labels give
    derived: int  # pairs the rule gives
    agreed: int  # pairs both give

    @property
    def precision(self) -> float | None:
        return self.agreed / self.derived if self.derived else None

    @property
    def recall(self) -> float | None:
        return self.agreed / self.labelled if self.labelled else None


@dataclass(frozen=True)
class Evaluation:
    priorities: int
    overall: Score
    themes: list[Score]  # one per theme that the labels or the rule use
    missed: list[tuple[str, str]]  # (priority, theme) labelled, not derived
    extra: list[tuple[str, str]]  # (priority, theme) derived, not labelled


def evaluate(labels: pd.DataFrame, derived: pd.DataFrame) -> Evaluation:
    """labels: priority_id, theme_id ("" for none); derived: priority_id, theme_id (the rule's)."""
    labelled_ids = set(labels["priority_id"])
    wanted = {(p, t) for p, t in zip(labels["priority_id"], labels["theme_id"]) if t}
    given = {
        (p, t) for p, t in zip(derived["priority_id"], derived["theme_id"]) if p in labelled_ids
    }
    themes = sorted({t for _, t in wanted | given})
    return Evaluation(
        priorities=len(labelled_ids),
        overall=score("overall", wanted, given),
        themes=[
            score(
                theme,
                {pair for pair in wanted if pair[1] == theme},
                {pair for pair in given if pair[1] == theme},
            )
            for theme in themes
        ],
        missed=sorted(wanted - given),
        extra=sorted(given - wanted),
    )


def score(name: str, wanted: set, given: set) -> Score:
    return Score(name, labelled=len(wanted), derived=len(given), agreed=len(wanted & given))


def share(value: float | None, missing: str = "n/a") -> str:
    """A precision or recall to two decimals; `missing` where no pair makes one."""
    return missing if value is None else f"{value:.2f}"


def samples(labels: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The labels of each sample ("all" of them first, then each draw by name, if they are named)."""
    named = (
        {name: rows for name, rows in labels.groupby("sample", sort=False)}
        if "sample" in labels
        else {}
    )
    return {"all": labels, **(named if len(named) > 1 else {})}


def evaluations(labels: pd.DataFrame, derived: pd.DataFrame) -> dict[str, Evaluation]:
    return {name: evaluate(rows, derived) for name, rows in samples(labels).items()}


def full_report(
    labels: pd.DataFrame, priorities: pd.DataFrame, plans: pd.DataFrame, rule: theme_rule.ThemeRule
) -> str:
    """The published rule (with its corrections) against each sample of labels, and the rule alone."""
    derived = theme_rule.assign_themes(priorities, plans, rule)
    alone = theme_rule.assign_themes(
        priorities, plans, dataclasses.replace(rule, corrections=rule.corrections.iloc[0:0])
    )
    texts = dict(zip(priorities["priority_id"], priorities["text"]))
    parts = []
    for name, rows in samples(labels).items():
        without = evaluate(rows, alone).overall
        parts.append(
            report(evaluate(rows, derived), texts, f"sample: {name}")
            + f"\n\nThe rule alone, without the {len(rule.corrections)} corrections: precision "
            f"{share(without.precision)}, recall {share(without.recall)}"
        )
    return "\n\n".join(parts)


def report(evaluation: Evaluation, texts: dict[str, str], heading: str = "") -> str:
    """The scores as a plain-text table, then every disagreement with the priority's words."""
    lines = [
        f"Theme rule against the hand labels ({heading}): {evaluation.priorities} priorities",
        f"{'theme':<22} {'labelled':>8} {'derived':>8} {'agreed':>7} {'precision':>10} {'recall':>7}",
    ]
    for s in [evaluation.overall, *evaluation.themes]:
        lines.append(
            f"{s.name:<22} {s.labelled:>8} {s.derived:>8} {s.agreed:>7} "
            f"{share(s.precision):>10} {share(s.recall):>7}"
        )
    for heading, pairs in (
        ("Labelled, but the rule does not give it", evaluation.missed),
        ("The rule gives it, but the labels do not", evaluation.extra),
    ):
        lines += ["", f"{heading} ({len(pairs)}):"]
        lines += [f"  {theme:<20} {pid}: {texts.get(pid, '')}" for pid, theme in pairs]
    return "\n".join(lines)
