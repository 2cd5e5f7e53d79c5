"""Shared helpers for the generated pages: escaping data text, relative URLs, HTML tables.

Data text is only ever emitted through `text()`, inside raw HTML elements, so Markdown never
processes it: it cannot become a link, an image, HTML, a comment or a template expression.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

CYCLES = ("2017-2020", "2020-2023", "2023-2026")
CSP = "childrens-services-plan"
NOT_FOUND = "not yet found"
CONTRIBUTING = "contributing/index.md"
DOCUMENT_TYPES = {
    "childrens-services-plan": "Children's services plan",
    "annual-report": "Annual report",
    "child-poverty-action-report": "Child poverty action report",
    "promise-plan": "Promise plan",
    "corporate-parenting-plan": "Corporate parenting plan",
    "childrens-rights-report": "Children's rights report",
    "other": "Other document",
}


def text(value) -> str:
    """Data text as inert HTML: escaped, braces and newlines neutralised."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    escaped = html.escape(str(value), quote=True)
    # Braces as entities, so no template engine downstream can ever see `{{ }}` or `{% %}`.
    escaped = escaped.replace("{", "&#123;").replace("}", "&#125;")
    return re.sub(r"\r?\n", "<br>", escaped.strip())


def code(value) -> str:
    """GSS codes never wrap mid-code."""
    return f'<span class="cspp-code">{text(value)}</span>'


def blank(value) -> bool:
    if value is None:
        return True
    if not isinstance(value, str) and pd.isna(value):
        return True
    return str(value).strip() == ""


def or_not_found(value) -> str:
    return not_found() if blank(value) else text(value)


def not_found(words: str = NOT_FOUND) -> str:
    return f'<span class="cspp-missing">{words}</span>'


def number(value) -> str:
    """A stored number without invented precision: 0.9140 shows as 0.914, 1814.0 as 1814."""
    if blank(value):
        return not_found()
    return f"{float(value):.10g}"


def page_url(md_path: str) -> str:
    """The directory URL MkDocs gives a page (use_directory_urls): a/b.md -> a/b/."""
    stem = md_path[:-3] if md_path.endswith(".md") else md_path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/" if md_path.endswith(".md") else stem


def href(from_md: str, to_path: str, anchor: str = "") -> str:
    """Relative link from one page to a page (.md) or file, as the built site needs it."""
    start = [p for p in page_url(from_md).split("/") if p]
    target = page_url(to_path)
    parts = [p for p in target.split("/") if p]
    common = 0
    while common < min(len(start), len(parts)) and start[common] == parts[common]:
        common += 1
    rel = "/".join([".."] * (len(start) - common) + parts[common:])
    if target.endswith("/") or target == "":
        rel = rel + "/" if rel else "./"
    return html.escape(rel + (f"#{anchor}" if anchor else ""), quote=True)


def link(from_md: str, to_path: str, label_html: str, anchor: str = "") -> str:
    return f'<a href="{href(from_md, to_path, anchor)}">{label_html}</a>'


def external(url, label: str = "source") -> str:
    """A link to a public page; anything that is not http(s) is shown as text, never linked."""
    if blank(url):
        return not_found()
    url = str(url).strip()
    if not re.match(r"^https?://[^\s\"'<>]+$", url):
        return text(url)
    return f'<a href="{html.escape(url, quote=True)}" rel="nofollow noopener">{label}</a>'


def checked(value) -> str:
    return "not recorded" if blank(value) else text(value)


def last_checked(*frames: pd.DataFrame) -> str:
    """Latest `accessed` date among the rows shown, or 'not recorded'."""
    dates = [d for f in frames if "accessed" in f for d in f["accessed"] if not blank(d)]
    return max(dates) if dates else "not recorded"


def table(headers: list[str], rows: list[list[str]], caption: str = "",
          search: bool = True, row_headers: bool = False, css: str = "") -> str:
    """An HTML table on one line per row, so Markdown treats it as a raw block."""
    attrs = "" if search else " data-search-exclude"
    label = f' aria-label="{html.escape(caption_text(caption), quote=True)}"' if caption else ""
    # The table itself carries no class: Material styles only `table:not([class])`.
    classes = " ".join(["cspp-table", css]).strip()
    lines = [f'<div class="{classes}" role="region" tabindex="0"{label}{attrs}>', "<table>"]
    if caption:
        lines.append(f"<caption>{caption}</caption>")
    lines.append("<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in headers)
                 + "</tr></thead>")
    lines.append("<tbody>")
    for row in rows:
        cells = [(f'<th scope="row">{c}</th>' if i == 0 and row_headers else f"<td>{c}</td>")
                 for i, c in enumerate(row)]
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += ["</tbody>", "</table>", "</div>"]
    return "\n".join(lines)


def caption_text(caption: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", caption))


def facts(items: list[tuple[str, str]]) -> str:
    """A definition list of label → HTML value."""
    body = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in items)
    return f'<dl class="cspp-facts">{body}</dl>'


def front_matter(title: str, description: str = "", hide: tuple[str, ...] = ()) -> str:
    """YAML front matter; the title is escaped because the theme prints it unescaped.
    `hide` names Material's sidebars to drop (navigation, toc) to give wide tables room."""
    lines = ["---", f"title: {yaml_string(text(title))}"]
    if description:
        lines.append(f"description: {yaml_string(text(description))}")
    if hide:
        lines.append("hide:")
        lines += [f"  - {part}" for part in hide]
    lines += ["---", ""]
    return "\n".join(lines)


def yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def heading(title: str) -> str:
    return f"<h1>{text(title)}</h1>"


def period_key(period: str) -> tuple:
    """Sort periods as published ('2014/15', '2021 July snapshot', '2019-22') by their years."""
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", str(period))]
    return (years[0] if years else -1, len(str(period)), str(period))


def plan_period(plan) -> str:
    start, end = plan["period_start"], plan["period_end"]
    if blank(start) and blank(end):
        return not_found()
    if blank(start):
        return f"to {text(end)}"
    if blank(end):
        return f"from {text(start)}"
    return text(start) if int(start) == int(end) else f"{text(start)}–{text(end)}"


def write(docs: Path, md_path: str, content: str) -> None:
    path = docs / md_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def join_blocks(*blocks: str) -> str:
    """Blocks separated by blank lines, so each raw HTML block stands alone."""
    return "\n\n".join(b.strip("\n") for b in blocks if b) + "\n"


def partnership_md(pid: str) -> str:
    return f"partnerships/{pid}.md"


def plan_md(plan_id: str) -> str:
    return f"plans/{plan_id}.md"


def indicator_md(indicator_id: str) -> str:
    return f"indicators/{indicator_id}.md"


def charts_block(charts: list[str]) -> str:
    """Chart text stays on the page but out of the search index, which it would bloat.

    A <section>, not a <div>: Material's search parser compares elements by tag name only, so
    the first nested </div> would end the exclusion. The snippets are HTML; md_in_html
    (markdown="1") would drop the data- attribute, so none is used."""
    return '<section class="cspp-charts" data-search-exclude>\n' + \
        "\n".join(c.strip("\n") for c in charts) + "\n</section>"
