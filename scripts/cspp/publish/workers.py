"""The build's worker processes, and the clock that times each part of a build.

A build runs its slow, independent jobs (validation, the SQLite export, chart rendering) in
worker processes while the main process writes pages and runs MkDocs, so a 2-core machine is
kept busy. Workers are spawned, not forked: vl-convert deadlocks after a fork (TECH_NOTES §3b).
Workers run at a lower priority (nice 10): the main process and MkDocs are the build's critical
path, and with two workers on two cores they would otherwise get only part of a core (a cold
build took 18 s instead of 16 s).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

WORKERS = max(1, min(4, os.cpu_count() or 1))


@contextmanager
def worker_pool() -> Iterator[ProcessPoolExecutor]:
    """Workers for one build; on the way out, queued jobs are dropped, not run."""
    pool = ProcessPoolExecutor(
        max_workers=WORKERS,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=os.nice,
        initargs=(10,),
    )
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class Timed:
    """A worker job's result with the seconds the job took inside the worker."""

    label: str
    seconds: float
    value: Any


def timed(label: str, function: Callable, *args) -> Timed:
    """Run function(*args) and time it (submitted to the pool in place of function)."""
    start = time.perf_counter()
    value = function(*args)
    return Timed(label, time.perf_counter() - start, value)


WORKER_JOB = " (worker)"


def is_worker_job(label: str) -> bool:
    """Whether a Clock label is a worker job (it overlaps the main process's stages)."""
    return label.endswith(WORKER_JOB)


class Clock:
    """Seconds spent per part of a build: main-process stages and worker jobs, by label."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def stage(self, label: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[label] += time.perf_counter() - start

    def result(self, job: Timed) -> Any:
        """A finished worker job's value, its time added under the job's label (marked as a
        worker job)."""
        self.seconds[job.label + WORKER_JOB] += job.seconds
        return job.value

    def table(self) -> str:
        """One line per part, in the order they were first timed. Worker jobs overlap the
        main process's stages, so the parts add up to more than the build's wall time."""
        width = max(map(len, self.seconds), default=0)
        return "\n".join(
            f"{label:<{width}}  {seconds:6.2f} s" for label, seconds in self.seconds.items()
        )
