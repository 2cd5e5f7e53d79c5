"""A build reads each package CSV once: load/ reads it, and everything after (shape, the pages,
the downloads, the SQLite and Parquet exports in their workers) uses what load made. Likewise the
derived rates and the citations of sources are made once per build and shared.

Validation is the other reader: it checks the files on disk themselves (frictionless reads each
to report a fault by line), so its reads are counted apart. The releases read the packages as they
were at older commits, from git; the copy built here has no history, so it has no releases.
"""

from __future__ import annotations

import shutil
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

from cspp.load.packages import package_files, read_packages
from cspp.publish import build
from cspp.shape import freshness, rates

OPENED: list[str] = []  # paths opened while a build is being counted
RECORDING = threading.Event()
VALIDATING = threading.local()  # set in the thread that runs validation


def record_opens(event: str, args: tuple) -> None:
    if event == "open" and RECORDING.is_set() and isinstance(args[0], (str, Path)):
        if not getattr(VALIDATING, "on", False):
            OPENED.append(str(args[0]))


sys.addaudithook(record_opens)  # a hook cannot be removed: it records only while RECORDING


@contextmanager
def threads_for_workers():
    """Worker jobs in threads of this process, so that their file opens are seen too."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield pool


def validate_apart(validate):
    def run(*args):
        VALIDATING.on = True
        try:
            return validate(*args)
        finally:
            VALIDATING.on = False

    return run


def count_calls(function, calls: Counter, monkeypatch) -> None:
    """Count the calls of a function through every cspp module that holds it by name."""

    def counted(*args, **kwargs):
        calls[function.__name__] += 1
        return function(*args, **kwargs)

    for name, module in list(sys.modules.items()):
        if name.startswith("cspp") and getattr(module, function.__name__, None) is function:
            monkeypatch.setattr(module, function.__name__, counted)


@pytest.fixture(scope="module")
def counted(tmp_path_factory, small_build) -> tuple[Path, Counter, Counter]:
    """One build of a copy of the small dataset (it has every table), counted: how often it
    opened each package CSV (by path from the packages' root) outside validation, and how often
    it made the derived rates and the citations."""
    base = tmp_path_factory.mktemp("reads")
    packages = Path(shutil.copytree(small_build.packages, base / "datapackages"))
    cache = small_build.charts_into(base / "cache")  # rendered charts are read from no CSV
    calls = Counter()
    with pytest.MonkeyPatch.context() as monkeypatch:
        for function in (rates.derived_rates, freshness.citations):
            count_calls(function, calls, monkeypatch)
        monkeypatch.setattr(build, "worker_pool", threads_for_workers)
        monkeypatch.setattr(build, "validate_packages", validate_apart(build.validate_packages))
        OPENED.clear()
        RECORDING.set()
        try:
            problems = build.build_site(site_dir=base / "site", packages=packages, cache=cache)
        finally:
            RECORDING.clear()
    assert problems == []
    root = packages.resolve()
    reads = Counter(
        Path(path).resolve().relative_to(root).as_posix()
        for path in OPENED
        if path.endswith(".csv") and Path(path).resolve().is_relative_to(root)
    )
    return packages, reads, calls


def test_a_build_reads_each_package_csv_once(counted):
    packages, csv_reads, _ = counted
    csvs = [
        path.relative_to(packages).as_posix()
        for path in package_files(read_packages(packages))
        if path.suffix == ".csv"
    ]
    assert len(csvs) > 30, "every table of the copy is counted"
    assert {name: csv_reads[name] for name in csvs} == {name: 1 for name in csvs}
    assert set(csv_reads) == set(csvs), "no other CSV under the packages is read"


def test_a_build_makes_the_derived_rates_and_the_citations_once(counted):
    _, _, calls = counted
    assert calls == {"derived_rates": 1, "citations": 1}
