"""The submission workflow and the issue forms it reads, and the monthly statistics refresh,
checked as YAML.

GitHub runs none of them here, so these tests hold what each promises: when a workflow runs,
with which rights and actions, that it runs the project's command and lets no issue text (or
any expression) into a script; and that the forms have the ids the site's pre-filled links and
the parser rely on.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import yaml

from cspp.paths import DATAPACKAGES, ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "submission.yml"
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v?\d+\.\d+\.\d+|[0-9a-f]{40})$")
PLAN_IDS = [
    "partnership",
    "cycle",
    "document_type",
    "field",
    "title",
    "period",
    "document_url",
    "priorities",
    "measures",
    "source_url",
    "licence",
]
MEMBER_IDS = [
    "partnership",
    "field",
    "kind",
    "organisation",
    "organisation_type",
    "role",
    "topic",
    "fact",
    "source_url",
    "licence",
]
CONFIRMATION_IDS = [
    "partnership",
    "confirmation",
    "cycle",
    "document_type",
    "confirmed_by",
    "note",
    "licence",
]


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def job() -> dict:
    [only] = load_yaml(WORKFLOW)["jobs"].values()
    return only


def steps() -> list[dict]:
    return job()["steps"]


def enum(package: str, resource: str, field: str) -> list[str]:
    """A field's allowed values, read from the descriptor as JSON (not through project code)."""
    descriptor = json.loads((DATAPACKAGES / package / "datapackage.json").read_text("utf-8"))
    [schema] = [r["schema"] for r in descriptor["resources"] if r["name"] == resource]
    return next(f for f in schema["fields"] if f["name"] == field)["constraints"]["enum"]


def form_items(name: str) -> dict[str, dict]:
    return {
        item["id"]: item
        for item in load_yaml(FORMS / f"{name}.yml")["body"]
        if item["type"] != "markdown"
    }


# ---------------------------------------------------------------- the workflow


def test_it_runs_when_an_issue_is_labelled_accepted_and_only_then():
    workflow = load_yaml(WORKFLOW)
    # YAML 1.1 (PyYAML) reads the bare key `on` as True; GitHub reads it as "on".
    assert workflow.get("on", workflow.get(True)) == {"issues": {"types": ["labeled"]}}
    assert job()["if"] == "github.event.label.name == 'accepted'"


def test_it_has_the_least_permissions_the_job_needs():
    assert load_yaml(WORKFLOW).get("permissions", {}) == {}
    assert job()["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
    }


def test_every_action_is_pinned_to_an_exact_version():
    used = [step["uses"] for step in steps() if "uses" in step]
    assert {u.split("@")[0] for u in used} >= {
        "actions/checkout",
        "actions/setup-python",
        "peter-evans/create-pull-request",
    }
    assert [u for u in used if not PINNED.match(u)] == []


def test_it_installs_as_the_validate_workflow_does_and_calls_the_project_command():
    runs = [step.get("run", "") for step in steps()]
    install = next(i for i, run in enumerate(runs) if "-r requirements.lock" in run)
    assert "--no-deps --no-build-isolation -e ." in runs[install]
    command = next(i for i, run in enumerate(runs) if ".venv/bin/cspp submission" in run)
    assert install < command and "--comment-file" in runs[command]


def test_no_script_contains_an_expression_of_the_issue():
    """Issue text in a `run:` would be pasted into the script before the shell reads it."""
    for step in steps():
        assert "${{ github.event.issue" not in step.get("run", ""), step.get("name")
        assert "${{" not in step.get("run", ""), step.get("name")
    [saving] = [step for step in steps() if "ISSUE_BODY" in step.get("env", {})]
    assert saving["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert '"$ISSUE_BODY"' in saving["run"]


def test_success_opens_a_pull_request_that_closes_the_issue():
    command = next(s for s in steps() if ".venv/bin/cspp submission" in s.get("run", ""))
    assert command.get("continue-on-error") is True
    success = [
        s
        for s in steps()
        if s.get("if", "").startswith(f"steps.{command['id']}.outcome == 'success'")
    ]
    assert any("Closes #" in s.get("run", "") for s in success)
    [pull] = [s for s in success if s.get("uses", "").startswith("peter-evans/create-pull-")]
    assert pull["with"]["body-path"].endswith("/message.md")
    assert "message.md" in command["run"]


def test_failure_comments_the_problems_on_the_issue_and_fails_the_run():
    command = next(s for s in steps() if ".venv/bin/cspp submission" in s.get("run", ""))
    failure = [s for s in steps() if s.get("if") == f"steps.{command['id']}.outcome == 'failure'"]
    assert any("gh issue comment" in s["run"] and "--body-file" in s["run"] for s in failure)
    assert failure[-1]["run"].strip() == "exit 1"


# ---------------------------------------------------------------- the issue forms


@pytest.mark.parametrize(
    "name, ids",
    [
        ("plan-or-report", PLAN_IDS),
        ("member-or-fact", MEMBER_IDS),
        ("page-correct", CONFIRMATION_IDS),
    ],
)
def test_each_form_has_exactly_the_ids_the_links_and_the_parser_use(name, ids):
    assert list(form_items(name)) == ids
    labels = [item["attributes"]["label"] for item in form_items(name).values()]
    assert len(labels) == len(set(labels)), "the parser finds values by label"


@pytest.mark.parametrize(
    "name, required",
    [
        ("plan-or-report", {"partnership", "document_type", "title", "period", "source_url"}),
        ("member-or-fact", {"partnership", "kind", "source_url"}),
        ("page-correct", {"partnership", "confirmation", "confirmed_by"}),
    ],
)
def test_required_fields_are_required_and_the_others_are_not(name, required):
    items = form_items(name)
    marked = {i for i, item in items.items() if item.get("validations", {}).get("required")}
    assert marked == required


@pytest.mark.parametrize("name", ["plan-or-report", "member-or-fact", "page-correct"])
def test_each_form_requires_agreeing_to_the_open_government_licence(name):
    licence = form_items(name)["licence"]
    assert licence["type"] == "checkboxes"
    [option] = licence["attributes"]["options"]
    assert option["required"] is True
    assert "Open Government Licence v3.0" in option["label"]
    assert "LICENSE-DATA.md" in licence["attributes"]["description"]
    assert (ROOT / "LICENSE-DATA.md").is_file()


@pytest.mark.parametrize(
    "name, field",
    [
        ("plan-or-report", "source_url"),
        ("plan-or-report", "document_url"),
        ("member-or-fact", "source_url"),
    ],
)
def test_link_fields_say_https_only(name, field):
    assert "https only" in form_items(name)[field]["attributes"]["description"]


def test_the_period_field_shows_how_to_write_the_years():
    description = form_items("plan-or-report")["period"]["attributes"]["description"]
    assert "2023-2026" in description and "2023/26" in description


def test_dropdowns_offer_the_values_the_schemas_allow():
    """GitHub pre-fills a dropdown by its option label, so the labels are the values."""
    plan, member = form_items("plan-or-report"), form_items("member-or-fact")
    assert plan["document_type"]["attributes"]["options"] == enum("plans", "plans", "document_type")
    assert plan["cycle"]["attributes"]["options"] == enum("plans", "plans", "cycle") + [
        "not one of these"
    ]
    assert member["organisation_type"]["attributes"]["options"] == enum(
        "partnerships", "memberships", "organisation_type"
    )
    assert member["topic"]["attributes"]["options"] == enum("context", "partnership_facts", "topic")
    assert member["kind"]["attributes"]["options"] == ["member", "fact"]
    confirmation = form_items("page-correct")
    assert confirmation["cycle"]["attributes"]["options"] == enum(
        "context", "confirmations", "cycle"
    )
    assert set(confirmation["document_type"]["attributes"]["options"]) <= set(
        enum("context", "confirmations", "document_type")
    )


def test_a_confirmation_cites_its_issue_which_reaches_the_command_only_through_the_environment():
    command = next(s for s in steps() if ".venv/bin/cspp submission" in s.get("run", ""))
    assert '--issue-url "$ISSUE_URL"' in command["run"]
    assert '--issue-date "${ISSUE_CREATED%%T*}"' in command["run"]
    env = load_yaml(WORKFLOW)["jobs"]["submission"]["env"]
    assert env["ISSUE_URL"] == "${{ github.event.issue.html_url }}"
    assert env["ISSUE_CREATED"] == "${{ github.event.issue.created_at }}"


def test_the_existing_data_correction_form_is_kept():
    assert "source_url" in form_items("data-correction")
    assert load_yaml(FORMS / "config.yml")["blank_issues_enabled"] is False


# ---------------------------------------------------------------- the monthly statistics refresh

REFRESH = ROOT / ".github" / "workflows" / "refresh-statistics.yml"


def refresh_job() -> dict:
    [only] = load_yaml(REFRESH)["jobs"].values()
    return only


def refresh_step(running: str) -> tuple[int, dict]:
    """The first step whose script contains running, or that uses it, with its position."""
    return next(
        (i, step)
        for i, step in enumerate(refresh_job()["steps"])
        if running in step.get("run", "") or step.get("uses", "").startswith(running)
    )


def test_the_refresh_runs_once_a_month_and_by_hand_only():
    workflow = load_yaml(REFRESH)
    triggers = workflow.get("on", workflow.get(True))  # PyYAML reads the key `on` as True
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    [schedule] = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (month, weekday) == ("*", "*")
    assert 1 <= int(day) <= 28, "a day every month has"


def test_the_refresh_may_only_push_branches_and_open_pull_requests():
    assert load_yaml(REFRESH)["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert "permissions" not in refresh_job()


def test_the_refresh_pins_every_action_to_an_exact_version():
    used = [step["uses"] for step in refresh_job()["steps"] if "uses" in step]
    assert {u.split("@")[0] for u in used} >= {
        "actions/checkout",
        "actions/setup-python",
        "peter-evans/create-pull-request",
    }
    assert [u for u in used if not PINNED.match(u)] == []


def test_the_refresh_has_one_job_per_feed_of_the_feed_table():
    with (DATAPACKAGES / "measures" / "statistics_feeds.csv").open(encoding="utf-8") as handle:
        feeds = [row["feed_id"] for row in csv.DictReader(handle)]
    strategy = refresh_job()["strategy"]
    assert strategy["matrix"] == {"feed": feeds}
    assert strategy["fail-fast"] is False


def test_the_refresh_installs_fetches_validates_then_opens_a_pull_request_per_feed():
    install, _ = refresh_step("-r requirements.lock")
    fetch, fetching = refresh_step(".venv/bin/cspp fetch")
    validate, _ = refresh_step(".venv/bin/cspp validate")
    opens, pull = refresh_step("peter-evans/create-pull-request@")
    assert install < fetch < validate < opens
    assert '.venv/bin/cspp fetch "$FEED" --report-file fetch-report.md' in fetching["run"]
    assert "exit $status" in fetching["run"], "a failed fetch fails the job"
    assert pull["with"]["body-path"] == "fetch-report.md"
    assert pull["with"]["branch"] == "refresh-statistics/${{ matrix.feed }}"
    assert pull["with"]["add-paths"] == "datapackages/measures"


def test_the_feed_reaches_the_script_only_through_the_environment():
    assert refresh_job()["env"]["FEED"] == "${{ matrix.feed }}"
    for step in refresh_job()["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")
