"""The contributor-facing files: CI workflow, issue form, pull request template, contributor guide."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from pathlib import Path

import yaml

from cspp import text_rules
from cspp.paths import DATAPACKAGES, ROOT
from cspp.validate import Problem

GITHUB = ROOT / ".github"
WORKFLOW = GITHUB / "workflows" / "validate.yml"
ISSUE_FORM = GITHUB / "ISSUE_TEMPLATE" / "data-correction.yml"
GUIDE = ROOT / "site_src" / "contributing" / "index.md"


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def workflow_runs() -> list[str]:
    workflow = load_yaml(WORKFLOW)
    return [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]


def test_workflow_runs_on_pull_requests():
    workflow = load_yaml(WORKFLOW)
    # YAML 1.1 (PyYAML) reads the bare key `on` as True; GitHub reads it as "on".
    triggers = workflow.get("on", workflow.get(True))
    assert "pull_request" in triggers


def test_workflow_validates_with_github_annotations_then_tests():
    runs = workflow_runs()
    validate = next(i for i, run in enumerate(runs) if "cspp validate --format github" in run)
    tests = next(i for i, run in enumerate(runs) if re.search(r"^make test$", run, re.M))
    install = next(i for i, run in enumerate(runs) if "-r requirements.lock" in run)
    assert install < validate < tests


def test_workflow_installs_the_package_without_fetching_build_tools():
    install = next(run for run in workflow_runs() if "requirements.lock" in run)
    assert "python -m venv .venv" in install
    assert "--no-deps --no-build-isolation -e ." in install


def test_issue_form_requires_a_public_source_url():
    form = load_yaml(ISSUE_FORM)
    inputs = {item["id"]: item for item in form["body"] if item["type"] != "markdown"}
    source = inputs["source_url"]
    assert source["type"] == "input"
    assert "url" in source["attributes"]["label"].lower()
    assert "https://" in source["attributes"]["description"]
    assert source["validations"]["required"] is True


def test_issue_form_asks_for_partnership_location_and_both_values():
    form = load_yaml(ISSUE_FORM)
    ids = [item.get("id") for item in form["body"]]
    assert {"partnership", "location", "current_value", "correct_value"} <= set(ids)
    assert len([i for i in ids if i]) == len({i for i in ids if i}), "ids must be unique"
    assert form["name"] and form["description"]


def test_blank_issues_are_disabled_so_corrections_use_the_form():
    assert load_yaml(GITHUB / "ISSUE_TEMPLATE" / "config.yml")["blank_issues_enabled"] is False


def test_pull_request_template_is_a_checklist_naming_the_check():
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] ", template, re.M)
    assert len(boxes) >= 5
    assert "make validate" in template
    assert "https://" in template


def test_contributing_md_points_to_the_guide_page():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+)\)", text)
    assert "site_src/contributing/index.md" in links
    assert GUIDE.is_file()


def test_guide_names_every_csv_in_the_data_packages():
    guide = GUIDE.read_text(encoding="utf-8")
    for descriptor in sorted(DATAPACKAGES.glob("*/datapackage.json")):
        for resource in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]:
            shown = f"{descriptor.parent.name}/{resource['path']}"
            assert f"`{shown}`" in guide, f"the contributor guide does not describe {shown}"


def test_guide_documents_every_key_of_the_json_report():
    from cspp.validate import report

    guide = GUIDE.read_text(encoding="utf-8")
    top = json.loads(report.render([], "json"))
    for key in top:
        assert f"`{key}`" in guide, key
    for field in fields(Problem):
        assert f"`problems[].{field.name}`" in guide, field.name


def test_guide_documents_every_exit_status_of_cspp():
    guide = GUIDE.read_text(encoding="utf-8")
    for status in ("0", "1", "2", "3"):
        assert re.search(rf"^\| `{status}` \| \S", guide, re.M), status


def test_workflow_runs_where_apt_has_the_chromium_the_makefile_installs():
    job = next(iter(load_yaml(WORKFLOW)["jobs"].values()))
    image = job["container"]["image"] if isinstance(job["container"], dict) else job["container"]
    assert re.search(r"(debian|bookworm|trixie)", image), image
    assert any(re.search(r"apt-get install .*\bchromium\b", run) for run in workflow_runs())


def test_both_workflows_restore_the_build_cache_before_building():
    for name in ("validate.yml", "deploy.yml"):
        steps = [
            step
            for job in load_yaml(GITHUB / "workflows" / name)["jobs"].values()
            for step in job["steps"]
        ]
        cache = next(
            i
            for i, s in enumerate(steps)
            if s.get("uses", "").startswith("actions/cache") and s["with"]["path"] == ".cache"
        )
        build = next(i for i, s in enumerate(steps) if "cspp build" in s.get("run", ""))
        assert cache < build, name


def test_pull_requests_show_the_data_change_as_their_job_summary():
    steps = [step for job in load_yaml(WORKFLOW)["jobs"].values() for step in job["steps"]]
    step = next(s for s in steps if "cspp diff" in s.get("run", ""))
    assert step["if"] == "github.event_name == 'pull_request'"
    assert '>> "$GITHUB_STEP_SUMMARY"' in step["run"]
    assert "${{" not in step["run"]  # the branch name reaches the script as data (env)
    validate = next(i for i, s in enumerate(steps) if "cspp validate" in s.get("run", ""))
    assert steps.index(step) > validate


def test_the_limits_are_stated_where_contributors_read_them():
    stated = [
        f"{text_rules.LONGEST_TEXT:,} characters",
        f"{text_rules.MOST_PER_PLAN} priorities",
        f"{text_rules.LONGEST_BODY:,} characters",
    ]
    for path in (ROOT / "CONTRIBUTING.md", GUIDE, DATAPACKAGES / "DATA_DICTIONARY.md"):
        text = " ".join(path.read_text(encoding="utf-8").split())
        assert [words for words in stated if words not in text] == [], path
