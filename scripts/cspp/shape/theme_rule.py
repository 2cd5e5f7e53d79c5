"""Put each priority on the common map of themes, by the published rule in datapackages/themes.

The rule: a priority gets a theme when its text contains one of the theme's phrases as whole
words, ignoring case. A plural ending still matches ("s" or "es"; "ies" for a phrase ending in
"y"), curly apostrophes count as straight ones and "&" counts as "and". Then each correction adds or removes one theme
for one priority. The result is derived data: regenerated on every build, never stored.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

COLUMNS = ["priority_id", "theme_id", "matched_phrase", "derived_by"]


def normalise(text: str) -> str:
    """Lowercase, straight apostrophes, "&" as "and", runs of spaces as one."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("&", " and ")
    return re.sub(r"\s+", " ", text)


@lru_cache(maxsize=None)
def phrase_pattern(phrase: str) -> re.Pattern:
    """Whole words only; a plural ending is allowed; spaces and hyphens in a phrase are interchangeable."""
    words = [re.escape(word) for word in re.split(r"[ -]+", normalise(phrase).strip())]
    last = words[-1]
    # family -> families; other phrases take a plain s or es.
    words[-1] = last[:-1] + "(?:y|ys|ies)" if last.endswith("y") else last + "(?:s|es)?"
    return re.compile(r"(?<![\w'])" + r"[ -]+".join(words) + r"(?![\w'])")


def rule_matches(text: str, rules: pd.DataFrame | list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(theme_id, phrase) for the first matching phrase of each theme, longest phrase first."""
    text = normalise(text)
    found: dict[str, str] = {}
    ordered = ordered_rules(rules) if isinstance(rules, pd.DataFrame) else rules
    for theme_id, phrase in ordered:
        if theme_id not in found and phrase_pattern(phrase).search(text):
            found[theme_id] = phrase
    return list(found.items())


def ordered_rules(rules: pd.DataFrame) -> list[tuple[str, str]]:
    ordered = rules.assign(length=rules["phrase"].str.len()).sort_values(
        ["theme_id", "length", "phrase"], ascending=[True, False, True])
    return list(zip(ordered["theme_id"], ordered["phrase"]))


def assign_themes(priorities: pd.DataFrame, rules: pd.DataFrame,
                  corrections: pd.DataFrame) -> pd.DataFrame:
    """One row per (priority, theme): which phrase matched, and whether the rule or a correction put it there."""
    ordered = ordered_rules(rules)
    rows = [{"priority_id": pid, "theme_id": theme, "matched_phrase": phrase, "derived_by": "rule"}
            for pid, text in zip(priorities["priority_id"], priorities["text"])
            for theme, phrase in rule_matches(text, ordered)]
    derived = pd.DataFrame(rows, columns=COLUMNS)
    return apply_corrections(derived, corrections)


def apply_corrections(derived: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    removals = corrections[corrections["action"] == "remove"]
    removed = set(zip(removals["priority_id"], removals["theme_id"]))
    keep = pd.Series([(p, t) not in removed for p, t in zip(derived["priority_id"], derived["theme_id"])],
                     index=derived.index, dtype=bool)
    derived = derived.loc[keep]
    additions = corrections[corrections["action"] == "add"]
    present = set(zip(derived["priority_id"], derived["theme_id"]))
    added = pd.DataFrame(
        [{"priority_id": p, "theme_id": t, "matched_phrase": "", "derived_by": "correction"}
         for p, t in zip(additions["priority_id"], additions["theme_id"]) if (p, t) not in present],
        columns=COLUMNS)
    result = pd.concat([derived, added], ignore_index=True) if len(added) else derived
    return result.sort_values(["priority_id", "theme_id"]).reset_index(drop=True)


def unthemed(priorities: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """Priorities that neither the rule nor a correction put on any theme."""
    return priorities[~priorities["priority_id"].isin(set(derived["priority_id"]))]
