"""Build the site: validate, load, write generated pages, run MkDocs, swap the result in.

Only this stage writes files. Generated pages go to a fresh folder under build/ (so two builds
never share one), and MkDocs writes into a temporary folder beside site/, which replaces site/
only when everything succeeded, so a failure never leaves a half-written site. When it safely
can, MkDocs rebuilds only the pages whose source changed, into a copy of site/ (incremental.py).

The slow, independent jobs run in worker processes alongside the main process: validation, the
SQLite export and chart rendering. Pages are written while validation runs, but nothing reaches
site/ unless the data is valid. Chart SVGs are plain files MkDocs only copies, so they are written
straight into the built site after MkDocs has run, and rendering overlaps the MkDocs build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Callable

from . import charts, downloads, incremental, pages
from .model import load_model
from .paths import BUILD, CACHE, DATAPACKAGES, MKDOCS_YML, SITE, SITE_SRC
from .sqlite_export import write_sqlite
from .steps import Steps
from .validate import Problem, validate_packages
from .workers import Clock, timed, worker_pool


class BuildError(Exception):
    """MkDocs or a generation step failed; site/ was left as it was."""


def build_site(site_dir: Path = SITE, packages: Path = DATAPACKAGES,
               site_url: str | None = None, clock: Clock | None = None) -> list[Problem]:
    """Build into site_dir, or return the data's problems and change nothing."""
    clock = clock or Clock()
    BUILD.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="build-", dir=BUILD))
    try:
        with worker_pool() as pool:
            validation = pool.submit(timed, "validate", validate_packages, packages,
                                     CACHE / "validation")
            try:
                plan = stage_docs(packages, scratch / "docs", site_url, pool, clock)
            except Exception:  # bad data can break generation: report the data, not the crash
                problems = clock.result(validation.result())
                if problems:
                    return problems
                raise
            problems = clock.result(validation.result())
            if problems:
                return problems
            publish(scratch / "docs", site_dir, site_url, clock,
                    lambda out: charts.write_svgs(plan, out))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return []


def stage_docs(packages: Path, docs: Path, site_url: str | None, pool: Executor,
               clock: Clock) -> charts.ChartPlan:
    """Hand-written pages from site_src/ plus everything generated from the data, except the
    chart SVGs, which are still rendering when this returns (see charts.write_svgs)."""
    with clock.stage("load model"):
        model = load_model(packages)
    with clock.stage("charts: specs"):
        plan = charts.start_charts(model, CACHE / "charts", pool, clock)
        # Queued after the map (which pages embed) and before the other charts (needed last).
        sqlite = pool.submit(timed, "downloads: SQLite", write_sqlite, packages,
                             docs.parent / "export.sqlite")
        steps = Steps(CACHE / "steps", model)
        charts.plan_charts(model, plan, steps)
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(SITE_SRC, docs, ignore=shutil.ignore_patterns("overrides"))
    with clock.stage("charts: CSVs and compare pages"):
        snippets = charts.write_charts(model, docs, plan)
    with clock.stage("pages"):
        pages.write_pages(model, docs, snippets, steps, plan.indicator_charts)
    with clock.stage("downloads"):
        downloads.write_downloads(model, docs, packages, site_url=site_url,
                                  sqlite=lambda: clock.result(sqlite.result()))
    return plan


def stage_complete_docs(packages: Path, docs: Path = BUILD / "docs") -> Path:
    """Every page and file MkDocs needs, SVGs included, for a plain `mkdocs build` or
    `mkdocs serve` (the default folder is the one mkdocs.yml names)."""
    clock = Clock()
    with worker_pool() as pool:
        plan = stage_docs(packages, docs, None, pool, clock)
        charts.write_svgs(plan, docs)
    return docs


def publish(docs: Path, site_dir: Path, site_url: str | None, clock: Clock,
            add_files: Callable[[Path], None]) -> None:
    """MkDocs into a staging folder, then add_files(staging), then swap it in as site_dir.

    MkDocs rebuilds only the changed pages into a copy of site_dir when it safely can (see
    incremental.py), and everything otherwise."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    published = incremental.Published(site_dir)
    new_signature = incremental.signature(docs, site_url)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        with clock.stage("mkdocs: changed docs, copy of site/"):
            changed = published.take(docs, new_signature)
            if changed is not None:
                published.copy_site(staging, changed)
        with clock.stage("mkdocs"):
            run_mkdocs(published.docs, staging, site_url, changed_only=changed is not None)
        with clock.stage("charts: waiting for SVGs, writing them"):
            add_files(staging)
        with clock.stage("swap into site/"):
            swap_in(staging, site_dir)
            published.record(new_signature)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def run_mkdocs(docs: Path, out: Path, site_url: str | None, changed_only: bool = False) -> None:
    """mkdocs.yml takes its docs folder from CSPP_DOCS_DIR and its site_url from SITE_URL."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "CSPP_DOCS_DIR": str(docs.resolve())}
    if site_url:
        env["SITE_URL"] = site_url
    command = [sys.executable, "-m", "cspp.mkdocs_run", str(MKDOCS_YML), str(out)]
    result = subprocess.run(command + (["--dirty"] if changed_only else []),
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
