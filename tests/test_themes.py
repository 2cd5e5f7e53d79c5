"""The theme rule: hand-written priority texts with hand-written expected themes, and the package."""

from __future__ import annotations

import json
import re
from collections import Counter

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from frictionless import validate
from support import derived_themes, published_priorities

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


def explorer_page(built) -> BeautifulSoup:
    return BeautifulSoup((built.dir / "compare" / "priorities" / "index.html").read_text(
        encoding="utf-8"), "html.parser")


def explorer_rows(built) -> list:
    return explorer_page(built).select(".cspp-explorer tbody tr")


def cells(row) -> list[str]:
    return [" ".join(cell.get_text(" ").split()) for cell in row.find_all(["th", "td"])]


def words(text: str) -> str:
    return " ".join(text.split())


FOLD = re.compile(r"(?P<partnership>.+): (?P<priorities>[\d,]+) priorit(?:y|ies) in "
                  r"(?P<documents>\d+) documents?")
CAPTION = re.compile(r" \((?:cycle )?(?P<cycle>.+)\): (?P<priorities>\d+) priorit(?:y|ies)")


def explorer_listing(built) -> list[tuple]:
    """(partnership, cycle, plan title, priority, themes, row) for each row, as a reader sees
    them: the partnership in the summary of the fold that holds the row, the plan (a link) and
    its cycle in the line above its table, which says what the table's caption says. Checks
    each summary's and line's counts too."""
    listed = []
    for fold in explorer_page(built).select(".cspp-explorer details.cspp-fold"):
        summary = FOLD.fullmatch(words(fold.summary.get_text()))
        tables = fold.select("table")
        assert len(tables) == int(summary["documents"])
        assert sum(len(t.select("tbody tr")) for t in tables) == int(
            summary["priorities"].replace(",", ""))
        for table in tables:
            line = table.find_parent(class_="cspp-table").find_previous_sibling("p")
            assert "cspp-plan-line" in line["class"]
            assert words(line.get_text()) == words(table.caption.get_text())
            title = words(line.a.get_text())
            caption = CAPTION.fullmatch(words(line.get_text())[len(title):])
            assert len(table.select("tbody tr")) == int(caption["priorities"])
            for row in table.select("tbody tr"):
                text, names, _ = cells(row)
                listed.append((summary["partnership"], caption["cycle"], title, text, names, row))
    return listed


def test_the_every_priority_page_lists_every_priority_once_without_javascript(built):
    """Every row of priorities.csv once, each with its text, in a fold per partnership (closed:
    the page opens with the counts) and a table per plan."""
    listed = explorer_listing(built)
    assert len(listed) == len(explorer_rows(built)) == len(published_priorities())
    assert Counter(text for _, _, _, text, _, _ in listed) == Counter(
        words(p["shown"]) for p in published_priorities())
    folds = explorer_page(built).select(".cspp-explorer details.cspp-fold")
    assert folds and all(not fold.has_attr("open") for fold in folds)


def test_each_priority_row_holds_its_partnership_cycle_and_themes_for_the_filter(built):
    """The data-* the filter reads (explorer.js) say what the page says of the row: the
    partnership and cycle of the priority's plan in the CSVs, and the themes the site publishes."""
    themes = derived_themes(built.dir)
    expected = Counter((p["partnership"], p["cycle"], words(p["title"]), words(p["shown"]),
                        tuple(themes.get(p["priority_id"], []))) for p in published_priorities())
    listed = explorer_listing(built)
    shown = Counter((row["data-partnership"], row["data-cycle"], title, text,
                     tuple(sorted(json.loads(row["data-themes"]))))
                    for _, _, title, text, _, row in listed)
    assert shown == expected
    for partnership, cycle, _, _, names, row in listed:
        assert (row["data-partnership"], row["data-cycle"]) == (partnership, cycle)
        assert json.loads(row["data-themes"]) == ([] if names == "none" else names.split(", "))


def test_the_every_priority_page_has_no_control_until_its_script_makes_the_filter(built):
    article = explorer_page(built).select_one("article")
    assert article.select("form, fieldset, input, select, button") == []
    assert [s["src"] for s in article.select("script")] == ["../../assets/explorer.js"]
    assert (built.dir / "assets" / "explorer.js").is_file()
