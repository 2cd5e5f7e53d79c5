"""Benchmark the pipeline: validate, cold and warm builds, stages, scale, page weight, peak memory.

Run as `make bench` (python -m cspp.benchmark). It prints a table of figures and asserts nothing.
Each timing is the median of several runs, and every ratio compares figures taken in the same run.

Every build happens in a throwaway copy of the project (scripts/, site_src/, mkdocs.yml and the
data) in a temporary folder, so the benchmark never touches datapackages/, build/, .cache/ or site/
of the checkout, and the synthetic data for the scale test never enters datapackages/.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import posixpath
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from .paths import DATAPACKAGES, ROOT
from .workers import is_worker_job

TARGETS = {
    "cold": 1.5,            # cold build ≤ 1.5 × bare mkdocs build
    "warm": 0.25,           # warm rebuild ≤ 25% of cold
    "scale": 11.0,          # 10× data ≤ 11× time
    "median_own_gzip": 60 * 1024,
    "heaviest_decoded": 500 * 1024,
    "search_index": 1024 * 1024,
}

# The wrapper runs one command and reports its wall time and the peak memory of its process
# tree: the largest sum of the resident sizes (RSS) of the command and all its descendants
# (workers, MkDocs), sampled every 0.2 s from /proc (about 3 ms a sample), since they run at
# the same time.
MEASURE = """
import json, os, subprocess, sys, tempfile, time

def tree_rss_kb(root):
    parents, rss = {}, {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/status") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
        except OSError:
            continue
        parents[int(pid)] = int(fields["PPid"])
        rss[int(pid)] = int(fields.get("VmRSS", "0 kB").split()[0])
    def in_tree(pid):
        while pid > 1:
            if pid == root:
                return True
            pid = parents.get(pid, 0)
        return False
    return sum(kb for pid, kb in rss.items() if in_tree(pid))

out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=out, stderr=err)
peak = 0
while child.poll() is None:
    peak = max(peak, tree_rss_kb(child.pid))
    time.sleep(0.2)
seconds = time.perf_counter() - start
out.seek(0)
err.seek(0)
print(json.dumps({"seconds": seconds, "rss_kb": peak, "code": child.returncode,
                  "stdout": out.read().decode()[-3000:], "stderr": err.read().decode()[-3000:]}))
"""


@dataclass
class Run:
    seconds: float
    rss_mb: float
    code: int
    output: str
    stderr: str = ""


# ---------------------------------------------------------------- running things


def measure(command: list[str], root: Path) -> Run:
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=root, env=child_env(root),
                          capture_output=True, text=True, check=True)
    data = json.loads(done.stdout)
    return Run(data["seconds"], data["rss_kb"] / 1024, data["code"], data["stdout"],
               data["stderr"])


def median_run(runs: list[Run]) -> Run:
    """The run with the median time (the upper one of an even count), with the peak RSS of all."""
    ordered = sorted(runs, key=lambda r: r.seconds)
    middle = ordered[len(ordered) // 2]
    return Run(statistics.median(r.seconds for r in runs), max(r.rss_mb for r in runs),
               max(r.code for r in runs), middle.output)


def cspp(*args: str) -> list[str]:
    return [sys.executable, "-m", "cspp", *args]


def mkdocs_command(root: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
            "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(out)]


def checked(run: Run, what: str) -> Run:
    if run.code != 0:
        raise SystemExit(f"benchmark: {what} failed (exit {run.code}):\n{run.output}{run.stderr}")
    return run


# ---------------------------------------------------------------- workspaces


def make_workspace(base: Path, name: str, packages: Path | None = None,
                   code: Path = ROOT) -> Path:
    """A copy of the project's code, pages and config (from code), with the data from packages."""
    root = base / name
    root.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(code / "scripts", root / "scripts", ignore=ignore)
    shutil.copytree(code / "site_src", root / "site_src", ignore=ignore)
    shutil.copy2(code / "mkdocs.yml", root / "mkdocs.yml")
    if packages is not None:
        shutil.copytree(packages, root / "datapackages")
    return root


def clean_build(root: Path) -> None:
    for name in ("build", ".cache", "site", ".site.published"):
        shutil.rmtree(root / name, ignore_errors=True)


def edit_one_cell(root: Path, turn: int) -> None:
    """Change one plan title, as a contributor's correction would, alternating between two values."""
    path = root / "datapackages" / "plans" / "plans.csv"
    rows = read_csv(path)
    original = rows[1][rows[0].index("title")].removesuffix(" (corrected)")
    rows[1][rows[0].index("title")] = original + (" (corrected)" if turn % 2 == 0 else "")
    write_csv(path, rows)


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


# ---------------------------------------------------------------- synthetic data for the scale test

# Partnerships and indicators are copied with suffixed ids, and so is every row that refers to
# them (plans, priorities, measures, facts, gaps, memberships, values...). Councils keep their real
# GSS codes: a made-up code would not be a council area, and the map has a shape for each real one.
ROOTS = {("partnerships", "partnerships"), ("measures", "indicators")}
KEEP = {("partnerships", "councils")}
# Names stay distinct in each copy, as real ones are (charts and pages are keyed by them).
NAMES = {("partnerships", "partnerships"): ("area_name", "partnership_name"),
         ("measures", "indicators"): ("indicator_name",), ("plans", "plans"): ("title",)}


def load_descriptors(packages: Path) -> dict[str, dict]:
    return {path.parent.name: json.loads(path.read_text(encoding="utf-8-sig"))
            for path in sorted(packages.glob("*/datapackage.json"))}


def references(package: str, resource: dict) -> list[tuple[str, tuple[str, str], str]]:
    """(field, (package, resource) it refers to, referenced field) for each single-field key."""
    schema = resource.get("schema", {})
    found = []
    for key in schema.get("foreignKeys", []) + schema.get("foreignKeysAcrossPackages", []):
        fields = key["fields"] if isinstance(key["fields"], list) else [key["fields"]]
        ref = key["reference"]
        ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        ref_package = Path(ref["package"]).parent.name if ref.get("package") else package
        target = (ref_package, ref.get("resource") or resource["name"])
        found += [(f, target, r) for f, r in zip(fields, ref_fields)]
    return found


def cloned_resources(descriptors: dict[str, dict]) -> set[tuple[str, str]]:
    """The roots, and every resource that refers to a cloned one, until nothing changes."""
    cloned = set(ROOTS)
    while True:
        more = {(package, resource["name"])
                for package, descriptor in descriptors.items()
                for resource in descriptor["resources"]
                if (package, resource["name"]) not in KEEP
                and any(target in cloned and target != (package, resource["name"])
                        for _, target, _ in references(package, resource))}
        if more <= cloned:
            return cloned
        cloned |= more


def suffixed_fields(package: str, resource: dict, cloned: set) -> set[str]:
    """Fields whose ids get the copy's suffix: references to cloned rows, and own keys if needed."""
    refs = {f for f, target, _ in references(package, resource) if target in cloned}
    schema = resource.get("schema", {})
    key = schema.get("primaryKey", [])
    key = [key] if isinstance(key, str) else key
    if not set(key) & refs:  # the key would repeat in every copy unless it changes too
        types = {f["name"]: f.get("type", "string") for f in schema.get("fields", [])}
        refs |= {k for k in key if types.get(k) == "string"}
    return refs


def suffix(value: str, copy: int, pattern: str | None) -> str:
    if not value or copy == 1:
        return value
    for candidate in (f"{value}-x{copy}", f"{value}_x{copy}", f"{value}x{copy}"):
        if pattern is None or re.fullmatch(pattern, candidate):
            return candidate
    raise ValueError(f"no suffix of {value!r} fits {pattern}")


def make_synthetic(packages: Path, out: Path, factor: int) -> None:
    """The real packages with every cloned resource repeated factor times (ids suffixed)."""
    shutil.copytree(packages, out)
    descriptors = load_descriptors(packages)
    cloned = cloned_resources(descriptors)
    for package, descriptor in descriptors.items():
        for resource in descriptor["resources"]:
            if (package, resource["name"]) in cloned:
                clone_resource(out / package / resource["path"], package, resource, cloned, factor)


def clone_resource(path: Path, package: str, resource: dict, cloned: set, factor: int) -> None:
    rows = read_csv(path)
    header, body = rows[0], rows[1:]
    specs = {f["name"]: f for f in resource["schema"]["fields"]}
    change = [(header.index(name), specs[name].get("constraints", {}).get("pattern"))
              for name in suffixed_fields(package, resource, cloned) if name in header]
    names = [header.index(n) for n in NAMES.get((package, resource["name"]), ()) if n in header]
    numbers = [header.index(n) for n, spec in specs.items()
               if spec.get("type") == "number" and n in header]
    copies = []
    for copy in range(1, factor + 1):
        for row in body:
            new = list(row)
            for index, pattern in change:
                new[index] = suffix(row[index], copy, pattern)
            for index in names:
                new[index] = f"{row[index]} (copy {copy})" if row[index] and copy > 1 else row[index]
            for index in numbers:  # so each copy's charts differ, and the chart cache cannot share them
                new[index] = f"{float(row[index]) * (1 + copy / 1000):.6g}" if row[index] and \
                    copy > 1 else row[index]
            copies.append(new)
    write_csv(path, [header, *copies])


def count_rows(packages: Path) -> int:
    return sum(len(read_csv(p)) - 1 for p in packages.glob("*/*.csv"))


# ---------------------------------------------------------------- page weight


LOADED = {"script": ("src",), "img": ("src",), "source": ("src",), "embed": ("src",),
          "iframe": ("src",), "object": ("data",), "video": ("poster", "src"), "audio": ("src",)}
LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "apple-touch-icon"}


class ResourceParser(HTMLParser):
    """Collect the URLs a browser fetches when it opens the page (not the links it may follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and LINK_RELS & set((attrs.get("rel") or "").lower().split()):
            self.urls.append(attrs.get("href") or "")
        for name in LOADED.get(tag, ()):
            self.urls.append(attrs.get(name) or "")
        if tag in ("img", "source") and attrs.get("srcset"):
            self.urls += [part.split()[0] for part in attrs["srcset"].split(",") if part.strip()]


def local_resources(site: Path, page: Path, html: str) -> set[str]:
    parser = ResourceParser()
    parser.feed(html)
    page_dir = posixpath.dirname(page.relative_to(site).as_posix())
    found = set()
    for url in parser.urls:
        parts = urlsplit(url)
        if not parts.path or parts.scheme or parts.netloc:
            continue
        # 404.html links from the site root, because it is served at any depth.
        start = "" if parts.path.startswith("/") else page_dir
        target = posixpath.normpath(posixpath.join(start, parts.path.lstrip("/")))
        if (site / target).is_file():
            found.add(target)
    return found


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weights(site: Path) -> dict:
    pages = sorted(site.rglob("*.html"))
    loads = {p: local_resources(site, p, p.read_text(encoding="utf-8")) for p in pages}
    shared = set.intersection(*loads.values()) if loads else set()
    rows = []
    for page in pages:
        own = [page.read_bytes()] + [(site / r).read_bytes() for r in sorted(loads[page] - shared)]
        rows.append({"page": page.relative_to(site).as_posix(), "html": len(own[0]),
                     "html_gzip": gzip_size(own[0]), "own": sum(map(len, own)),
                     "own_gzip": sum(map(gzip_size, own))})
    shared_bytes = [(site / r).read_bytes() for r in sorted(shared)]
    index = site / "search" / "search_index.json"
    return {
        "pages": rows,
        "shared": sum(map(len, shared_bytes)), "shared_gzip": sum(map(gzip_size, shared_bytes)),
        "site": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "search_index": index.stat().st_size if index.exists() else 0,
    }


# ---------------------------------------------------------------- stages (in a child process)


def time_stages(site_dir: Path, packages: Path, profile: bool) -> dict[str, float]:
    """Run build_site once and return the seconds of each part, as the build's clock saw them.

    Worker jobs (labels ending "(worker)") run alongside the main process's stages, so the
    parts add up to more than the total. With profile, the main process runs
    under cProfile (the workers' time shows there as waiting).
    """
    from cspp import build
    from cspp.workers import Clock

    clock = Clock()
    start = time.perf_counter()
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        problems = profiler.runcall(build.build_site, site_dir, packages, None, clock)
        profiler.dump_stats(PROFILE_FILE)
    else:
        problems = build.build_site(site_dir, packages, None, clock)
    total = time.perf_counter() - start
    if problems:
        raise SystemExit(f"benchmark: the data is not valid ({len(problems)} problems)")
    times = dict(clock.seconds)
    main_stages = sum(v for k, v in times.items() if not is_worker_job(k))
    times["main process, other (start-up, imports, waiting)"] = total - main_stages
    times["total"] = total
    return times


PROFILE_FILE = "profile.pstats"


def profile_stage(root: Path, label: str) -> str:
    """cProfile from an empty cache: of MkDocs if it is the slowest, else of the main process."""
    clean_build(root)
    if label != "mkdocs":
        command = cspp_child("--child-stages", "--profile-main")
    else:
        subprocess.run(cspp_child("--child-docs"), cwd=root, env=child_env(root), check=True)
        command = [sys.executable, "-m", "cProfile", "-o", PROFILE_FILE,
                   *mkdocs_command(root, root / "profile-site")[1:]]
    subprocess.run(command, cwd=root, env=child_env(root), capture_output=True, check=True)
    return profile_summary(root / PROFILE_FILE)


def profile_summary(path: Path) -> str:
    """The 25 calls with the most cumulative time, then the 15 with the most time of their own."""
    import io
    import pstats

    text = io.StringIO()
    stats = pstats.Stats(str(path), stream=text).strip_dirs()
    stats.sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(15)
    return "\n".join(line for line in text.getvalue().splitlines() if line.strip())


def cspp_child(*args: str) -> list[str]:
    return [sys.executable, "-m", "cspp.benchmark", *args]


def child_env(root: Path) -> dict:
    """The workspace's own copy of cspp, and its build/docs for a bare `mkdocs build`."""
    return {**os.environ, "PYTHONPATH": str(root / "scripts"), "NO_MKDOCS_2_WARNING": "1",
            "DISABLE_MKDOCS_2_WARNING": "true", "CSPP_DOCS_DIR": str(root / "build" / "docs")}


# ---------------------------------------------------------------- the benchmarks


def bench_validate(root: Path, repeat: int) -> dict:
    ours = median_run([measure(cspp("validate"), root) for _ in range(repeat)])
    frictionless = str(Path(sys.executable).with_name("frictionless"))
    stock = {}
    for descriptor in sorted((root / "datapackages").glob("*/datapackage.json")):
        stock[descriptor.parent.name] = median_run(
            [measure([frictionless, "validate", str(descriptor)], root) for _ in range(repeat)])
    return {"ours": checked(ours, "cspp validate"), "stock": stock}


def bench_cold(root: Path, repeat: int) -> tuple[Run, dict[str, float]]:
    """Full builds from an empty cache."""
    return build_runs(root, repeat, lambda turn: clean_build(root), "cold build")


def build_runs(root: Path, repeat: int, before, what: str) -> tuple[Run, dict[str, float]]:
    """build_site() in a fresh process, repeat times; each run also times its stages."""
    runs, stages = [], []
    for turn in range(repeat):
        before(turn)
        runs.append(checked(measure(cspp_child("--child-stages"), root), what))
        stages.append(json.loads(runs[-1].output.strip().splitlines()[-1]))
    return median_run(runs), {label: statistics.median(s[label] for s in stages)
                              for label in stages[0]}


def bench_bare_mkdocs(root: Path, repeat: int) -> Run:
    """MkDocs alone on the same generated docs (written once into build/docs, not timed)."""
    subprocess.run(cspp_child("--child-docs"), cwd=root, env=child_env(root), check=True)
    runs = []
    for turn in range(repeat):
        out = root / f"bare-site-{turn}"
        runs.append(checked(measure(mkdocs_command(root, out), root), "bare mkdocs build"))
        shutil.rmtree(out, ignore_errors=True)
    return median_run(runs)


def bench_warm(root: Path, repeat: int) -> tuple[Run, dict[str, float]]:
    """Rebuilds after one cell changed, with the cache, build/ and site/ of the previous build.

    One untimed rebuild comes first: if the data files were last changed on an earlier day, the
    first change also changes the data version, which renames the dated downloads, and MkDocs
    then rebuilds every page (incremental.py), as it would for a contributor's first correction
    of a day."""
    edit_one_cell(root, 0)
    checked(measure(cspp_child("--child-stages"), root), "warm-up build")
    result = build_runs(root, repeat, lambda turn: edit_one_cell(root, turn + 1), "warm build")
    edit_one_cell(root, 1)  # back to the real title
    return result


def bench_scale(base: Path, packages: Path, factors: list[int], repeat: int,
                real: dict) -> list[dict]:
    """Cold builds of synthetic data; 1× is the real data, whose cold builds were just timed.

    Each size runs the same copy of the code as the 1× builds, even if the checkout changed since.
    """
    rows = []
    for factor in factors:
        if factor == 1:
            rows.append(real)
            continue
        root = make_workspace(base, f"scale-{factor}", code=base / "real")
        make_synthetic(packages, root / "datapackages", factor)
        run, _ = bench_cold(root, repeat)
        rows.append(scale_row(root, factor, run, repeat))
        step(f"scale {factor}×: {run.seconds:.1f} s for {rows[-1]['pages']} pages")
        shutil.rmtree(root, ignore_errors=True)
    return rows


def scale_row(root: Path, factor: int, run: Run, runs: int) -> dict:
    return {"factor": factor, "rows": count_rows(root / "datapackages"), "runs": runs,
            "pages": len(list((root / "site").rglob("*.html"))), "run": run}


# ---------------------------------------------------------------- the report


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def mb(n: float) -> str:
    return f"{n / 1024 / 1024:,.2f} MB"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def table(title: str, rows: list[tuple]) -> str:
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = [f"\n{title}", "-" * len(title)]
    for number, row in enumerate(rows):
        lines.append("  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report_header(repeat: int) -> list[str]:
    return [f"cspp benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
            f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
            f"median of {repeat} runs unless stated"]


def report_profile(results: dict) -> list[str]:
    return [f"\nProfile of the build's main process (slowest part: {results['slowest']}), cProfile, "
            f"sorted by cumulative, then own time\n{results['profile']}"]


def report_validate(results: dict) -> list[str]:
    v = results["validate"]
    stock_total = sum(r.seconds for r in v["stock"].values())
    rows = [("command", "time", "exit"), ("cspp validate (all packages)",
                                          f"{v['ours'].seconds:.2f} s", v["ours"].code)]
    rows += [(f"frictionless validate {name}", f"{r.seconds:.2f} s", r.code)
             for name, r in v["stock"].items()]
    rows.append(("frictionless validate, all packages", f"{stock_total:.2f} s", ""))
    rows.append(("ratio cspp / frictionless", f"{v['ours'].seconds / stock_total:.2f}×", ""))
    return [table("Validate", rows)]


def report_build(results: dict) -> list[str]:
    cold, bare, warm = results["cold"], results["bare"], results["warm"]
    rows = [("build", "time", "peak memory (RSS, all processes)"),
            ("cold: build_site() from an empty cache", f"{cold.seconds:.2f} s", f"{cold.rss_mb:.0f} MB"),
            ("bare mkdocs build of the same docs", f"{bare.seconds:.2f} s", f"{bare.rss_mb:.0f} MB"),
            ("warm: cspp build after one cell changed", f"{warm.seconds:.2f} s",
             f"{warm.rss_mb:.0f} MB"),
            ("ratio cold / bare mkdocs", f"{cold.seconds / bare.seconds:.2f}×", ""),
            ("ratio warm / cold", f"{warm.seconds / cold.seconds:.0%}", "")]
    stages, warm_stages = results["stages"], results["warm_stages"]
    stage_rows = [("part of the build", "cold", "share of cold", "warm")]
    stage_rows += [(label, f"{seconds:.2f} s", f"{seconds / stages['total']:.0%}",
                    f"{warm_stages.get(label, 0):.2f} s")
                   for label, seconds in stages.items() if label != "total"]
    stage_rows.append(("total build_site() (wall time)", f"{stages['total']:.2f} s", "",
                       f"{warm_stages['total']:.2f} s"))
    return [table("Build", rows), table("Build stages", stage_rows),
            "Worker jobs run beside the main process on the other core, so the parts add up to "
            "more than the total.",
            f"Slowest part: {results['slowest']}; slowest stage of the main process: "
            f"{results['slowest_main']}"]


def report_scale(scale: list[dict]) -> list[str]:
    rows = [("data", "rows", "pages", "build time", "per page", "peak memory", "runs")]
    rows += [(f"{s['factor']}×", f"{s['rows']:,}", s["pages"], f"{s['run'].seconds:.2f} s",
              f"{s['run'].seconds / max(s['pages'], 1) * 1000:.1f} ms", f"{s['run'].rss_mb:.0f} MB",
              s["runs"]) for s in scale]
    first, last = scale[0], scale[-1]
    ratio = last["run"].seconds / first["run"].seconds
    per_page = (last["run"].seconds / last["pages"]) / (first["run"].seconds / first["pages"])
    return [table("Scale (synthetic data, cold builds)", rows),
            f"{last['factor']}×/{first['factor']}× time: {ratio:.2f}×; "
            f"time per page: {per_page:.2f}×"]


def report_weight(weight: dict) -> list[str]:
    pages = weight["pages"]
    own_gzip = statistics.median(p["own_gzip"] for p in pages)
    heaviest = max(pages, key=lambda p: p["own"])
    biggest_html = max(pages, key=lambda p: p["html"])
    rows = [("figure", "value"),
            ("pages", len(pages)),
            ("median page HTML", kb(statistics.median(p["html"] for p in pages))),
            ("median page HTML, gzip", kb(statistics.median(p["html_gzip"] for p in pages))),
            ("median page beyond shared assets, gzip", kb(own_gzip)),
            ("heaviest page beyond shared assets", f"{heaviest['page']}: {kb(heaviest['own'])} "
             f"({kb(heaviest['own_gzip'])} gzip)"),
            ("largest page HTML", f"{biggest_html['page']}: {kb(biggest_html['html'])}"),
            ("shared theme assets (loaded by every page)",
             f"{kb(weight['shared'])} ({kb(weight['shared_gzip'])} gzip)"),
            ("total site size", mb(weight["site"])),
            ("search index (search/search_index.json)", kb(weight["search_index"]))]
    return [table("Page weight (real data)", rows)]


def report_targets(results: dict) -> str:
    cold, bare, warm = results["cold"], results["bare"], results["warm"]
    pages = results["weight"]["pages"]
    median_own = statistics.median(p["own_gzip"] for p in pages)
    heaviest = max(p["own"] for p in pages)
    index = results["weight"]["search_index"]
    rows = [("target", "figure", "verdict"),
            ("cold build ≤ 1.5× bare mkdocs", f"{cold.seconds / bare.seconds:.2f}×",
             verdict(cold.seconds / bare.seconds <= TARGETS["cold"])),
            ("warm rebuild ≤ 25% of cold", f"{warm.seconds / cold.seconds:.0%}",
             verdict(warm.seconds / cold.seconds <= TARGETS["warm"]))]
    scale = results.get("scale")
    if scale and len(scale) > 1:
        ratio = scale[-1]["run"].seconds / scale[0]["run"].seconds
        rows.append((f"{scale[-1]['factor']}× data ≤ 11× time", f"{ratio:.2f}×",
                     verdict(ratio <= TARGETS["scale"])))
    rows += [("median page ≤ 60 KB gzip beyond shared assets", kb(median_own),
              verdict(median_own <= TARGETS["median_own_gzip"])),
             ("heaviest page ≤ 500 KB decoded", kb(heaviest),
              verdict(heaviest <= TARGETS["heaviest_decoded"])),
             ("search index ≤ 1 MB at 1× data", kb(index),
              verdict(index <= TARGETS["search_index"]))]
    return table("Targets (issue 8)", rows)


# ---------------------------------------------------------------- main


def run_all(args) -> dict:
    """Run each benchmark and print its table as soon as it is done (a long run can be cut short)."""
    packages = Path(args.packages)
    emit(report_header(args.repeat))
    with tempfile.TemporaryDirectory(prefix="cspp-bench-") as tmp:
        base = Path(tmp)
        root = make_workspace(base, "real", packages)
        results = {"repeat": args.repeat}
        if args.scale_only:
            step("cold builds")
            results["cold"], _ = bench_cold(root, args.repeat)
            results["scale"] = bench_scale(base, packages, parse_factors(args.scales),
                                           args.scale_repeat, scale_row(root, 1, results["cold"],
                                                                        args.repeat))
            emit(report_scale(results["scale"]))
            return results
        step("validate")
        results["validate"] = bench_validate(root, args.repeat)
        emit(report_validate(results))
        step("cold builds")
        results["cold"], results["stages"] = bench_cold(root, args.repeat)
        real = scale_row(root, 1, results["cold"], args.repeat)
        step("page weight")
        results["weight"] = page_weights(root / "site")
        step("bare mkdocs builds")
        results["bare"] = bench_bare_mkdocs(root, args.repeat)
        step("warm builds")
        results["warm"], results["warm_stages"] = bench_warm(root, args.repeat)
        results["slowest"] = max((k for k in results["stages"] if k != "total"),
                                 key=results["stages"].get)
        results["slowest_main"] = max((k for k in results["stages"]
                                       if k != "total" and not is_worker_job(k)),
                                      key=results["stages"].get)
        emit(report_build(results) + report_weight(results["weight"]))
        if args.profile:
            step(f"profile of {results['slowest']}")
            results["profile"] = profile_stage(root, results["slowest"])
            emit(report_profile(results))
        factors = parse_factors(args.scales)
        if factors:
            step(f"scale {factors}")
            results["scale"] = bench_scale(base, packages, factors, args.scale_repeat, real)
            emit(report_scale(results["scale"]))
    emit([report_targets(results)])
    return results


def parse_factors(text: str) -> list[int]:
    return [int(f) for f in text.split(",") if f]


def emit(lines: list[str]) -> None:
    print("\n".join(lines), flush=True)


STARTED = time.perf_counter()


def step(what: str) -> None:
    print(f"... {time.perf_counter() - STARTED:6.0f} s: {what}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cspp.benchmark", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--scales", default="1,3,10", help="data sizes, e.g. 1,3,10; '' to skip")
    parser.add_argument("--scale-repeat", type=int, default=3,
                        help="runs per synthetic data size (slow at 10×)")
    parser.add_argument("--profile", action="store_true", help="cProfile the slowest stage")
    parser.add_argument("--scale-only", action="store_true",
                        help="only the cold builds and the scale test")
    parser.add_argument("--packages", default=str(DATAPACKAGES), help=argparse.SUPPRESS)
    parser.add_argument("--child-stages", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--profile-main", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-docs", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = Path.cwd()
    if args.child_docs:  # inside a throwaway workspace: write the generated docs for mkdocs
        from cspp.build import stage_complete_docs

        stage_complete_docs(root / "datapackages", root / "build" / "docs")
        return 0
    if args.child_stages:  # inside a throwaway workspace: time build_site's stages once
        times = time_stages(root / "site", root / "datapackages", args.profile_main)
        print(json.dumps(times))
        return 0
    run_all(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
