"""Check that every link, anchor and asset of a built site resolves within the site.

    python tools/check_links.py SITE_DIR [--base-path /cspp/]

Reads every HTML page under SITE_DIR (BeautifulSoup) and resolves each `href`, `src` and
`srcset` that points inside the site, as a browser would from the page's own URL: the file must
exist (a folder means its index.html), and a #fragment must be the id (or the name of an <a>) of
an element of the target page. Links to other sites, mailto: and data: URLs are left alone. A
root-absolute URL is read below --base-path, where the site is served (404.html uses them).
Prints one line per broken reference and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

ATTRIBUTES = ("href", "src", "srcset")
NOT_LOCAL = ("mailto:", "data:", "tel:")


@dataclass(frozen=True)
class Broken:
    page: str  # the page, as a path in the site
    reference: str  # the attribute's value
    problem: str  # "no such file" or "no such anchor"

    def __str__(self) -> str:
        return f"{self.page}: {self.reference} ({self.problem})"


def references(tag) -> list[str]:
    found = []
    for attribute in ATTRIBUTES:
        value = tag.get(attribute)
        if value and attribute == "srcset":
            found += [part.split()[0] for part in value.split(",") if part.strip()]
        elif value:
            found.append(value)
    return found


def parsed(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


Parse = Callable[[Path], BeautifulSoup]


class Site:
    """parse: how a page is read (the tests pass the parse their other checks already made)."""

    def __init__(self, folder: Path, base_path: str = "/", parse: Parse = parsed) -> None:
        within = base_path.strip("/")
        self.folder, self.base_path = folder, f"/{within}/" if within else "/"
        self.parse = parse

    # One Site per run: caching on the instance for the whole program is the point.
    @cache  # noqa: B019
    def soup(self, path: Path) -> BeautifulSoup:
        return self.parse(path)

    @cache  # noqa: B019
    def anchors(self, path: Path) -> frozenset:
        soup = self.soup(path)
        return frozenset(
            [t["id"] for t in soup.find_all(id=True)]
            + [t["name"] for t in soup.find_all("a", attrs={"name": True})]
        )

    def target(self, page: Path, reference: str) -> tuple[Path, str] | None:
        """The file and fragment a reference on page points to, or None if it leaves the site."""
        page_url = self.base_path + page.relative_to(self.folder).as_posix()
        url = urlsplit(urljoin(page_url, reference))
        if url.scheme or url.netloc or reference.startswith(NOT_LOCAL):
            return None
        path = unquote(url.path)
        if not path.startswith(self.base_path):
            return self.folder / "__outside_the_site__", url.fragment
        file = self.folder / path[len(self.base_path) :]
        return (file / "index.html" if path.endswith("/") or file.is_dir() else file), url.fragment

    def broken(self) -> list[Broken]:
        found = []
        for page in sorted(self.folder.rglob("*.html")):
            shown = page.relative_to(self.folder).as_posix()
            for tag in self.soup(page).find_all(lambda t: any(t.has_attr(a) for a in ATTRIBUTES)):
                for reference in references(tag):
                    problem = self.problem(page, reference)
                    if problem:
                        found.append(Broken(shown, reference, problem))
        return found

    def problem(self, page: Path, reference: str) -> str | None:
        target = self.target(page, reference)
        if target is None:
            return None
        file, fragment = target
        if not file.is_file():
            return "no such file"
        if fragment and (file.suffix != ".html" or fragment not in self.anchors(file)):
            return "no such anchor"
        return None


def broken_links(folder: Path, base_path: str = "/", parse: Parse = parsed) -> list[Broken]:
    return Site(folder, base_path, parse).broken()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--base-path", default="/", help="the path the site is served below")
    args = parser.parse_args(argv)
    found = broken_links(args.site, args.base_path)
    for broken in found:
        print(broken)
    print(f"{len(found)} broken links, anchors or assets", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
