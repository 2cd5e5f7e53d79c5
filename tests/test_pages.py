"""The page templates' escaping and parts, on hand-written values."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from jinja2 import UndefinedError

from cspp.render.pages import html
from cspp.render.pages.parts import External, Link, Missing, Table, external


def render_part(value, page: str = "partnerships/x.md") -> str:
    return html.ENVIRONMENT.from_string('{% import "macros.html" as m with context %}'
                                        "{{ m.part(value) }}").render(page=page, value=value)


def test_data_text_is_escaped_and_template_syntax_made_inert():
    assert html.inert('<b a="1">{{ x }}</b>\nnext') == (
        "&lt;b a=&quot;1&quot;&gt;&#123;&#123; x &#125;&#125;&lt;/b&gt;<br>next")


def test_in_markdown_a_link_and_emphasis_are_made_inert():
    text = html.markdown_inert("[x](javascript:alert(1)) *y* 2023-2026")
    assert "[" not in text and "(" not in text and "*" not in text
    assert text.endswith("2023-2026")  # a cycle reads the same


def test_a_front_matter_value_is_quoted_and_escaped():
    assert html.yaml_string('a "quoted" <b>\\ title') == \
        '"a &quot;quoted&quot; &lt;b&gt;\\\\ title"'


def test_links_are_relative_to_the_page_and_externals_only_https_or_http():
    soup = BeautifulSoup(render_part([Link("Plan", "plans/p.md", "vision"),
                                      External("https://example.org/a?b=1&c=2")]), "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == ["../../plans/p/#vision",
                                                       "https://example.org/a?b=1&c=2"]
    assert external("javascript:alert(1)") == "javascript:alert(1)"  # shown as text, not linked
    assert external("") == Missing()


def test_a_table_has_a_caption_row_headers_and_escaped_cells():
    table = Table(["Name", "Value"], [["<i>a</i>", Missing()]], caption="Things & more")
    soup = BeautifulSoup(html.ENVIRONMENT.from_string(
        '{% import "macros.html" as m with context %}{{ m.table(t) }}').render(
        page="index.md", t=table), "html.parser")
    assert soup.find("caption").get_text() == "Things & more"
    assert soup.find("div")["aria-label"] == "Things & more"
    assert soup.tbody.th.get_text() == "<i>a</i>" and soup.find("i") is None
    assert soup.tbody.td.get_text() == "not yet found"


def test_a_table_row_may_carry_data_attributes_escaped_like_its_cells():
    table = Table(["Name"], [["a"], ["b"]], caption="Rows",
                  row_data=[{"kind": '"><script>x</script>'}, {"kind": "{{ 7*7 }}"}])
    soup = BeautifulSoup(html.ENVIRONMENT.from_string(
        '{% import "macros.html" as m with context %}{{ m.table(t) }}').render(
        page="index.md", t=table), "html.parser")
    assert [tr["data-kind"] for tr in soup.tbody.find_all("tr")] == [
        '"><script>x</script>', "{{ 7*7 }}"]
    assert soup.find("script") is None


def test_a_part_of_unknown_kind_fails_instead_of_vanishing():
    class Odd:
        kind = "odd"

    with pytest.raises(TypeError, match="unknown kind"):
        render_part(Odd())
    with pytest.raises(UndefinedError):
        render_part(object())
