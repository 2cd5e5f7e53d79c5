"""The cspp command: validate the data, build the site, list stale sources, write the dictionary."""

from __future__ import annotations

import argparse
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
            print(f"cspp: internal error: {error}. Run again with --debug and report it in an "
                  "issue.", file=sys.stderr)
        return 3


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cspp", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every data package")
    check.add_argument("--format", choices=report.FORMATS, default="text")
    build = commands.add_parser("build", help="validate, then build the site into site/")
    build.add_argument("--format", choices=report.FORMATS, default="text")
    build.add_argument("--site-dir", default=str(SITE), help="where to write the site")
    build.add_argument("--site-url", default=None, help="public URL the site is served from")
    build.add_argument("--cache-dir", default=str(CACHE),
                       help="where results are kept between builds (default .cache/)")
    build.add_argument("--timings", action="store_true",
                       help="print the seconds each part of the build took")
    commands.add_parser("sources", help="list sources not checked in the last 12 months")
    commands.add_parser("dictionary", help="rewrite datapackages/DATA_DICTIONARY.md from the schemas")
    diff = commands.add_parser("diff", help="print the data change from a git ref to the work tree")
    diff.add_argument("base", help="a commit, branch or tag (e.g. origin/main)")
    for command in commands.choices.values():
        command.add_argument("--packages", default=str(DATAPACKAGES), help=argparse.SUPPRESS)
    return parser


def run(args) -> int:
    packages = Path(args.packages)
    if args.command == "validate":
        from .validate import validate_packages

        problems = validate_packages(packages)
        print(report.render(problems, args.format))
        return 1 if problems else 0
    if args.command == "build":
        return build(args, packages)
    if args.command == "sources":
        from .load.model import load_model
        from .shape.freshness import render_stale

        print(render_stale(load_model(packages)))
        return 0
    if args.command == "diff":
        return diff(packages, args.base)
    if args.command == "dictionary":
        from .load.packages import read_packages
        from .render.pages.dictionary import render_data_dictionary

        path = packages / "DATA_DICTIONARY.md"
        path.write_text(render_data_dictionary(read_packages(packages)), encoding="utf-8")
        print(f"Wrote {path}")
        return 0
    return 2


def build(args, packages: Path) -> int:
    from .publish.build import BuildError, build_site
    from .publish.workers import Clock

    clock = Clock()
    try:
        problems = build_site(Path(args.site_dir), packages, args.site_url, clock,
                              Path(args.cache_dir))
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


if __name__ == "__main__":
    sys.exit(main())


def diff(packages: Path, base: str) -> int:
    """The rows added, removed and changed in each table since base; 2 if base cannot be read."""
    import tempfile

    from .load.history import HistoryError, packages_at
    from .load.packages import DescriptorError
    from .shape.changes import data_changes, summary

    with tempfile.TemporaryDirectory(prefix="cspp-diff-") as tmp:
        try:
            before = packages_at(packages, base, Path(tmp))
            print(summary(data_changes(before, packages)))
        except HistoryError as error:
            print(f"cspp diff: git cannot give the data at {base!r}: {error}", file=sys.stderr)
            return 2
        except DescriptorError as error:
            print(f"cspp diff: {error.path.name} cannot be read: {error.note}. Run cspp validate.",
                  file=sys.stderr)
            return 2
    return 0
