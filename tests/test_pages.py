"""The page templates' escaping and parts, on hand-written values."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from jinja2 import UndefinedError

from cspp.render.pages import html
from cspp.render.pages.parts import External, Link, Missing, Table, external


def render_part(value, page: str = "partnerships/x.md") -> str:
    return (
        html.environment()
        .from_string('{% import "macros.html" as m with context %}{{ m.part(value) }}')
        .render(page=page, value=value)
    )


def test_data_text_is_escaped_and_template_syntax_made_inert():
    assert html.inert('<b a="1">{{ x }}</b>\nnext') == (
        "&lt;b a=&quot;1&quot;&gt;&#123;&#123; x &#125;&#125;&lt;/b&gt;<br>next"
    )


def test_in_markdown_a_link_and_emphasis_are_made_inert():
    text = html.markdown_inert("[x](javascript:alert(1)) *y* 2023-2026")
    assert "[" not in text and "(" not in text and "*" not in text
    assert text.endswith("2023-2026")  # a cycle reads the same


def test_a_front_matter_value_is_quoted_and_escaped():
    assert (
        html.yaml_string('a "quoted" <b>\\ title') == '"a &quot;quoted&quot; &lt;b&gt;\\\\ title"'
    )


def test_links_are_relative_to_the_page_and_externals_only_https_or_http():
    soup = BeautifulSoup(
        render_part(
            [Link("Plan", "plans/p.md", "vision"), External("https://example.org/a?b=1&c=2")]
        ),
        "html.parser",
    )
    assert [a["href"] for a in soup.find_all("a")] == [
        "../../plans/p/#vision",
        "https://example.org/a?b=1&c=2",
    ]
    assert external("javascript:alert(1)") == "javascript:alert(1)"  # shown as text, not linked
    assert external("") == Missing()


def test_a_table_has_a_caption_row_headers_and_escaped_cells():
    table = Table(["Name", "Value"], [["<i>a</i>", Missing()]], caption="Things & more")
    soup = BeautifulSoup(
        html.environment()
        .from_string('{% import "macros.html" as m with context %}{{ m.table(t) }}')
        .render(page="index.md", t=table),
        "html.parser",
    )
    assert soup.find("caption").get_text() == "Things & more"
    assert soup.find("div")["aria-label"] == "Things & more"
    assert soup.tbody.th.get_text() == "<i>a</i>" and soup.find("i") is None
    assert soup.tbody.td.get_text() == "not yet found"


def test_a_table_row_may_carry_data_attributes_escaped_like_its_cells():
    table = Table(
        ["Name"],
        [["a"], ["b"]],
        caption="Rows",
        row_data=[{"kind": '"><script>x</script>'}, {"kind": "{{ 7*7 }}"}],
    )
    soup = BeautifulSoup(
        html.environment()
        .from_string('{% import "macros.html" as m with context %}{{ m.table(t) }}')
        .render(page="index.md", t=table),
        "html.parser",
    )
    assert [tr["data-kind"] for tr in soup.tbody.find_all("tr")] == [
        '"><script>x</script>',
        "{{ 7*7 }}",
    ]
    assert soup.find("script") is None


def test_a_part_of_unknown_kind_fails_instead_of_vanishing():
    class Odd:
        kind = "odd"

    with pytest.raises(TypeError, match="unknown kind"):
        render_part(Odd())
    with pytest.raises(UndefinedError):
        render_part(object())


def render_table(table: Table) -> BeautifulSoup:
    return BeautifulSoup(
        html.environment()
        .from_string('{% import "macros.html" as m with context %}{{ m.table(t) }}')
        .render(page="index.md", t=table),
        "html.parser",
    )


RUNNING = "Improve the mental health and wellbeing of children, young people and their families"


def test_a_table_of_running_text_stacks_on_a_phone_each_cell_labelled_by_its_header():
    table = Table(
        ["Priority", "Source", Link("Themes", "compare/themes.md")],
        [[RUNNING, External("https://example.org/"), "Healthy"], ["Short", "", "<b>"]],
        caption="Priorities",
    )
    assert table.layout == "stack"
    soup = render_table(table)
    assert soup.find("div")["class"] == ["cspp-table", "cspp-stack"]
    assert [[c["data-label"] for c in tr.find_all(["th", "td"])] for tr in soup.tbody("tr")] == [
        ["Priority", "Source", "Themes"]
    ] * 2
    assert soup.find(class_="cspp-scroll-cue") is None
    # No roles in the markup (the HTML checker does not allow them; a11y.js gives them).
    assert soup.find(attrs={"role": lambda r: r and r != "region"}) is None


def test_a_grid_of_short_values_scrolls_after_a_line_that_says_so():
    table = Table(
        ["Partnership", "2021", "2022"],
        [["Dumfries and Galloway", "1.5", Missing()]],
        caption="Counts",
        css="cspp-numbers",
    )
    assert table.layout == "scroll"
    soup = render_table(table)
    cue, box = soup.find_all(recursive=False)
    assert (
        cue.name == "p"
        and "cspp-scroll-cue" in cue["class"]
        and cue.has_attr("data-search-exclude")
        and "sideways" in cue.get_text()
    )
    assert box["class"] == ["cspp-table", "cspp-scroll", "cspp-numbers"]
    assert soup.find(attrs={"data-label": True}) is None


@pytest.mark.parametrize(
    "first, other, layout",
    [
        ("x" * 80, "y" * 60, "scroll"),  # a first column short enough to pin, values short enough
        ("x" * 81, "y", "stack"),  # a first column too wide to pin on a phone
        ("x", "y" * 61, "stack"),  # running text in another column
    ],
)
def test_the_layout_rule_reads_the_longest_text_of_each_column(first, other, layout):
    assert (
        Table(["A", "B"], [[first, Link(other, "index.md")], ["a", "b"]], caption="c").layout
        == layout
    )


def test_a_table_may_choose_its_layout_but_only_one_of_the_two():
    assert Table(["A", "B"], [["a", RUNNING]], caption="c", narrow="scroll").layout == "scroll"
    assert Table(["A", "B"], [["a", "1"]], caption="c", narrow="stack").layout == "stack"
    with pytest.raises(ValueError, match="narrow"):
        _ = Table(["A"], [["a"]], caption="c", narrow="cards").layout
