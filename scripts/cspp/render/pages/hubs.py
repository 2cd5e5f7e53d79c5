"""The hub pages: home, national review, data gaps, data (with the data dictionary) and about,
and the contributing page (hand-written, with its repository part made here)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from frictionless import Package
from markupsafe import Markup

from ...paths import SITE_SRC
from ...shape.partnerships import PartnershipData
from ...shape.plans import PlanData
from ...shape.publishers import DERIVED, name_counts
from ...shape.review import ReviewData
from ...shape.themes import ThemesData
from ...text_rules import spreadsheet_csv
from .contribute import REPOSITORY_MARKER, Contribute
from .dictionary import plain, render_data_dictionary
from .html import render
from .parts import (
    SCROLL,
    STACK,
    Link,
    Missing,
    Span,
    Table,
    blank,
    checked,
    cited_by,
    count,
    external,
    number,
    or_missing,
    source,
)
from .paths import (
    CONTRIBUTING,
    GUIDELINES_PAGE,
    indicator_page,
    partnership_page,
    plan_page,
    release_page,
    theme_page,
)

STATUTE_URL = "https://www.legislation.gov.uk/asp/2014/8/part/3"
REVIEW_CAVEAT = {
    "2020-2023": "The 2020-2023 review headed its columns Achieved, Partly Achieved and Not "
    "Achieved; they are shown here as fully, partly and not met.",
}
CRITERIA_LABELS = {"2020-2023": ["Achieved", "Partly achieved", "Not achieved"]}
GAPS_CSV = "gaps/gaps.csv"
GAP_PHRASES = {
    "current plan": "current-cycle plans not yet found",
    "priorities": "plans without their priorities",
    "document link": "documents without a link",
    "earlier plan": "earlier plans not yet found",
    "members": "partnerships without members",
}
SOURCES_PAGE = "data/sources.md"
SEARCH = "search/index.md"  # where the search form leads without JavaScript (overrides/partials)
HUBS = [
    ("Home", "index.md"),
    ("Partnerships", "partnerships/index.md"),
    ("Official indicators", "indicators/index.md"),
    ("Compare partnerships", "compare/index.md"),
    ("Priority themes", "compare/themes.md"),
    ("Priorities without a theme", "compare/unthemed.md"),
    ("Every priority", "compare/priorities.md"),
    ("Derived rates", "compare/rates.md"),
    ("Map of council areas and partnerships", "compare/map.md"),
    ("National review", "review/index.md"),
    ("Data gaps", "gaps/index.md"),
    ("Data", "data/index.md"),
    ("Sources", SOURCES_PAGE),
    ("Downloads", "downloads/index.md"),
    ("Releases", "releases/index.md"),
    ("Contributing", "contributing/index.md"),
    ("About and method", "about/index.md"),
]
GAP_HEADINGS = {
    "members": "Members",
    "priorities": "Priorities",
    "measures": "Measures",
    "annual reports": "Annual reports",
}


def hub_files(
    *,
    counts: dict,
    cycles: tuple[str, ...],
    last_checked: str,
    reviews: list[ReviewData],
    gaps_held: pd.DataFrame,
    todo: pd.DataFrame,
    partnerships: list[PartnershipData],
    plans: dict[str, PlanData],
    indicators: list[dict],
    themes: ThemesData,
    sources: pd.DataFrame,
    publisher_domains: pd.DataFrame,
    source_hosts: pd.Series,
    resources: list[dict],
    packages: dict[str, Package],
    charts: dict,
    releases: list[str],
    contribute: Contribute,
) -> dict[str, str]:
    """gaps_held: Site.gaps, what each partnership holds; todo: Site.todo, the gaps to fill."""
    todo = gap_todo(todo, plans, sources, contribute)
    return {
        "index.md": home(counts, cycles, last_checked),
        "review/index.md": review(reviews, charts),
        "gaps/index.md": gaps(gaps_held, cycles, todo),
        GAPS_CSV: todo_csv(todo),
        "data/index.md": data(resources, packages),
        "about/index.md": about(source_hosts),
        SOURCES_PAGE: sources_page(sources, packages, publisher_domains),
        SEARCH: search(partnerships, plans, indicators, themes, releases),
        CONTRIBUTING: contributing_page(contribute),
    }


def home(counts: dict, cycles: tuple[str, ...], last_checked: str) -> str:
    n = counts["partnerships"]
    plans = counts["plans by cycle"]
    by_cycle = Table(
        [
            "Cycle",
            "Partnerships whose children's services plan we found",
            "Not found, but known to exist (the national review read it)",
            "Plans listed: found or known to exist",
        ],
        [
            [
                c,
                f"{plans[c]['found']} of {n}",
                str(plans[c]["known"]),
                f"{plans[c]['listed']} of {n}",
            ]
            for c in cycles
        ],
        caption="Children's services plans found or known to exist, per cycle",
        css="cspp-cycles",
    )
    plan_totals = {
        "of": n * len(cycles),
        "cycles": len(cycles),
        "partnerships": n,
        **{k: sum(c[k] for c in plans.values()) for k in ("found", "known", "listed")},
        "unreviewed": [c for c in cycles if not plans[c]["reviewed"]],
    }
    listed = [
        (counts[k], words)
        for k, words in (
            ("partnerships", "partnerships"),
            ("councils", "council areas"),
            ("documents", "plans and reports"),
            ("priorities", "priorities"),
            ("measures", "measures"),
            ("indicators", "official indicators"),
            ("named members", "members named by sources"),
            ("sources", "sources cited"),
        )
    ]
    return render(
        "home.md",
        "index.md",
        statute=STATUTE_URL,
        counts=listed,
        cycles=by_cycle,
        plans=plan_totals,
        last_checked=last_checked,
    )


def review(reviews: list[ReviewData], charts: dict) -> str:
    shown = []
    for r in sorted(reviews, key=lambda r: r.review["cycle"], reverse=True):
        row = r.review
        labels = CRITERIA_LABELS.get(row["cycle"], ["Fully met", "Partly met", "Not met"])
        body = [
            [
                c["criterion_number"],
                c["criterion"],
                fully_met(c),
                *[number(c[f], "not found") for f in ("partially_met", "not_met")],
                source(c),
            ]
            for c in r.criteria.to_dict("records")
        ]
        shown.append(
            {
                "cycle": row["cycle"],
                "title": row["title"],
                "publisher": row["publisher"],
                "report_number": number(row["report_number"]),
                "publication": external(row["url"], "publication"),
                "source": source(row),
                "caveat": REVIEW_CAVEAT.get(row["cycle"]),
                "summary": row["summary"],
                "foreword_by": row["foreword_by"],
                "foreword_source": source(row, "foreword_"),
                "chart": charts.get(f"review:{r.id}"),
                "criteria": Table(
                    ["No.", "Criterion", *labels, "Source"],
                    body,
                    caption=f"Criteria, plans for {row['cycle']}",
                    row_headers=False,
                    css="cspp-numbers cspp-criteria",
                ),
            }
        )
    return render("review.md", "review/index.md", reviews=shown)


def fully_met(criterion: dict):
    """The count, or the band the review prints instead ("21 or more"), with its page."""
    if blank(criterion["fully_met"]) and not blank(criterion["fully_met_at_least"]):
        return [
            f"{criterion['fully_met_at_least']} or more (a band the review prints; ",
            source(criterion, "printed_"),
            ")",
        ]
    return number(criterion["fully_met"], "not found")


def gap_todo(
    todo: pd.DataFrame, plans: dict[str, PlanData], sources: pd.DataFrame, contribute: Contribute
) -> pd.DataFrame:
    """The to-do list of gaps, each with what it is in words and its one-click link."""
    todo = todo.copy()
    titles = {plan_id: plan.plan["title"] for plan_id, plan in plans.items()}
    rows = todo.to_dict("records")
    todo["what"] = [gap_words(row, titles) for row in rows]
    todo["link"] = [
        contribute.member(row["area_name"], label="Add them")
        if row["gap"] == "members"
        else contribute.plan(
            row["area_name"], row["field"], row["cycle"], row["document_type"], label="Add it"
        )
        for row in rows
    ]
    by_id = sources.set_index("source_id", drop=False)
    todo["known"] = [known(row, by_id) for row in rows]
    return todo


def gap_words(row: dict, titles: dict[str, str]) -> str:
    if row["gap"] in ("current plan", "earlier plan"):
        return f"Children's services plan {row['cycle']}"
    if row["gap"] == "members":
        return "Member organisations"
    what = "Priorities" if row["gap"] == "priorities" else "Link to the document"
    return f"{what} of {titles[row['plan_id']]}"


def todo_csv(todo: pd.DataFrame) -> str:
    frame = todo.assign(form_url=[g.target if g.external else "" for g in todo["link"]])
    return spreadsheet_csv(frame.drop(columns=["link", "known"]))


def gaps(held: pd.DataFrame, cycles: tuple[str, ...], todo: pd.DataFrame) -> str:
    columns = ["members", *[f"csp {c}" for c in cycles], "priorities", "measures", "annual reports"]
    headings = [GAP_HEADINGS.get(c) or f"Plan {c.removeprefix('csp ')}" for c in columns]
    to_fill = todo.groupby("partnership_id").size()
    rows = [
        [
            Link(row["area_name"], partnership_page(row["partnership_id"])),
            *[str(row[c]) if row[c] else Missing() for c in columns],
            str(to_fill.get(row["partnership_id"], 0)),
        ]
        for row in held.to_dict("records")
    ]
    totals = [(h, int((held[c] > 0).sum())) for h, c in zip(headings, columns)]
    return render(
        "gaps.md",
        "gaps/index.md",
        totals=totals,
        partnerships=len(held),
        gaps=Table(
            ["Partnership", *headings, "Gaps to fill"],
            rows,
            caption="Partnership by data held",
            css="cspp-gaps",
            narrow=SCROLL,
        ),
        todo=todo_folds(todo),
        csv=GAPS_CSV,
        total=len(todo),
        with_gaps=todo["partnership_id"].nunique(),
        counts=[
            f"{n} {GAP_PHRASES[gap]}" for gap, n in todo.groupby("gap", sort=False).size().items()
        ],
    )


# A kind of gap with more than this many folds again, one fold per partnership, so that no fold
# opens onto a list longer than a reader can take in on a phone.
FOLD_ROWS = 40


def todo_folds(todo: pd.DataFrame) -> list[dict]:
    """The to-do list, most useful first, as one fold per kind of gap (its summary the count in
    words), each a table or, for a long kind, a fold per partnership. The rows keep their
    numbers in the whole list."""
    numbered = todo.assign(number=range(1, len(todo) + 1))
    folds = []
    for gap, kind in numbered.groupby("gap", sort=False):
        phrase = GAP_PHRASES[gap]
        fold = {"summary": f"{len(kind)} {phrase}", "table": None, "folds": []}
        if len(kind) <= FOLD_ROWS:
            fold["table"] = todo_table(kind, f"{phrase[0].upper()}{phrase[1:]}, most useful first")
        else:
            for area, rows in kind.groupby("area_name", sort=False):
                fold["folds"].append(
                    {
                        "summary": f"{area}: {count(len(rows), 'gap', 'gaps')}",
                        "table": todo_table(rows, f"{area}: {phrase}"),
                    }
                )
        folds.append(fold)
    return folds


def todo_table(todo: pd.DataFrame, caption: str) -> Table:
    rows = [
        [
            str(row["number"]),
            Link(row["area_name"], partnership_page(row["partnership_id"])),
            row["what"],
            row["known"],
            row["link"],
        ]
        for row in todo.to_dict("records")
    ]
    return Table(
        ["#", "Partnership", "Gap", "What we know", "Fill it"],
        rows,
        row_headers=False,
        caption=caption,
        search=False,
        css="cspp-todo",
        narrow=STACK,
    )


def known(gap: dict, sources: pd.DataFrame) -> list:
    """A gap's state (shape/gap_states.py), its evidence and the evidence's source, if any."""
    if not gap["evidence"]:
        return [gap["state"]]
    cited = (
        [" (", source(cited_by(sources.loc[gap["evidence_source_id"]].to_dict())), ")"]
        if gap["evidence_source_id"]
        else []
    )
    return [Span(gap["state"], "cspp-gap-state"), ": ", gap["evidence"], *cited]


def data(resources: list[dict], packages: dict[str, Package]) -> str:
    page = "data/index.md"
    rows = [
        [
            r["title"],
            r["package"],
            [
                Link(r["path"], f"downloads/{r['package']}/{r['path']}"),
                " (described in ",
                Link("datapackage.json", f"downloads/{r['package']}/datapackage.json"),
                ")",
            ],
            str(r["rows"]),
        ]
        for r in resources
    ]
    # The dictionary's headings one level down, to sit inside this page.
    dictionary = re.sub(r"^(#+) ", r"#\1 ", render_data_dictionary(packages), flags=re.M)
    return render(
        "data.md",
        page,
        dictionary=Markup(dictionary),
        resources=Table(
            ["Resource", "Package", "File", "Rows"],
            rows,
            caption="Packages and resources with row counts",
            css="cspp-resources",
            search=False,
        ),
    )


def about(source_hosts: pd.Series) -> str:
    rows = [[host, str(count)] for host, count in source_hosts.head(15).items()]
    return render(
        "about.md",
        "about/index.md",
        hosts=Table(
            ["Website", "Rows citing it"],
            rows,
            caption="Most cited source websites",
            row_headers=False,
            css="cspp-numbers",
        ),
    )


def sources_page(
    table: pd.DataFrame, packages: dict[str, Package], publisher_domains: pd.DataFrame
) -> str:
    """Every source, with counts by kind, the kinds' rule, and each source's checks: the counts
    lead, and the list is folded by kind (one fold each, its summary the count in words)."""
    kinds = packages["sources"].get_resource("sources").schema.get_field("kind")
    counts = table["kind"].value_counts()
    rows_by_kind = table.groupby("kind")["rows"].sum()
    order = kinds.constraints["enum"]
    by_kind = Table(
        ["Kind", "Sources", "Rows citing them"],
        [[kind, str(counts.get(kind, 0)), str(rows_by_kind.get(kind, 0))] for kind in order],
        caption="Sources by kind",
        css="cspp-kinds",
        narrow=SCROLL,
    )
    folds = []
    for kind in order:
        of_kind = table[table["kind"] == kind]
        if of_kind.empty:
            continue
        rows = [
            [
                s["source_id"],
                or_missing(s["title"], "not recorded"),
                publisher(s),
                source(cited_by(s)),
                str(s["rows"]),
                checked(s["checked"]),
                s["link_status"] or "not checked yet",
            ]
            for s in of_kind.to_dict("records")
        ]
        cited = count(int(of_kind["rows"].sum()), "row", "rows")
        folds.append(
            {
                "summary": f"{kind}: {count(len(of_kind), 'source', 'sources')}, cited by {cited}",
                "table": Table(
                    [
                        "Source id",
                        "Title",
                        "Publisher",
                        "Link",
                        "Rows",
                        "Last checked",
                        "Link status",
                    ],
                    rows,
                    caption=f"Sources of the kind {kind}",
                    search=False,
                    css="cspp-sources",
                    narrow=STACK,
                ),
            }
        )
    described = ", ".join(f"{counts[kind]} {kind}" for kind in order if counts.get(kind, 0))
    return render(
        "sources.md",
        SOURCES_PAGE,
        by_kind=by_kind,
        folds=folds,
        total=len(table),
        described=described,
        no_link=int((table["url"] == "").sum()),
        rule=kinds.description.partition(": ")[2] or kinds.description,
        named=name_counts(table),
        domains=domain_table(table, publisher_domains),
        domain_rule=plain(packages["sources"].get_resource("publisher_domains").description),
    )


def publisher(source_row: dict):
    """The publisher a source states, or the one derived from its web address, marked so."""
    if source_row["publisher_basis"] == DERIVED:
        return [source_row["publisher_shown"], " ", Span(f"({DERIVED})", "cspp-derived")]
    return or_missing(source_row["publisher_shown"], "not recorded")


def domain_table(sources: pd.DataFrame, publisher_domains: pd.DataFrame) -> Table:
    """The domain table, with how many sources each domain gives their publisher."""
    derived = sources[sources["publisher_basis"] == DERIVED]
    per_domain = derived.groupby("publisher_domain").size()
    rows = [
        [row["domain"], row["publisher"], str(per_domain.get(row["domain"], 0))]
        for row in publisher_domains.to_dict("records")
    ]
    return Table(
        ["Domain (and its subdomains)", "Publisher", "Sources given this publisher"],
        rows,
        caption="Publishers by web domain",
        search=False,
        css="cspp-domains",
        narrow=STACK,
    )


def search(
    partnerships: list[PartnershipData],
    plans: dict[str, PlanData],
    indicators: list[dict],
    themes: ThemesData,
    releases: list[str],
) -> str:
    """Every page, by kind and name: what the search form leads to without JavaScript."""
    names = {p.id: p.name for p in partnerships}
    areas = sorted((p.partnership["area_name"], p.name, p.id) for p in partnerships)
    titles = sorted(
        (plan.plan["title"], names[plan.partnership_id], plan.id)
        for plan in plans.values()
        if plan.has_content
    )
    series = sorted((i["indicator_name"], i["indicator_id"]) for i in indicators)
    guidelines = (
        [("How the hand labels of themes were made", GUIDELINES_PAGE)] if themes.guidelines else []
    )
    groups = [
        (
            "Partnerships",
            [
                [Link(area, partnership_page(pid)), f": {name}" if name != area else ""]
                for area, name, pid in areas
            ],
        ),
        (
            "Plans and reports",
            [
                [Link(title, plan_page(plan_id)), f" ({partnership})"]
                for title, partnership, plan_id in titles
            ],
        ),
        ("Official indicators", [Link(name, indicator_page(iid)) for name, iid in series]),
        (
            "Plans and figures, by theme",
            [
                Link(t["theme_name"], theme_page(t["theme_id"]))
                for t in themes.themes.to_dict("records")
            ],
        ),
        ("Releases of the data", [Link(f"Release {v}", release_page(v)) for v in releases[::-1]]),
        ("Other pages", [Link(title, page) for title, page in HUBS + guidelines]),
    ]
    return render(
        "search.md", SEARCH, groups=[{"heading": h, "links": links} for h, links in groups if links]
    )


def contributing_page(
    contribute: Contribute, guide: Path = SITE_SRC / "contributing" / "index.md"
) -> str:
    """The hand-written contributing page, with the repository and its forms (or why there are
    none) where its marker stands."""
    text = guide.read_text(encoding="utf-8")
    if text.count(REPOSITORY_MARKER) != 1:
        raise ValueError(f"{guide} must hold the line {REPOSITORY_MARKER} once")
    part = render(
        "contributing_repository.html",
        CONTRIBUTING,
        repository=contribute.repo_url,
        forms=contribute.forms(),
    )
    return text.replace(REPOSITORY_MARKER, part.strip())
