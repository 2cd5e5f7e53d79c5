"""Put each priority on the common map of themes, by the published rule in datapackages/themes.

The rule has three parts, each a table, and then corrections:
- the document: a priority in a document of a stated type, or whose title names a stated phrase,
  carries that document's theme (every priority of a Promise plan is about care experience);
- the phrases: a priority gets a theme when its text contains one of the theme's phrases as whole
  words, ignoring case. A plural ending still matches ("s" or "es"; "ies" for a phrase ending in
  "y"), curly apostrophes count as straight ones and "&" counts as "and";
- the exclusions: before a theme's phrases are matched, the words of that theme's exclusion
  phrases are set aside ("early learning and childcare" is early years, so its "learning" does
  not count for learning and attainment).
Then each correction adds or removes one theme for one priority, with its reason. The result is
derived data: regenerated on every build, never stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pandas as pd

COLUMNS = ["priority_id", "theme_id", "matched_phrase", "derived_by"]
GAP = " | "  # stands in for set-aside words, so that no phrase can match across them


@dataclass(frozen=True)
class ThemeRule:
    """The published rule's tables, as the themes package holds them."""

    phrases: pd.DataFrame  # theme_rules.csv: theme_id, phrase
    exclusions: pd.DataFrame  # theme_exclusions.csv: theme_id, phrase, reason
    documents: pd.DataFrame  # theme_documents.csv: theme_id, document_type, title_phrase, reason
    corrections: pd.DataFrame  # theme_corrections.csv: priority_id, theme_id, action, reason

    @classmethod
    def from_tables(cls, table: Callable[[str], pd.DataFrame]) -> ThemeRule:
        return cls(
            table("theme_rules"),
            table("theme_exclusions"),
            table("theme_documents"),
            table("theme_corrections"),
        )


def normalise(text: str) -> str:
    """Lowercase, straight apostrophes, "&" as "and", runs of spaces as one."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("&", " and ")
    return re.sub(r"\s+", " ", text)


@cache
def phrase_pattern(phrase: str) -> re.Pattern:
    """Whole words only; a plural ending is allowed; spaces and hyphens in a phrase are interchangeable."""
    words = [re.escape(word) for word in re.split(r"[ -]+", normalise(phrase).strip())]
    last = words[-1]
    # family -> families; other phrases take a plain s or es.
    words[-1] = last[:-1] + "(?:y|ys|ies)" if last.endswith("y") else last + "(?:s|es)?"
    return re.compile(r"(?<![\w'])" + r"[ -]+".join(words) + r"(?![\w'])")


def has_phrase(text: str, phrase: str) -> bool:
    return bool(phrase_pattern(phrase).search(normalise(text)))


def ordered_phrases(phrases: pd.DataFrame) -> list[tuple[str, str]]:
    """(theme_id, phrase), longest phrase first within each theme, so the most telling one is reported."""
    ordered = phrases.assign(length=phrases["phrase"].str.len()).sort_values(
        ["theme_id", "length", "phrase"], ascending=[True, False, True]
    )
    return list(zip(ordered["theme_id"], ordered["phrase"]))


def exclusions_by_theme(exclusions: pd.DataFrame) -> dict[str, list[str]]:
    return exclusions.groupby("theme_id")["phrase"].apply(list).to_dict() if len(exclusions) else {}


def set_aside(text: str, phrases: list[str]) -> str:
    for phrase in phrases:
        text = phrase_pattern(phrase).sub(GAP, text)
    return text


def phrase_matches(
    text: str, ordered: list[tuple[str, str]], excluded: dict[str, list[str]] | None = None
) -> list[tuple[str, str]]:
    """(theme_id, phrase) for the first matching phrase of each theme, its exclusions set aside."""
    text, excluded = normalise(text), excluded or {}
    found: dict[str, str] = {}
    for theme_id, phrase in ordered:
        if theme_id not in found and phrase_pattern(phrase).search(
            set_aside(text, excluded.get(theme_id, []))
        ):
            found[theme_id] = phrase
    return list(found.items())


def document_matches(
    document_type: str, title: str, documents: pd.DataFrame
) -> list[tuple[str, str]]:
    """(theme_id, why) for each document rule that the document meets: its type, its title, or both."""
    found: dict[str, str] = {}
    for row in documents.to_dict("records"):
        kind, phrase = row["document_type"] or "", row["title_phrase"] or ""
        if (not kind or kind == document_type) and (not phrase or has_phrase(title, phrase)):
            found.setdefault(row["theme_id"], document_reason(kind, phrase))
    return list(found.items())


def document_reason(kind: str, phrase: str) -> str:
    said = [f"a {kind.replace('-', ' ')}"] if kind else []
    said += [f"a document whose title has “{phrase}”"] if phrase else []
    return "its document is " + ", ".join(said)


def assign_themes(priorities: pd.DataFrame, plans: pd.DataFrame, rule: ThemeRule) -> pd.DataFrame:
    """One row per (priority, theme): what put it there (the document, a phrase or a correction)."""
    ordered, excluded = ordered_phrases(rule.phrases), exclusions_by_theme(rule.exclusions)
    documents = plans.set_index("plan_id")[["document_type", "title"]].to_dict("index")
    rows = []
    for pid, plan_id, text in zip(
        priorities["priority_id"], priorities["plan_id"], priorities["text"]
    ):
        document = documents.get(plan_id, {"document_type": "", "title": ""})
        given = dict(document_matches(document["document_type"], document["title"], rule.documents))
        rows += [
            {"priority_id": pid, "theme_id": t, "matched_phrase": why, "derived_by": "document"}
            for t, why in given.items()
        ]
        rows += [
            {"priority_id": pid, "theme_id": t, "matched_phrase": phrase, "derived_by": "rule"}
            for t, phrase in phrase_matches(text, ordered, excluded)
            if t not in given
        ]
    corrections = rule.corrections[
        rule.corrections["priority_id"].isin(set(priorities["priority_id"]))
    ]
    return apply_corrections(pd.DataFrame(rows, columns=COLUMNS), corrections)


def apply_corrections(derived: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    removals = corrections[corrections["action"] == "remove"]
    removed = set(zip(removals["priority_id"], removals["theme_id"]))
    keep = pd.Series(
        [(p, t) not in removed for p, t in zip(derived["priority_id"], derived["theme_id"])],
        index=derived.index,
        dtype=bool,
    )
    derived = derived.loc[keep]
    additions = corrections[corrections["action"] == "add"]
    present = set(zip(derived["priority_id"], derived["theme_id"]))
    added = pd.DataFrame(
        [
            {"priority_id": p, "theme_id": t, "matched_phrase": "", "derived_by": "correction"}
            for p, t in zip(additions["priority_id"], additions["theme_id"])
            if (p, t) not in present
        ],
        columns=COLUMNS,
    )
    result = pd.concat([derived, added], ignore_index=True) if len(added) else derived
    return result.sort_values(["priority_id", "theme_id"]).reset_index(drop=True)


def unthemed(priorities: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """Priorities that neither the rule nor a correction put on any theme."""
    return priorities[~priorities["priority_id"].isin(set(derived["priority_id"]))]
