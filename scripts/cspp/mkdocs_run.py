"""Run MkDocs for a build: the whole site, or only the pages whose source changed.

    python -m cspp.mkdocs_run CONFIG SITE_DIR [--dirty]

The docs folder and site_url come from the environment, as mkdocs.yml says. A full build is
exactly `mkdocs build --strict`. A dirty build is MkDocs' own `--dirty`: it rebuilds a page only
if its source is newer than its built file, and copies only newer static files. The caller
(incremental.py) asks for one only when no page's navigation can have changed. Two things
MkDocs leaves undone in a dirty build are done here:
- Material's search plugin would write an index of only the rebuilt pages. KeepUnbuiltPages
  puts back the previous entries of every other page, in the order a full build writes them.
- MkDocs warns that a dirty build can leave stale navigation, and strict mode would fail on that
  warning. That one warning is dropped; every other warning still fails the build.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import defaultdict
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin, event_priority

SEARCH_INDEX = Path("search") / "search_index.json"
DIRTY_WARNING = "A 'dirty' build is being performed"


def entries_by_page(entries: list[dict]) -> dict[str, list[dict]]:
    """Search entries grouped by the page they belong to (their location without #section)."""
    pages = defaultdict(list)
    for entry in entries:
        pages[entry["location"].split("#", 1)[0]].append(entry)
    return pages


class KeepUnbuiltPages(BasePlugin):
    """In a dirty build, the search index keeps the previous entries of pages not rebuilt."""

    def __init__(self, previous_index: Path) -> None:
        super().__init__()
        previous = json.loads(previous_index.read_text(encoding="utf-8"))
        self.previous = entries_by_page(previous["docs"])
        self.files = None
        self.rebuilt: set[str] = set()

    def on_files(self, files, *, config):
        self.files = files
        return files

    def on_page_context(self, context, *, page, config, nav):
        self.rebuilt.add(page.url)
        return context

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, *, config):
        index = search_plugin(config).search_index
        fresh = entries_by_page(index.entries)
        order = [file.page.url for file in self.files.documentation_pages()]
        index.entries = [entry for url in order
                         for entry in (fresh[url] if url in self.rebuilt else self.previous[url])]


def search_plugin(config):
    return next(plugin for plugin in config.plugins.values() if hasattr(plugin, "search_index"))


class DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def run(config_file: Path, site_dir: Path, dirty: bool) -> None:
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    logger.addHandler(handler)
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(DropDirtyWarning())
        config.plugins["cspp/keep-unbuilt-pages"] = KeepUnbuiltPages(site_dir / SEARCH_INDEX)
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cspp.mkdocs_run", description=__doc__)
    parser.add_argument("config", type=Path)
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--dirty", action="store_true")
    args = parser.parse_args(argv)
    try:
        run(args.config, args.site_dir, args.dirty)
    except SystemExit:
        raise
    except Exception as error:  # MkDocs' Abort and build errors: the message is the report
        print(f"mkdocs build failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
