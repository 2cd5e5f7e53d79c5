"""Each bad edit a contributor could make, caught with the exact file, line, field and type.

Every case is one mutation of a copy of the small valid dataset (fixtures/dataset.py), whose
first lines of each table are the real files' first lines. The expected tuple is written by hand
from the rule, not taken from the validator's output.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from cspp import cli
from cspp.validate import checks, emittable_error_types, hints, validate_packages

from support import snapshot

# ---------------------------------------------------------------- mutations


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(relpath: str, line: int, field: str, value: str):
    def mutate(root: Path):
        path = root / relpath
        rows = rows_of(path)
        rows[line - 1][rows[0].index(field)] = value
        write_rows(path, rows)

    return mutate


def repeat_line(relpath: str, line: int):
    """The line again, just below itself: the copy is line + 1 whatever the file's length."""

    def mutate(root: Path):
        path = root / relpath
        rows = rows_of(path)
        write_rows(path, rows[:line] + [rows[line - 1]] + rows[line:])

    return mutate


def drop_column(relpath: str, field: str):
    def mutate(root: Path):
        path = root / relpath
        rows = rows_of(path)
        index = rows[0].index(field)
        write_rows(path, [row[:index] + row[index + 1 :] for row in rows])

    return mutate


def add_column(relpath: str, field: str):
    def mutate(root: Path):
        path = root / relpath
        write_rows(
            path, [row + ([field] if n == 0 else [""]) for n, row in enumerate(rows_of(path))]
        )

    return mutate


def replace_line(relpath: str, line: int, text: str):
    def mutate(root: Path):
        path = root / relpath
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[line - 1] = text
        path.write_text("\n".join(lines), encoding="utf-8")

    return mutate


def write_bytes(relpath: str, data: bytes):
    def mutate(root: Path):
        (root / relpath).write_bytes(data)

    return mutate


def latin1_title(relpath: str, line: int):
    """A spreadsheet saved the file in Windows-1252: é becomes the single byte \\xe9."""

    def mutate(root: Path):
        path = root / relpath
        lines = path.read_bytes().split(b"\n")
        lines[line - 1] = lines[line - 1].replace(b",", b",Caf\xe9 ", 1)
        path.write_bytes(b"\n".join(lines))

    return mutate


def delete(relpath: str):
    def mutate(root: Path):
        (root / relpath).unlink()

    return mutate


def break_json(relpath: str):
    def mutate(root: Path):
        path = root / relpath
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('"name": "plans",', '"name": "plans"', 1), encoding="utf-8")

    return mutate


def one_plan_with_measures(plan_id: str, count: int):
    """plan_measures.csv holding only `count` measures of one plan, 200 characters each: the
    limit is reached on line 61 + 1, whatever the file held before."""

    def mutate(root: Path):
        path = root / "measures" / "plan_measures.csv"
        header = rows_of(path)[0]
        source = "aberdeencity-gov-uk-news-new-childrens-services-strategic"
        measures = [
            {
                "measure_id": f"{plan_id}-m{n}",
                "plan_id": plan_id,
                "position": str(n),
                "text": f"Measure {n:05d} ".ljust(200, "x"),
                "source_id": source,
            }
            for n in range(1, count + 1)
        ]
        write_rows(path, [header] + [[m.get(field, "") for field in header] for m in measures])

    return mutate


def append_to(relpath: str, data: bytes):
    """A publisher's file edited after it was received: one more line at its end."""

    def mutate(root: Path):
        path = root / relpath
        path.write_bytes(path.read_bytes() + data)

    return mutate


def line_break_then_error(root: Path):
    """A line break inside row 2 pushes row 3 down one physical line: the error is on line 5."""
    path = root / "plans" / "plans.csv"
    rows = rows_of(path)
    rows[1][rows[0].index("title")] = "Children's Services Plan\nsecond line"
    rows[2][rows[0].index("period_start")] = "20x2"
    write_rows(path, rows)


# ---------------------------------------------------------------- the cases

P = "datapackages/plans/plans.csv"
PR = "datapackages/plans/priorities.csv"
C = "datapackages/partnerships/councils.csv"
M = "datapackages/partnerships/memberships.csv"
PA = "datapackages/partnerships/partnerships.csv"
RC = "datapackages/reviews/review_criteria.csv"
IV = "datapackages/measures/indicator_values.csv"
S = "datapackages/sources/sources.csv"
IL = "datapackages/measures/indicator_labels.csv"
PM = "datapackages/measures/plan_measures.csv"
F = "datapackages/context/partnership_facts.csv"
KI = "datapackages/themes/key_indicators.csv"
SN = "datapackages/measures/snapshots.csv"
CILIF_FILE = "measures/snapshots/dwp-cilif-2023-03/children_relative_low_income_ltla_14-22.csv"

CASES = {
    # name: (mutation, [(file, line, field, type), ...])
    "duplicate plan id": (repeat_line("plans/plans.csv", 2), [(P, 3, "plan_id", "primary-key")]),
    "duplicate membership (composite key)": (
        repeat_line("partnerships/memberships.csv", 2),
        [(M, 3, "partnership_id, organisation, basis", "primary-key")],
    ),
    "dangling reference within a package": (
        set_cell("plans/priorities.csv", 2, "plan_id", "aberdeen-city-csp-2017-2021"),
        [(PR, 2, "plan_id", "foreign-key")],
    ),
    "dangling reference across packages": (
        set_cell("plans/plans.csv", 2, "partnership_id", "aberdeen-cty"),
        [(P, 2, "partnership_id", "foreign-key")],
    ),
    # Aberdeen City's code is gone, so its two family groups point at nothing.
    "bad GSS council code": (
        set_cell("partnerships/councils.csv", 2, "council_code", "S1200003X"),
        [
            (C, 2, "council_code", "constraint-error"),
            ("datapackages/partnerships/family_groups.csv", 4, "council_code", "foreign-key"),
            ("datapackages/partnerships/family_groups.csv", 12, "council_code", "foreign-key"),
        ],
    ),
    # A key of two fields into another package: the pair must exist together.
    "family-group average for a group its grouping does not have": (
        set_cell("measures/family_group_averages.csv", 2, "family_group", "Urbane"),
        [("datapackages/measures/family_group_averages.csv", 2, "family_group", "foreign-key")],
    ),
    "non-https source": (
        set_cell("sources/sources.csv", 3, "url", "http://communityplanningaberdeen.org.uk/csb/"),
        [(S, 3, "url", "constraint-error")],
    ),
    "source without a kind": (
        set_cell("sources/sources.csv", 4, "kind", ""),
        [(S, 4, "kind", "constraint-error")],
    ),
    "source kind misspelt": (
        set_cell("sources/sources.csv", 4, "kind", "third party copy"),
        [(S, 4, "kind", "constraint-error")],
    ),
    "source_id that does not exist": (
        set_cell(
            "plans/plans.csv",
            2,
            "source_id",
            "aberdeencity-gov-uk-news-new-childrens-services-strategic-p",
        ),
        [(P, 2, "source_id", "foreign-key")],
    ),
    "javascript: document link": (
        set_cell("plans/plans.csv", 4, "document_url", "javascript:alert(1)"),
        [(P, 4, "document_url", "constraint-error")],
    ),
    "typo in an enum": (
        set_cell("plans/plans.csv", 5, "document_type", "childrens-services-plam"),
        [(P, 5, "document_type", "constraint-error")],
    ),
    "year written as a range": (
        set_cell("plans/plans.csv", 6, "period_start", "2020/23"),
        [(P, 6, "period_start", "type-error")],
    ),
    "year out of range": (
        set_cell("plans/plans.csv", 6, "period_start", "20"),
        [(P, 6, "period_start", "constraint-error")],
    ),
    "period ends before it starts": (
        set_cell("plans/plans.csv", 7, "period_end", "2001"),
        [(P, 7, "period_end", "period-order")],
    ),
    "cycle does not match the years": (
        set_cell("plans/plans.csv", 7, "cycle", "2023-2026"),
        [(P, 7, "cycle", "cycle-mismatch")],
    ),
    "cycle without years": (
        set_cell("plans/plans.csv", 5, "cycle", "2017-2020"),
        [(P, 5, "cycle", "cycle-mismatch")],
    ),
    "placeholder TBC": (
        set_cell("plans/plans.csv", 3, "vision", "TBC"),
        [(P, 3, "vision", "placeholder-value")],
    ),
    "placeholder n/a": (
        set_cell("partnerships/partnerships.csv", 4, "partnership_name", "n/a"),
        [(PA, 4, "partnership_name", "placeholder-value")],
    ),
    "line break in a cell": (
        set_cell("plans/priorities.csv", 3, "text", "first line\nsecond line"),
        [(PR, 3, "text", "line-break-in-cell")],
    ),
    "line numbers stay real after a line break": (
        line_break_then_error,
        [(P, 2, "title", "line-break-in-cell"), (P, 4, "period_start", "type-error")],
    ),
    "better direction without the publisher's statement": (
        set_cell("measures/indicator_labels.csv", 5, "better_when", "higher"),
        [
            (IL, 5, "better_when", "unsourced-direction"),
            (IL, 5, "better_statement", "unsourced-direction"),
        ],
    ),
    "the publisher's words on direction without their source": (
        set_cell(
            "measures/indicator_labels.csv", 5, "better_statement", "Higher numbers are better"
        ),
        [(IL, 5, "better_statement", "unsourced-direction")],
    ),
    "key indicator under a theme that does not map to it": (
        set_cell("themes/key_indicators.csv", 2, "theme_id", "young-carers"),
        [(KI, 2, "theme_id, indicator_id", "foreign-key")],
    ),
    "accessed date in the future": (
        set_cell("sources/sources.csv", 2, "accessed", "2999-01-01"),
        [(S, 2, "accessed", "future-date")],
    ),
    "accessed date in day/month/year form": (
        set_cell("sources/sources.csv", 2, "accessed", "23/11/2026"),
        [(S, 2, "accessed", "type-error")],
    ),
    "required title left blank": (
        set_cell("plans/plans.csv", 8, "title", ""),
        [(P, 8, "title", "constraint-error")],
    ),
    "id with a capital and a space": (
        set_cell("plans/priorities.csv", 4, "priority_id", "Bad id"),
        [(PR, 4, "priority_id", "constraint-error")],
    ),
    "negative count in the review": (
        set_cell("reviews/review_criteria.csv", 2, "fully_met", "-1"),
        [(RC, 2, "fully_met", "constraint-error")],
    ),
    "percent sign in a number": (
        set_cell("measures/indicator_values.csv", 2, "value", "12%"),
        [(IV, 2, "value", "type-error")],
    ),
    "unknown indicator": (
        set_cell("measures/indicator_values.csv", 3, "indicator_id", "lgbf_chn99"),
        [(IV, 3, "indicator_id", "foreign-key")],
    ),
    # The statistics' snapshots (issue 26): every value names a snapshot, which is its file as
    # received, under a licence.
    "value from a snapshot that does not exist": (
        set_cell("measures/indicator_values.csv", 2, "snapshot_id", "dwp-cilif-2099-03"),
        [(IV, 2, "snapshot_id", "foreign-key")],
    ),
    "snapshot file edited after it was received": (
        append_to(CILIF_FILE, b'"Extra row",1\n'),
        [(SN, 4, "sha256", "snapshot-file")],
    ),
    "snapshot file deleted": (delete(CILIF_FILE), [(SN, 4, "path", "snapshot-file")]),
    "snapshot without a licence": (
        set_cell("measures/snapshots.csv", 3, "licence", ""),
        [(SN, 3, "licence", "constraint-error")],
    ),
    # Text that could harm a reader or a spreadsheet (issue 28).
    "formula in a priority": (
        set_cell("plans/priorities.csv", 3, "text", '=HYPERLINK("http://example.org","x")'),
        [(PR, 3, "text", "formula-start")],
    ),
    "command formula in a measure": (
        set_cell("measures/plan_measures.csv", 2, "text", "@SUM(1+1)*cmd|' /C calc'!A0"),
        [(PM, 2, "text", "formula-start")],
    ),
    "target written with a leading plus": (
        set_cell("measures/plan_measures.csv", 3, "target", "+5%"),
        [(PM, 3, "target", "formula-start")],
    ),
    "a lone dash is a placeholder, reported once": (
        set_cell("plans/plans.csv", 3, "vision", "-"),
        [(P, 3, "vision", "placeholder-value")],
    ),
    "NUL inside a measure": (
        set_cell(
            "measures/plan_measures.csv",
            3,
            "text",
            "Children aged 0-5 reaching\x00 their milestones",
        ),
        [(PM, 3, "text", "invisible-character")],
    ),
    "right-to-left override in a title": (
        set_cell("plans/plans.csv", 4, "title", "Annual Report \u202e2202/3202"),
        [(P, 4, "title", "invisible-character")],
    ),
    "zero-width space in an organisation": (
        set_cell("partnerships/memberships.csv", 3, "organisation", "NHS\u200bGrampian"),
        [(M, 3, "organisation", "invisible-character")],
    ),
    "tab inside a fact": (
        set_cell(
            "context/partnership_facts.csv",
            2,
            "fact",
            "The Aberdeen Children's Services Board\tbrings together the key agencies",
        ),
        [(F, 2, "fact", "invisible-character")],
    ),
    "right-to-left override in an address": (
        set_cell("plans/plans.csv", 5, "document_url", "https://example.org/\u202efdp.exe"),
        [(P, 5, "document_url", "invisible-character")],
    ),
    "priority text over 1,000 characters": (
        set_cell("plans/priorities.csv", 4, "text", "x" * 1_001),
        [(PR, 4, "text", "text-too-long")],
    ),
    "20,000 measures for one plan": (
        one_plan_with_measures("aberdeen-city-csp-2023-2026", 20_000),
        [(PM, 62, "plan_id", "list-too-long")],
    ),
    "research note in a priority": (
        set_cell(
            "plans/priorities.csv",
            5,
            "text",
            "Increasing the number of young people going ... (text truncated in stored copy)",
        ),
        [(PR, 5, "text", "research-note-in-words")],
    ),
    "research note left open at the end": (
        set_cell("measures/plan_measures.csv", 2, "text", "Less tooth decay (truncated"),
        [(PM, 2, "text", "research-note-in-words")],
    ),
    "missing column": (
        drop_column("plans/plans.csv", "vision"),
        [(P, 1, "vision", "missing-label")],
    ),
    "extra column": (
        add_column("partnerships/councils.csv", "notes"),
        [(C, 1, "notes", "extra-label")],
    ),
    "unquoted comma adds a cell": (
        replace_line(
            "reviews/reviews.csv",
            3,
            "review-2023-2026,2023-2026,Title, with comma,Scottish Government,3,https://gov.scot/a/,,,,gov-scot-pages-1-2",
        ),
        [("datapackages/reviews/reviews.csv", 3, None, "extra-cell")],
    ),
    "empty file": (write_bytes("plans/priorities.csv", b""), [(PR, 1, None, "empty-file")]),
    "not UTF-8": (latin1_title("plans/plans.csv", 5), [(P, 5, None, "encoding-error")]),
    # The comma goes missing at the end of line 3; JSON parsers notice on the next token, line 4.
    "broken JSON": (
        break_json("plans/datapackage.json"),
        [("datapackages/plans/datapackage.json", 4, None, "invalid-json")],
    ),
    "missing file": (
        delete("partnerships/health_boards.csv"),
        [("datapackages/partnerships/health_boards.csv", None, None, "missing-file")],
    ),
}


@pytest.fixture(scope="module")
def kept(tmp_path_factory) -> Path:
    """One cache for the module's validations, as a contributor's checkout has one: each case
    checks again only the tables its edit can affect (test_validation_kept shows that what is
    reported is exactly what a validation from nothing reports)."""
    return tmp_path_factory.mktemp("kept")


def run_cli(capsys, kept: Path, root: Path, fmt: str = "json") -> tuple[int, str, str]:
    command = ["validate", "--packages", str(root), "--format", fmt, "--cache-dir", str(kept)]
    code = cli.main(command)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_edit_is_caught_with_its_location(name, small_packages, capsys, kept):
    mutate, expected = CASES[name]
    mutate(small_packages)
    before = snapshot(small_packages)
    code, out, err = run_cli(capsys, kept, small_packages)
    report = json.loads(out)
    found = [(p["file"], p["line"], p["field"], p["type"]) for p in report["problems"]]
    assert found == expected
    assert code == 1
    assert snapshot(small_packages) == before  # the check only reads
    assert all(p["fix"].strip() for p in report["problems"])
    assert "Traceback" not in out + err


def test_the_valid_fixture_is_valid(small_packages, capsys, kept):
    code, out, _ = run_cli(capsys, kept, small_packages, "text")
    assert code == 0
    assert out.strip() == "All data packages are valid."


def test_text_format_is_one_line_per_problem_with_the_fix_below(small_packages, capsys, kept):
    set_cell("plans/plans.csv", 6, "period_start", "2020/23")(small_packages)
    code, out, _ = run_cli(capsys, kept, small_packages, "text")
    lines = out.splitlines()
    assert lines[0] == f'{P}:6: field "period_start": "2020/23" is not a year [type-error]'
    assert lines[1].startswith("    fix: give the first year only, as four digits, e.g. 2020")
    assert lines[-1] == "1 problem in 1 file."
    assert code == 1


def test_github_format_annotates_the_line(small_packages, capsys, kept):
    set_cell("partnerships/councils.csv", 2, "council_code", "S1200003X")(small_packages)
    _, out, _ = run_cli(capsys, kept, small_packages, "github")
    assert out.splitlines()[0].startswith(f"::error file={C},line=2,title=constraint-error::")


def test_fix_suggests_the_closest_partnership_id(small_packages, capsys, kept):
    set_cell("plans/plans.csv", 2, "partnership_id", "aberdeen-cty")(small_packages)
    _, out, _ = run_cli(capsys, kept, small_packages)
    assert "did you mean aberdeen-city?" in json.loads(out)["problems"][0]["fix"]


def test_a_reference_to_a_broken_row_sends_the_fix_to_that_row(small_packages, capsys, kept):
    """Aberdeen City's code mistyped in councils.csv: its family groups still give the right
    code, so their fix points at the broken row rather than suggesting the broken code."""
    set_cell("partnerships/councils.csv", 2, "council_code", "S1200003X")(small_packages)
    _, out, _ = run_cli(capsys, kept, small_packages)
    fixes = {
        (p["file"], p["line"]): p["fix"]
        for p in json.loads(out)["problems"]
        if p["type"] == "foreign-key"
    }
    assert fixes == {
        ("datapackages/partnerships/family_groups.csv", line): (
            "the referenced file has S1200003X, which is close to this value but is not a valid "
            "council_code itself: correct that row there, and this line will find it"
        )
        for line in (4, 12)
    }


def test_fix_suggests_the_closest_source_id(small_packages, capsys, kept):
    # The plan's real source, with its last letters lost, as a hand edit might leave it.
    real = "aberdeencity-gov-uk-news-new-childrens-services-strategic"
    set_cell("plans/plans.csv", 2, "source_id", real[:-3])(small_packages)
    _, out, _ = run_cli(capsys, kept, small_packages)
    [problem] = json.loads(out)["problems"]
    assert (problem["field"], problem["type"]) == ("source_id", "foreign-key")
    assert f"did you mean {real}?" in problem["fix"]


def test_a_two_field_key_names_both_values_and_suggests_a_group(small_packages, capsys, kept):
    # The LGBF grouping's groups are Urban, 2, 3 and Rural (partnerships/family_groups.csv).
    set_cell("measures/family_group_averages.csv", 2, "family_group", "Urbane")(small_packages)
    _, out, _ = run_cli(capsys, kept, small_packages)
    [problem] = json.loads(out)["problems"]
    assert 'grouping_id "lgbf-chn01-2026", family_group "Urbane" together' in problem["message"]
    assert "did you mean Urban?" in problem["fix"]


def test_fix_suggests_the_closest_enum_value(small_packages, capsys, kept):
    set_cell("plans/plans.csv", 5, "document_type", "childrens-services-plam")(small_packages)
    _, out, _ = run_cli(capsys, kept, small_packages)
    assert "did you mean childrens-services-plan?" in json.loads(out)["problems"][0]["fix"]


def test_a_spreadsheet_bom_and_crlf_line_endings_are_accepted(small_packages, capsys, kept):
    path = small_packages / "plans" / "plans.csv"
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    code, out, _ = run_cli(capsys, kept, small_packages, "text")
    assert code == 0, out


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["validate", "--format", "yaml"])
    assert exit_info.value.code == 2


def test_every_error_type_the_validator_can_emit_has_a_fix():
    missing = sorted(kind for kind in emittable_error_types() if not hints.has_specific_fix(kind))
    assert missing == []


def test_every_kind_of_fault_the_project_checks_for_has_a_case():
    """A new check, or a kind of fault contributors make, is not covered until a case shows
    where it is reported."""
    covered = {kind for _, expected in CASES.values() for *_, kind in expected}
    ours = {error.type for check in checks.project_checks() for error in check.Errors}
    common = {
        "primary-key",
        "foreign-key",
        "type-error",
        "constraint-error",
        "missing-label",
        "extra-label",
        "extra-cell",
        "empty-file",
        "encoding-error",
        "invalid-json",
        "missing-file",
    }
    assert ours | common <= covered, sorted((ours | common) - covered)


def test_an_invisible_character_is_named_and_shown_where_it_is(small_packages, capsys, kept):
    set_cell("plans/plans.csv", 4, "title", "Annual Report \u202e2202/3202")(small_packages)
    _, out, _ = run_cli(capsys, kept, small_packages, "text")
    first, fix = out.splitlines()[:2]
    assert first == (
        f'{P}:4: field "title": holds U+202E RIGHT-TO-LEFT OVERRIDE at character 15, '
        'which no reader can see: "Annual Report <U+202E>2202/3202" '
        "[invisible-character]"
    )
    assert "\u202e" not in out
    assert fix.startswith("    fix: delete the invisible character")


def test_a_tab_is_to_be_replaced_by_a_space(small_packages, capsys, kept):
    set_cell("context/partnership_facts.csv", 2, "fact", "The Board\tbrings together")(
        small_packages
    )
    _, out, _ = run_cli(capsys, kept, small_packages)
    [problem] = json.loads(out)["problems"]
    assert problem["fix"] == "replace the tab with a space"


@pytest.mark.parametrize(
    "value, advice",
    [
        ("+5%", 'write the sign as a word, e.g. "plus 5%",'),
        ("-2 points", 'write the sign as a word, e.g. "minus 2",'),
        ("- Less tooth decay", "drop the leading dash: it is a list's bullet"),
        (
            '=HYPERLINK("http://example.org","x")',
            'remove the leading "=" if the source does not print it',
        ),
    ],
)
def test_a_formula_like_start_gets_a_fix_for_what_it_is(
    small_packages, capsys, kept, value, advice
):
    set_cell("measures/plan_measures.csv", 3, "target", value)(small_packages)
    _, out, _ = run_cli(capsys, kept, small_packages)
    [problem] = json.loads(out)["problems"]
    assert (problem["type"], problem["value"]) == ("formula-start", value)
    assert problem["fix"].startswith(advice)


def test_a_duplicate_names_the_line_it_repeats(small_packages, capsys, kept):
    repeat_line("plans/plans.csv", 2)(small_packages)
    _, out, _ = run_cli(capsys, kept, small_packages)
    assert "the same key is already on line 2" in json.loads(out)["problems"][0]["message"]


def test_the_real_packages_are_valid():
    assert validate_packages() == []
