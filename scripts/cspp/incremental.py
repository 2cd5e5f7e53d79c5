"""Rebuild only what changed: the docs folder the published site was built from, kept between builds.

After each successful build, a folder beside the site (.site.published/ for site/) holds the docs
the site was built from (docs/) and a record (state.json) of everything else the built pages
depend on. The next build brings that docs folder up to date with its freshly generated docs,
copying only the files whose bytes differ, so unchanged files keep the older modification time
that tells MkDocs to skip them.

MkDocs then rebuilds only the changed files into a copy of the site (a dirty build, see
mkdocs_run) if the build's inputs beyond the docs are as recorded:
- the same set of files, so every link still has its target and the same pages exist;
- the same mkdocs.yml (its navigation lists hub pages with fixed titles), theme overrides,
  site_url, code and versions of MkDocs, Material and the Markdown extensions;
- site/ still the site that was recorded.
Otherwise MkDocs builds everything. Either way, site/ is only replaced when the build succeeded.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import shutil
from importlib import metadata
from pathlib import Path

from .mkdocs_run import SEARCH_INDEX
from .paths import MKDOCS_YML, SITE_SRC
from .steps import code_digest

THEME_PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions")


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def signature(docs: Path, site_url: str | None) -> dict:
    """What the built pages depend on besides the bytes of each docs file."""
    overrides = SITE_SRC / "overrides"
    return {
        "files": files_under(docs),
        "mkdocs.yml": file_hash(MKDOCS_YML),
        "overrides": {name: file_hash(overrides / name) for name in files_under(overrides)},
        "site_url": site_url or os.environ.get("SITE_URL", ""),  # as run_mkdocs passes it on
        "versions": {name: metadata.version(name) for name in THEME_PACKAGES},
        "code": code_digest(),  # mkdocs_run's search-index merge among it
    }


class Published:
    """The docs folder and record behind one site folder."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir.resolve()
        self.folder = self.site_dir.with_name(f".{self.site_dir.name}.published")
        self.docs = self.folder / "docs"
        self.state = self.folder / "state.json"

    def can_rebuild_changed_only(self, new_signature: dict) -> bool:
        if not self.docs.is_dir():
            return False
        try:
            recorded = json.loads(self.state.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # no record, or a damaged one: build everything
            return False
        return (recorded.get("signature") == new_signature
                and recorded.get("search_index") == file_hash(self.site_dir / SEARCH_INDEX))

    def take(self, new_docs: Path, new_signature: dict) -> list[str] | None:
        """Make docs/ equal to new_docs. Returns the files that changed if only they need
        rebuilding, or None if everything does.

        The record is removed first: if the build fails from here on, the next one rebuilds
        everything."""
        changed_only = self.can_rebuild_changed_only(new_signature)
        self.state.unlink(missing_ok=True)
        if not changed_only:
            shutil.rmtree(self.docs, ignore_errors=True)
            self.folder.mkdir(parents=True, exist_ok=True)
            shutil.move(new_docs, self.docs)
            return None
        changed = [name for name in new_signature["files"]
                   if not filecmp.cmp(new_docs / name, self.docs / name, shallow=False)]
        for name in changed:
            shutil.copyfile(new_docs / name, self.docs / name)
        return changed

    def copy_site(self, staging: Path, changed: list[str]) -> None:
        """The published site, as the starting point of a rebuild of the changed files, except
        the changed static files (such as the downloads), which MkDocs copies anyway."""
        rewritten = {name for name in changed if not name.endswith(".md")}

        def skip(folder: str, names: list[str]) -> set[str]:
            inside = Path(folder).relative_to(self.site_dir)
            return {name for name in names if (inside / name).as_posix() in rewritten}

        shutil.copytree(self.site_dir, staging, ignore=skip, dirs_exist_ok=True)

    def record(self, new_signature: dict) -> None:
        """Called once the built site is in place."""
        state = {"signature": new_signature,
                 "search_index": file_hash(self.site_dir / SEARCH_INDEX)}
        self.state.write_text(json.dumps(state, indent=1), encoding="utf-8")
