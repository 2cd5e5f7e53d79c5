"""The hub pages: home, national review, data gaps, data, about, and stand-ins for pages that
other build stages own but have not written yet."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from .pages_common import (CONTRIBUTING, CYCLES, blank, charts_block, external,
                           front_matter, join_blocks, last_checked, link, not_found, number,
                           partnership_md, table, text, write)
from .pages_data import gaps_matrix, headline_counts

INDEX_PARTNERSHIPS = "partnerships/index.md"
FIND_AREA = "find-your-area-by-council"  # the slug of that page's "Find your area by council"
STATUTE_URL = "https://www.legislation.gov.uk/asp/2014/8/part/3"
REVIEW_CAVEAT = {
    "2020-2023": "The 2020-2023 review headed its columns Achieved, Partly Achieved and Not "
                 "Achieved; they are shown here as fully, partly and not met.",
}
PLACEHOLDERS = {
    "compare/index.md": ("Compare partnerships", "Comparisons between partnerships will appear "
                         "here."),
    "downloads/index.md": ("Downloads", "The data packages will be offered for download here."),
    CONTRIBUTING: ("Contributing", "How to add or correct data will be explained here."),
}


def write_hub_pages(model, docs: Path, snippets: dict) -> None:
    write(docs, "index.md", render_home(model))
    write(docs, "review/index.md", render_review(model, snippets))
    write(docs, "gaps/index.md", render_gaps(model))
    write(docs, "data/index.md", render_data(model))
    write(docs, "about/index.md", render_about(model))
    for md, (title, body) in PLACEHOLDERS.items():
        if not (docs / md).exists():
            write(docs, md, join_blocks(front_matter(title), f"# {title}", body))


# ---------------------------------------------------------------- home


def render_home(model) -> str:
    md = "index.md"
    counts = headline_counts(model)
    n = counts["partnerships"]
    cycle_rows = [[f"{c}", f"{counts[f'csp {c}']} of {n}"] for c in CYCLES]
    return join_blocks(
        front_matter("Home", "Every children's services planning partnership in Scotland, its "
                             "plans, priorities and measures, as open data."),
        "# Scotland's children's services planning, as open data",
        "In Scotland, each council and its NHS board must plan children's services together. "
        "They do it through a **children's services planning partnership**, which brings in the "
        "police, the third sector and others. Every three years each partnership publishes a "
        "**children's services plan** saying what it will improve for children, young people "
        "and families, and every year it reports on progress.",
        f"The duty comes from [Part 3 of the Children and Young People (Scotland) Act 2014]"
        f"({STATUTE_URL}). This site gathers the partnerships, their members, plans, "
        f"priorities and measures into one place, with a source for every value, and shows "
        f"openly what has not been found yet.",
        "## What the data holds",
        '<ul class="cspp-counts">'
        f'<li><span class="cspp-count">{counts["partnerships"]}</span> partnerships</li>'
        f'<li><span class="cspp-count">{counts["councils"]}</span> council areas</li>'
        f'<li><span class="cspp-count">{counts["documents"]}</span> plans and reports</li>'
        f'<li><span class="cspp-count">{counts["priorities"]}</span> priorities</li>'
        f'<li><span class="cspp-count">{counts["measures"]}</span> measures</li>'
        f'<li><span class="cspp-count">{counts["indicators"]}</span> official indicators</li>'
        "</ul>",
        table(["Cycle", "Partnerships whose children's services plan we found"], cycle_rows,
              caption="Children's services plans found per cycle", row_headers=True,
              css="cspp-cycles"),
        f"<p>Sources last checked: {text(last_checked(*model.tables.values()))} "
        "(the latest date recorded in the data's <code>accessed</code> columns).</p>",
        "## Where to start",
        '<div class="cspp-routes">'
        f'<div><h3>{link(md, INDEX_PARTNERSHIPS, "Find your area", FIND_AREA)}</h3>'
        "<p>Look up your council to see its partnership, members, plans and measures.</p></div>"
        f'<div><h3>{link(md, "compare/index.md", "Compare partnerships")}</h3>'
        "<p>See priorities and official statistics side by side.</p></div>"
        f'<div><h3>{link(md, "downloads/index.md", "Download the data")}</h3>'
        "<p>Every table as CSV, with a data package describing each field.</p></div>"
        f'<div><h3>{link(md, "gaps/index.md", "Help fill the gaps")}</h3>'
        "<p>See what is not yet found for each partnership, and how to contribute.</p></div>"
        "</div>",
    )


# ---------------------------------------------------------------- national review


def render_review(model, snippets: dict) -> str:
    md = "review/index.md"
    criteria = model.table("review_criteria")
    blocks = [front_matter("National review", "The Scottish Government's reviews of children's "
                                              "services plans."),
              "# National review of children's services plans",
              "The Scottish Government reviews every partnership's children's services plan "
              "against criteria drawn from the statutory guidance, and publishes how many plans "
              "met each criterion. Blank counts were not found in the published review."]
    for _, review in model.table("reviews").sort_values("cycle", ascending=False).iterrows():
        rows = criteria[criteria["review_id"] == review["review_id"]]
        blocks.append(f"## Plans for {review['cycle']}")
        blocks.append(f"<p>{text(review['title'])}, {text(review['publisher'])}, report number "
                      f"{number(review['report_number'])} "
                      f"({external(review['url'], 'publication')}; "
                      f"{external(review['source_url'])}).</p>")
        if review["cycle"] in REVIEW_CAVEAT:
            blocks.append(f'<p class="cspp-caveat">{REVIEW_CAVEAT[review["cycle"]]}</p>')
        snippet = snippets.get(f"review:{review['review_id']}")
        if snippet:
            blocks.append(charts_block([snippet(md)]))
        blocks.append(criteria_table(review, rows))
    return join_blocks(*blocks)


def criteria_table(review, rows: pd.DataFrame) -> str:
    labels = (["Achieved", "Partly achieved", "Not achieved"] if review["cycle"] == "2020-2023"
              else ["Fully met", "Partly met", "Not met"])
    body = [[text(r["criterion_number"]), text(r["criterion"]),
             *[number(r[c]) if not blank(r[c]) else not_found("not found")
               for c in ("fully_met", "partially_met", "not_met")],
             external(r["source_url"])]
            for _, r in rows.iterrows()]
    return table(["No.", "Criterion", *labels, "Source"], body,
                 caption=f"Criteria, plans for {text(review['cycle'])}",
                 css="cspp-numbers cspp-criteria")


# ---------------------------------------------------------------- data gaps

GAP_COLUMNS = ["members", *[f"csp {c}" for c in CYCLES], "priorities", "measures",
               "annual reports"]


def render_gaps(model) -> str:
    md = "gaps/index.md"
    matrix = gaps_matrix(model)
    partnerships = model.table("partnerships").set_index("partnership_id")
    rows = []
    for _, row in matrix.iterrows():
        cells = [link(md, partnership_md(row["partnership_id"]),
                      text(partnerships.loc[row["partnership_id"], "area_name"]))]
        cells += [str(row[c]) if row[c] else not_found() for c in GAP_COLUMNS]
        rows.append(cells)
    headers = ["Partnership", "Members", *[f"Plan {c}" for c in CYCLES], "Priorities",
               "Measures", "Annual reports"]
    totals = {c: int((matrix[c] > 0).sum()) for c in GAP_COLUMNS}
    return join_blocks(
        front_matter("Data gaps", "What we hold, and what is not yet found, for each "
                                  "partnership.", hide=("navigation", "toc")),
        "# Data gaps",
        "What the data holds for each partnership. A number is how many rows we hold "
        "(members, plans of that cycle, priorities, measures, annual reports); "
        "**not yet found** means none so far. This is where help is most needed: "
        f"see {link(md, CONTRIBUTING, 'how to contribute')}.",
        table(headers, rows, caption="Partnership by data held", row_headers=True,
              css="cspp-gaps"),
        "## Summary",
        "<ul>" + "".join(f"<li>{h}: held for {totals[c]} of {len(matrix)} partnerships</li>"
                         for h, c in zip(headers[1:], GAP_COLUMNS)) + "</ul>",
    )


# ---------------------------------------------------------------- data


def render_data(model) -> str:
    md = "data/index.md"
    rows = []
    for package, descriptor in model.descriptors.items():
        for resource in descriptor["resources"]:
            # The downloads stage copies each package to downloads/<package>/ after this page
            # is written; the site's link test checks that these targets exist.
            csv_link = link(md, f"downloads/{package}/{resource['path']}", text(resource["path"]))
            descriptor_link = link(md, f"downloads/{package}/datapackage.json",
                                   "datapackage.json")
            rows.append([text(resource.get("title") or resource["name"]), text(package),
                         f"{csv_link} (described in {descriptor_link})",
                         str(len(model.table(resource["name"])))])
    return join_blocks(
        front_matter("Data", "The data packages, their resources and the data dictionary."),
        "# Data",
        "The data is published as [Frictionless data packages](https://datapackage.org/): "
        "CSV files, each described by a `datapackage.json` that gives every field's type, "
        f"rules and meaning. Get them from {link(md, 'downloads/index.md', 'Downloads')}.",
        "## Licence and how to cite",
        "The data is available under the [Open Government Licence v3.0]"
        "(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/). "
        "Official statistics keep their publishers' licences, shown on each indicator page.",
        "Please cite as: *Scotland's children's services planning, as open data* (data "
        "packages, accessed on the date you downloaded them), and name the original source "
        "given in each row's `source_url`.",
        "## Packages and resources",
        table(["Resource", "Package", "File", "Rows"], rows,
              caption="Packages and resources with row counts", row_headers=True,
              css="cspp-resources"),
        "Each resource's fields are described in the data dictionary below.",
        data_dictionary(model),
    )


def data_dictionary(model) -> str:
    """The dictionary generated from the schemas, demoted one heading level to sit in this page."""
    try:
        from .dictionary import render_data_dictionary
        markdown = render_data_dictionary(model)
    except ImportError:
        markdown = fallback_dictionary(model)
    return re.sub(r"^(#+) ", lambda m: "#" + m.group(1) + " ", markdown, flags=re.M)


def fallback_dictionary(model) -> str:
    lines = ["# Data dictionary", ""]
    for package, descriptor in model.descriptors.items():
        for resource in descriptor["resources"]:
            lines.append(f"## `{package}/{resource['path']}`")
            lines.append(table(["Field", "Type", "Description"],
                               [[text(f["name"]), text(f["type"]), text(f.get("description"))]
                                for f in resource["schema"]["fields"]]))
    return "\n\n".join(lines)


# ---------------------------------------------------------------- about


def source_hosts(model) -> pd.Series:
    """How many rows cite each website, across every source_url column."""
    hosts = []
    for frame in model.tables.values():
        if "source_url" in frame:
            hosts += [urlparse(u).netloc.removeprefix("www.") for u in frame["source_url"] if u]
    return pd.Series(hosts, dtype=str).value_counts()


def render_about(model) -> str:
    md = "about/index.md"
    hosts = source_hosts(model)
    rows = [[text(host), str(count)] for host, count in hosts.head(15).items()]
    return join_blocks(
        front_matter("About and method", "Sources, checks, what not yet found means, "
                                          "accessibility and contact."),
        "# About and method",
        "## Sources",
        "Every row names the public web page its values were read from (`source_url`). "
        "Partnerships, their plans and members come from the partnerships' and councils' own "
        "pages and the Scottish Government's national reviews. Official statistics were read, "
        "unchanged, from public mirrors of their publishers' data files, each at a fixed "
        "commit (most on github.com); each indicator page names the publisher and links both. "
        "The most cited websites:",
        table(["Website", "Rows citing it"], rows, caption="Most cited source websites",
              css="cspp-numbers"),
        "## How the data is checked",
        "Every change is checked automatically before the site is built: each CSV must match its "
        "Table Schema (types, allowed values, patterns, required fields), every id must be "
        "unique, and every reference between tables and packages must resolve. Titles, "
        "priorities and measures are copied exactly as published; nothing is estimated, "
        "averaged or filled in. The `accessed` column records when a source was last read; "
        "where the research did not record it, pages say *not recorded*.",
        "## What \"not yet found\" means",
        "*Not yet found* means we looked and did not find the item in a public source, or have "
        "not yet looked. It does not mean the partnership has no such plan or member. "
        f"If you know where it is published, {link(md, CONTRIBUTING, 'please tell us')}.",
        "## Accessibility",
        "This site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. "
        "Every page works without JavaScript, every chart comes with a table of its values and "
        "a CSV, and text can be enlarged to 200% without loss. Some third-party documents we "
        "link to, such as PDF plans, may not be accessible. If anything on this site is hard to "
        "use, please tell us and we will fix it.",
        "## Contact",
        "Questions, corrections and accessibility problems are handled as issues in the "
        "project's GitHub repository; "
        f"{link(md, CONTRIBUTING, 'the contributing page')} explains how to raise one.",
    )
