"""`cspp check-sources`: the link checker against a local server on 127.0.0.1, the command on a
copy of the data with no network, the freshness the pages show from its checks, and its weekly
workflow. No test sends a request off this machine."""

from __future__ import annotations

import csv
import datetime as dt
import re
import socket
import threading
from collections import Counter
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from cspp import cli
from cspp.load.model import load_model
from cspp.load.tables import named_tables
from cspp.paths import ROOT
from cspp.render.pages.partnerships import failing_links
from cspp.shape import freshness
from cspp.shape.site import shape_site
from cspp.watch import links
from cspp.watch.links import Check, Settings, check_links
from cspp.watch.records import check_cells

from support import edit_csv_rows

QUICK = Settings(timeout=0.5, concurrency=4, retries=2, backoff=0.01)
WORKFLOW = ROOT / ".github" / "workflows" / "check-sources.yml"


class Handler(BaseHTTPRequestHandler):
    """Each path answers one way; every request is counted by method and path."""

    def do_HEAD(self):
        self.answer(send_body=False)

    def do_GET(self):
        self.answer(send_body=True)

    def answer(self, send_body: bool):
        self.server.requests[(self.command, self.path)] += 1
        self.server.agents.add(self.headers.get("User-Agent"))
        if self.path == "/slow":  # answers only once the test is over: the client gave up first
            self.server.test_over.wait(timeout=30)
        status, location = {
            "/ok": (200, None),
            "/moved": (301, "/ok"),
            "/missing": (404, None),
            "/error": (500, None),
            "/slow": (200, None),
            "/no-head": (405 if self.command == "HEAD" else 200, None),
        }.get(self.path, (404, None))
        body = b"page" if status == 200 else b""
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the client gave up on /slow, as it should: writing to it then fails


@contextmanager
def local_server():
    server = QuietServer(("127.0.0.1", 0), Handler)
    server.requests, server.agents, server.test_over = Counter(), set(), threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.test_over.set()
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on, so connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """Requests go straight to 127.0.0.1, never through a proxy set in the environment."""
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")


@pytest.fixture
def no_dns(monkeypatch):
    """No name resolves except 127.0.0.1, as on a machine without a network; counts lookups."""
    real = socket.getaddrinfo
    asked = Counter()

    def getaddrinfo(host, *args, **kwargs):
        if host in ("127.0.0.1", b"127.0.0.1"):
            return real(host, *args, **kwargs)
        asked[host] += 1
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def outcome(check: Check) -> tuple:
    return check.link_status, check.http_status, check.final_url


# ---------------------------------------------------------------- the checker


def test_each_answer_of_the_local_server_gets_its_link_status():
    refused = f"http://127.0.0.1:{closed_port()}/ok"
    with local_server() as (server, base):
        paths = ["/ok", "/moved", "/missing", "/error", "/slow"]
        checks = check_links([base + path for path in paths] + [refused], QUICK)
    assert [outcome(check) for check in checks] == [
        ("ok", 200, ""),
        ("moved", 200, f"{base}/ok"),
        ("broken", 404, ""),
        ("broken", 500, ""),
        ("unreachable", None, ""),
        ("unreachable", None, ""),
    ]
    assert [check.url for check in checks] == [base + path for path in paths] + [refused]


def test_a_5xx_is_retried_and_a_4xx_or_a_timeout_is_not():
    with local_server() as (server, base):
        check_links([f"{base}/error", f"{base}/missing", f"{base}/slow"], QUICK)
    assert server.requests[("HEAD", "/error")] == 1 + QUICK.retries
    assert server.requests[("HEAD", "/missing")] == 1
    assert server.requests[("HEAD", "/slow")] == 1


def test_head_refused_falls_back_to_get():
    with local_server() as (server, base):
        [check] = check_links([f"{base}/no-head"], QUICK)
    assert outcome(check) == ("ok", 200, "")
    assert server.requests[("HEAD", "/no-head")] == 1
    assert server.requests[("GET", "/no-head")] == 1


def test_head_is_asked_first_and_get_is_not_needed_when_head_answers():
    with local_server() as (server, base):
        check_links([f"{base}/ok"], QUICK)
    assert server.requests == Counter({("HEAD", "/ok"): 1})


def test_requests_name_the_project_in_their_user_agent():
    with local_server() as (server, base):
        check_links([f"{base}/ok", f"{base}/moved"], QUICK)
    [agent] = server.agents
    assert agent == links.USER_AGENT
    assert "cspp-check-sources" in agent
    assert "Scotland's children's services planning" in agent
    assert "python-httpx" not in agent


def test_an_address_is_requested_once_however_often_it_is_cited():
    with local_server() as (server, base):
        checks = check_links([f"{base}/ok", f"{base}/ok"], QUICK)
    assert server.requests[("HEAD", "/ok")] == 1
    assert [outcome(check) for check in checks] == [("ok", 200, "")] * 2


def test_other_addresses_of_a_host_that_refuses_connections_are_not_asked_again():
    port = closed_port()
    first, second = f"http://127.0.0.1:{port}/a", f"http://127.0.0.1:{port}/b"
    checks = check_links([first, second], QUICK)
    assert [check.link_status for check in checks] == ["unreachable", "unreachable"]
    assert checks[0].note.startswith("could not connect")
    assert checks[1].note.startswith("host not reachable")


def test_a_name_that_does_not_resolve_is_unreachable_and_not_retried(no_dns):
    [check] = check_links(["https://no-such-host.example/page"], QUICK)
    assert outcome(check) == ("unreachable", None, "")
    assert no_dns["no-such-host.example"] == 1


def test_rows_keep_https_final_addresses_only():
    checks = [
        Check("https://b.example/", "moved", 200, "https://c.example/", "moved"),
        Check("https://a.example/", "moved", 200, "http://a.example/", "moved"),
        Check("https://d.example/", "unreachable", None, "", "timeout"),
    ]
    assert [check_cells(check, "2026-03-02") for check in checks] == [
        {
            "last_checked": "2026-03-02",
            "link_status": "moved",
            "http_status": "200",
            "final_url": "https://c.example/",
        },
        {
            "last_checked": "2026-03-02",
            "link_status": "moved",
            "http_status": "200",
            "final_url": "",
        },
        {
            "last_checked": "2026-03-02",
            "link_status": "unreachable",
            "http_status": "",
            "final_url": "",
        },
    ]


# ---------------------------------------------------------------- the command


SOURCES = Path("sources") / "sources.csv"


def cited_addresses(packages: Path) -> set[str]:
    """Every address of the sources table that some row cites, read with the csv module."""
    cited = set()
    for path in packages.glob("*/*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                cited |= {value for key, value in row.items() if key.endswith("source_id")}
    with (packages / SOURCES).open(encoding="utf-8", newline="") as handle:
        return {
            row["url"] for row in csv.DictReader(handle) if row["url"] and row["source_id"] in cited
        }


def test_dry_run_without_network_reports_every_source_unreachable(packages, no_dns, capsys):
    checks_csv = packages / SOURCES
    before = checks_csv.read_bytes()
    expected = cited_addresses(packages)
    assert cli.main(["check-sources", "--dry-run", "--packages", str(packages)]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert re.search(
        rf"^Checked {len(expected)} source addresses in [\d.]+ s: 0 ok, 0 moved, "
        rf"0 broken, {len(expected)} unreachable\.$",
        out,
        re.M,
    )
    reported = set(re.findall(r"^unreachable: (\S+) \(", out, re.M))
    assert reported == expected
    assert checks_csv.read_bytes() == before
    assert set(no_dns) <= {urlsplit(url).hostname for url in expected}  # nothing else was asked


def test_a_run_records_every_source_in_a_table_that_validates(packages, no_dns, capsys):
    expected = cited_addresses(packages)
    assert cli.main(["check-sources", "--packages", str(packages)]) == 0
    with (packages / SOURCES).open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["url"]]
    assert {row["url"] for row in rows} == expected
    assert {
        (row["last_checked"], row["link_status"], row["http_status"], row["final_url"])
        for row in rows
    } == {(dt.date.today().isoformat(), "unreachable", "", "")}
    capsys.readouterr()
    command = ["validate", "--packages", str(packages), "--cache-dir", str(packages.parent)]
    assert cli.main(command) == 0, capsys.readouterr().out


def test_a_timeout_of_zero_is_refused_in_one_line(packages, capsys):
    with pytest.raises(SystemExit) as exit:
        cli.main(["check-sources", "--timeout", "0", "--packages", str(packages)])
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert "--timeout: 0 is not above 0" in err and "Traceback" not in err


# ---------------------------------------------------------------- what the pages show


def record_checks(packages: Path, checks: list[dict]) -> None:
    """Write each check's cells into the sources row it names by source_id."""

    def update(rows):
        for check in checks:
            next(row for row in rows if row["source_id"] == check["source_id"]).update(
                {key: value for key, value in check.items() if key != "source_id"}
            )

    edit_csv_rows(packages / SOURCES, update)


def url_of(packages: Path, source_id: str) -> str:
    return first_row(packages / SOURCES, source_id=source_id)["url"]


def first_row(path: Path, **match) -> dict:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(
            row
            for row in csv.DictReader(handle)
            if all(row[key] == value for key, value in match.items())
        )


def test_freshness_counts_the_link_check_when_it_is_newer_than_accessed(packages):
    plan = first_row(packages / "plans" / "plans.csv", partnership_id="fife")
    record_checks(
        packages,
        [
            {
                "source_id": plan["source_id"],
                "last_checked": "2026-01-10",
                "link_status": "ok",
                "http_status": "200",
                "final_url": "",
            }
        ],
    )
    t = named_tables(load_model(packages))
    checked = freshness.last_checked_by_partnership(
        freshness.citations(t.every, t.plans), t.sources, t.partnerships
    )
    assert checked["fife"] == "2026-01-10"
    source = next(
        s
        for s in freshness.sources(freshness.citations(t.every, t.plans), t.sources)
        if s.table == "plans" and s.source_url == url_of(packages, plan["source_id"])
    )
    assert (source.last_checked, source.link_status) == ("2026-01-10", "ok")
    assert checked["moray"] is None


def test_a_newer_accessed_date_wins_over_an_older_link_check(packages):
    plan = first_row(packages / "plans" / "plans.csv", partnership_id="fife")
    record_checks(
        packages,
        [
            {
                "source_id": plan["source_id"],
                "accessed": "2026-02-01",
                "last_checked": "2025-06-30",
                "link_status": "ok",
                "http_status": "200",
                "final_url": "",
            }
        ],
    )
    t = named_tables(load_model(packages))
    checked = freshness.last_checked_by_partnership(
        freshness.citations(t.every, t.plans), t.sources, t.partnerships
    )
    assert checked["fife"] == "2026-02-01"


def test_a_partnership_flags_its_broken_and_unreachable_sources_only(packages):
    plan = first_row(packages / "plans" / "plans.csv", partnership_id="fife")
    member = first_row(packages / "partnerships" / "memberships.csv", partnership_id="fife")
    other = first_row(packages / "plans" / "plans.csv", partnership_id="moray")
    assert len({plan["source_id"], member["source_id"], other["source_id"]}) == 3
    record_checks(
        packages,
        [
            {
                "source_id": plan["source_id"],
                "last_checked": "2026-01-10",
                "link_status": "broken",
                "http_status": "404",
                "final_url": "",
            },
            {
                "source_id": member["source_id"],
                "last_checked": "2026-01-10",
                "link_status": "ok",
                "http_status": "200",
                "final_url": "",
            },
            {
                "source_id": other["source_id"],
                "last_checked": "2026-01-10",
                "link_status": "unreachable",
                "http_status": "",
                "final_url": "",
            },
        ],
    )
    site = shape_site(named_tables(load_model(packages)), dt.date(2026, 12, 1))
    shaped = {p.id: p for p in site.partnerships}
    plan_url, other_url = url_of(packages, plan["source_id"]), url_of(packages, other["source_id"])
    assert [link["url"] for link in shaped["fife"].failing_links] == [plan_url]
    assert [link["url"] for link in shaped["moray"].failing_links] == [other_url]
    assert shaped["fife"].last_checked == "2026-01-10"
    [line] = failing_links(shaped["fife"])
    assert line[0].url == plan_url
    assert line[1] == ": broken, HTTP 404 when checked on 2026-01-10"
    [line] = failing_links(shaped["moray"])
    assert line[1] == ": unreachable when checked on 2026-01-10"


# ---------------------------------------------------------------- the weekly workflow


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_workflow_runs_weekly_and_by_hand_only():
    triggers = workflow().get("on", workflow().get(True))  # PyYAML reads the key `on` as True
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    [schedule] = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and re.fullmatch(r"[0-6]", weekday)


def test_workflow_may_only_push_a_branch_and_open_a_pull_request():
    assert workflow()["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert all("permissions" not in job for job in workflow()["jobs"].values())


def test_workflow_pins_every_action_to_an_exact_version():
    uses = [
        step["uses"]
        for job in workflow()["jobs"].values()
        for step in job["steps"]
        if "uses" in step
    ]
    assert {use.split("@")[0] for use in uses} >= {
        "actions/checkout",
        "actions/setup-python",
        "peter-evans/create-pull-request",
    }
    for use in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+\.\d+\.\d+", use), use


def test_workflow_installs_from_the_lock_runs_the_check_then_opens_a_pull_request():
    steps = [step for job in workflow()["jobs"].values() for step in job["steps"]]
    runs = [step.get("run", "") for step in steps]
    install = next(i for i, run in enumerate(runs) if "-r requirements.lock" in run)
    check = next(i for i, run in enumerate(runs) if ".venv/bin/cspp check-sources" in run)
    opens = next(
        i
        for i, step in enumerate(steps)
        if step.get("uses", "").startswith("peter-evans/create-pull-request@")
    )
    assert install < check < opens
    assert "--dry-run" not in runs[check]
    assert steps[opens]["with"]["add-paths"] == "datapackages/sources/sources.csv"


def test_every_link_to_a_failing_source_says_so_where_it_is_cited():
    from cspp.render.pages.parts import External, Span, source

    row = {
        "source_url": "https://a.example/plan",
        "source_kind": "partnership",
        "link_status": "broken",
        "last_checked": "2026-01-10",
    }
    link, _, flag = source(row)
    assert isinstance(link, External) and link.url == "https://a.example/plan"
    assert flag == Span("(broken when checked on 2026-01-10)", "cspp-link-broken")
    assert isinstance(source({**row, "link_status": "ok"}), External)
