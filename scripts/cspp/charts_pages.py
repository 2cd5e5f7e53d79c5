"""The compare pages: priority themes (with the published rule), unthemed priorities, and the map.

Written into docs/compare/ by write_charts. Data text is escaped inside raw HTML; only fixed
wording is Markdown.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from . import themes as theme_rule
from .charts_blocks import relative_url, render_block, scroll_open

DERIVED_CSV = "compare/priority-themes-derived.csv"
THEMES_PAGE = "compare/themes.md"
UNTHEMED_PAGE = "compare/unthemed.md"
MAP_PAGE = "compare/map.md"
INDEX_PAGE = "compare/index.md"


def theme_source() -> tuple[str, str]:
    return ("the project's published theme rule and the derived table", "compare/themes/")


def write_compare_pages(model, docs: Path, derived: pd.DataFrame, charts: dict) -> None:
    folder = docs / "compare"
    folder.mkdir(parents=True, exist_ok=True)
    derived_table(model, derived).to_csv(docs / DERIVED_CSV, index=False, encoding="utf-8",
                                         lineterminator="\n")
    pages = {INDEX_PAGE: index_page(), THEMES_PAGE: themes_page(model, derived, charts),
             UNTHEMED_PAGE: unthemed_page(model, derived), MAP_PAGE: map_page(charts)}
    for path, text in pages.items():
        (docs / path).write_text(text, encoding="utf-8")


def derived_table(model, derived: pd.DataFrame) -> pd.DataFrame:
    """DERIVED: every priority-theme pair with the priority's plan, partnership and cycle."""
    out = derived.merge(model.table("priorities")[["priority_id", "plan_id", "text"]], on="priority_id")
    out = out.merge(model.table("plans")[["plan_id", "partnership_id", "document_type", "cycle"]],
                    on="plan_id")
    out = out.merge(model.table("themes")[["theme_id", "theme_name"]], on="theme_id")
    out = out.rename(columns={"text": "priority_text"})
    return out[["priority_id", "plan_id", "partnership_id", "document_type", "cycle", "theme_id",
                "theme_name", "matched_phrase", "derived_by", "priority_text"]]


def index_page() -> str:
    return """# Compare partnerships

Every partnership's data in one place, so that partnerships can be compared. Each chart comes with
a description, the same numbers as a table, a CSV of exactly what is plotted, and its source.

- [Priority themes](themes.md): which partnerships made child poverty, mental health, The Promise
  or other themes a priority, by planning cycle. The rule that puts each priority on a theme is
  published with its corrections.
- [Priorities without a theme](unthemed.md): the priorities the rule puts on no theme.
- [Map of council areas and partnerships](map.md): find the partnership that plans children's
  services for your area.

Indicator charts (each council's latest value, grouped by partnership, with Scotland as a
reference line) are on each indicator's page.
"""


def themes_page(model, derived: pd.DataFrame, charts: dict) -> str:
    e = html.escape
    blocks = [charts[k] for k in charts if k.startswith("themes-matrix:")]
    parts = ["# Priority themes", "",
             "Each partnership words its priorities in its own way. To compare them, this site puts "
             "every priority on a common map of themes: the eight GIRFEC wellbeing indicators "
             "(SHANARRI) and national policy themes that the plans use.", "",
             '!!! note "Derived data"',
             "    The themes are **derived** by a published keyword rule, not chosen by the "
             "partnerships. They show what the plans' words say, not how much a partnership does. "
             f"The derived table is [priority-themes-derived.csv](priority-themes-derived.csv) "
             f"({len(derived)} priority–theme pairs); it is regenerated from the rule on every build.", "",
             "## How many partnerships prioritise each theme", "",
             render_block(charts["themes-by-cycle"], THEMES_PAGE), ""]
    for chart in blocks:
        parts += [f"## {e(chart.key.split(':', 1)[1])} plans", "", render_block(chart, THEMES_PAGE), ""]
    parts += ["## The rule", "", rule_text(), "", themes_table(model), "",
              corrections_table(model), ""]
    return "\n".join(parts)


def rule_text() -> str:
    return ("A priority gets a theme when its text contains one of the theme's phrases as whole "
            "words, ignoring case. A plural ending still matches (s or es, or ies for a phrase ending in y), curly apostrophes count "
            "as straight ones, “&” counts as “and”, and a space in a phrase also matches a hyphen. "
            "A priority can get several themes. Then each manual correction adds or removes one "
            "theme for one priority, with its reason. Priorities that get no theme are listed on "
            "[Priorities without a theme](unthemed.md). The themes, phrases and corrections are "
            "data in the themes package (`datapackages/themes/`): themes.csv, theme_rules.csv and "
            "theme_corrections.csv.")


def themes_table(model) -> str:
    e = html.escape
    phrases = model.table("theme_rules").groupby("theme_id")["phrase"].apply(list)
    rows = []
    for _, t in model.table("themes").iterrows():
        source = (f'<a href="{e(t["source_url"])}">defining page</a>' if t["source_url"]
                  else "no official page found")
        words = ", ".join(f"“{e(p)}”" for p in phrases.get(t["theme_id"], []))
        rows.append(f'<tr><th scope="row">{e(t["theme_name"])}</th><td>{e(t["group"])}</td>'
                    f'<td>{e(t["description"])}</td><td>{words}</td><td>{source}</td></tr>')
    return (scroll_open("Themes and the phrases that match them") +
            '<table class="cspp-themes"><caption>Themes and the phrases that match them</caption>'
            '<thead><tr><th scope="col">Theme</th><th scope="col">Group</th>'
            '<th scope="col">What it covers</th><th scope="col">Phrases</th><th scope="col">Source</th>'
            '</tr></thead><tbody>' + "".join(rows) + "</tbody></table></div>")


def corrections_table(model) -> str:
    e = html.escape
    corrections = model.table("theme_corrections")
    if corrections.empty:
        return "<p>There are no manual corrections.</p>"
    names = model.table("themes").set_index("theme_id")["theme_name"]
    rows = "".join(f'<tr><th scope="row">{e(c["priority_id"])}</th><td>{e(c["action"])}</td>'
                   f'<td>{e(names.get(c["theme_id"], c["theme_id"]))}</td><td>{e(c["reason"])}</td></tr>'
                   for _, c in corrections.iterrows())
    return (scroll_open("Manual corrections to the rule") +
            '<table><caption>Manual corrections to the rule</caption>'
            '<thead><tr><th scope="col">Priority</th><th scope="col">Action</th><th scope="col">Theme</th>'
            '<th scope="col">Reason</th></tr></thead><tbody>' + rows + "</tbody></table></div>")


def unthemed_page(model, derived: pd.DataFrame) -> str:
    e = html.escape
    priorities = model.table("priorities")
    left = theme_rule.unthemed(priorities, derived).merge(
        model.table("plans")[["plan_id", "partnership_id", "title"]], on="plan_id")
    names = model.table("partnerships").set_index("partnership_id")["area_name"]
    intro = (f"The theme rule puts {len(left)} of the {len(priorities)} recorded priorities on no "
             "theme. They are listed here so that nothing is silently dropped from the comparison. "
             "Many are place-wide community plan outcomes (for example “Place” or “Economy”) rather "
             "than children's services priorities. A theme can be added to any of them by a row in "
             "theme_corrections.csv.")
    rows = "".join(
        f'<tr><th scope="row">{e(r["priority_id"])}</th><td>{e(names.get(r["partnership_id"], ""))}</td>'
        f'<td><a href="{e(relative_url("plans/" + r["plan_id"] + "/", UNTHEMED_PAGE))}">{e(r["title"])}</a></td>'
        f'<td>{e(r["text"])}</td></tr>' for _, r in left.iterrows())
    table = (scroll_open("Priorities without a theme") +
             '<table><caption>Priorities without a theme</caption><thead><tr>'
             '<th scope="col">Priority</th><th scope="col">Partnership</th><th scope="col">Plan</th>'
             '<th scope="col">Priority as published</th></tr></thead><tbody>' + rows + "</tbody></table></div>")
    return "\n".join(["# Priorities without a theme", "", intro, "", table, ""])


def map_page(charts: dict) -> str:
    return "\n".join(["# Map of council areas and partnerships", "",
                      "Find the partnership that plans children's services for your council area. "
                      "Select an area on the map, or use the list below it.", "",
                      "## Council areas and partnerships", "",
                      render_block(charts["map"], MAP_PAGE), ""])
