"""The compare pages: priority themes with the published rule, unthemed priorities, the map."""

from __future__ import annotations

from ...shape.site import Site
from .html import render
from .parts import External, Link, Table
from .paths import plan_page

THEMES_PAGE = "compare/themes.md"


def compare_files(site: Site, charts: dict) -> dict[str, str]:
    themes = site.themes
    matrices = [(cycle, charts[f"themes-matrix:{cycle}"]) for cycle in themes.grids]
    return {
        "compare/index.md": render("compare.md", "compare/index.md"),
        THEMES_PAGE: render("themes.md", THEMES_PAGE, pairs=len(themes.derived),
                            by_cycle=charts["themes-by-cycle"], matrices=matrices,
                            themes=themes_table(site), corrections=corrections_table(site)),
        "compare/unthemed.md": render("unthemed.md", "compare/unthemed.md",
                                      left=len(themes.unthemed), total=themes.priorities,
                                      unthemed=unthemed_table(site)),
        "compare/map.md": render("map.md", "compare/map.md", map=charts["map"]),
        "compare/priority-themes-derived.csv": themes.derived.to_csv(index=False,
                                                                     lineterminator="\n"),
    }


def themes_table(site: Site) -> Table:
    rows = []
    for theme in site.themes.themes.to_dict("records"):
        phrases = ", ".join(f"“{p}”" for p in site.themes.phrases.get(theme["theme_id"], []))
        source = (External(theme["source_url"], "defining page") if theme["source_url"]
                  else "no official page found")
        rows.append([theme["theme_name"], theme["group"], theme["description"], phrases, source])
    return Table(["Theme", "Group", "What it covers", "Phrases", "Source"], rows,
                 caption="Themes and the phrases that match them", css="cspp-themes")


def corrections_table(site: Site) -> Table | None:
    corrections = site.themes.corrections
    if corrections.empty:
        return None
    rows = [[c["priority_id"], c["action"], c["theme_name"], c["reason"]]
            for c in corrections.to_dict("records")]
    return Table(["Priority", "Action", "Theme", "Reason"], rows,
                 caption="Manual corrections to the rule")


def unthemed_table(site: Site) -> Table:
    rows = [[u["priority_id"], u["partnership_name"], Link(u["title"], plan_page(u["plan_id"])),
             u["text"]] for u in site.themes.unthemed.to_dict("records")]
    return Table(["Priority", "Partnership", "Plan", "Priority as published"], rows,
                 caption="Priorities without a theme")
