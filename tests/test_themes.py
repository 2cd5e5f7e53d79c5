"""The theme rule: hand-written priority texts with hand-written expected themes, and the package."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from frictionless import validate

from cspp.load.model import load_model
from cspp.shape import theme_rule as themes
from cspp.paths import DATAPACKAGES
from cspp.validate import validate_packages


def frame(rows, columns):
    return pd.DataFrame(rows, columns=columns)


RULES = frame([("poverty", "child poverty"), ("poverty", "cost of living"),
               ("rights", "children's rights"), ("care", "looked after"),
               ("family", "family"), ("health", "mental health")], ["theme_id", "phrase"])
NO_CORRECTIONS = frame([], ["priority_id", "theme_id", "action", "reason"])


def themes_of(text, rules=RULES, corrections=NO_CORRECTIONS):
    priorities = frame([("p1", text)], ["priority_id", "text"])
    return set(themes.assign_themes(priorities, rules, corrections)["theme_id"])


@pytest.mark.parametrize("text, expected", [
    ("Tackling Child Poverty", {"poverty"}),                       # case is ignored
    ("Reducing the COST OF LIVING for families", {"poverty", "family"}),
    ("Promoting children’s rights", {"rights"}),                   # curly apostrophe
    ("Supporting families", {"family"}),                           # plural ending
    ("Familiarity with services", set()),                          # not a whole word
    ("Looked-after children", {"care"}),                           # hyphen for a space
    ("Mental health & wellbeing of children and families", {"health", "family"}),
    ("Place", set()),
])
def test_rule_on_hand_written_texts(text, expected):
    assert themes_of(text) == expected


def test_rule_reports_the_phrase_and_rule_as_origin():
    priorities = frame([("p1", "End child poverty")], ["priority_id", "text"])
    derived = themes.assign_themes(priorities, RULES, NO_CORRECTIONS)
    assert derived[["priority_id", "theme_id", "matched_phrase", "derived_by"]].values.tolist() == [
        ["p1", "poverty", "child poverty", "rule"]]


def test_corrections_add_and_remove_one_theme_each():
    corrections = frame([("p1", "rights", "add", "why"), ("p1", "family", "remove", "why")],
                        ["priority_id", "theme_id", "action", "reason"])
    priorities = frame([("p1", "Supporting families out of child poverty")], ["priority_id", "text"])
    derived = themes.assign_themes(priorities, RULES, corrections)
    assert sorted(map(tuple, derived[["theme_id", "derived_by"]].values.tolist())) == [
        ("poverty", "rule"), ("rights", "correction")]


def test_unthemed_lists_priorities_without_any_theme():
    priorities = frame([("p1", "Child poverty"), ("p2", "Economy")], ["priority_id", "text"])
    derived = themes.assign_themes(priorities, RULES, NO_CORRECTIONS)
    assert themes.unthemed(priorities, derived)["priority_id"].tolist() == ["p2"]


@pytest.fixture(scope="module")
def model():
    return load_model()


@pytest.mark.parametrize("text, expected", [
    # Expected sets worked out by hand from datapackages/themes/theme_rules.csv.
    ("Tackling child poverty", {"child-poverty", "included"}),
    ("Keeping The Promise", {"the-promise"}),
    ("Young Carers", {"young-carers"}),
    ("Improving children and young people's mental health", {"mental-health", "healthy"}),
    ("Economy", set()),
])
def test_published_rules_on_hand_written_texts(model, text, expected):
    assert themes_of(text, model.table("theme_rules"), NO_CORRECTIONS) == expected


def test_themes_package_passes_stock_frictionless():
    report = validate(str(DATAPACKAGES / "themes" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_themes_package_passes_cspp_validate_including_cross_package_keys():
    assert [p for p in validate_packages() if "themes" in str(p.to_dict())] == []


def test_themes_anchor_on_the_eight_shanarri_indicators(model):
    shanarri = model.table("themes")
    names = set(shanarri.loc[shanarri["group"] == "shanarri", "theme_name"])
    assert names == {"Safe", "Healthy", "Achieving", "Nurtured", "Active", "Respected",
                     "Responsible", "Included"}


def test_every_correction_changes_what_the_rule_alone_gives(model):
    priorities = model.table("priorities")
    rule_only = themes.assign_themes(priorities, model.table("theme_rules"), NO_CORRECTIONS)
    given = set(zip(rule_only["priority_id"], rule_only["theme_id"]))
    for c in model.table("theme_corrections").to_dict("records"):
        pair = (c["priority_id"], c["theme_id"])
        assert (pair in given) == (c["action"] == "remove"), f"correction has no effect: {pair}"


def test_the_every_priority_page_lists_every_priority_once_without_javascript(built):
    """A complete static table: one row per row of priorities.csv, each with its text and plan."""
    from collections import Counter

    from bs4 import BeautifulSoup

    from cspp.paths import DATAPACKAGES

    with (DATAPACKAGES / "plans" / "priorities.csv").open(encoding="utf-8", newline="") as f:
        priorities = list(csv.DictReader(f))
    page = BeautifulSoup((built.dir / "compare" / "priorities" / "index.html").read_text(
        encoding="utf-8"), "html.parser")
    rows = page.select(".cspp-explorer tbody tr")
    assert len(rows) == len(priorities)
    shown = Counter(" ".join(row.find_all(["th", "td"])[3].get_text(" ").split()) for row in rows)
    assert shown == Counter(" ".join(p["text"].split()) for p in priorities)
