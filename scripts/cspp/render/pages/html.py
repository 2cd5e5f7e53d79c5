"""The Jinja environments (one factory) pages and texts are rendered with, and relative links
between pages.

Escaping is not left to each template: `finalize` turns every value a template prints into inert
HTML unless it is already Markup (the output of a macro, or a chart SVG made by vl-convert).
Data text is escaped, its braces become entities (so no template engine downstream can see
`{{ }}` or `{% %}`) and line breaks become <br>. Data text sits inside raw HTML blocks, which
Markdown does not process; where it must sit in Markdown (a heading), the `md` filter also turns
Markdown's punctuation into entities.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from . import parts

TEMPLATES = Path(__file__).parent / "templates"
MARKDOWN_PUNCTUATION = re.compile(r"[\\`*_\[\]()#!|~]")


def inert(value) -> str:
    """Data text as inert HTML: escaped, braces and newlines neutralised."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    escaped = html.escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")
    return re.sub(r"\r?\n", "<br>", escaped)


def preformatted(value) -> Markup:
    """Text for a <pre>: escaped, with its line breaks kept as characters (&#10;), so that the
    block stays on one line for Markdown and copies as the lines it has."""
    return Markup(inert(value).replace("<br>", "&#10;"))


def finalize(value):
    return value if isinstance(value, Markup) else Markup(inert(value))


def markdown_inert(value) -> Markup:
    """For data in a Markdown context: also neutralise Markdown's own punctuation."""
    return Markup(MARKDOWN_PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", inert(value)))


def markdown_document(value) -> Markup:
    """A Markdown document kept with the data (the labelling guidelines): its headings, lists and
    emphasis stay Markdown; HTML is escaped, and brackets too, so that it can make no link or
    image."""
    escaped = html.escape(str(value), quote=False).replace("{", "&#123;").replace("}", "&#125;")
    return Markup(escaped.replace("[", "&#91;").replace("]", "&#93;"))


def yaml_string(value) -> Markup:
    """A front-matter value; escaped as HTML too, because the theme prints the title unescaped."""
    text = inert(value)
    return Markup('"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"')


def json_script(data) -> Markup:
    """JSON for a <script type="application/ld+json">: "</" and entities cannot appear in it."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    for char in "<>&":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return Markup(text)


def page_url(md_path: str) -> str:
    """The directory URL MkDocs gives a page (use_directory_urls): a/b.md -> a/b/."""
    stem = md_path[:-3] if md_path.endswith(".md") else md_path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/" if md_path.endswith(".md") else stem


def href(from_md: str, to_path: str, anchor: str = "") -> str:
    """Relative link from one page to a page (.md) or file, as the built site needs it: MkDocs
    does not rewrite links inside raw HTML."""
    start = [p for p in page_url(from_md).split("/") if p]
    target = page_url(to_path)
    parts = [p for p in target.split("/") if p]
    common = 0
    while common < min(len(start), len(parts)) and start[common] == parts[common]:
        common += 1
    rel = "/".join([".."] * (len(start) - common) + parts[common:])
    if target.endswith("/") or target == "":
        rel = rel + "/" if rel else "./"
    return rel + (f"#{anchor}" if anchor else "")


@pass_context
def url(context, target: str, anchor: str = "") -> str:
    """A link from the page being rendered (its docs path is the template variable `page`)."""
    return href(context["page"], target, anchor)


def unknown_part(part) -> None:
    """A typo in a view must fail the build, not drop the part from the page."""
    raise TypeError(f"a page part of unknown kind: {part!r}")


def table_cell(value) -> str:
    """Safe inside a Markdown table cell and inert as HTML (the data dictionary's cells)."""
    return html.escape(str(value), quote=False).replace("|", "\\|")


PAGE, TEXT, MARKDOWN_TABLES = "page", "text", "markdown tables"


@cache
def environment(kind: str = PAGE) -> Environment:
    """The one Jinja environment of each kind, made on first use: PAGE for the site's pages
    (escaped, see above), TEXT for plain text (the README inside the zip: nothing there is read
    as HTML), MARKDOWN_TABLES for the data dictionary (each value made safe for a table cell)."""
    finalizers = {
        PAGE: finalize,
        TEXT: None,
        MARKDOWN_TABLES: lambda v: v if isinstance(v, Markup) else table_cell(v),
    }
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=kind == PAGE,
        finalize=finalizers[kind],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    if kind == PAGE:
        env.filters.update(
            md=markdown_inert,
            markdown_document=markdown_document,
            yaml=yaml_string,
            json_script=json_script,
            preformatted=preformatted,
        )
        env.globals.update(
            url=url,
            external=parts.external,
            source=parts.source,
            checked=parts.checked,
            published_text=parts.published_text,
            unknown_part=unknown_part,
        )
    return env


def render(template: str, page: str, **context) -> str:
    """A page from its template; `page` is its path in the docs folder (links start from it)."""
    return environment(PAGE).get_template(template).render(page=page, **context)


def render_text(template: str, **context) -> str:
    return environment(TEXT).get_template(template).render(**context)
