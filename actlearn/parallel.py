"""Run independent, seeded experiments on several processes, with one progress bar.

Each task carries its own seed, so the results are the same whatever the number of
workers and whatever order the tasks finish in; they are returned in task order. Workers
are started with the "spawn" method (safe inside a Jupyter kernel on every platform), so
``func`` must be importable: a module-level function of the library.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, TypeVar

from actlearn.progress import Progress

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 4
"""Default ceiling on worker processes (small experiments gain little beyond it)."""


def default_workers() -> int:
    """min(MAX_WORKERS, number of CPUs)."""
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def run_tasks(func: Callable[[T], R], tasks: Sequence[T], workers: int | None = None,
              progress: bool | None = None,
              loss_of: Callable[[R], float] | None = None) -> list[R]:
    """``[func(task) for task in tasks]``, on ``workers`` processes (1: in this process).

    ``progress`` as in :mod:`actlearn.progress` (None: a bar in notebooks once the work has
    run for a second); the bar counts finished tasks and shows ``loss_of(result)`` of the
    latest one.

    >>> run_tasks(abs, [-1, 2, -3], workers=1, progress=False)
    [1, 2, 3]
    """
    count = default_workers() if workers is None else workers
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError(f"run_tasks: workers must be a positive int or None, got {workers!r}")
    bar = Progress(progress, len(tasks))
    results: list[Any] = [None] * len(tasks)
    if count == 1 or len(tasks) <= 1:
        for i, task in enumerate(tasks):
            results[i] = func(task)
            bar.update(i + 1, _loss(loss_of, results[i]))
    else:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            futures = {pool.submit(func, task): i for i, task in enumerate(tasks)}
            for done, future in enumerate(as_completed(futures), start=1):
                results[futures[future]] = future.result()
                bar.update(done, _loss(loss_of, results[futures[future]]))
    bar.close(len(tasks), _loss(loss_of, results[-1]) if tasks else 0.0)
    return results


def _loss(loss_of: Callable[[Any], float] | None, result: Any) -> float:
    return float(loss_of(result)) if loss_of is not None else 0.0
