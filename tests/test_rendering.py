"""Chart rendering: batches go to the workers, each SVG comes back under its own key, and a
rebuild renders only the charts whose spec changed."""

from __future__ import annotations

import os
import re
from concurrent.futures import Executor, Future

from cspp.publish.charts import BATCH, Rendering, render_batch
from cspp.publish.workers import Clock


class CountingExecutor(Executor):
    """Runs each job at once in this process and counts the jobs and the specs sent."""

    def __init__(self) -> None:
        self.jobs = 0
        self.specs = 0

    def submit(self, function, *args):
        self.jobs += 1
        self.specs += len(args[2])  # submit(timed, label, render_batch, specs, cache_dir)
        future = Future()
        future.set_result(function(*args))
        return future


def bar_spec(title: str) -> dict:
    return {
        "title": title,
        "data": {"values": [{"a": "x", "b": 1}]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "a", "type": "nominal"},
            "y": {"field": "b", "type": "quantitative"},
        },
    }


def titles_in(svg: str) -> list[str]:
    return [t for t in re.findall(r">([^<>]+)</text>", svg) if t.startswith("Chart number")]


def specs(count: int, prefix: str = "Chart") -> dict[str, dict]:
    return {f"key-{n}": bar_spec(f"{prefix} number {n}") for n in range(count)}


def test_every_key_gets_its_own_svg_across_batches(tmp_path):
    wanted = specs(BATCH + 3)
    pool = CountingExecutor()
    rendering = Rendering(tmp_path, pool, Clock())
    rendering.start(wanted)

    assert pool.jobs == 2
    for key, spec in wanted.items():
        svg = rendering.svg(key)
        assert svg.startswith("<svg")
        assert titles_in(svg) == [spec["title"]]


def test_a_rebuild_renders_only_the_charts_that_changed(tmp_path):
    first = CountingExecutor()
    Rendering(tmp_path, first, Clock()).start(specs(5))
    assert first.specs == 5

    changed = specs(5)
    changed["key-2"] = bar_spec("Chart number 2, corrected")
    again = CountingExecutor()
    rendering = Rendering(tmp_path, again, Clock())
    rendering.start(changed)

    assert again.specs == 1
    assert "Chart number 2, corrected" in rendering.svg("key-2")
    assert "Chart number 4" in rendering.svg("key-4")


def test_worker_time_is_added_to_the_clock_once_per_batch(tmp_path):
    clock = Clock()
    rendering = Rendering(tmp_path, CountingExecutor(), clock)
    rendering.start(specs(2))
    rendering.svg("key-0")
    after_first = clock.seconds["charts: rendering (worker)"]
    rendering.svg("key-1")

    assert after_first > 0
    assert clock.seconds["charts: rendering (worker)"] == after_first


def test_rendering_leaves_the_font_configuration_as_it_found_it(tmp_path, monkeypatch):
    # Rendering hides the system fonts from vl-convert; a browser started afterwards by the
    # same process must still find them.
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    render_batch({"key-1": bar_spec("Chart number 1")}, tmp_path)
    assert "FONTCONFIG_FILE" not in os.environ

    monkeypatch.setenv("FONTCONFIG_FILE", "/etc/fonts/fonts.conf")
    render_batch({"key-2": bar_spec("Chart number 2")}, tmp_path)
    assert os.environ["FONTCONFIG_FILE"] == "/etc/fonts/fonts.conf"
