"""How well the theme rule agrees with the hand labels in themes/theme_labels.csv.

Only the labelled priorities are scored. A pair (priority, theme) that both the labels and the
rule give is agreed; precision is agreed pairs over the rule's pairs, recall is agreed pairs over
the labelled pairs, overall and per theme. A label row with no theme says that no theme applies.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Score:
    name: str
    labelled: int  # pairs the labels give
    derived: int   # pairs the rule gives
    agreed: int    # pairs both give

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
    themes: list[Score]          # one per theme that the labels or the rule use
    missed: list[tuple[str, str]]  # (priority, theme) labelled, not derived
    extra: list[tuple[str, str]]   # (priority, theme) derived, not labelled


def evaluate(labels: pd.DataFrame, derived: pd.DataFrame) -> Evaluation:
    """labels: priority_id, theme_id ("" for none); derived: priority_id, theme_id (the rule's)."""
    labelled_ids = set(labels["priority_id"])
    wanted = {(p, t) for p, t in zip(labels["priority_id"], labels["theme_id"]) if t}
    given = {(p, t) for p, t in zip(derived["priority_id"], derived["theme_id"]) if p in labelled_ids}
    themes = sorted({t for _, t in wanted | given})
    return Evaluation(
        priorities=len(labelled_ids),
        overall=score("overall", wanted, given),
        themes=[score(theme, {pair for pair in wanted if pair[1] == theme},
                      {pair for pair in given if pair[1] == theme}) for theme in themes],
        missed=sorted(wanted - given), extra=sorted(given - wanted))


def score(name: str, wanted: set, given: set) -> Score:
    return Score(name, labelled=len(wanted), derived=len(given), agreed=len(wanted & given))


def share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def report(evaluation: Evaluation, texts: dict[str, str]) -> str:
    """The scores as a plain-text table, then every disagreement with the priority's words."""
    lines = [f"Theme rule against the hand labels: {evaluation.priorities} priorities",
             f"{'theme':<22} {'labelled':>8} {'derived':>8} {'agreed':>7} {'precision':>10} {'recall':>7}"]
    for s in [evaluation.overall, *evaluation.themes]:
        lines.append(f"{s.name:<22} {s.labelled:>8} {s.derived:>8} {s.agreed:>7} "
                     f"{share(s.precision):>10} {share(s.recall):>7}")
    for heading, pairs in (("Labelled, but the rule does not give it", evaluation.missed),
                           ("The rule gives it, but the labels do not", evaluation.extra)):
        lines += ["", f"{heading} ({len(pairs)}):"]
        lines += [f"  {theme:<20} {pid}: {texts.get(pid, '')}" for pid, theme in pairs]
    return "\n".join(lines)
