"""Dated releases from the data's git history, their changelogs, and `cspp diff`, on a fixture
repository whose two releases differ by rows chosen here by hand."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cspp import cli
from cspp.load.history import releases
from cspp.publish.releases import published_releases
from cspp.render.pages import release_files

from support import copy_packages, edit_csv_rows

ADDED = "tayside-csp-2023-2026-p99"
CHANGED = ("orkney-islands", "partnership_name", "Orkney Partnership (renamed for this test)")


def commit(repo: Path, message: str, when: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True, env=env)
    return subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "HEAD"],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    ).stdout.strip()


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """Two days of commits: a first release (its day's last commit) and a second that adds a
    priority, removes one and renames a partnership."""
    repo = tmp_path_factory.mktemp("repo")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    packages = copy_packages(repo / "datapackages")
    commit(repo, "first", "2026-01-05T09:00:00Z")
    edit_csv_rows(packages / "plans" / "plans.csv", lambda r: r[0].update(vision="v1"))
    first = commit(repo, "later the same day", "2026-01-05T17:00:00Z")
    priorities = rows(packages / "plans" / "priorities.csv")
    removed = priorities[-1]["priority_id"]
    old_name = next(
        r
        for r in rows(packages / "partnerships" / "partnerships.csv")
        if r["partnership_id"] == CHANGED[0]
    )[CHANGED[1]]

    def add_and_remove(table):
        table.pop()
        table.append(
            {
                **table[0],
                "priority_id": ADDED,
                "plan_id": "tayside-csp-2023-2026",
                "parent_priority_id": "",
                "position": "99",
                "text": "A test priority",
            }
        )

    edit_csv_rows(packages / "plans" / "priorities.csv", add_and_remove)
    edit_csv_rows(
        packages / "partnerships" / "partnerships.csv",
        lambda table: next(r for r in table if r["partnership_id"] == CHANGED[0]).update(
            {CHANGED[1]: CHANGED[2]}
        ),
    )
    second = commit(repo, "second", "2026-02-10T12:00:00Z")
    return {
        "packages": packages,
        "first": first,
        "second": second,
        "removed": removed,
        "old_name": old_name,
        "cache": repo.parent / f"{repo.name}-cache",
    }


def test_a_release_is_the_last_commit_of_each_day_that_changed_the_data(history):
    found = releases(history["packages"])
    assert [(r.version, r.commit) for r in found] == [
        ("2026-01-05", history["first"]),
        ("2026-02-10", history["second"]),
    ]


def test_the_changelog_names_exactly_the_rows_that_differ(history):
    first, second = published_releases(history["packages"], None, history["cache"])
    assert first.changes is None and second.previous == "2026-01-05"
    page = release_files([first, second], True, None)["releases/2026-02-10/index.md"]
    items = {
        " ".join(li.get_text().split()) for li in BeautifulSoup(page, "html.parser").find_all("li")
    }
    assert items == {
        ADDED,
        history["removed"],
        f"{CHANGED[0]}, {CHANGED[1]}: {history['old_name']} → {CHANGED[2]}",
    }
    assert list(csv.reader(io.StringIO(second.changes_csv))) == [
        ["table", "key", "change", "field", "old", "new"],
        [
            "partnerships/partnerships",
            CHANGED[0],
            "changed",
            CHANGED[1],
            history["old_name"],
            CHANGED[2],
        ],
        ["plans/priorities", ADDED, "added", "", "", ""],
        ["plans/priorities", history["removed"], "removed", "", "", ""],
    ]


def test_each_release_zip_holds_its_own_data(history):
    first, second = published_releases(history["packages"], None, history["cache"])

    def priority_ids(release):
        with zipfile.ZipFile(io.BytesIO(release.zip_bytes)) as archive:
            name = next(n for n in archive.namelist() if n.endswith("plans/priorities.csv"))
            return {
                r["priority_id"]
                for r in csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8"))
            }

    assert history["removed"] in priority_ids(first) and ADDED not in priority_ids(first)
    assert history["removed"] not in priority_ids(second) and ADDED in priority_ids(second)


def test_the_releases_page_lists_each_release_newest_first(history):
    published = published_releases(history["packages"], None, history["cache"])
    page = BeautifulSoup(release_files(published, True, None)["releases/index.md"], "html.parser")
    cells = [row.find("td").get_text() for row in page.find("tbody").find_all("tr")]
    assert cells == ["2026-02-10", "2026-01-05"]
    assert "1 row added, 1 removed, 1 changed, in 2 tables" in page.get_text()


def test_cspp_diff_prints_the_change_since_a_ref(history, capsys):
    assert cli.main(["diff", history["first"], "--packages", str(history["packages"])]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "partnerships/partnerships: 0 added, 0 removed, 1 changed (key: partnership_id)",
        f"  ~ {CHANGED[0]}: {CHANGED[1]}: {history['old_name']!r} → {CHANGED[2]!r}",
        "plans/priorities: 1 added, 1 removed, 0 changed (key: priority_id)",
        f"  + {ADDED}",
        f"  - {history['removed']}",
    ]


def test_cspp_diff_explains_a_ref_git_does_not_know(history, capsys):
    assert cli.main(["diff", "no-such-ref", "--packages", str(history["packages"])]) == 2
    error = capsys.readouterr().err
    assert "no-such-ref" in error and "Traceback" not in error


def test_a_new_table_without_a_primary_key_is_all_added(tmp_path):
    """A table that only the newer data has, and that has no primary key, compares by all its
    columns (a new keyless table once stopped the build's releases with a TypeError)."""
    import json

    from cspp.load.history import text_tables
    from cspp.shape.changes import data_changes

    new = copy_packages(tmp_path / "new")
    old = copy_packages(tmp_path / "old")
    descriptor = old / "themes" / "datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    package["resources"] = [r for r in package["resources"] if r["name"] != "theme_documents"]
    descriptor.write_text(json.dumps(package), encoding="utf-8")
    (old / "themes" / "theme_documents.csv").unlink()
    changes = {c.table: c for c in data_changes(text_tables(old), text_tables(new))}
    documents = rows(new / "themes" / "theme_documents.csv")
    assert list(changes) == ["themes/theme_documents"]
    assert len(changes["themes/theme_documents"].added) == len(documents) > 0
