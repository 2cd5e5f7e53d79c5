"""Build the site: validate, load and shape the data, write the pages, run MkDocs, swap it in.

Generated pages go to a fresh folder under build/ (so two builds never share one), and MkDocs
writes into a temporary folder beside site/, which replaces site/ only when everything
succeeded, so a failure never leaves a half-written site.

The slow, independent jobs run in worker processes beside the main process: validation, the
SQLite and Parquet exports, the releases and chart rendering. Validation runs beside loading and
shaping and is awaited before anything is made from the data: invalid data stops the build
before any chart, export or page, and nothing reaches site/. Chart SVGs are plain files MkDocs only copies, so they are written
straight into the built site after MkDocs has run, and rendering overlaps the MkDocs build.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..cache import kept
from ..dataset import citation
from ..load.history import is_committed
from ..load.model import load_model, read_boundaries
from ..load.packages import package_files
from ..load.tables import named_tables
from ..paths import BUILD, CACHE, DATAPACKAGES, MKDOCS_YML, SITE, SITE_SRC
from ..render.charts import configure_altair, indicator_charts, map_chart, other_charts
from ..render.pages import downloads_page, indicator_files, page_files, release_files
from ..render.pages.contribute import Contribute
from ..shape.ages import passed_updates
from ..shape.indicators import INDICATOR_TABLES, shape_indicators
from ..shape.site import shape_site
from ..validate import VALIDATION_CACHE, Problem, validate_packages
from .charts import ChartFiles, set_sizes
from .downloads import Exports, data_version, write_downloads
from .exports import ExportTables, export_tables
from .mkdocs import MkDocsFailed, repository, run_mkdocs
from .parquet import write_tables
from .releases import published_releases, write_release_files
from .sqlite import write_database
from .workers import Clock, timed, worker_pool

CHART_CACHE = "charts"  # where, under the cache folder, each chart's rendered SVGs are kept


class BuildError(Exception):
    """MkDocs or a generation step failed; site/ was left as it was."""


class InvalidData(Exception):
    """Validation found problems: the build stops before any chart or page is made."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def valid(validation: Future, clock: Clock) -> None:
    """Wait for validation (a worker job); raise InvalidData if it found problems."""
    problems = clock.result(validation.result())
    if problems:
        raise InvalidData(problems)


NO_REPOSITORY = (
    "cspp: warning: no repository address, so every gap links to the "
    "contributing page instead of its issue form; set repo_url in mkdocs.yml "
    "(or the REPO_URL environment variable, or cspp build --repo-url)"
)


def build_site(
    site_dir: Path = SITE,
    packages: Path = DATAPACKAGES,
    site_url: str | None = None,
    clock: Clock | None = None,
    cache: Path = CACHE,
    repo_url: str | None = None,
    config_file: Path = MKDOCS_YML,
) -> list[Problem]:
    """Build into site_dir, or return the data's problems and change nothing. repo_url: the
    GitHub repository whose issue forms the gaps link to and the header names (default:
    REPO_URL, else repo_url in config_file, mkdocs.yml; with none, a warning on stderr)."""
    clock = clock or Clock()
    site_url = site_url or os.environ.get("SITE_URL") or None
    contribute = Contribute(configured_repository(repo_url, config_file))
    BUILD.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="build-", dir=BUILD))
    try:
        with worker_pool() as pool:
            validation = pool.submit(
                timed, "validate", validate_packages, packages, cache / VALIDATION_CACHE
            )
            try:
                charts = stage_docs(
                    packages,
                    scratch / "docs",
                    site_url,
                    pool,
                    clock,
                    cache,
                    contribute,
                    validated=lambda: valid(validation, clock),
                )
            except InvalidData:
                raise
            except (
                Exception
            ):  # bad data can break loading or shaping: report the data, not the crash
                valid(validation, clock)
                raise
            publish(
                scratch / "docs",
                site_dir,
                site_url,
                clock,
                charts,
                contribute.repo_url,
                config_file,
            )
    except InvalidData as invalid:
        return invalid.problems
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return []


def configured_repository(repo_url: str | None, config_file: Path = MKDOCS_YML) -> str | None:
    """The repository address (mkdocs.repository), or None after a warning on stderr."""
    try:
        found = repository(repo_url, config_file)
    except MkDocsFailed as error:
        raise BuildError(f"the repository address is not one MkDocs accepts:\n{error}") from None
    if not found:
        print(NO_REPOSITORY, file=sys.stderr)
    return found


def stage_docs(
    packages: Path,
    docs: Path,
    site_url: str | None,
    pool: Executor,
    clock: Clock,
    cache: Path = CACHE,
    contribute: Contribute | None = None,
    validated: Callable[[], None] = lambda: None,
) -> ChartFiles:
    """Hand-written pages from site_src/ plus everything generated from the data, except the
    chart SVGs, which are still rendering when this returns (ChartFiles.write_svgs).
    validated: waits for validation and raises if the data is invalid; it is called after
    loading and shaping, before any chart, export or page is started."""
    contribute = contribute or Contribute(None)
    with clock.stage("load and shape"):
        model = load_model(packages)
        today = dt.date.today()
        site = shape_site(named_tables(model), today)
    with clock.stage("waiting for validation"):
        validated()
    with clock.stage("charts: specs"):
        configure_altair()
        charts = ChartFiles(cache / CHART_CACHE, pool, clock)
        charts.add([map_chart(site.councils, read_boundaries())])  # pages draw it inline
    with clock.stage("indicator charts and pages"):
        section = indicator_section(model, cache, today, site.outcomes.rates)
        charts.add(section.charts)
    with clock.stage("downloads: tables"):
        # Queued before the other charts, which are needed last.
        exports = start_exports(
            pool,
            export_tables(model, site.themes.derived, section.rates, section.comparisons),
            packages,
            docs.parent,
            site_url,
            cache,
        )
    with clock.stage("charts: specs"):
        charts.add(
            other_charts(
                site.reviews,
                site.themes,
                site.theme_changes,
                site.partnerships,
                site.outcomes,
                site.cycles,
                site.ages,
            )
        )
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(SITE_SRC, docs, ignore=shutil.ignore_patterns("overrides"))
    with clock.stage("charts: CSVs"):
        charts.write_csvs(docs)
        charts.finish_inline()
    with clock.stage("pages"):
        version = data_version(packages, package_files(model.packages))
        published, committed = clock.result(exports["releases"].result()), is_committed(packages)
        files = {
            **page_files(
                site, charts.charts, citation(version), [r.version for r in published], contribute
            ),
            **section.pages,
            **release_files(published, committed, site_url),
        }
        write_files(docs, files)
        write_release_files(docs, published)
    with clock.stage("downloads"):
        written = write_downloads(
            site,
            docs,
            packages,
            site_url,
            Exports(
                sqlite=lambda: clock.result(exports["sqlite"].result()),
                parquet=lambda: clock.result(exports["parquet"].result()),
            ),
            model=model,
        )
        write_files(
            docs,
            downloads_page(
                site,
                written.files,
                written.version,
                site_url,
                written.views,
                committed and version in {r.version for r in published},
            ),
        )
    return charts


def start_exports(
    pool: Executor,
    export: ExportTables,
    packages: Path,
    folder: Path,
    site_url: str | None,
    cache: Path,
) -> dict[str, Future]:
    """The SQLite and Parquet exports, given the tables they write, and the releases, read from
    git's history of packages, started in workers (into folder)."""
    return {
        "sqlite": pool.submit(
            timed, "downloads: SQLite", write_database, export, folder / "export.sqlite"
        ),
        "parquet": pool.submit(
            timed, "downloads: Parquet", write_tables, export, folder / "parquet"
        ),
        "releases": pool.submit(timed, "releases", published_releases, packages, site_url, cache),
    }


@dataclass
class IndicatorSection:
    """The indicator charts and pages, and the shaped tables the exports also write."""

    charts: list
    pages: dict[str, str]
    rates: pd.DataFrame  # the derived rates (shape/rates.py)
    comparisons: pd.DataFrame  # each council value beside Scotland's (shape/comparisons.py)


def indicator_section(model, cache: Path, today: dt.date, rates: pd.DataFrame) -> IndicatorSection:
    """The indicator charts and pages, the slowest pages to make, kept in .cache/steps/ while
    the tables they are made from (and the code), and which stated next updates have passed by
    today, are unchanged. rates: the site's derived rates (made from INDICATOR_TABLES alone)."""

    def make() -> IndicatorSection:
        indicators = shape_indicators(
            *(model.table(name) for name in INDICATOR_TABLES), rates=rates, today=today
        )
        made = indicator_charts(indicators)
        return IndicatorSection(
            made,
            indicator_files(indicators, {c.key: c for c in made}),
            indicators.rates,
            indicators.comparisons,
        )

    inputs = {name: model.digests[name] for name in INDICATOR_TABLES}
    inputs["next updates passed"] = " ".join(passed_updates(model.table("snapshots"), today))
    return kept(cache / "steps", "indicators", inputs, make)


def write_files(docs: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def stage_complete_docs(packages: Path, docs: Path | None = None) -> Path:
    """Every page and file MkDocs needs, SVGs included, for a plain `mkdocs build` or
    `mkdocs serve` (docs: by default build/docs/, the folder mkdocs.yml names)."""
    docs = docs or BUILD / "docs"
    docs.parent.mkdir(parents=True, exist_ok=True)
    contribute = Contribute(configured_repository(None))
    with worker_pool() as pool:
        charts = stage_docs(packages, docs, None, pool, Clock(), contribute=contribute)
        set_sizes(docs, charts.write_svgs(docs), pages="*.md")
    return docs


def publish(
    docs: Path,
    site_dir: Path,
    site_url: str | None,
    clock: Clock,
    charts: ChartFiles,
    repo_url: str | None = None,
    config_file: Path = MKDOCS_YML,
) -> None:
    """MkDocs into a staging folder, then the chart SVGs, then swap it in as site_dir."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        with clock.stage("mkdocs"):
            try:
                run_mkdocs(docs, staging, site_url, repo_url, config_file)
            except MkDocsFailed as error:
                raise BuildError(f"mkdocs build failed:\n{error}") from None
        with clock.stage("charts: waiting for SVGs, writing them"):
            set_sizes(staging, charts.write_svgs(staging))
        with clock.stage("swap into site/"):
            swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, site_dir: Path) -> None:
    old = site_dir.with_name(site_dir.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
