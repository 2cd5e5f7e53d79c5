"""Issue-form submissions become checked rows, or plain messages and not one changed byte.

The recorded bodies in fixtures/issues are written as GitHub writes an issue-form body. The valid
ones carry real rows of the data: each test first takes that row out of a copy of the packages,
so the submission adds it back, and the expected rows below are copied by hand from the CSVs.
"""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest
import yaml

from cspp.cli import main
from cspp.paths import ROOT
from cspp.submissions import as_markdown, submit
from cspp.submissions.forms import parse_body, read_form
from cspp.validate import validate_packages

from support import copy_packages, edit_csv_rows, snapshot

ISSUES = Path(__file__).parent / "fixtures" / "issues"
SUBMISSION_WORKFLOW = ROOT / ".github" / "workflows" / "submission.yml"
LICENCE = (
    "I agree that this contribution may be published under the Open Government Licence "
    "v3.0, and the values are copied from the public source above."
)
STIRLING_SOURCE = "https://nhsforthvalley.com/a-better-future-for-all-stirlings-children/"
CARE_AND_LEARNING_PAGE = "https://www.careandlearningalliance.co.uk/childrens-service-plan/"
HIGHLAND_SOURCE = (
    "https://highland.gov.uk/news/article/13641/highland_integrated_children_s_"
    "service_plan_for_2021_%E2%80%93_2023_given_the_green_light_by_elected_members"
)
HIGHLAND_TITLE = (
    "Highland Integrated Children's Service Plan / Plana Sheirbheisean Chloinne "
    "Amalaichte na Gàidhealtachd 2021–2023 (For Highland's Children 5)"
)
CARE_AND_LEARNING = "Care and Learning Alliance (third sector member of the FHC4 Leadership Group)"
PWNED = [Path("/tmp/cspp-pwned"), Path("/tmp/cspp-pwned-backtick")]  # named in the fixture


def body(name: str) -> str:
    return (ISSUES / f"{name}.md").read_text(encoding="utf-8")


@pytest.fixture
def packages(tmp_path) -> Path:
    return copy_packages(tmp_path / "datapackages")


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def source_id_of(packages: Path, url: str) -> str:
    """The id sources.csv gives the page at url."""
    [source_id] = [
        r["source_id"] for r in rows(packages / "sources" / "sources.csv") if r["url"] == url
    ]
    return source_id


def drop_rows(path: Path, unwanted) -> None:
    edit_csv_rows(
        path, lambda table: table.__setitem__(slice(None), [r for r in table if not unwanted(r)])
    )


def without_plan(packages: Path, plan_id: str) -> None:
    for path in (
        packages / "plans" / "plans.csv",
        packages / "plans" / "priorities.csv",
        packages / "measures" / "plan_measures.csv",
    ):
        drop_rows(path, lambda row: row["plan_id"] == plan_id)


def run_submission(
    tmp_path: Path, packages: Path, text: str, capsys, issue: tuple[str, ...] = ()
) -> tuple[int, str, str]:
    """Run `cspp submission` on text; (exit code, what it printed, the Markdown message)."""
    body_file, comment = tmp_path / "body.md", tmp_path / "comment.md"
    body_file.write_text(text, encoding="utf-8")
    code = main(
        [
            "submission",
            str(body_file),
            "--packages",
            str(packages),
            "--comment-file",
            str(comment),
            *issue,
        ]
    )
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, comment.read_text(encoding="utf-8")


def added_rows(before: list[dict], after: list[dict]) -> list[dict]:
    return [row for row in after if row not in before]


# ---------------------------------------------------------------- parsing every field


def test_every_plan_form_field_is_read_by_its_id():
    values, repeated = parse_body(body("plan-valid"), read_form("plan-or-report"))
    assert repeated == []
    assert values == {
        "partnership": "Stirling",
        "cycle": "2017-2020",
        "document_type": "childrens-services-plan",
        "field": "plan",
        "title": "Children's Services Plan 2017-2020",
        "period": "2017-2020",
        "document_url": "",
        "priorities": "Tackle the impact of low income on participation and achievement\n"
        "Improving children and young people's mental health and emotional "
        "wellbeing\nImproving life outcomes for Looked After children and young "
        "people",
        "measures": "More young people reaching a positive destination\nReduction in referrals "
        "to the Children's Reporter for offending behaviour\nLess tooth decay\n"
        "More children walking or cycling to school",
        "source_url": STIRLING_SOURCE,
        "licence": frozenset({LICENCE}),
    }


def test_the_link_to_the_document_is_read():
    values, _ = parse_body(body("plan-document-url"), read_form("plan-or-report"))
    assert values["document_url"] == "https://pdfslide.us/documents/highland-integrated.html"
    assert values["field"] == "document_url"


def test_every_member_form_field_is_read_by_its_id():
    form = read_form("member-or-fact")
    member, _ = parse_body(body("member-valid"), form)
    fact, _ = parse_body(body("fact-valid"), form)
    assert member == {
        "partnership": "Highland",
        "field": "",
        "kind": "member",
        "organisation": CARE_AND_LEARNING,
        "organisation_type": "third-sector",
        "role": "",
        "topic": "",
        "fact": "",
        "source_url": CARE_AND_LEARNING_PAGE,
        "licence": frozenset({LICENCE}),
    }
    assert (fact["partnership"], fact["field"], fact["kind"], fact["topic"]) == (
        "HIGHLAND",
        "governance",
        "fact",
        "governance",
    )
    assert fact["fact"].startswith("Highland's child poverty priorities are set out")


def test_an_unticked_box_gives_no_ticked_options():
    values, _ = parse_body(body("member-licence-unticked"), read_form("member-or-fact"))
    assert values["licence"] == frozenset()


def test_a_heading_that_is_no_label_stays_part_of_the_value_above_it():
    text = body("plan-valid").replace("Less tooth decay", "Less tooth decay\n\n### Title\n\nx")
    values, repeated = parse_body(
        text.replace("### Title\n\nx", "### Not a label\n\nx"), read_form("plan-or-report")
    )
    assert values["measures"].endswith(
        "Less tooth decay\n\n### Not a label\n\nx\nMore children walking or cycling to school"
    )
    _, repeated = parse_body(text, read_form("plan-or-report"))
    assert repeated == ["Title"]


def test_windows_line_endings_read_the_same():
    form = read_form("plan-or-report")
    assert parse_body(body("plan-valid").replace("\n", "\r\n"), form) == parse_body(
        body("plan-valid"), form
    )


# ---------------------------------------------------------------- valid submissions


def test_a_valid_plan_becomes_exactly_the_expected_rows_and_the_data_validates(
    tmp_path, packages, capsys
):
    without_plan(packages, "stirling-csp-2017-2020")
    before = snapshot(packages)
    tables = {
        name: rows(packages / name)
        for name in ("plans/plans.csv", "plans/priorities.csv", "measures/plan_measures.csv")
    }
    code, out, message = run_submission(tmp_path, packages, body("plan-valid"), capsys)
    assert code == 0, out
    plan = dict(
        plan_id="stirling-csp-2017-2020",
        partnership_id="stirling",
        document_type="childrens-services-plan",
        cycle="2017-2020",
        period_start="2017",
        period_end="2020",
        title="Children's Services Plan 2017-2020",
        vision="",
        document_url="",
        source_id=source_id_of(packages, STIRLING_SOURCE),
        notes="",
    )
    priorities = [
        dict(
            priority_id=f"stirling-csp-2017-2020-p{n}",
            plan_id="stirling-csp-2017-2020",
            parent_priority_id="",
            position=str(n),
            text=text,
            text_complete="true",
            source_id=source_id_of(packages, STIRLING_SOURCE),
            notes="",
        )
        for n, text in enumerate(
            [
                "Tackle the impact of low income on participation and achievement",
                "Improving children and young people's mental health and emotional wellbeing",
                "Improving life outcomes for Looked After children and young people",
            ],
            1,
        )
    ]
    measures = [
        dict(
            measure_id=f"stirling-csp-2017-2020-m{n}",
            plan_id="stirling-csp-2017-2020",
            position=str(n),
            text=text,
            baseline="",
            baseline_period="",
            target="",
            deadline="",
            reported_result="",
            source_id=source_id_of(packages, STIRLING_SOURCE),
        )
        for n, text in enumerate(
            [
                "More young people reaching a positive destination",
                "Reduction in referrals to the Children's Reporter for offending behaviour",
                "Less tooth decay",
                "More children walking or cycling to school",
            ],
            1,
        )
    ]
    for name, expected in (
        ("plans/plans.csv", [plan]),
        ("plans/priorities.csv", priorities),
        ("measures/plan_measures.csv", measures),
    ):
        assert added_rows(tables[name], rows(packages / name)) == expected
        assert rows(packages / name)[: len(tables[name])] == tables[name]
    changed = {path for path, digest in snapshot(packages).items() if before.get(path) != digest}
    assert changed == set(tables)
    assert validate_packages(packages) == []
    assert "stirling-csp-2017-2020-p3" in out and "stirling-csp-2017-2020-m4" in out
    assert "`stirling-csp-2017-2020`" in message


def test_a_2021_to_2023_plan_with_a_link_is_placed_in_the_2020_2023_cycle(
    tmp_path, packages, capsys
):
    without_plan(packages, "highland-csp-2021-2023")
    plans_before = rows(packages / "plans" / "plans.csv")
    code, out, _ = run_submission(tmp_path, packages, body("plan-document-url"), capsys)
    assert code == 0, out
    assert added_rows(plans_before, rows(packages / "plans" / "plans.csv")) == [
        dict(
            plan_id="highland-csp-2021-2023",
            partnership_id="highland",
            document_type="childrens-services-plan",
            cycle="2020-2023",
            period_start="2021",
            period_end="2023",
            title=HIGHLAND_TITLE,
            vision="",
            document_url="https://pdfslide.us/documents/highland-integrated.html",
            source_id=source_id_of(packages, HIGHLAND_SOURCE),
            notes="",
        )
    ]


def test_a_missing_link_of_a_plan_already_in_the_data_is_filled_in(tmp_path, packages, capsys):
    plans = packages / "plans" / "plans.csv"

    def blank_the_link(table):
        next(r for r in table if r["plan_id"] == "highland-csp-2021-2023")["document_url"] = ""

    edit_csv_rows(plans, blank_the_link)
    before, others = rows(plans), snapshot(packages)
    code, out, _ = run_submission(tmp_path, packages, body("plan-document-url"), capsys)
    assert code == 0, out
    after = rows(plans)
    assert len(after) == len(before)
    changed = [
        (b["plan_id"], k, b[k], a[k]) for b, a in zip(before, after) for k in b if b[k] != a[k]
    ]
    assert changed == [
        (
            "highland-csp-2021-2023",
            "document_url",
            "",
            "https://pdfslide.us/documents/highland-integrated.html",
        )
    ]
    assert {p for p, d in snapshot(packages).items() if others[p] != d} == {"plans/plans.csv"}


def test_a_member_becomes_a_membership_row(tmp_path, packages, capsys):
    memberships = packages / "partnerships" / "memberships.csv"
    drop_rows(memberships, lambda row: row["organisation"] == CARE_AND_LEARNING)
    before = rows(memberships)
    code, out, _ = run_submission(tmp_path, packages, body("member-valid"), capsys)
    assert code == 0, out
    assert added_rows(before, rows(memberships)) == [
        dict(
            partnership_id="highland",
            organisation=CARE_AND_LEARNING,
            organisation_type="third-sector",
            basis="named",
            role="",
            source_id=source_id_of(packages, CARE_AND_LEARNING_PAGE),
        )
    ]


def test_a_fact_gets_the_next_number_of_its_partnership_and_topic(tmp_path, packages, capsys):
    facts = packages / "context" / "partnership_facts.csv"
    drop_rows(facts, lambda row: row["fact_id"] == "highland-governance-10")
    before = rows(facts)
    code, out, _ = run_submission(tmp_path, packages, body("fact-valid"), capsys)
    assert code == 0, out
    [added] = added_rows(before, rows(facts))
    assert (added["fact_id"], added["partnership_id"], added["topic"]) == (
        "highland-governance-10",
        "highland",
        "governance",
    )
    assert added["source_id"] == source_id_of(
        packages,
        "https://www.highland.gov.uk/news/article/16369/"
        "highland_council_approach_to_local_child_poverty",
    )


def test_a_new_source_page_becomes_a_sources_row_with_its_kind_by_the_rule(
    tmp_path, packages, capsys
):
    memberships = packages / "partnerships" / "memberships.csv"
    drop_rows(memberships, lambda row: row["organisation"] == CARE_AND_LEARNING)
    page = source_id_of(packages, CARE_AND_LEARNING_PAGE)
    drop_rows(packages / "context" / "partnership_facts.csv", lambda row: row["source_id"] == page)
    drop_rows(packages / "sources" / "sources.csv", lambda row: row["source_id"] == page)
    before = rows(packages / "sources" / "sources.csv")
    code, out, _ = run_submission(tmp_path, packages, body("member-valid"), capsys)
    assert code == 0, out
    [added] = added_rows(before, rows(packages / "sources" / "sources.csv"))
    # careandlearningalliance.co.uk is a charity's site: other-organisation by the rule.
    assert (added["url"], added["kind"], added["title"]) == (
        CARE_AND_LEARNING_PAGE,
        "other-organisation",
        "",
    )
    [member] = [r for r in rows(memberships) if r["organisation"] == CARE_AND_LEARNING]
    assert member["source_id"] == added["source_id"]


def test_priorities_and_measures_added_to_a_plan_from_a_new_page_share_one_new_source(
    tmp_path, packages, capsys
):
    for path in (
        packages / "plans" / "priorities.csv",
        packages / "measures" / "plan_measures.csv",
    ):
        drop_rows(path, lambda row: row["plan_id"] == "stirling-csp-2017-2020")
    new_page = "https://nhsforthvalley.com/stirling-plan-2017-2020/"
    text = body("plan-valid").replace(STIRLING_SOURCE, new_page)
    before = rows(packages / "sources" / "sources.csv")
    code, out, _ = run_submission(tmp_path, packages, text, capsys)
    assert code == 0, out
    [added] = added_rows(before, rows(packages / "sources" / "sources.csv"))
    assert (added["url"], added["kind"]) == (new_page, "partnership")
    cited = {
        r["source_id"]
        for name in ("plans/priorities.csv", "measures/plan_measures.csv")
        for r in rows(packages / name)
        if r["plan_id"] == "stirling-csp-2017-2020"
    }
    assert cited == {added["source_id"]}


def test_a_source_on_a_website_the_kind_rule_does_not_know_is_refused_and_nothing_changes(
    tmp_path, packages, capsys
):
    memberships = packages / "partnerships" / "memberships.csv"
    drop_rows(memberships, lambda row: row["organisation"] == CARE_AND_LEARNING)
    text = body("member-valid").replace(
        CARE_AND_LEARNING_PAGE, "https://unknown-site.example/members"
    )
    before = snapshot(packages)
    code, out, _ = run_submission(tmp_path, packages, text, capsys)
    assert code == 1
    assert "does not know this website yet" in out
    assert snapshot(packages) == before


# ---------------------------------------------------------------- refused submissions


MALFORMED = [
    ("plan-missing-title", 'the field "Title"', "required"),
    ("plan-period-slash", 'the field "Years covered": "2017/20"', "e.g. 2017-2020"),
    ("plan-http-link", 'the field "Public source URL": "http://nhsforthvalley.com', "https://"),
    (
        "plan-misspelt-partnership",
        'the field "Partnership": "Stirlng"',
        'did you mean "Stirling" (stirling)?',
    ),
    ("plan-html", 'the field "Title": "Children\'s Services Plan 2017-2020<script>', "HTML"),
    ("plan-shell-injection", 'the field "Title"', "backticks"),
    ("member-licence-unticked", 'the field "Licence"', "Open Government Licence v3.0"),
    ("member-missing-source", 'the field "Public source URL"', "required"),
]


@pytest.mark.parametrize("name, where, words", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_submission_is_explained_and_changes_nothing(
    tmp_path, packages, capsys, name, where, words
):
    without_plan(packages, "stirling-csp-2017-2020")
    drop_rows(
        packages / "partnerships" / "memberships.csv",
        lambda row: row["organisation"] == CARE_AND_LEARNING,
    )
    before = snapshot(packages)
    code, out, message = run_submission(tmp_path, packages, body(name), capsys)
    assert code == 1
    assert out.startswith("The submission was not added (1 problem)")
    problem = out.splitlines()[1:]
    assert problem[0].startswith(where) and words in "\n".join(problem)
    assert snapshot(packages) == before
    assert "no file was changed" in message


@pytest.mark.parametrize(
    "written, meant",
    [("2023/26", "2023-2026"), ("2023-26", "2023-2026"), ("2023 / 2026", "2023-2026")],
)
def test_a_period_not_written_in_full_says_how_to_write_it(packages, written, meant):
    text = body("plan-valid").replace(
        "### Years covered\n\n2017-2020", f"### Years covered\n\n{written}"
    )
    before = snapshot(packages)
    outcome = submit(text, packages)
    [complaint] = outcome.complaints
    assert (complaint.where, complaint.value) == ('the field "Years covered"', written)
    assert f"e.g. {meant}" in complaint.fix
    assert snapshot(packages) == before


def test_every_fault_is_reported_at_once(packages):
    text = body("plan-http-link").replace(
        "### Partnership\n\nStirling", "### Partnership\n\nStirlng"
    )
    wheres = [c.where for c in submit(text, packages).complaints]
    assert wheres == ['the field "Public source URL"', 'the field "Partnership"']


def test_a_choice_the_form_does_not_offer_is_refused(packages):
    text = body("plan-valid").replace("childrens-services-plan", "strategy")
    [complaint] = submit(text, packages).complaints
    assert complaint.where == 'the field "Document type"' and "promise-plan" in complaint.fix


def test_an_organisation_type_against_the_published_rule_is_refused(packages):
    drop_rows(
        packages / "partnerships" / "memberships.csv",
        lambda row: row["organisation"] == CARE_AND_LEARNING,
    )
    text = body("member-valid").replace(
        "### Organisation type\n\nthird-sector", "### Organisation type\n\nhealth-board"
    )
    [complaint] = submit(text, packages).complaints
    assert complaint.where == 'the field "Organisation type"' and "third-sector" in complaint.fix


def test_what_is_already_in_the_data_is_not_added_twice(packages):
    before = snapshot(packages)
    outcome = submit(body("plan-valid"), packages)
    assert [c.message for c in outcome.complaints] == [
        "stirling-csp-2017-2020 already has 3 priorities in the data",
        "stirling-csp-2017-2020 already has 4 measures in the data",
    ]
    assert submit(body("member-valid"), packages).complaints[0].where == (
        'the field "Organisation"'
    )
    assert snapshot(packages) == before


def test_rows_the_validator_refuses_are_taken_out_again_byte_for_byte(packages):
    """The form checks pass, but "n/a" is a placeholder the data rules refuse."""
    without_plan(packages, "stirling-csp-2017-2020")
    before = snapshot(packages)
    text = body("plan-valid").replace("Less tooth decay", "n/a")
    outcome = submit(text, packages)
    assert [(c.where.split(" line ")[0], c.value) for c in outcome.complaints] == [
        ("datapackages/measures/plan_measures.csv", "n/a")
    ]
    assert snapshot(packages) == before


def test_a_body_from_no_form_is_refused(packages, tmp_path, capsys):
    code, out, _ = run_submission(tmp_path, packages, "Please add our plan, thanks!", capsys)
    assert code == 1 and "its headings match neither form" in out


# ---------------------------------------------------------------- submitted text is data


def test_submitted_text_reaches_markdown_only_inside_code_spans(packages):
    message = as_markdown(submit(body("plan-html"), packages))
    assert "`Children's Services Plan 2017-2020<script>alert(1)</script>`" in message
    assert message.count("<script>") == 1


def test_a_body_that_tries_shell_injection_runs_nothing(tmp_path, packages, capsys):
    for path in PWNED:
        path.unlink(missing_ok=True)
    without_plan(packages, "stirling-csp-2017-2020")
    code, out, message = run_submission(tmp_path, packages, body("plan-shell-injection"), capsys)
    assert code == 1 and "$(touch /tmp/cspp-pwned)" in out
    assert "`` Children's Services Plan $(touch /tmp/cspp-pwned) `touch" in message
    assert not any(path.exists() for path in PWNED)


def test_command_substitution_without_markup_is_stored_literally(tmp_path, packages, capsys):
    PWNED[0].unlink(missing_ok=True)
    without_plan(packages, "stirling-csp-2017-2020")
    title = "Children's Services Plan $(touch /tmp/cspp-pwned) 2017-2020"
    text = body("plan-valid").replace("Children's Services Plan 2017-2020", title)
    code, out, _ = run_submission(tmp_path, packages, text, capsys)
    assert code == 0, out
    assert rows(packages / "plans" / "plans.csv")[-1]["title"] == title
    assert not PWNED[0].exists()


def test_the_workflow_saves_the_body_as_it_is_without_running_it(tmp_path):
    """The workflow's own step, run by bash with the body in its environment as GitHub sets it."""
    for path in PWNED:
        path.unlink(missing_ok=True)
    steps = yaml.safe_load(SUBMISSION_WORKFLOW.read_text(encoding="utf-8"))["jobs"]["submission"][
        "steps"
    ]
    [save] = [step for step in steps if "ISSUE_BODY" in step.get("env", {})]
    text = body("plan-shell-injection") + '\n"; touch /tmp/cspp-pwned; echo "\''
    subprocess.run(
        ["bash", "-e", "-c", save["run"]],
        check=True,
        cwd=tmp_path,
        env={"ISSUE_BODY": text, "RUNNER_TEMP": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert (tmp_path / "issue-body.md").read_text(encoding="utf-8") == text
    assert not any(path.exists() for path in PWNED)


# ---------------------------------------------------------------- confirmations

ISSUE = (
    "--issue-url",
    "https://github.com/example-org/scotland-cspp/issues/42",
    "--issue-date",
    "2026-12-01",
)


def test_a_page_confirmation_becomes_a_dated_row_citing_its_issue(tmp_path, packages, capsys):
    before = snapshot(packages)
    code, out, _ = run_submission(tmp_path, packages, body("confirmation-page"), capsys, ISSUE)
    assert code == 0, out
    [confirmation] = rows(packages / "context" / "confirmations.csv")
    [source] = [
        r
        for r in rows(packages / "sources" / "sources.csv")
        if r["url"] == "https://github.com/example-org/scotland-cspp/issues/42"
    ]
    assert confirmation == dict(
        confirmation_id="fife-page-correct-2026-12-01",
        partnership_id="fife",
        kind="page-correct",
        cycle="",
        document_type="",
        confirmed_on="2026-12-01",
        confirmed_by="Children's services planning lead, Fife Council",
        note="Checked the members and the plans.",
        source_id=source["source_id"],
    )
    assert source["kind"] == "statement"
    changed = {p for p, data in snapshot(packages).items() if before[p] != data}
    assert changed == {"context/confirmations.csv", "sources/sources.csv"}


def test_a_confirmation_without_its_issue_is_refused_and_nothing_changes(
    tmp_path, packages, capsys
):
    before = snapshot(packages)
    code, out, _ = run_submission(tmp_path, packages, body("confirmation-page"), capsys)
    assert code == 1
    assert "--issue-url" in out and "--issue-date" in out
    assert snapshot(packages) == before


def test_an_absent_document_needs_its_cycle(tmp_path, packages, capsys):
    before = snapshot(packages)
    code, out, _ = run_submission(
        tmp_path, packages, body("confirmation-absent-without-cycle"), capsys, ISSUE
    )
    assert code == 1
    assert 'the field "Cycle"' in out and "choose the cycle and the document type" in out
    assert snapshot(packages) == before


# ---------------------------------------------------------------- text that could harm a reader
# or a spreadsheet (issue 28): each refused at the form, with not one byte of the data changed.


def refused(tmp_path, packages, text, capsys) -> tuple[list, str, str]:
    """(the complaints, what cspp submission printed, its Markdown), after checking that it
    exits 1 and changes nothing."""
    without_plan(packages, "stirling-csp-2017-2020")
    before = snapshot(packages)
    complaints = submit(text, packages).complaints
    code, out, message = run_submission(tmp_path, packages, text, capsys)
    assert code == 1
    assert snapshot(packages) == before
    return complaints, out, message


def test_formula_cells_are_refused_with_how_to_write_them(tmp_path, packages, capsys):
    complaints, out, _ = refused(tmp_path, packages, body("plan-formula"), capsys)
    assert [(c.where, c.value, c.message) for c in complaints] == [
        (
            'the field "Priorities"',
            '=HYPERLINK("http://example.org","x")',
            'it begins with "=", which a spreadsheet reads as a formula',
        ),
        (
            'the field "Measures"',
            "@SUM(1+1)*cmd|' /C calc'!A0",
            'it begins with "@", which a spreadsheet reads as a formula',
        ),
    ]
    assert 'remove the leading "=" if the source does not print it' in complaints[0].fix
    assert out.startswith("The submission was not added (2 problems); no file was changed.")


@pytest.mark.parametrize(
    "char, name",
    [
        ("\x00", "U+0000 NULL"),
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
    ],
    ids=["NUL", "right-to-left override", "zero-width space"],
)
def test_an_invisible_character_is_refused_and_shown(tmp_path, packages, capsys, char, name):
    text = body("plan-valid").replace("Less tooth decay", f"Less tooth{char} decay")
    complaints, out, message = refused(tmp_path, packages, text, capsys)
    assert [(c.where, c.value, c.message) for c in complaints] == [
        (
            'the field "Measures"',
            f"Less tooth{char} decay",
            f"it holds {name} at character 11, which no reader can see",
        )
    ]
    shown = f"Less tooth<U+{ord(char):04X}> decay"
    assert shown in out and f"`{shown}`" in message
    assert char not in out + message


def test_20000_measures_are_refused_before_the_body_is_read(tmp_path, packages, capsys):
    measures = "\n".join(f"Measure {n:05d} ".ljust(200, "x") for n in range(1, 20_001))
    text = body("plan-valid").replace("Less tooth decay", measures)
    complaints, out, _ = refused(tmp_path, packages, text, capsys)
    assert [c.where for c in complaints] == ["the issue"]
    assert "more than the 65,536 a submission may have" in complaints[0].message


def test_more_than_60_priorities_are_refused(tmp_path, packages, capsys):
    priorities = "\n".join(f"Priority {n}" for n in range(1, 62))
    text = body("plan-valid").replace(
        "Tackle the impact of low income on participation and achievement", priorities
    )
    complaints, _, _ = refused(tmp_path, packages, text, capsys)
    assert [(c.where, c.message) for c in complaints] == [
        ('the field "Priorities"', "it lists 63 items, more than the 60 a plan may have")
    ]


def test_a_priority_over_1000_characters_is_refused(tmp_path, packages, capsys):
    text = body("plan-valid").replace("Less tooth decay", "x" * 1_001)
    complaints, _, _ = refused(tmp_path, packages, text, capsys)
    assert [(c.where, c.message) for c in complaints] == [
        (
            'the field "Measures"',
            "it is 1,001 characters long, more than the 1,000 any text in the data may have",
        )
    ]


def test_a_note_about_a_truncated_copy_is_refused(tmp_path, packages, capsys):
    text = body("plan-valid").replace(
        "Improving life outcomes for Looked After children and young people",
        "Improving life outcomes for ... (text truncated in stored copy)",
    )
    complaints, _, _ = refused(tmp_path, packages, text, capsys)
    assert [(c.where, c.message) for c in complaints] == [
        (
            'the field "Priorities"',
            'it holds a note about a copy, "(text truncated in stored '
            'copy)", among the published words',
        )
    ]


def test_a_bullet_dash_is_refused_with_how_to_drop_it(tmp_path, packages, capsys):
    text = body("plan-valid").replace("Less tooth decay", "- Less tooth decay")
    complaints, _, _ = refused(tmp_path, packages, text, capsys)
    [complaint] = complaints
    assert complaint.fix.startswith("drop the leading dash")
