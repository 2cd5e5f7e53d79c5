"""The repository address has one home, `repo_url` in mkdocs.yml, read through MkDocs' own
configuration loading; REPO_URL and `cspp build --repo-url` override it. With an address, every
gap links to its pre-filled issue form and the header links to the repository without asking its
host for anything; without one, the build warns and every gap links to the contributing page,
which says why. The session's small build (tests/conftest.py) has no address; the rest reads
the session's build of the real data, which has one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cspp.paths import MKDOCS_YML, SITE_SRC
from cspp.publish.build import BuildError, configured_repository
from cspp.publish.mkdocs import repository
from cspp.render.pages.contribute import Contribute
from cspp.render.pages.hubs import contributing_page

from support import TEST_REPOSITORY, page_soup

COMMITTED_LINE = "repo_url: !ENV REPO_URL"
IN_THE_COPY = "https://github.com/someone/cspp-copy"
FROM_THE_ENVIRONMENT = "https://github.com/someone/cspp-from-env"
FROM_THE_OPTION = "https://github.com/someone/cspp-from-option"
FORMS = ["plan-or-report.yml", "member-or-fact.yml", "data-correction.yml", "page-correct.yml"]
NO_ADDRESS = "This copy of the site was built without a repository address"


@pytest.fixture(autouse=True)
def no_repo_url(monkeypatch):
    monkeypatch.delenv("REPO_URL", raising=False)


def mkdocs_yml_with(folder: Path, line: str) -> Path:
    """A copy of mkdocs.yml with its repo_url line replaced; site_src beside it, as in the
    repository, so that the copy's relative folders resolve."""
    text = MKDOCS_YML.read_text(encoding="utf-8")
    assert text.count(f"\n{COMMITTED_LINE}\n") == 1
    (folder / "site_src").symlink_to(SITE_SRC)
    copy = folder / "mkdocs.yml"
    copy.write_text(text.replace(f"\n{COMMITTED_LINE}\n", f"\n{line}\n"), encoding="utf-8")
    return copy


def soup(path: Path) -> BeautifulSoup:
    return page_soup(path)


def gap_links(site: Path) -> list[str]:
    return [
        a["href"]
        for html in sorted((site / "partnerships").glob("*/index.html"))
        for a in soup(html).select("a.cspp-gap-link")
    ]


# ---------------------------------------------------------------- where the address comes from


def test_the_committed_mkdocs_yml_names_no_repository_but_reads_repo_url(monkeypatch):
    assert repository() is None
    monkeypatch.setenv("REPO_URL", FROM_THE_ENVIRONMENT)
    assert repository() == FROM_THE_ENVIRONMENT


def test_repo_url_in_mkdocs_yml_is_used_when_nothing_overrides_it(tmp_path):
    copy = mkdocs_yml_with(tmp_path, f"repo_url: {IN_THE_COPY}")
    assert repository(None, copy) == IN_THE_COPY


def test_repo_url_then_the_option_override_mkdocs_yml(tmp_path, monkeypatch):
    copy = mkdocs_yml_with(tmp_path, f"repo_url: {IN_THE_COPY}")
    monkeypatch.setenv("REPO_URL", FROM_THE_ENVIRONMENT)
    assert repository(None, copy) == FROM_THE_ENVIRONMENT
    assert repository(FROM_THE_OPTION, copy) == FROM_THE_OPTION


def test_the_default_form_the_comment_in_mkdocs_yml_suggests_works(tmp_path, monkeypatch):
    copy = mkdocs_yml_with(tmp_path, f'repo_url: !ENV [REPO_URL, "{IN_THE_COPY}"]')
    assert repository(None, copy) == IN_THE_COPY
    monkeypatch.setenv("REPO_URL", FROM_THE_ENVIRONMENT)
    assert repository(None, copy) == FROM_THE_ENVIRONMENT


def test_an_address_mkdocs_refuses_stops_the_build_saying_which_setting(capsys):
    with pytest.raises(BuildError, match="repo_url"):
        configured_repository("github.com/someone/no-scheme")
    assert "no repository address" not in capsys.readouterr().err


# ---------------------------------------------------------------- the contributing page


def test_with_an_address_the_contributing_page_links_the_repository_and_each_form():
    page = soup_of(contributing_page(Contribute(TEST_REPOSITORY + "/")))
    links = [a["href"] for a in page.select("p.cspp-repository a")]
    assert links == [TEST_REPOSITORY + "/"] + [
        f"{TEST_REPOSITORY}/issues/new?template={form}" for form in FORMS
    ]
    assert NO_ADDRESS not in page.get_text()


def test_without_an_address_the_contributing_page_says_so_and_links_no_form():
    text = contributing_page(Contribute(None))
    page = soup_of(text)
    statement = " ".join(page.select_one(".cspp-no-repository").get_text(" ").split())
    assert NO_ADDRESS + ", so it cannot link to the issue forms" in statement
    assert "open its Issues tab, choose New issue" in statement
    assert "Add or correct a plan or report" in statement  # the forms by name, from their YAML
    assert not [a for a in page.find_all("a") if "issues/new" in a.get("href", "")]
    assert "<!-- cspp:" not in text


def test_the_address_reaches_the_contributing_page_as_inert_text():
    page = soup_of(contributing_page(Contribute('https://github.com/x/y"><script>1</script>')))
    assert page.find("script") is None
    link = page.select_one("p.cspp-repository a")
    assert link["href"] == 'https://github.com/x/y"><script>1</script>'


def soup_of(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(markdown, "html.parser")


# ---------------------------------------------------------------- built sites


def test_with_an_address_gaps_open_their_forms_and_the_header_links_the_repository(built):
    links = gap_links(built.dir)
    assert links and all(
        link.startswith(f"{TEST_REPOSITORY}/issues/new?template=") for link in links
    )
    for html in sorted(built.dir.rglob("*.html")):
        assert 'data-md-component="source"' not in html.read_text(encoding="utf-8"), html
    header = soup(built.dir / "index.html").select_one("header a.md-source")
    assert header["href"] == TEST_REPOSITORY
    contributing = soup(built.dir / "contributing" / "index.html")
    assert [a["href"] for a in contributing.select("p.cspp-repository a")][1:] == [
        f"{TEST_REPOSITORY}/issues/new?template={form}" for form in FORMS
    ]


def test_a_build_without_an_address_warns_and_sends_every_gap_to_the_contributing_page(
    small_build,
):
    site, err = small_build.site, small_build.stderr
    assert small_build.exit_code == 0, err
    warning = [line for line in err.splitlines() if "no repository address" in line]
    assert len(warning) == 1
    assert all(
        words in warning[0] for words in ("repo_url in mkdocs.yml", "REPO_URL", "--repo-url")
    )
    links = gap_links(site)
    assert links and set(links) == {"../../contributing/"}
    assert soup(site / "index.html").select("a.md-source") == []
    statement = soup(site / "contributing" / "index.html").select_one(".cspp-no-repository")
    assert NO_ADDRESS in " ".join(statement.get_text(" ").split())
