"""The compare pages: priority themes with the published rule, unthemed priorities, the map."""

from __future__ import annotations

import json
import re

from ...shape import theme_evaluation
from ...shape.partnerships import PartnershipData
from ...shape.plans import PlanData, every_priority
from ...shape.themes import ThemesData
from ...text_rules import spreadsheet_csv
from .html import render
from .parts import STACK, External, Link, Table, count, published_text, source
from .paths import GUIDELINES_PAGE, partnership_page, plan_page, theme_page

THEMES_PAGE = "compare/themes.md"
PRIORITIES_PAGE = "compare/priorities.md"


def compare_files(
    themes: ThemesData,
    partnerships: list[PartnershipData],
    plans: dict[str, PlanData],
    charts: dict,
) -> dict[str, str]:
    matrices = [(cycle, charts[f"themes-matrix:{cycle}"]) for cycle in themes.grids]
    return {
        "compare/index.md": render(
            "compare.md",
            "compare/index.md",
            themes=[
                {"name": t["theme_name"], "page": theme_page(t["theme_id"])}
                for t in themes.themes.to_dict("records")
            ],
        ),
        THEMES_PAGE: render(
            "themes.md",
            THEMES_PAGE,
            pairs=len(themes.derived),
            by_cycle=charts["themes-by-cycle"],
            matrices=matrices,
            themes=themes_table(themes),
            corrections=corrections_table(themes),
            documents=documents_table(themes),
            exclusions=exclusions_table(themes),
            evaluation=evaluation_view(themes),
        ),
        "compare/unthemed.md": render(
            "unthemed.md",
            "compare/unthemed.md",
            left=len(themes.unthemed),
            total=themes.priorities,
            unthemed=unthemed_table(themes, plans),
        ),
        "compare/map.md": render("map.md", "compare/map.md", map=charts["map"]),
        PRIORITIES_PAGE: render(
            "priorities.md", PRIORITIES_PAGE, **priorities_view(themes, partnerships, plans)
        ),
        "compare/priority-themes-derived.csv": spreadsheet_csv(themes.derived),
        **(
            {
                GUIDELINES_PAGE: render(
                    "guidelines.md", GUIDELINES_PAGE, guidelines=without_title(themes.guidelines)
                )
            }
            if themes.guidelines
            else {}
        ),
    }


def without_title(markdown: str) -> str:
    """A Markdown document without its first-level title: the page has its own."""
    return re.sub(r"\A# [^\n]*\n+", "", markdown)


def themes_table(themes: ThemesData) -> Table:
    rows = []
    for theme in themes.themes.to_dict("records"):
        phrases = ", ".join(f"“{p}”" for p in themes.phrases.get(theme["theme_id"], []))
        source = (
            External(theme["source_url"], "defining page")
            if theme["source_url"]
            else "no official page found"
        )
        rows.append(
            [
                Link(theme["theme_name"], theme_page(theme["theme_id"])),
                theme["group"],
                theme["description"],
                phrases,
                source,
            ]
        )
    return Table(
        ["Theme (its plans and figures)", "Group", "What it covers", "Phrases", "Source"],
        rows,
        caption="Themes and the phrases that match them",
        css="cspp-themes",
        search=False,
    )


def theme_names(themes: ThemesData) -> dict[str, str]:
    return dict(zip(themes.themes["theme_id"], themes.themes["theme_name"]))


def documents_table(themes: ThemesData) -> Table:
    names = theme_names(themes)
    rows = [
        [
            names[d["theme_id"]],
            (d["document_type"] or "any").replace("-", " "),
            f"“{d['title_phrase']}”" if d["title_phrase"] else "any",
            d["reason"],
        ]
        for d in themes.rule.documents.to_dict("records")
    ]
    return Table(
        ["Theme", "Type of document", "Phrase in its title", "Reason"],
        rows,
        caption="Documents whose every priority gets a theme",
        search=False,
    )


def exclusions_table(themes: ThemesData) -> Table:
    names = theme_names(themes)
    rows = [
        [names[e["theme_id"]], f"“{e['phrase']}”", e["reason"]]
        for e in themes.rule.exclusions.to_dict("records")
    ]
    return Table(
        ["Theme", "Phrase set aside", "Reason"],
        rows,
        caption="Phrases whose words do not count for a theme",
        search=False,
    )


SAMPLE_WORDS = {
    "all": "All the labels",
    "first": "The first sample (the rule's principles were revised while looking at these labels)",
    "second": "The second sample (held out: labelled later, and the rule was not revised against it)",
}


def evaluation_view(themes: ThemesData) -> dict | None:
    """The rule's agreement with the hand labels: a sentence per sample, then a row per theme."""
    evaluations = themes.evaluation
    if not evaluations:
        return None
    names, every = theme_names(themes), evaluations["all"]
    lead = (
        f"{every.priorities} priorities, drawn at random, were labelled by hand by a reader who "
        "did not look at the rule or its themes (theme_labels.csv in the themes package), by "
        "[the guidelines written before labelling](labelling-guidelines.md). Precision is "
        "the share of the rule's themes that the reader also gave; recall is the share of the "
        "reader's themes that the rule found. `cspp themes --evaluate` lists every disagreement."
    )
    lines = [
        f"{SAMPLE_WORDS.get(name, name)}: {e.priorities} priorities; precision "
        f"{share(e.overall.precision)}, recall {share(e.overall.recall)}."
        for name, e in evaluations.items()
    ]
    rows = [
        [
            names.get(s.name, s.name),
            s.labelled,
            s.derived,
            s.agreed,
            share(s.precision),
            share(s.recall),
        ]
        for s in every.themes
    ]
    return {
        "lead": lead,
        "lines": lines,
        "table": Table(
            ["Theme", "Labelled by hand", "Given by the rule", "Both", "Precision", "Recall"],
            rows,
            caption="The rule against all the hand labels, theme by theme",
            css="cspp-numbers",
            search=False,
        ),
    }


def share(value: float | None) -> str:
    return theme_evaluation.share(value, missing="not measured (no label or rule gives it)")


def corrections_table(themes: ThemesData) -> Table | None:
    corrections = themes.corrections
    if corrections.empty:
        return None
    rows = [
        [c["priority_id"], c["action"], c["theme_name"], c["reason"]]
        for c in corrections.to_dict("records")
    ]
    return Table(
        ["Priority", "Action", "Theme", "Reason"], rows, caption="Manual corrections to the rule"
    )


def priorities_view(
    themes: ThemesData, partnerships: list[PartnershipData], plans: dict[str, PlanData]
) -> dict:
    """Every priority of every plan, folded by partnership (one fold each, its summary the counts),
    with a table per plan inside. Each row also holds its partnership, cycle and themes as data,
    for the page's filter (site_src/assets/explorer.js): a JSON list, since a theme's name could
    hold a comma. The counts lead the page, in words."""
    names = {p.id: p.partnership["area_name"] for p in partnerships}
    by_priority = themes.derived.groupby("priority_id")["theme_name"].agg(list).to_dict()
    ordered = sorted(
        plans.values(),
        key=lambda plan: (
            names[plan.partnership_id],
            plan.plan["cycle"] or "~",
            plan.plan["title"],
        ),
    )
    folds: dict[str, dict] = {}
    themed = 0
    for plan in ordered:
        name, cycle = names[plan.partnership_id], plan.plan["cycle"] or "outside the cycles"
        rows, row_data = [], []
        for priority in every_priority(plan.priorities):
            own = by_priority.get(priority.row["priority_id"], [])
            themed += bool(own)
            rows.append(
                [published_text(priority.row), ", ".join(own) or "none", source(priority.row)]
            )
            row_data.append(
                {"partnership": name, "cycle": cycle, "themes": json.dumps(own, ensure_ascii=False)}
            )
        if not rows:
            continue
        fold = folds.setdefault(
            plan.partnership_id,
            {
                "name": name,
                "page": partnership_page(plan.partnership_id),
                "tables": [],
                "priorities": 0,
            },
        )
        fold["priorities"] += len(rows)
        # What the plan's line says, after its title (a link): the same words as its caption.
        about = (
            f" ({'cycle ' if plan.plan['cycle'] else ''}{cycle}): "
            f"{count(len(rows), 'priority', 'priorities')}"
        )
        fold["tables"].append(
            {
                "link": Link(plan.plan["title"], plan_page(plan.id)),
                "about": about,
                "table": Table(
                    ["Priority as published", "Themes (derived)", "Source"],
                    rows,
                    caption=plan.plan["title"] + about,
                    search=False,
                    css="cspp-explorer-plan",
                    row_data=row_data,
                    narrow=STACK,
                ),
            }
        )
    for fold in folds.values():
        fold["summary"] = (
            f"{fold['name']}: {count(fold['priorities'], 'priority', 'priorities')}"
            f" in {count(len(fold['tables']), 'document', 'documents')}"
        )
    without = sorted(
        (names[p.id], partnership_page(p.id)) for p in partnerships if p.id not in folds
    )
    return {
        "folds": sorted(folds.values(), key=lambda fold: fold["name"]),
        "total": sum(fold["priorities"] for fold in folds.values()),
        "themed": themed,
        "documents": sum(len(fold["tables"]) for fold in folds.values()),
        "partnerships": len(partnerships),
        "without": [Link(name, page) for name, page in without],
    }


def unthemed_table(themes: ThemesData, plans: dict[str, PlanData]) -> Table:
    priorities = {
        p.row["priority_id"]: p.row
        for plan in plans.values()
        for p in every_priority(plan.priorities)
    }
    rows = [
        [
            u["priority_id"],
            u["partnership_name"],
            Link(u["title"], plan_page(u["plan_id"])),
            published_text(priorities[u["priority_id"]]),
        ]
        for u in themes.unthemed.to_dict("records")
    ]
    return Table(
        ["Priority", "Partnership", "Plan", "Priority as published"],
        rows,
        caption="Priorities without a theme",
    )
