"""The cspp command: validate the data, build the site, list stale sources, check source links,
turn an issue-form submission into rows, print the data change since a git ref, write the
dictionary, score the theme rule against the hand labels, rerun the statistics' transforms,
fetch a publisher's current file."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from .paths import CACHE, DATAPACKAGES, SITE
from .validate import report


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last line of defence: contributors never see a traceback
        if args.debug:
            traceback.print_exc()
        else:
            print(
                f"cspp: internal error: {error}. Run again with --debug and report it in an issue.",
                file=sys.stderr,
            )
        return 3


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cspp", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every data package")
    check.set_defaults(func=validate)
    check.add_argument("--format", choices=report.FORMATS, default="text")
    check.add_argument(
        "--cache-dir",
        default=str(CACHE),
        help="where each table's problems are kept between runs, as the build keeps them "
        "(default .cache/)",
    )
    build = commands.add_parser("build", help="validate, then build the site into site/")
    build.set_defaults(func=build_command)
    build.add_argument("--format", choices=report.FORMATS, default="text")
    build.add_argument("--site-dir", default=str(SITE), help="where to write the site")
    build.add_argument("--site-url", default=None, help="public URL the site is served from")
    build.add_argument(
        "--repo-url",
        default=None,
        help="GitHub repository whose issue forms the gaps link to "
        "(default: the REPO_URL environment variable, else repo_url in "
        "mkdocs.yml)",
    )
    build.add_argument(
        "--cache-dir",
        default=str(CACHE),
        help="where results are kept between builds (default .cache/)",
    )
    build.add_argument(
        "--timings", action="store_true", help="print the seconds each part of the build took"
    )
    commands.add_parser(
        "sources", help="list sources not checked in the last 12 months"
    ).set_defaults(func=stale_sources)
    commands.add_parser(
        "dictionary", help="rewrite datapackages/DATA_DICTIONARY.md from the schemas"
    ).set_defaults(func=dictionary)
    themes = commands.add_parser(
        "themes", help="show how the theme rule agrees with the hand labels"
    )
    themes.set_defaults(func=themes_command)
    themes.add_argument(
        "--evaluate",
        action="store_true",
        required=True,
        help="print precision and recall against themes/theme_labels.csv, "
        "overall and per theme, and every disagreement",
    )
    statistics = commands.add_parser(
        "statistics", help="rerun the transforms on held snapshots and rewrite indicator_values.csv"
    )
    statistics.set_defaults(func=statistics_command)
    statistics.add_argument(
        "snapshot_ids",
        nargs="*",
        metavar="SNAPSHOT_ID",
        help="the snapshots to rerun (default: every one whose file is held)",
    )
    add_fetch_command(commands)
    changes = commands.add_parser(
        "diff", help="print the data change from a git ref to the work tree"
    )
    changes.set_defaults(func=lambda args, packages: diff(packages, args.base))
    changes.add_argument("base", help="a commit, branch or tag (e.g. origin/main)")
    links = commands.add_parser(
        "check-sources", help="request every source address once and record what answers"
    )
    links.set_defaults(func=check_sources)
    links.add_argument(
        "--timeout",
        type=positive(float),
        default=10.0,
        help="seconds to wait for each answer (default 10)",
    )
    links.add_argument(
        "--concurrency",
        type=positive(int),
        default=8,
        help="requests in flight at once (default 8)",
    )
    links.add_argument(
        "--retries",
        type=positive(int, zero=True),
        default=2,
        help="further tries after a connection error or a 5xx (default 2)",
    )
    links.add_argument(
        "--dry-run",
        action="store_true",
        help="check and report, but leave sources/sources.csv unchanged",
    )
    sent = commands.add_parser(
        "submission", help="turn an issue-form body into checked rows of the CSVs"
    )
    sent.set_defaults(func=submission)
    sent.add_argument("body_file", help="the issue body, as GitHub wrote it, in a file")
    from .submissions.forms import FORM_NAMES

    sent.add_argument(
        "--form",
        choices=FORM_NAMES,
        default=None,
        help="the issue form it came from (default: found from the headings)",
    )
    sent.add_argument(
        "--issue-url",
        default=None,
        help="the issue's public https address: the source a confirmation cites",
    )
    sent.add_argument(
        "--issue-date",
        default=None,
        help="the day the issue was opened (YYYY-MM-DD): a confirmation's date",
    )
    sent.add_argument(
        "--comment-file",
        default=None,
        help="also write the summary or the problems as Markdown to this file",
    )
    for command in commands.choices.values():
        command.add_argument("--packages", default=str(DATAPACKAGES), help=argparse.SUPPRESS)
    return parser


def add_fetch_command(commands) -> None:
    from .ingest.download import Settings
    from .ingest.snapshots import SNAPSHOT_CACHE

    default = Settings()
    fetch = commands.add_parser(
        "fetch",
        help="download a publisher's current file, keep it as a snapshot and rewrite "
        "its statistics, or change nothing",
    )
    fetch.set_defaults(func=fetch_command)
    fetch.add_argument(
        "feed_id", metavar="FEED", help="a feed_id of datapackages/measures/statistics_feeds.csv"
    )
    fetch.add_argument(
        "--timeout",
        type=positive(float),
        default=default.timeout,
        help=f"seconds to wait for the server (default {default.timeout:g})",
    )
    fetch.add_argument(
        "--retries",
        type=positive(int, zero=True),
        default=default.retries,
        help="further tries after a connection error, a cut-short download or "
        f"a 5xx (default {default.retries})",
    )
    fetch.add_argument(
        "--retry-wait",
        type=positive(float, zero=True),
        default=default.retry_wait,
        help="seconds before the first retry, doubled for each further one "
        f"(default {default.retry_wait:g})",
    )
    fetch.add_argument(
        "--max-bytes",
        type=positive(int),
        default=default.max_bytes,
        help=f"refuse a file larger than this (default {default.max_bytes:,})",
    )
    fetch.add_argument(
        "--base-url",
        default=os.environ.get("CSPP_FETCH_BASE_URL") or None,
        help="ask this address (scheme and host) instead of the publisher's, "
        "e.g. a local test server (default: CSPP_FETCH_BASE_URL)",
    )
    fetch.add_argument(
        "--cache-dir",
        default=str(SNAPSHOT_CACHE),
        help="where a file too large to commit is kept by its checksum (default .cache/snapshots/)",
    )
    fetch.add_argument(
        "--report-file",
        default=None,
        help="also write what happened, with the data change, as Markdown for "
        "a pull request's body",
    )


def run(args) -> int:
    return args.func(args, Path(args.packages))


def validate(args, packages: Path) -> int:
    from .validate import VALIDATION_CACHE, validate_packages

    problems = validate_packages(packages, Path(args.cache_dir) / VALIDATION_CACHE)
    print(report.render(problems, args.format))
    return 1 if problems else 0


def stale_sources(args, packages: Path) -> int:
    import datetime as dt

    from .load.model import load_model
    from .shape.freshness import citations, render_stale

    model = load_model(packages)
    cited = citations(model.tables, model.table("plans"))
    print(render_stale(cited, model.table("sources"), dt.date.today()))
    return 0


def dictionary(args, packages: Path) -> int:
    from .load.packages import read_packages
    from .render.pages.dictionary import render_data_dictionary

    path = packages / "DATA_DICTIONARY.md"
    path.write_text(render_data_dictionary(read_packages(packages)), encoding="utf-8")
    print(f"Wrote {path}")
    return 0


def themes_command(args, packages: Path) -> int:
    from .load.model import load_model
    from .shape import theme_evaluation
    from .shape.theme_rule import ThemeRule

    model = load_model(packages)
    print(
        theme_evaluation.full_report(
            model.table("theme_labels"),
            model.table("priorities"),
            model.table("plans"),
            ThemeRule.from_tables(model.table),
        )
    )
    return 0


def statistics_command(args, packages: Path) -> int:
    """0 when the snapshots' rows are written; 1, with every file unchanged, if not."""
    from .ingest.refresh import RefreshError, refresh

    try:
        rerun = refresh(packages, args.snapshot_ids or None)
    except RefreshError as error:
        return nothing_changed("cspp statistics", error)
    print(
        f"Reran {len(rerun)} snapshot(s): {', '.join(rerun) or 'none held'}. "
        "Run cspp diff HEAD to see what changed."
    )
    return 0


def nothing_changed(command: str, error) -> int:
    """Report a refresh or fetch that failed and wrote nothing: its message, then any validation
    problems of the rows it would have written; exit status 1."""
    print(f"{command}: {error}", file=sys.stderr)
    if error.problems:
        print(report.render(error.problems, "text"), file=sys.stderr)
    print("Nothing was changed.", file=sys.stderr)
    return 1


def fetch_command(args, packages: Path) -> int:
    """0 when the file is unchanged or its snapshot and rows are written; 1, with every file
    unchanged, if the answer or its rows are not right."""
    import datetime as dt

    from .ingest.download import Settings
    from .ingest.fetch import FetchError, fetch_feed
    from .ingest.fetch_report import as_markdown, as_text

    settings = Settings(
        timeout=args.timeout,
        retries=args.retries,
        retry_wait=args.retry_wait,
        max_bytes=args.max_bytes,
    )
    try:
        fetched = fetch_feed(
            packages, args.feed_id, dt.date.today(), settings, args.base_url, Path(args.cache_dir)
        )
    except FetchError as error:
        return nothing_changed(f"cspp fetch {args.feed_id}", error)
    print(as_text(fetched))
    if args.report_file:
        Path(args.report_file).write_text(as_markdown(fetched), encoding="utf-8")
    return 0


def build_command(args, packages: Path) -> int:
    from .publish.build import BuildError, build_site
    from .publish.workers import Clock

    clock = Clock()
    try:
        problems = build_site(
            Path(args.site_dir), packages, args.site_url, clock, Path(args.cache_dir), args.repo_url
        )
    except BuildError as error:
        print(f"{error}\nThe site was not changed.", file=sys.stderr)
        return 1
    if problems:
        print(report.render(problems, args.format, built=False))
        return 1
    print(f"Built the site into {args.site_dir}")
    if args.timings:
        print(clock.table())
    return 0


def diff(packages: Path, base: str) -> int:
    """The rows added, removed and changed in each table since base; 2 if base cannot be read."""
    import tempfile

    from .load.history import HistoryError, packages_at, text_tables
    from .load.packages import DescriptorError
    from .shape.changes import data_changes, summary

    with tempfile.TemporaryDirectory(prefix="cspp-diff-") as tmp:
        try:
            before = packages_at(packages, base, Path(tmp))
            print(summary(data_changes(text_tables(before), text_tables(packages))))
        except HistoryError as error:
            print(f"cspp diff: git cannot give the data at {base!r}: {error}", file=sys.stderr)
            return 2
        except DescriptorError as error:
            print(
                f"cspp diff: {error.path.name} cannot be read: {error.note}. Run cspp validate.",
                file=sys.stderr,
            )
            return 2
    return 0


def check_sources(args, packages: Path) -> int:
    """Request every source address once and print what answered; record it unless --dry-run.
    Broken links are a finding for maintainers, not a failure, so the exit status stays 0."""
    import datetime as dt
    import time

    from .load.model import load_model
    from .load.packages import resource_file
    from .paths import relative
    from .watch.links import Settings, check_links, source_urls
    from .watch.records import record_checks, render_report

    model = load_model(packages)
    settings = Settings(timeout=args.timeout, concurrency=args.concurrency, retries=args.retries)
    started = time.monotonic()
    checks = check_links(source_urls(model), settings)
    print(render_report(checks, time.monotonic() - started))
    path = resource_file(model.packages["sources"], "sources")
    if args.dry_run:
        print(f"Dry run: {relative(path)} was not changed.")
        return 0
    record_checks(path, checks, dt.date.today().isoformat())
    print(f"Wrote {relative(path)}")
    return 0


def positive(kind, zero: bool = False):
    """An argparse type: a number of that kind, above 0 (or at least 0 when zero is allowed)."""

    def parse(text: str):
        value = kind(text)
        if value < 0 or (value == 0 and not zero):
            raise argparse.ArgumentTypeError(f"{text} is not {'0 or more' if zero else 'above 0'}")
        return value

    return parse


def submission(args, packages: Path) -> int:
    """0 when the submission's rows are written and valid; 1, with every CSV unchanged, if not."""
    from .submissions import Issue, as_markdown, as_text, submit

    try:
        body = Path(args.body_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"cspp submission: the body file cannot be read: {error}", file=sys.stderr)
        return 1
    outcome = submit(body, packages, args.form, issue=Issue(args.issue_url, args.issue_date))
    print(as_text(outcome))
    if args.comment_file:
        Path(args.comment_file).write_text(as_markdown(outcome), encoding="utf-8")
    return 0 if outcome.accepted else 1


if __name__ == "__main__":  # last, so that every function above is defined
    sys.exit(main())
