"""The build keeps each resource's problems between runs: a rerun after a correction checks only
the resources the correction can affect, and reports exactly what a full validation reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cspp import cli
from cspp.validate import VALIDATION_CACHE, validate_packages
from cspp.validate import packages as validate

from support import copy_packages, edit_csv_rows


@pytest.fixture
def packages(tmp_path) -> Path:
    return copy_packages(tmp_path / "datapackages", keep_indicator_rows=20)


@pytest.fixture
def checked(monkeypatch) -> list[str]:
    """The names of the resources frictionless checks, in order."""
    names: list[str] = []
    real = validate.check_resource

    def counting(name, package, resource, lookups, root):
        names.append(resource.name)
        return real(name, package, resource, lookups, root)

    monkeypatch.setattr(validate, "check_resource", counting)
    return names


def as_reported(packages: Path, cache: Path) -> list[tuple]:
    return [(p.file, p.line, p.field, p.value, p.type) for p in validate_packages(packages, cache)]


def test_a_rerun_with_nothing_changed_checks_nothing(packages, tmp_path, checked):
    first = as_reported(packages, tmp_path / "kept")
    assert len(checked) > 10
    checked.clear()
    assert as_reported(packages, tmp_path / "kept") == first == []
    assert checked == []


def test_a_change_rechecks_the_resource_and_those_pointing_at_it(packages, tmp_path, checked):
    as_reported(packages, tmp_path / "kept")
    checked.clear()

    def retitle(rows):
        rows[0]["title"] += " (corrected)"

    edit_csv_rows(packages / "plans" / "plans.csv", retitle)

    assert as_reported(packages, tmp_path / "kept") == []
    # priorities and plan_statements point at plans in the same package; plan_measures, in
    # another package, points at plan ids only, and a title is not one
    assert sorted(checked) == ["plan_statements", "plans", "priorities"]


def test_a_row_removed_is_reported_where_it_is_referred_to(packages, tmp_path):
    as_reported(packages, tmp_path / "kept")
    plans = packages / "plans" / "plans.csv"
    lines = plans.read_text(encoding="utf-8").splitlines(keepends=True)
    removed_id = lines[1].split(",")[0]
    plans.write_text(lines[0] + "".join(lines[2:]), encoding="utf-8")

    reported = as_reported(packages, tmp_path / "kept")
    assert reported == as_reported(packages, None)
    files = {file for file, _, _, value, _ in reported if value == removed_id}
    assert {"datapackages/plans/priorities.csv", "datapackages/measures/plan_measures.csv"} <= files


def test_a_problem_fixed_is_no_longer_reported(packages, tmp_path):
    councils = packages / "partnerships" / "councils.csv"
    good = councils.read_text(encoding="utf-8")
    councils.write_text(good.replace("S12000033", "S1200003X", 1), encoding="utf-8")
    broken = as_reported(packages, tmp_path / "kept")
    assert [(file, field) for file, _, field, _, _ in broken] == [
        ("datapackages/partnerships/councils.csv", "council_code"),
        ("datapackages/partnerships/family_groups.csv", "council_code"),  # Aberdeen City's two
        ("datapackages/partnerships/family_groups.csv", "council_code"),
    ]
    assert as_reported(packages, tmp_path / "kept") == broken

    councils.write_text(good, encoding="utf-8")
    assert as_reported(packages, tmp_path / "kept") == []


def test_undoing_a_change_finds_the_earlier_problems_without_checking_again(
    packages, tmp_path, checked
):
    councils = packages / "partnerships" / "councils.csv"
    good = councils.read_text(encoding="utf-8")
    assert as_reported(packages, tmp_path / "kept") == []
    councils.write_text(good.replace("S12000033", "S1200003X", 1), encoding="utf-8")
    assert len(as_reported(packages, tmp_path / "kept")) == 3
    checked.clear()

    councils.write_text(good, encoding="utf-8")
    assert as_reported(packages, tmp_path / "kept") == []
    assert checked == []


def test_a_copy_in_another_folder_of_the_same_name_reuses_what_was_kept(
    packages, tmp_path, checked
):
    """Problems name files from the packages' folder on (datapackages/plans/plans.csv), so
    where that folder lies does not change them."""
    set_aside = tmp_path / "elsewhere"
    set_aside.mkdir()
    copy = Path(shutil.copytree(packages, set_aside / "datapackages"))
    first = as_reported(packages, tmp_path / "kept")
    checked.clear()
    assert as_reported(copy, tmp_path / "kept") == first
    assert checked == []


def test_the_validate_command_keeps_problems_as_the_build_does(packages, tmp_path, checked):
    councils = packages / "partnerships" / "councils.csv"
    councils.write_text(
        councils.read_text(encoding="utf-8").replace("S12000033", "S1200003X", 1),
        encoding="utf-8",
    )
    command = ["validate", "--packages", str(packages), "--cache-dir", str(tmp_path / "cache")]
    assert cli.main(command) == 1
    assert len(checked) > 10
    checked.clear()
    assert cli.main(command) == 1
    assert checked == []
    assert as_reported(packages, tmp_path / "cache" / VALIDATION_CACHE) == as_reported(
        packages, None
    )
