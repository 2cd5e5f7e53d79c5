"""`cspp fetch`: a publisher's file from a local server on 127.0.0.1, in place of the Spatial Hub,
becomes a snapshot and its rows; an unchanged file writes nothing; each malformed answer is
refused with every file as it was. The fixtures are cut from the LGBF data table
(tests/fixtures/fetch/README.md), and a small transform of that layout is registered for the
tests, so they do not depend on the real transforms. No test sends a request off this machine,
and no retry waits."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

from cspp import cli
from cspp.ingest import fetch as fetch_module
from cspp.ingest import transforms
from cspp.ingest.download import Settings
from cspp.ingest.fetch import FetchError, fetch_feed
from cspp.ingest.fetch_report import as_markdown, capped
from cspp.ingest.transforms import VALUE_COLUMNS
from cspp.paths import DATAPACKAGES, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "fetch"
TO_2023_24 = (FIXTURES / "lgbf_data_table_real_to_2023-24.csv").read_bytes()
TO_2024_25 = (FIXTURES / "lgbf_data_table_real_to_2024-25.csv").read_bytes()
# The Spatial Hub's address of the LGBF data table, as the research notes record it (§5.4).
LGBF_PATH = (
    "/dataset/9a3728b4-49ea-40af-ab10-fc0305bace84/resource/"
    "7ba35197-7ca7-4477-a38b-01fd4180466b/download/lgbf_data_table_real.csv"
)
LGBF_URL = "https://data.spatialhub.scot" + LGBF_PATH
LGBF_SOURCE = "data-spatialhub-scot-download-lgbf-data-table-real-csv"
LGBF_PUBLISHER = "Improvement Service, Local Government Benchmarking Framework"
DAY = dt.date(2027, 1, 5)
QUICK = Settings(timeout=5.0, retries=2, retry_wait=0.0, max_bytes=1_000_000)
HTML_PAGE = (
    b"<!DOCTYPE html>\r\n<html><head><title>Service unavailable</title></head>"
    b"<body><h1>The data hub is down for maintenance</h1></body></html>"
)


# ---------------------------------------------------------------- the local publisher


@dataclass
class Answer:
    body: bytes
    status: int = 200
    content_type: str = "text/csv"
    declared: int | None = None  # Content-Length to claim; None: the body's true length
    length_header: bool = True  # False: no Content-Length, the body ends when the line closes


@dataclass
class Publisher:
    base: str
    answers: dict[str, list[Answer]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)

    def serve(self, *answers: Answer, path: str = LGBF_PATH) -> None:
        """Answer path with these in turn, the last one for every further request."""
        self.answers[path] = list(answers)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        publisher: Publisher = self.server.publisher
        publisher.requests.append(self.path)
        publisher.agents.append(self.headers.get("User-Agent", ""))
        queue = publisher.answers.get(self.path) or [Answer(b"", status=404)]
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        if answer.length_header:
            declared = len(answer.body) if answer.declared is None else answer.declared
            self.send_header("Content-Length", str(declared))
        self.end_headers()
        self.wfile.write(answer.body)
        self.close_connection = True  # a short body then ends with the connection

    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the client stopped reading an oversize body, as it should


@pytest.fixture
def publisher():
    server = QuietServer(("127.0.0.1", 0), Handler)
    server.publisher = Publisher(f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.publisher
    server.shutdown()
    server.server_close()


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
        "CSPP_FETCH_BASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")


# ---------------------------------------------------------------- a transform of the layout

READ = [
    "Indicators_Information_Code",
    "LA_Information_LocalAuthority",
    "LA_Data_LGBF_Year",
    "LA_Data_LA_IndicatorReal",
]


def lgbf_layout(file: Path, inputs: transforms.Inputs) -> pd.DataFrame:
    """The council values of an LGBF data table: enough of the format to test fetch with."""
    table = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for column in READ:
        if column not in table.columns:
            raise inputs.error(
                "line 1",
                f"no column {column}",
                "read the publisher's new header and update the transform",
            )
    known = set(inputs.indicators["indicator_id"])
    rows = []
    for line, row in enumerate(table.to_dict("records"), start=2):
        indicator = "lgbf_" + row["Indicators_Information_Code"].lower()
        if indicator not in known:
            continue
        code = inputs.area_code(row["LA_Information_LocalAuthority"], f"line {line}")
        rows.append(
            dict.fromkeys(VALUE_COLUMNS, "")
            | {
                "indicator_id": indicator,
                "area_code": code,
                "area_name": inputs.names[code],
                "period": row["LA_Data_LGBF_Year"],
                "value": row["LA_Data_LA_IndicatorReal"],
            }
        )
    return pd.DataFrame(rows, columns=VALUE_COLUMNS)


@pytest.fixture
def cache(tmp_path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def feeds(packages, monkeypatch) -> Path:
    """A copy of the packages, with the LGBF layout's test transform registered."""
    monkeypatch.setitem(transforms.TRANSFORMS, "lgbf-data-table", lgbf_layout)
    return packages


def every_file(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run_fetch(packages: Path, publisher: Publisher, cache: Path, *options: str) -> int:
    return cli.main(
        [
            "fetch",
            "lgbf",
            "--packages",
            str(packages),
            "--base-url",
            publisher.base,
            "--retry-wait",
            "0",
            "--cache-dir",
            str(cache),
            *options,
        ]
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- the feed table


def test_the_lgbf_feed_is_the_spatial_hub_data_table_cited_to_its_address():
    [feed] = [
        row
        for row in rows(DATAPACKAGES / "measures" / "statistics_feeds.csv")
        if row["feed_id"] == "lgbf"
    ]
    assert (feed["file_url"], feed["format"], feed["file_type"]) == (
        LGBF_URL,
        "lgbf-data-table",
        "csv",
    )
    assert feed["source_id"] == LGBF_SOURCE
    [source] = [
        row
        for row in rows(DATAPACKAGES / "sources" / "sources.csv")
        if row["source_id"] == LGBF_SOURCE
    ]
    assert (source["url"], source["kind"]) == (LGBF_URL, "official-statistics")
    assert "not checked live" in feed["notes"]


# ---------------------------------------------------------------- a changed file


def test_a_new_file_becomes_a_snapshot_with_its_provenance(feeds, publisher, cache):
    publisher.serve(Answer(TO_2023_24, content_type="text/csv; charset=utf-8"))
    before = rows(feeds / "measures" / "snapshots.csv")

    fetched = fetch_feed(feeds, "lgbf", DAY, QUICK, publisher.base, cache)

    after = rows(feeds / "measures" / "snapshots.csv")
    assert after[:-1] == before
    assert (
        after[-1]
        == fetched.snapshot
        == {
            "snapshot_id": "lgbf-data-table-2027-01-05",
            "publisher": LGBF_PUBLISHER,
            "title": "LGBF data table, real terms (lgbf_data_table_real.csv)",
            "format": "lgbf-data-table",
            "release": "as fetched on 2027-01-05",
            "release_date": "",
            "publisher_page": "https://www.improvementservice.org.uk/benchmarking",
            "file_url": LGBF_URL,
            "copied_from": "",
            "copied_on": "",
            "retrieved": "2027-01-05",
            "licence": "OGL-UK-3.0 (as opendata.scot lists the LGBF dataset)",
            "sha256": sha256(TO_2023_24),
            "bytes": str(len(TO_2023_24)),
            "path": "snapshots/lgbf-data-table-2027-01-05/lgbf_data_table_real.csv",
            "series_held": "",
            "next_update": "",
            "next_update_source_id": "",
            "source_id": LGBF_SOURCE,
            "notes": "Fetched from the publisher's address by cspp fetch lgbf.",
        }
    )
    committed = feeds / "measures" / "snapshots" / "lgbf-data-table-2027-01-05"
    assert every_file(committed) == {"lgbf_data_table_real.csv": TO_2023_24}
    assert publisher.requests == [LGBF_PATH]
    assert not cache.exists(), "a file small enough to commit is not kept in the cache too"


def test_the_new_files_values_are_written_cited_to_its_snapshot(feeds, publisher, cache):
    publisher.serve(Answer(TO_2023_24))
    values = feeds / "measures" / "indicator_values.csv"
    others_before = [row for row in rows(values) if row["indicator_id"] != "lgbf_chn01"]

    fetch_feed(feeds, "lgbf", DAY, QUICK, publisher.base, cache)

    cited = {
        "lower_confidence_limit": "",
        "upper_confidence_limit": "",
        "notes": "",
        "source_id": LGBF_SOURCE,
        "snapshot_id": "lgbf-data-table-2027-01-05",
    }
    assert [row for row in rows(values) if row["indicator_id"] == "lgbf_chn01"] == [
        # in the file's order: by indicator, period, then area code
        {
            "indicator_id": "lgbf_chn01",
            "area_code": "S12000006",
            "area_name": "Dumfries and Galloway",
            "period": "2023-24",
            "value": "7929.2423",
            **cited,
        },
        {
            "indicator_id": "lgbf_chn01",
            "area_code": "S12000033",
            "area_name": "Aberdeen City",
            "period": "2023-24",
            "value": "6845.4154",
            **cited,
        },
    ]
    assert [row for row in rows(values) if row["indicator_id"] != "lgbf_chn01"] == others_before


def test_a_newer_file_replaces_the_series_and_the_older_record_stays(feeds, publisher, cache):
    publisher.serve(Answer(TO_2023_24))
    fetch_feed(feeds, "lgbf", DAY, QUICK, publisher.base, cache)
    publisher.serve(Answer(TO_2024_25))
    fetch_feed(feeds, "lgbf", DAY + dt.timedelta(days=31), QUICK, publisher.base, cache)

    ids = [row["snapshot_id"] for row in rows(feeds / "measures" / "snapshots.csv")]
    assert ids[-2:] == ["lgbf-data-table-2027-01-05", "lgbf-data-table-2027-02-05"]
    shown = [
        (row["area_code"], row["period"], row["value"], row["snapshot_id"])
        for row in rows(feeds / "measures" / "indicator_values.csv")
        if row["indicator_id"] == "lgbf_chn01"
    ]
    assert sorted(shown) == [
        ("S12000006", "2023-24", "7929.2423", "lgbf-data-table-2027-02-05"),
        ("S12000006", "2024-25", "8311.89", "lgbf-data-table-2027-02-05"),
        ("S12000033", "2023-24", "6845.4154", "lgbf-data-table-2027-02-05"),
        ("S12000033", "2024-25", "7243.79", "lgbf-data-table-2027-02-05"),
    ]


def test_a_second_new_file_on_the_same_day_gets_the_next_free_id(feeds, publisher, cache):
    publisher.serve(Answer(TO_2023_24))
    fetch_feed(feeds, "lgbf", DAY, QUICK, publisher.base, cache)
    publisher.serve(Answer(TO_2024_25))
    second = fetch_feed(feeds, "lgbf", DAY, QUICK, publisher.base, cache)
    assert second.snapshot["snapshot_id"] == "lgbf-data-table-2027-01-05-2"


def test_the_command_prints_the_data_change(feeds, publisher, cache, capsys):
    publisher.serve(Answer(TO_2023_24))
    assert run_fetch(feeds, publisher, cache) == 0
    out = capsys.readouterr().out
    today = dt.date.today().isoformat()
    assert f"lgbf: a new file, kept as snapshot lgbf-data-table-{today}" in out
    assert "measures/snapshots: 1 added, 0 removed, 0 changed" in out
    assert "measures/indicator_values: 2 added, 0 removed, 0 changed" in out
    assert "  + lgbf_chn01 | S12000033 | 2023-24" in out
    assert "  + lgbf_chn01 | S12000006 | 2023-24" in out


def test_the_report_file_gives_the_pull_request_the_record_and_the_change(
    feeds, publisher, cache, tmp_path
):
    publisher.serve(Answer(TO_2023_24))
    report = tmp_path / "body.md"
    assert run_fetch(feeds, publisher, cache, "--report-file", str(report)) == 0
    body = report.read_text(encoding="utf-8")
    assert f"| file | {LGBF_URL} |" in body
    assert f"| sha256 | `{sha256(TO_2023_24)}` |" in body
    assert "release_date" in body, "the reviewer is asked to give the publisher's release"
    block = body.split("```text\n", 1)[1].split("\n```", 1)[0]
    assert "  + lgbf_chn01 | S12000033 | 2023-24" in block.splitlines()


def test_a_file_too_large_to_commit_is_kept_in_the_cache_by_its_checksum(
    feeds, publisher, cache, monkeypatch
):
    monkeypatch.setattr(fetch_module, "COMMIT_LIMIT", 100)
    publisher.serve(Answer(TO_2023_24))
    fetched = fetch_feed(feeds, "lgbf", DAY, QUICK, publisher.base, cache)
    assert fetched.snapshot["path"] == ""
    assert fetched.snapshot["notes"].endswith("Too large to commit; kept by its checksum.")
    assert every_file(cache) == {sha256(TO_2023_24): TO_2023_24}
    assert not (feeds / "measures" / "snapshots" / "lgbf-data-table-2027-01-05").exists()
    assert (
        len(
            [
                row
                for row in rows(feeds / "measures" / "indicator_values.csv")
                if row["snapshot_id"] == "lgbf-data-table-2027-01-05"
            ]
        )
        == 2
    )


# ---------------------------------------------------------------- an unchanged file


def test_the_same_file_again_is_unchanged_and_writes_nothing(feeds, publisher, cache, capsys):
    publisher.serve(Answer(TO_2023_24))
    fetch_feed(feeds, "lgbf", DAY, QUICK, publisher.base, cache)
    before = every_file(feeds)

    assert run_fetch(feeds, publisher, cache) == 0

    out = capsys.readouterr().out
    assert out.startswith("lgbf: unchanged since snapshot lgbf-data-table-2027-01-05")
    assert every_file(feeds) == before
    assert len(publisher.requests) == 2


# ---------------------------------------------------------------- malformed answers


def renamed_column(data: bytes) -> bytes:
    return data.replace(b"LA_Data_LA_IndicatorReal", b"LA_Data_LA_Indicator_Real", 1)


def new_area_name(data: bytes) -> bytes:
    return data.replace(b"Dumfries & Galloway", b"Dumfries and Galloway Council")


MALFORMED = {
    "an HTML error page": (
        [Answer(HTML_PAGE, content_type="text/html; charset=utf-8")],
        [],
        [
            "answered with a web page (Content-Type text/html; charset=utf-8), not the csv "
            "expected",
            "statistics_feeds.csv",
        ],
    ),
    "an HTML page said to be a CSV": (
        [Answer(HTML_PAGE, content_type="text/csv")],
        [],
        ["answered with a web page"],
    ),
    "a workbook where a CSV was expected": (
        [Answer(b"PK\x03\x04" + b"\x00" * 64, content_type="application/octet-stream")],
        [],
        ["did not answer with a csv file"],
    ),
    "a renamed column": (
        [Answer(renamed_column(TO_2023_24))],
        [],
        ["line 1: no column LA_Data_LA_IndicatorReal", "Fix: read the publisher's new header"],
    ),
    "a new area name": (
        [Answer(new_area_name(TO_2023_24))],
        [],
        [
            'line 3: the area name "Dumfries and Galloway Council" is not in area_names.csv',
            "add the spelling with its GSS code to datapackages/measures/area_names.csv",
        ],
    ),
    "a value that is not a number": (
        [Answer(TO_2023_24.replace(b",6845.4154,", b",N/A,"))],
        [],
        ["the new rows are not valid, so nothing was written", '"N/A"'],
    ),
    "an empty file": ([Answer(b"")], [], ["answered with an empty file where a csv was expected"]),
    "a truncated download": (
        [Answer(TO_2023_24[:300], declared=len(TO_2023_24))],
        [],
        [
            f"was cut short: 300 bytes arrived of the {len(TO_2023_24):,} the server declared",
            "(tried 3 times)",
        ],
    ),
    "an oversize file, declared": (
        [Answer(TO_2023_24)],
        ["--max-bytes", "200"],
        [f"is larger than the limit: {len(TO_2023_24):,} bytes, the limit is 200"],
    ),
    "an oversize file, not declared": (
        [Answer(TO_2023_24, length_header=False)],
        ["--max-bytes", "200"],
        ["is larger than the limit", "the limit is 200"],
    ),
    "a missing file": (
        [Answer(b"Not Found", status=404, content_type="text/plain")],
        [],
        ["answered 404 Not Found", "correct file_url"],
    ),
    "a server error that persists": (
        [Answer(b"", status=503)],
        [],
        ["answered 503 Service Unavailable", "(tried 3 times)"],
    ),
}


@pytest.mark.parametrize("answers, options, said", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_answer_is_refused_and_changes_no_file(
    feeds, publisher, cache, capsys, answers, options, said
):
    publisher.serve(*answers)
    before = every_file(feeds)

    assert run_fetch(feeds, publisher, cache, *options) == 1

    err = capsys.readouterr().err
    assert err.startswith("cspp fetch lgbf: ")
    for words in said:
        assert words in err
    assert err.rstrip().endswith("Nothing was changed.")
    assert "Traceback" not in err
    assert every_file(feeds) == before
    assert not cache.exists()


def test_a_5xx_is_retried_and_the_file_then_taken(feeds, publisher, cache):
    publisher.serve(Answer(b"", status=502), Answer(b"", status=503), Answer(TO_2023_24))
    assert run_fetch(feeds, publisher, cache) == 0
    assert publisher.requests == [LGBF_PATH] * 3


def test_a_persisting_5xx_is_asked_retries_plus_one_times(feeds, publisher, cache):
    publisher.serve(Answer(b"", status=500))
    assert run_fetch(feeds, publisher, cache, "--retries", "1") == 1
    assert publisher.requests == [LGBF_PATH] * 2


def test_a_4xx_and_an_html_page_are_not_retried(feeds, publisher, cache):
    publisher.serve(Answer(b"", status=404))
    assert run_fetch(feeds, publisher, cache) == 1
    publisher.serve(Answer(HTML_PAGE, content_type="text/html"))
    assert run_fetch(feeds, publisher, cache) == 1
    assert publisher.requests == [LGBF_PATH] * 2


def test_requests_name_the_project_and_its_repository(feeds, publisher, cache, monkeypatch):
    monkeypatch.setenv("REPO_URL", "https://github.com/example-org/scotland-cspp")
    publisher.serve(Answer(TO_2023_24))
    run_fetch(feeds, publisher, cache)
    [agent] = publisher.agents
    assert agent.startswith("cspp-fetch/")
    assert "Scotland's children's services planning, as open data" in agent
    assert "https://github.com/example-org/scotland-cspp" in agent


def test_the_base_address_can_come_from_the_environment(feeds, publisher, cache, monkeypatch):
    monkeypatch.setenv("CSPP_FETCH_BASE_URL", publisher.base)
    publisher.serve(Answer(TO_2023_24))
    assert cli.main(["fetch", "lgbf", "--packages", str(feeds), "--cache-dir", str(cache)]) == 0
    assert publisher.requests == [LGBF_PATH]


def test_an_unknown_feed_is_refused_naming_the_feeds(feeds, publisher, cache, capsys):
    assert (
        cli.main(["fetch", "lgbf-2026", "--packages", str(feeds), "--base-url", publisher.base])
        == 1
    )
    err = capsys.readouterr().err
    assert 'no feed "lgbf-2026" in datapackages/measures/statistics_feeds.csv' in err
    assert "The feeds are: lgbf" in err
    assert publisher.requests == []


def test_fetch_feed_raises_rather_than_writing(feeds, publisher, cache):
    publisher.serve(Answer(b""))
    with pytest.raises(FetchError, match="empty file"):
        fetch_feed(feeds, "lgbf", DAY, QUICK, publisher.base, cache)


# ---------------------------------------------------------------- the pull request's body


def test_a_long_change_is_cut_at_a_line_and_says_how_much_is_left_out():
    text = "\n".join(f"  + row {n}" for n in range(1, 11))  # 10 lines of 9 or 10 characters
    assert capped(text, limit=25) == (
        "  + row 1\n  + row 2\n… and 8 more lines: run cspp diff "
        "origin/main on this branch for all of them"
    )
    assert capped(text, limit=1000) == text


def test_an_unchanged_fetch_has_a_one_line_body():
    from cspp.ingest.fetch import Fetched

    record = {"snapshot_id": "lgbf-data-table-2027-01-05", "retrieved": "2027-01-05"}
    body = as_markdown(Fetched("lgbf", record, unchanged=True))
    assert body == (
        "`cspp fetch lgbf`: lgbf: unchanged since snapshot lgbf-data-table-2027-01-05 "
        "(retrieved 2027-01-05, the same sha256); nothing was written.\n"
    )
