"""Run independent, seeded experiments on several processes, with one progress bar.

Each task carries its own seed, so the results are the same whatever the number of
workers and whatever order the tasks finish in; they are returned in task order. Workers
are started with the "spawn" method (safe inside a Jupyter kernel on every platform), so
``func`` must be importable: a module-level function of the library. Each worker's BLAS
runs on one thread: the tasks multiply small matrices, where threads only compete with the
other workers for the same cores.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from actlearn.blas import THREAD_VARIABLES
from actlearn.progress import Progress

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 4
"""Default ceiling on worker processes (small experiments gain little beyond it)."""
STALL_TIMEOUT = 120.0
"""Seconds without any finished task after which the pool is abandoned."""


def default_workers() -> int:
    """1 (run in this process) unless ``ACTLEARN_WORKERS`` asks for more, up to the CPUs.

    In-process is the default: it cannot stall, and it is what the course's notebooks are
    timed with. A pool inside a kernel was seen to stall twice (cause unknown), which the
    stall timeout below then recovers from.
    """
    wanted = int(os.environ.get("ACTLEARN_WORKERS", "1"))
    return max(1, min(wanted, MAX_WORKERS, os.cpu_count() or 1))


def run_tasks(func: Callable[[T], R], tasks: Sequence[T], workers: int | None = None,
              progress: bool | None = None, loss_of: Callable[[R], float] | None = None,
              stall_timeout: float = STALL_TIMEOUT) -> list[R]:
    """``[func(task) for task in tasks]``, on ``workers`` processes (1: in this process).

    ``progress`` as in :mod:`actlearn.progress` (None: a bar in notebooks once the work has
    run for a second); the bar counts finished tasks and shows ``loss_of(result)`` of the
    latest one. If the worker pool breaks, or no task finishes for ``stall_timeout``
    seconds, the pool is stopped and the unfinished tasks run in this process instead (same
    results: each task carries its own seed).

    >>> run_tasks(abs, [-1, 2, -3], workers=1, progress=False)
    [1, 2, 3]
    """
    count = default_workers() if workers is None else workers
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError(f"run_tasks: workers must be a positive int or None, got {workers!r}")
    bar = Progress(progress, len(tasks))
    results: dict[int, Any] = {}

    def record(index: int, value: Any) -> None:
        results[index] = value
        bar.update(len(results), _loss(loss_of, value))

    if count > 1 and len(tasks) > 1:
        _run_pool(func, tasks, count, stall_timeout, record)
    for i, task in enumerate(tasks):
        if i not in results:
            record(i, func(task))
    ordered = [results[i] for i in range(len(tasks))]
    bar.close(len(tasks), _loss(loss_of, ordered[-1]) if tasks else 0.0)
    return ordered


def _run_pool(func: Callable[[Any], Any], tasks: Sequence[Any], count: int,
              stall_timeout: float, record: Callable[[int, Any], None]) -> None:
    """Run tasks on a spawn pool, recording results as they finish; return early (leaving
    the rest to the caller) if the pool breaks or stalls."""
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=count, mp_context=context)
    try:
        with _single_threaded_children():  # workers start during submit
            futures = {pool.submit(func, task): i for i, task in enumerate(tasks)}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=stall_timeout, return_when=FIRST_COMPLETED)
            if not done:
                return  # stalled: the caller finishes the remaining tasks
            for future in done:
                record(futures[future], future.result())
    except BrokenProcessPool:
        return
    finally:
        for process in list(getattr(pool, "_processes", {}).values()):
            if process.is_alive():
                process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)


@contextlib.contextmanager
def _single_threaded_children() -> Iterator[None]:
    """Set the BLAS thread counts to 1 in the environment children inherit, then restore."""
    saved = {name: os.environ.get(name) for name in THREAD_VARIABLES}
    os.environ.update({name: "1" for name in THREAD_VARIABLES})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _loss(loss_of: Callable[[Any], float] | None, result: Any) -> float:
    return float(loss_of(result)) if loss_of is not None else 0.0
