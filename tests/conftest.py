"""Shared fixtures: a valid copy of the data packages that tests may break one way each, the
small dataset made by code (fixtures/dataset.py) for tests of build behaviour, the real data
built once for every test that only reads the site, and one build of the small dataset with
markup in every free-text column."""

from __future__ import annotations

import io
import shutil
from contextlib import redirect_stderr
from dataclasses import dataclass
from pathlib import Path

import pytest
from _pytest.nodeid import NodeId

from cspp import cli
from cspp.publish.build import CHART_CACHE
from cspp.render.charts import configure_altair
from fixtures.dataset import make_dataset

from support import (
    URL_PAYLOAD,
    build_and_serve,
    copy_packages,
    edit_csv_rows,
    free_text_fields,
    tagged,
)

SESSION_BUILDS = ("built", "injected", "small_build")


def pytest_collection_modifyitems(config, items) -> None:
    """Under pytest-xdist (`make test` runs two workers, --dist loadgroup), every test of a
    session build (the real build, the injection build, the small build) runs on the one worker
    that makes it, so that each session build is made once, not once per worker."""
    for item in items:
        build = next((name for name in SESSION_BUILDS if name in item.fixturenames), None)
        if build:
            item.add_marker(pytest.mark.xdist_group(build))
            # xdist's workers set option.loadgroup; a run without -n has no such option.
            loadgroup = getattr(config.option, "loadgroup", False)
            if loadgroup and not item.nodeid.endswith(f"@{build}"):
                # xdist 3.8 puts the group into the test id by setting item._nodeid, which
                # pytest 9 no longer reads (a node's id is item._id): do what xdist means.
                item._id = NodeId.parse(f"{item.nodeid}@{build}")


@pytest.fixture(scope="session", autouse=True)
def altair_configured() -> None:
    """Altair's theme and debug mode, as the build sets them, for tests that make charts."""
    configure_altair()


@pytest.fixture
def packages(tmp_path) -> Path:
    return copy_packages(tmp_path / "datapackages")


@pytest.fixture(scope="session")
def small_dataset(tmp_path_factory) -> Path:
    """The small dataset, made once; tests copy it (small_packages) rather than change it."""
    return make_dataset(tmp_path_factory.mktemp("small") / "datapackages")


@pytest.fixture
def small_packages(small_dataset, tmp_path) -> Path:
    """A copy of the small dataset that a test may change."""
    return Path(shutil.copytree(small_dataset, tmp_path / "datapackages"))


@dataclass(frozen=True)
class SmallBuild:
    packages: Path
    site: Path
    cache: Path
    exit_code: int
    stderr: str

    def charts_into(self, cache: Path) -> Path:
        """A cache folder that has this build's rendered charts (for a build that tests
        something else, so that it does not render them again), and nothing else kept."""
        shutil.copytree(self.cache / CHART_CACHE, cache / CHART_CACHE)
        return cache


@pytest.fixture(scope="session")
def small_build(tmp_path_factory, small_dataset) -> SmallBuild:
    """The small dataset built once by `cspp build` from an empty cache, with no repository
    address (REPO_URL unset, none in mkdocs.yml); tests read it, or copy its site and cache."""
    root = tmp_path_factory.mktemp("small-build")
    packages = Path(shutil.copytree(small_dataset, root / "datapackages"))
    stderr = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stderr(stderr):
        patch.delenv("REPO_URL", raising=False)
        code = cli.main(
            [
                "build",
                *("--packages", str(packages)),
                *("--site-dir", str(root / "site")),
                *("--cache-dir", str(root / "cache")),
            ]
        )
    return SmallBuild(packages, root / "site", root / "cache", code, stderr.getvalue())


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The real data, built once with an empty cache and served on 127.0.0.1."""
    yield from build_and_serve(tmp_path_factory.mktemp("built"))


@pytest.fixture(scope="session")
def injected(tmp_path_factory, small_dataset):
    """The small dataset with the payload in the first row of every free-text column, and a link
    that would break out of an unescaped attribute in the first plan's document_url."""
    root = tmp_path_factory.mktemp("injected")
    packages = Path(shutil.copytree(small_dataset, root / "datapackages"))
    # A table with no rows yet gets one, so that its text columns are injected too.
    edit_csv_rows(
        packages / "context" / "confirmations.csv",
        lambda rows: (
            rows.append(
                {
                    "confirmation_id": "fife-page-correct-2026-12-01",
                    "partnership_id": "fife",
                    "kind": "page-correct",
                    "confirmed_on": "2026-12-01",
                    "confirmed_by": "Planning lead",
                    "source_id": "children-and-young-people-scotland-act-2014-s8",
                }
            )
            if not rows
            else None
        ),
    )
    columns = free_text_fields(packages)
    for path, resource, field in columns:

        def put(rows, resource=resource, field=field):
            rows[0][field] = tagged(resource, field)

        edit_csv_rows(path, put)
    edit_csv_rows(
        packages / "plans" / "plans.csv", lambda rows: rows[0].update(document_url=URL_PAYLOAD)
    )
    # The injected better_statement is a publisher's words, which direction-has-source wants
    # cited: cite it, so the payload is built and not refused.
    edit_csv_rows(
        packages / "measures" / "indicator_labels.csv",
        lambda rows: rows[0].update(better_source_id="github-com-data-techdoc-rds"),
    )
    for site in build_and_serve(root, packages):
        yield site, packages, [(resource, field) for _, resource, field in columns]
