"""Benchmark the pipeline: validate, cold and warm builds, stages, scale, page weight and speed, memory.

`make bench` prints each table as its part ends (progress on stderr) and asserts nothing. Times are
medians of --repeat runs; peak memory sums the RSS of a command and all its descendants. Each build
runs in a throwaway copy of the project, never touching the checkout's data, build/, .cache/, site/.
"""

import argparse
import contextlib
import gzip
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import namedtuple
from pathlib import Path
from statistics import median
from urllib.parse import urljoin, urlsplit

import pandas as pd
import psutil
from bs4 import BeautifulSoup
from tabulate import tabulate

import pagespeed  # tools/pagespeed.py, beside this file
from cspp.load.keys import all_references
from cspp.load.packages import read_packages
from cspp.paths import ROOT
from cspp.publish.build import build_site, stage_complete_docs
from cspp.publish.workers import Clock, is_worker_job

PYTHON, RATIO = sys.executable, "{:.2f}×".format
CHILD_BUILD = [PYTHON, "tools/benchmark.py", "--child-stages"]
CSPP_VALIDATE = [PYTHON, "-m", "cspp", "validate"]  # keeps its problems in the copy's .cache/
COPIED = {
    "scripts",
    "site_src",
    "tools",
    "mkdocs.yml",
    "LICENSE-DATA.md",
    "datapackages",
    ".github",
}  # .github: the issue forms, which the contributing page names
CSV = {"dtype": str, "keep_default_na": False, "encoding": "utf-8-sig"}  # cells as written
Run = namedtuple("Run", "seconds rss_mb stdout", defaults=[""])
Size = namedtuple("Size", "factor run pages")  # a row of the scale table
LOADED = "[src], link[rel~=stylesheet], link[rel*=icon], link[rel*=preload]"  # pages use no srcset
# Scale test data: partnerships and indicators are copied with suffixed ids, and so is every row
# that refers to them, transitively. Councils keep their real GSS codes (the map has a shape for
# each real one), and names stay distinct in each copy, as pages and charts are keyed by them.
ROOTS = {("partnerships", "partnerships"), ("measures", "indicators")}
# The key indicators stay one list: their composite key into theme_indicators would suffix the
# theme ids too, and the themes are not copied.
KEEP = {("partnerships", "councils"), ("themes", "key_indicators")}
NAMES = {
    ("partnerships", "partnerships"): {"area_name", "partnership_name"},
    ("measures", "indicators"): {"indicator_name"},
    ("plans", "plans"): {"title"},
}


class Workspace:
    """A throwaway copy of the project's code, pages, config and data."""

    def __init__(self, path: Path, code: Path = ROOT):
        self.path, self.data = path, path / "datapackages"
        shutil.copytree(
            code,
            path,
            ignore=lambda folder, names: [
                n for n in names if n == "__pycache__" or (Path(folder) == code and n not in COPIED)
            ],
        )

    def measure(self, command: list[str], **env: str) -> Run:
        """Run command here with this copy of cspp, sampling its process tree's memory."""
        env = {**os.environ, "PYTHONPATH": str(self.path / "scripts"), **env}
        with tempfile.TemporaryFile("w+") as out:  # a file, which a long output cannot fill
            start, peak = time.perf_counter(), 0
            child = psutil.Popen(command, cwd=self.path, env=env, stdout=out)
            while not psutil.wait_procs([child], timeout=0.2)[0]:  # returns when the child ends
                with contextlib.suppress(psutil.NoSuchProcess):  # one ended while being read
                    tree = [child, *child.children(recursive=True)]
                    peak = max(peak, sum(p.memory_info().rss for p in tree))
            seconds = time.perf_counter() - start
            out.seek(0)
            run = Run(seconds, peak / 2**20, out.read())
        shown = " ".join(Path(c).name if c.startswith(sys.prefix) else c for c in command)
        if child.returncode:
            raise SystemExit(f"benchmark: {shown} failed in {self.path}:\n{run.stdout}")
        print(
            f"... {run.seconds:5.1f} s {run.rss_mb:4.0f} MB  {self.path.name}: {shown}",
            file=sys.stderr,
        )
        return run

    def repeat(self, command: list[str], times: int, before=lambda _: None, **env) -> tuple:
        """The runs, each after before(turn), and their median with the highest peak memory."""
        runs = []
        for turn in range(times):
            before(turn)
            runs.append(self.measure(command, **env))
        return Run(median(r.seconds for r in runs), max(r.rss_mb for r in runs)), runs

    def timed_builds(self, times: int, before) -> tuple[Run, dict[str, float]]:
        """build_site() in fresh processes: the median run, and the median of each part."""
        run, runs = self.repeat(CHILD_BUILD, times, before)
        parts = [json.loads(r.stdout.splitlines()[-1]) for r in runs]
        return run, {label: median(p.get(label, 0) for p in parts) for label in parts[0]}

    def clean(self, turn: int = 0) -> None:
        for name in ("build", ".cache", "site"):
            shutil.rmtree(self.path / name, ignore_errors=True)

    def edit_one_cell(self, turn: int) -> None:
        """Change one plan title, as a contributor's correction would, alternating two values."""
        path = self.data / "plans" / "plans.csv"
        plans = pd.read_csv(path, **CSV)
        title = plans.at[0, "title"].removesuffix(" (corrected)")
        plans.at[0, "title"] = title + " (corrected)" * (turn % 2 == 0)
        plans.to_csv(path, index=False)

    def size(self, factor: int, run: Run) -> Size:
        return Size(factor, run, len(list(self.path.glob("site/**/*.html"))))


def child_stages(ws: Path) -> None:
    """In a workspace: build once, print the seconds of each part by the build's clock, as JSON."""
    clock, start = Clock(), time.perf_counter()
    if problems := build_site(ws / "site", ws / "datapackages", clock=clock, cache=ws / ".cache"):
        raise SystemExit(f"benchmark: the data is not valid ({len(problems)} problems)")
    total, seconds = time.perf_counter() - start, dict(clock.seconds)
    staged = sum(s for label, s in seconds.items() if not is_worker_job(label))  # main process
    print(
        json.dumps(
            {
                **seconds,
                "main process, other (start-up, imports, waiting)": total - staged,
                "total": total,
            }
        )
    )


def suffix(value: str, copy: int, pattern: str | None) -> str:
    if not value or copy == 1:
        return value
    for candidate in (f"{value}-x{copy}", f"{value}_x{copy}", f"{value}x{copy}"):
        if pattern is None or re.fullmatch(pattern, candidate):
            return candidate
    raise ValueError(f"no suffix of {value!r} fits {pattern}")


def make_synthetic(packages: Path, out: Path, factor: int) -> None:
    """The real packages with every cloned resource repeated factor times (ids suffixed)."""
    shutil.copytree(packages, out, dirs_exist_ok=True)
    read = read_packages(packages)
    references, cloned = all_references(read), set(ROOTS)
    while more := {
        (r.package, r.resource)
        for r in references
        if r.target in cloned and (r.package, r.resource) not in KEEP | cloned
    }:
        cloned |= more
    for name, package in read.items():
        for resource in (r for r in package.resources if (name, r.name) in cloned):
            ids = {
                f
                for r in references
                if r.target in cloned and (r.package, r.resource) == (name, resource.name)
                for f in r.fields
            }
            key = resource.schema.primary_key
            if not set(key) & ids:  # the key would repeat in every copy unless it changes too
                ids |= {k for k in key if resource.schema.get_field(k).type == "string"}
            names = NAMES.get((name, resource.name), set())
            clone_rows(out / name / resource.path, resource, ids, names, factor)


def clone_rows(path: Path, resource, ids: set[str], names: set[str], factor: int) -> None:
    rows = pd.read_csv(path, **CSV)
    fields = {f.name: f for f in resource.schema.fields if f.name in rows}
    copies = [rows]
    for copy in range(2, factor + 1):
        copies.append(new := rows.copy())
        for name in ids & fields.keys():
            pattern = fields[name].constraints.get("pattern")
            new[name] = [suffix(value, copy, pattern) for value in rows[name]]
        for name in names & fields.keys():
            new[name] = [value and f"{value} (copy {copy})" for value in rows[name]]
        for name in (n for n, field in fields.items() if field.type == "number"):
            # so that each copy's charts differ, and the chart cache cannot share them
            new[name] = [v and f"{float(v) * (1 + copy / 1000):.6g}" for v in rows[name]]
    pd.concat(copies).to_csv(path, index=False)


def local_resources(site: Path, page: Path) -> set[str]:
    """The site's files a browser fetches when it opens the page (not the links it may follow)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    urls = [tag.get("href" if tag.name == "link" else "src", "") for tag in soup.select(LOADED)]
    # A root-relative URL resolves from the site's root: 404.html has them, served at any depth.
    found = [urlsplit(urljoin("/" + page.relative_to(site).as_posix(), url)) for url in urls if url]
    return {
        url.path.lstrip("/")
        for url in found
        if not (url.scheme or url.netloc) and (site / url.path.lstrip("/")).is_file()
    }


def weigh(files: list[bytes]) -> tuple[int, int]:
    return sum(map(len, files)), sum(len(gzip.compress(f, compresslevel=6, mtime=0)) for f in files)


def page_weights(site: Path) -> dict:
    """Each page and what it loads beyond the files every page loads (shared), in bytes."""
    loads = {page: local_resources(site, page) for page in sorted(site.rglob("*.html"))}
    shared = set.intersection(*loads.values()) if loads else set()
    rows = []
    for page, resources in loads.items():
        own = [page.read_bytes()] + [(site / r).read_bytes() for r in sorted(resources - shared)]
        sizes = dict(zip(("html", "html_gzip", "own", "own_gzip"), weigh(own[:1]) + weigh(own)))
        rows.append({"page": page.relative_to(site).as_posix(), **sizes})
    size, gzipped = weigh([(site / r).read_bytes() for r in sorted(shared)])
    index = site / "search" / "search_index.json"
    return {
        "pages": rows,
        "shared": size,
        "shared_gzip": gzipped,
        "site": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "search_index": index.stat().st_size if index.exists() else 0,
    }


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def show(title: str, headers: list[str], rows: list) -> None:
    print(f"\n{title}\n{tabulate(rows, headers=headers, disable_numparse=True)}", flush=True)


class Benchmark:
    """Each part measures in the real workspace, shows its tables and notes its targets."""

    def __init__(self, ws: Workspace, repeat: int):
        self.ws, self.repeat, self.targets = ws, repeat, []

    def validate(self) -> None:
        """cspp validate of all packages from an empty cache, against stock frictionless on each
        package; and cspp validate again with nothing changed, which reuses what it kept."""
        frictionless = str(Path(PYTHON).with_name("frictionless"))
        stock_commands = {
            f"frictionless validate {path.parent.name}": [frictionless, "validate", str(path)]
            for path in sorted(self.ws.data.glob("*/datapackage.json"))
        }
        ours = self.ws.repeat(CSPP_VALIDATE, self.repeat, self.ws.clean)[0].seconds
        again = self.ws.repeat(CSPP_VALIDATE, self.repeat)[0].seconds  # after the cold runs
        stock = [self.ws.repeat(c, self.repeat)[0].seconds for c in stock_commands.values()]
        rows = [
            ("cspp validate (all packages), empty cache", ours),
            ("cspp validate again, nothing changed", again),
            *zip(stock_commands, stock),
            ("frictionless, all packages", sum(stock)),
        ]
        show(
            "Validate",
            ["command", "time"],
            [(what, f"{s:.2f} s") for what, s in rows]
            + [("ratio cspp (empty cache) / frictionless", RATIO(ours / sum(stock)))],
        )

    def builds(self) -> None:
        """Cold builds, the page weight of their site, bare MkDocs builds, then warm rebuilds."""
        ws, repeat, bare_site = self.ws, self.repeat, self.ws.path / "bare-site"
        cold, stages = ws.timed_builds(repeat, ws.clean)
        self.real_size, self.weight = ws.size(1, cold), page_weights(ws.path / "site")
        ws.measure([PYTHON, "tools/benchmark.py", "--child-docs"])  # the same docs, untimed
        bare = ws.repeat(
            [
                PYTHON,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "--quiet",
                "--config-file",
                str(ws.path / "mkdocs.yml"),
                "--site-dir",
                str(bare_site),
            ],
            repeat,
            lambda _: shutil.rmtree(bare_site, ignore_errors=True),
            CSPP_DOCS_DIR=str(ws.path / "build" / "docs"),
            NO_MKDOCS_2_WARNING="1",
        )[0]
        # One untimed rebuild first: if the data was last changed on an earlier day, the first
        # change also changes the data version, which renames the dated downloads on every page.
        ws.repeat(CHILD_BUILD, 1, ws.edit_one_cell)
        warm, warm_stages = ws.timed_builds(repeat, lambda turn: ws.edit_one_cell(turn + 1))
        ws.edit_one_cell(1)  # back to the real title
        cold_ratio, warm_ratio = cold.seconds / bare.seconds, warm.seconds / cold.seconds
        self.targets += [
            ("cold build ≤ 1.5× bare mkdocs", cold_ratio, 1.5, RATIO),
            ("warm rebuild ≤ 25% of cold", warm_ratio, 0.25, "{:.0%}".format),
        ]
        show(
            "Build",
            ["build", "time", "peak memory (RSS, all processes)", "ratio"],
            [
                (what, f"{r.seconds:.2f} s", f"{r.rss_mb:.0f} MB", ratio)
                for what, r, ratio in [
                    (
                        "cold: build_site() from an empty cache",
                        cold,
                        f"{cold_ratio:.2f}× bare mkdocs",
                    ),
                    ("warm: after one cell changed", warm, f"{warm_ratio:.0%} of cold"),
                    ("bare mkdocs build of the same docs", bare, ""),
                ]
            ],
        )
        show(
            "Build stages (worker jobs run beside the main process, so the parts add up to more)",
            ["part of the build", "cold", "share of cold", "warm"],
            [
                (
                    label,
                    f"{s:.2f} s",
                    f"{s / stages['total']:.0%}",
                    f"{warm_stages.get(label, 0):.2f} s",
                )
                for label, s in stages.items()
            ],
        )

    def page_weight(self) -> None:
        weight, pages = self.weight, self.weight["pages"]
        heaviest, middle = max(pages, key=lambda p: p["own"]), median(p["own_gzip"] for p in pages)
        self.targets += [
            ("median page ≤ 60 KB gzip beyond shared assets", middle, 60 * 1024, kb),
            ("heaviest page ≤ 500 KB decoded", heaviest["own"], 500 * 1024, kb),
            ("search index ≤ 1 MB at 1× data", weight["search_index"], 2**20, kb),
        ]
        show(
            "Page weight (real data)",
            ["figure", "value"],
            [
                ("pages", len(pages)),
                ("median page beyond shared assets, gzip", kb(middle)),
                (
                    "heaviest page beyond shared assets",
                    f"{heaviest['page']}: {kb(heaviest['own'])} ({kb(heaviest['own_gzip'])} gzip)",
                ),
                (
                    "shared assets (loaded by every page)",
                    f"{kb(weight['shared'])} ({kb(weight['shared_gzip'])} gzip)",
                ),
                ("total site size", f"{weight['site'] / 2**20:,.2f} MB"),
                ("search index (search/search_index.json)", kb(weight["search_index"])),
            ],
        )

    def page_speed(self) -> None:
        """Lighthouse on four pages of the real site, served compressed (tools/pagespeed.py)."""
        results = pagespeed.measure(self.ws.path / "site")
        self.targets += [
            ("Lighthouse budgets on 4 pages (figures missed)", pagespeed.missed(results), 0, str)
        ]
        print(
            f"\nPage speed, Lighthouse mobile profile, served compressed\n"
            f"{pagespeed.table(results)}",
            flush=True,
        )

    def scale(self, factors: list[int], repeat: int) -> None:
        """Cold builds of synthetic data, made from the code and data of the real workspace."""
        sizes = [self.real_size if f == 1 else self.synthetic(f, repeat) for f in factors]
        rows = [
            (
                f"{factor}×",
                pages,
                f"{run.seconds:.2f} s",
                f"{run.seconds / pages * 1e3:.1f} ms",
                f"{run.rss_mb:.0f} MB",
            )
            for factor, run, pages in sizes
        ]
        first, last = sizes[0], sizes[-1]
        data, ratio = last.factor / first.factor, last.run.seconds / first.run.seconds
        if len(sizes) > 1:  # 10× data in ≤ 11× the time, for whichever sizes ran
            self.targets += [(f"{data:g}× data ≤ {data * 1.1:g}× time", ratio, data * 1.1, RATIO)]
            rows.append(
                (
                    f"{last.factor}× / {first.factor}×",
                    RATIO(last.pages / first.pages),
                    RATIO(ratio),
                    RATIO(ratio * first.pages / last.pages),
                    "",
                )
            )
        show(
            f"Scale (synthetic data, cold builds; beyond 1×, median of {repeat})",
            ["data", "pages", "build time", "per page", "peak memory"],
            rows,
        )

    def synthetic(self, factor: int, repeat: int) -> Size:
        with tempfile.TemporaryDirectory(dir=self.ws.path.parent) as tmp:  # gone once measured
            ws = Workspace(Path(tmp) / f"scale-{factor}", self.ws.path)
            make_synthetic(self.ws.data, ws.data, factor)
            return ws.size(factor, ws.timed_builds(repeat, ws.clean)[0])


def main() -> None:
    parser = argparse.ArgumentParser(prog="python tools/benchmark.py", description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--scales", default="1,3,10", help="data sizes, e.g. 1,3,10; '' to skip")
    parser.add_argument("--scale-repeat", type=int, default=3, help="runs per synthetic size")
    parser.add_argument("--child-stages", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-docs", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_stages:  # a child runs in its workspace, the working directory
        return child_stages(Path.cwd())
    if args.child_docs:
        stage_complete_docs(Path.cwd() / "datapackages", Path.cwd() / "build" / "docs")
        return
    print(
        f"cspp benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()}"
        f" CPUs, Python {sys.version.split()[0]}, median of {args.repeat} runs unless stated"
    )
    with tempfile.TemporaryDirectory(prefix="cspp-bench-") as tmp:
        bench = Benchmark(Workspace(Path(tmp) / "real"), args.repeat)
        for part in (bench.validate, bench.builds, bench.page_weight, bench.page_speed):
            part()
        if factors := [int(f) for f in args.scales.split(",") if f]:
            bench.scale(factors, args.scale_repeat)
    show(
        "Targets (issue 8)",
        ["target", "figure", "verdict"],
        [
            (what, shown(figure), "met" if figure <= limit else "MISSED")
            for what, figure, limit, shown in bench.targets
        ],
    )


if __name__ == "__main__":
    main()
