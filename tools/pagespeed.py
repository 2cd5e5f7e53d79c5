"""Page speed of four pages in Lighthouse's mobile profile, with the site served compressed.

    python tools/pagespeed.py SITE_DIR

A static host compresses text (GitHub Pages does), so the site is served here with gzip, as it
would be published. Lighthouse (from npm) runs Debian's Chromium (CHROME_PATH) on the home page,
a partnership page, an indicator page and the themes page, and each figure is set against its
budget. `make bench` prints the same table. Run it on an otherwise idle machine: Lighthouse's
simulated throttling scales with how busy the processor is.
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tabulate import tabulate

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
PAGES = {
    "home": "",
    "partnership": "partnerships/tayside/",
    "indicator": "indicators/lgbf_chn01/",
    "themes": "compare/themes/",
}
# figure: (Lighthouse audit, how it is shown, budget: at most, or for the score at least)
BUDGETS = {
    "largest contentful paint": ("largest-contentful-paint", "{:.0f} ms", 2500),
    "total blocking time": ("total-blocking-time", "{:.0f} ms", 200),
    "cumulative layout shift": ("cumulative-layout-shift", "{:.3f}", 0.1),
}
SCORE_AT_LEAST = 95
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".csv", ".xml", ".txt", ".map"}


class Compressing(SimpleHTTPRequestHandler):
    """Static files, text gzipped for clients that accept it, as a static host serves them."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        path = path / "index.html" if path.is_dir() else path
        if (
            path.suffix not in COMPRESSED
            or not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


@contextmanager
def serve_compressed(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Compressing, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def lighthouse(url: str) -> dict[str, float]:
    """The performance score and each budgeted figure, for one page."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--only-categories=performance",
                "--output=json",
                f"--output-path={report.name}",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
            timeout=300,
        )
        result = json.loads(Path(report.name).read_text(encoding="utf-8"))
    figures = {
        name: result["audits"][audit]["numericValue"] for name, (audit, _, _) in BUDGETS.items()
    }
    return {"score": result["categories"]["performance"]["score"] * 100, **figures}


def measure(site: Path) -> dict[str, dict[str, float]]:
    with serve_compressed(site) as url:
        return {name: lighthouse(url + path) for name, path in PAGES.items()}


def within_budget(figure: str, value: float) -> bool:
    return value >= SCORE_AT_LEAST if figure == "score" else value <= BUDGETS[figure][2]


def missed(results: dict[str, dict[str, float]]) -> int:
    """How many figures of all pages are over their budgets."""
    return sum(not within_budget(f, v) for figures in results.values() for f, v in figures.items())


def table(results: dict[str, dict[str, float]]) -> str:
    """One row per page: each figure, marked where it is over its budget."""

    def shown(figure: str, value: float) -> str:
        form = "{:.0f}" if figure == "score" else BUDGETS[figure][1]
        return form.format(value) + ("" if within_budget(figure, value) else " MISSED")

    headers = ["page", f"score (≥ {SCORE_AT_LEAST})"] + [
        f"{figure} (≤ {form.format(budget)})" for figure, (_, form, budget) in BUDGETS.items()
    ]
    rows = [
        [page, *(shown(figure, value) for figure, value in figures.items())]
        for page, figures in results.items()
    ]
    return tabulate(rows, headers=headers, disable_numparse=True)


if __name__ == "__main__":
    print("Page speed, Lighthouse mobile profile, served compressed")
    print(table(measure(Path(sys.argv[1]))))
