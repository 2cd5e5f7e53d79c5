"""The cspp command: validate the data, build the site, list stale sources."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from . import report
from .paths import DATAPACKAGES, SITE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cspp", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every data package")
    check.add_argument("--format", choices=report.FORMATS, default="text")
    check.add_argument("--packages", default=str(DATAPACKAGES), help=argparse.SUPPRESS)
    build = commands.add_parser("build", help="validate, then build the site into site/")
    build.add_argument("--format", choices=report.FORMATS, default="text")
    build.add_argument("--packages", default=str(DATAPACKAGES), help=argparse.SUPPRESS)
    build.add_argument("--site-dir", default=str(SITE), help="where to write the site")
    build.add_argument("--site-url", default=None, help="public URL the site is served from")
    build.add_argument("--timings", action="store_true",
                       help="print the seconds each part of the build took")
    sources = commands.add_parser("sources", help="list sources not checked in the last 12 months")
    sources.add_argument("--packages", default=str(DATAPACKAGES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
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


def run(args) -> int:
    if args.command == "validate":
        from .validate import validate_packages

        problems = validate_packages(Path(args.packages))
        print(report.render(problems, args.format))
        return 1 if problems else 0
    if args.command == "build":
        from .build import BuildError, build_site
        from .workers import Clock

        clock = Clock()
        try:
            problems = build_site(Path(args.site_dir), Path(args.packages), args.site_url, clock)
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
    if args.command == "sources":
        from .freshness import render_stale
        from .model import load_model

        print(render_stale(load_model(Path(args.packages))))
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
