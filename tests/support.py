"""Helpers shared by test modules (imported by name, so they never clash with a conftest)."""

from __future__ import annotations

import csv
import functools
import hashlib
import importlib.util
import json
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from cspp.paths import DATAPACKAGES, ROOT
from cspp.publish.build import build_site

SUB_PATH = "/cspp/"  # sites are served below a sub-path, as on GitHub Pages
# The repository whose issue forms the test builds' gaps link to (never requested).
TEST_REPOSITORY = "https://github.com/example-org/scotland-cspp"

# Script, an event handler, Markdown links and images, a comment and template syntax: data text
# that must reach every page as plain text and do nothing.
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "[x](javascript:window.__pwned=1)",
    "![x](https://evil.example/x.png)",
    "<!-- comment -->",
    "{{ 7*7 }}",
    "{% if true %}jinja-ran{% endif %}",
]
PAYLOAD = "pwned " + " ".join(PAYLOADS)
# Passes the https-only pattern (no spaces) but would break out of an unescaped href attribute.
URL_PAYLOAD = 'https://evil.example/"><img/src=x/onerror=window.__pwned=1>'


@functools.lru_cache(maxsize=2048)
def _parsed(path: str, version: tuple[int, int]) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def page_soup(path: Path) -> BeautifulSoup:
    """A built page, parsed once per session and shared by every test that reads it: read-only,
    so never change the tree it returns. Keyed by the file's time and size, so a page written
    again is parsed again."""
    stat = path.stat()
    return _parsed(str(path), (stat.st_mtime_ns, stat.st_size))


def tagged(resource: str, field: str) -> str:
    """The payload as put into one column: it names the column, so tests can find it."""
    return f"{resource}.{field} {PAYLOAD}"


def load_tool(name: str):
    """A module of tools/ (maintainers' scripts, not part of the cspp package), by its name."""
    if str(ROOT / "tools") not in sys.path:
        sys.path.insert(0, str(ROOT / "tools"))  # as when run as a script: tools import each other
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # as an import would: dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def copy_packages(target: Path, keep_indicator_rows: int | None = 60) -> Path:
    """A valid copy of datapackages/, optionally with fewer indicator values to keep tests quick."""
    shutil.copytree(DATAPACKAGES, target)
    if keep_indicator_rows is not None:
        values = target / "measures" / "indicator_values.csv"
        lines = values.read_text(encoding="utf-8").splitlines(keepends=True)
        values.write_text("".join(lines[: keep_indicator_rows + 1]), encoding="utf-8")
    return target


def read_csv(path: Path) -> list[dict]:
    """A CSV's rows as dicts of text, read without the code under test."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def package_rows(package: str, name: str) -> list[dict]:
    """The rows of a package's table, datapackages/<package>/<name>.csv."""
    return read_csv(DATAPACKAGES / package / f"{name}.csv")


def edit_csv_rows(path: Path, edit) -> None:
    """Rewrite a CSV after `edit(rows)` changes its rows (a list of dicts) in place."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder and the SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def free_text_fields(packages: Path) -> list[tuple[Path, str, str]]:
    """(csv path, resource, field) for every text column whose schema allows any text: no
    enum, no pattern. Read from the descriptors as JSON, not through the code under test."""
    found = []
    for descriptor in sorted(packages.glob("*/datapackage.json")):
        for resource in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]:
            for column in resource["schema"]["fields"]:
                rules = column.get("constraints", {})
                if column["type"] == "string" and "enum" not in rules and "pattern" not in rules:
                    found.append(
                        (descriptor.parent / resource["path"], resource["name"], column["name"])
                    )
    return found


# What a page shows after the words of a priority whose copy was cut short (text_complete false).
INCOMPLETE = "(incomplete: the copy we read was cut short)"


def published_priorities(packages: Path = DATAPACKAGES) -> list[dict]:
    """Every row of priorities.csv with its plan's title and cycle and its partnership's name, as
    the "Every priority" page shows them, read from the CSVs rather than through the code;
    "shown" is its text as a page shows it."""

    def rows(package: str, resource: str) -> list[dict]:
        with (packages / package / f"{resource}.csv").open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    plans = {p["plan_id"]: p for p in rows("plans", "plans")}
    names = {p["partnership_id"]: p["area_name"] for p in rows("partnerships", "partnerships")}
    return [
        {
            **priority,
            "shown": " ".join(
                [priority["text"], *([INCOMPLETE] if priority["text_complete"] == "false" else [])]
            ),
            "title": plans[priority["plan_id"]]["title"],
            "cycle": plans[priority["plan_id"]]["cycle"] or "outside the cycles",
            "partnership": names[plans[priority["plan_id"]]["partnership_id"]],
        }
        for priority in rows("plans", "priorities")
    ]


def derived_themes(site_dir: Path) -> dict[str, list[str]]:
    """The theme names a built site publishes for each priority id, sorted."""
    themes: dict[str, list[str]] = {}
    with (site_dir / "compare" / "priority-themes-derived.csv").open(
        encoding="utf-8", newline=""
    ) as f:
        for row in csv.DictReader(f):
            themes.setdefault(row["priority_id"], []).append(row["theme_name"])
    return {priority: sorted(names) for priority, names in themes.items()}


def spec_rows(spec) -> list[dict]:
    """Every data row inlined anywhere in a Vega-Lite spec."""
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "values" and isinstance(value, list):
                found += [v for v in value if isinstance(v, dict)]
            elif key == "datasets":
                found += [v for rows_ in value.values() for v in rows_]
            else:
                found += spec_rows(value)
    elif isinstance(spec, list):
        for item in spec:
            found += spec_rows(item)
    return found


# ---------------------------------------------------------------- a built site, served


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site folder at SUB_PATH only; anything else is not found. A path in `answers`
    (relative to the site) is answered with its bytes instead of the file."""

    def __init__(self, *args, answers: dict[str, bytes], **kwargs):
        self.answers = answers
        super().__init__(*args, **kwargs)

    def do_GET(self):
        body = self.answers.get(self.path.removeprefix(SUB_PATH))
        if body is None:
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(self.path))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "__not_under_the_sub_path__")
        return super().translate_path("/" + path[len(SUB_PATH) :])

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


@contextmanager
def serve(directory: Path, answers: dict[str, bytes] | None = None) -> Iterator[str]:
    """Serve directory on a free port of 127.0.0.1 under SUB_PATH; yields the site's URL.
    `answers` may change while serving (Built.answering)."""
    answers = {} if answers is None else answers
    handler = functools.partial(SubPathHandler, directory=str(directory), answers=answers)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Built:
    dir: Path
    url: str
    answers: dict[str, bytes] = field(default_factory=dict)  # shared with the server

    @contextmanager
    def answering(self, path: str, body: bytes) -> Iterator[None]:
        """While the caller runs, the server answers path (relative to the site) with body."""
        self.answers[path] = body
        try:
            yield
        finally:
            del self.answers[path]

    def paths(self) -> list[str]:
        """Every built page as a URL path relative to the site root ("" is the home page)."""
        found = []
        for html in sorted(self.dir.rglob("*.html")):
            rel = html.relative_to(self.dir).as_posix()
            found.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        return found

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        return (
            parts.scheme in ("data", "blob", "about") or parts.netloc == urlsplit(self.url).netloc
        )


def build_and_serve(root: Path, packages: Path = DATAPACKAGES) -> Iterator[Built]:
    """Build into root/site with a cache of its own (root/cache), served while the caller runs.
    The server starts first, so that the site is built for its real URL."""
    site_dir = root / "site"
    site_dir.mkdir(parents=True, exist_ok=True)
    answers: dict[str, bytes] = {}
    with serve(site_dir, answers) as url:
        problems = build_site(
            site_dir=site_dir,
            packages=packages,
            site_url=url,
            repo_url=TEST_REPOSITORY,
            cache=root / "cache",
        )
        assert not problems, [p.to_dict() for p in problems]
        yield Built(site_dir, url, answers)
