"""Build the site: validate, load, write generated pages, run MkDocs, swap the result in.

Only this stage writes files. Generated pages go to a fresh folder under build/ (so two builds
never share one), and MkDocs writes into a temporary folder beside site/, which replaces site/
only when everything succeeded, so a failure never leaves a half-written site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import charts, downloads, pages
from .model import load_model
from .paths import BUILD, CACHE, DATAPACKAGES, MKDOCS_YML, SITE, SITE_SRC
from .validate import Problem, validate_packages


class BuildError(Exception):
    """MkDocs or a generation step failed; site/ was left as it was."""


def build_site(site_dir: Path = SITE, packages: Path = DATAPACKAGES,
               site_url: str | None = None) -> list[Problem]:
    problems = validate_packages(packages)
    if problems:
        return problems
    BUILD.mkdir(parents=True, exist_ok=True)
    docs = Path(tempfile.mkdtemp(prefix="docs-", dir=BUILD))
    try:
        stage_docs(packages, docs, site_url)
        publish(docs, site_dir, site_url)
    finally:
        shutil.rmtree(docs, ignore_errors=True)
    return []


def stage_docs(packages: Path, docs: Path = BUILD / "docs", site_url: str | None = None) -> Path:
    """Hand-written pages from site_src/ plus everything generated from the data.

    The default folder is the one mkdocs.yml names, for a plain `mkdocs build` or `mkdocs serve`.
    """
    model = load_model(packages)
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(SITE_SRC, docs, ignore=shutil.ignore_patterns("overrides"))
    snippets = charts.write_charts(model, docs, CACHE / "charts")
    pages.write_pages(model, docs, snippets)
    downloads.write_downloads(model, docs, packages, site_url=site_url)
    return docs


def publish(docs: Path, site_dir: Path, site_url: str | None) -> None:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        run_mkdocs(docs, staging, site_url)
        swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def run_mkdocs(docs: Path, out: Path, site_url: str | None) -> None:
    """mkdocs.yml takes its docs folder from CSPP_DOCS_DIR and its site_url from SITE_URL."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "CSPP_DOCS_DIR": str(docs.resolve())}
    if site_url:
        env["SITE_URL"] = site_url
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
         "--config-file", str(MKDOCS_YML), "--site-dir", str(out)],
        capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise BuildError(f"mkdocs build failed:\n{result.stdout}{result.stderr}")


def swap_in(staging: Path, site_dir: Path) -> None:
    old = site_dir.with_name(site_dir.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
