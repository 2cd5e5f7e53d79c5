"""A generation step is reused only while every table it read, and every step it used, is
unchanged."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from support import copy_packages, edit_csv_rows

from cspp.model import load_model
from cspp.steps import Steps


@pytest.fixture
def packages(tmp_path) -> Path:
    return copy_packages(tmp_path / "datapackages", keep_indicator_rows=5)


def retitle_first_plan(packages: Path) -> None:
    def edit(rows):
        rows[0]["title"] += " (corrected)"
    edit_csv_rows(packages / "plans" / "plans.csv", edit)


def plan_titles(model) -> list[str]:
    return list(model.table("plans")["title"])


def titles_step(packages: Path, folder: Path):
    model = load_model(packages)
    return Steps(folder, model).result("titles", lambda: plan_titles(model))


def test_a_step_is_reused_until_a_table_it_read_changes(packages, tmp_path):
    assert not titles_step(packages, tmp_path).reused
    again = titles_step(packages, tmp_path)
    assert again.reused
    assert again.value == plan_titles(load_model(packages))

    retitle_first_plan(packages)
    changed = titles_step(packages, tmp_path)
    assert not changed.reused
    assert changed.value[0].endswith(" (corrected)")


def test_a_change_to_a_table_the_step_did_not_read_keeps_it(packages, tmp_path):
    model = load_model(packages)
    Steps(tmp_path, model).result("indicators", lambda: len(model.table("indicators")))
    retitle_first_plan(packages)
    assert Steps(tmp_path, load_model(packages)).result("indicators", lambda: 0).reused


def test_values_shared_through_the_model_count_as_read(packages, tmp_path):
    model = load_model(packages)
    model.derived("titles", lambda: plan_titles(model))  # computed before the step runs
    Steps(tmp_path, model).result("count", lambda: len(model.derived("titles", list)))
    retitle_first_plan(packages)
    assert not Steps(tmp_path, load_model(packages)).result("count", lambda: 0).reused


def test_a_step_is_redone_when_a_step_it_used_was(packages, tmp_path):
    def run(model):
        steps = Steps(tmp_path, model)
        titles = steps.result("titles", lambda: plan_titles(model))
        return steps.result("count", lambda: len(titles.value), titles)

    run(load_model(packages))
    assert run(load_model(packages)).reused
    retitle_first_plan(packages)
    assert not run(load_model(packages)).reused


def test_a_reused_file_step_writes_its_files_again(packages, tmp_path):
    def write(folder: Path) -> None:
        (folder / "sub").mkdir()
        (folder / "sub" / "page.md").write_text("# Plans", encoding="utf-8")

    Steps(tmp_path / "steps", load_model(packages)).files("page", write, tmp_path / "one")
    step = Steps(tmp_path / "steps", load_model(packages)).files(
        "page", lambda folder: None, tmp_path / "two")
    assert step.reused
    assert (tmp_path / "two" / "sub" / "page.md").read_text(encoding="utf-8") == "# Plans"


def test_a_damaged_record_is_ignored(packages, tmp_path):
    titles_step(packages, tmp_path)
    for damage in (b"", b"not a pickle", pickle.dumps(["a", "list"])):
        (tmp_path / "titles.pickle").write_bytes(damage)
        step = titles_step(packages, tmp_path)
        assert not step.reused
        assert step.value == plan_titles(load_model(packages))
