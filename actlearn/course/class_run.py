"""Grade many notebooks, ``jobs`` at a time, reporting each as it finishes.

Each notebook is graded in a thread of the grader (the work happens in the learner's sandboxed
process and in NumPy, so threads overlap well); each thread has its own sandbox slot, hence
its own uid when the grader is root. Anything that goes wrong while grading one notebook
becomes that notebook's row ("grader error: ..."), never the end of the run.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from pathlib import Path

from actlearn.course.grade_class import Grader, NotebookScore, flag_shared_answers
from actlearn.grading import isolation
from actlearn.grading.isolation import Isolation

Progress = Callable[[int, int, NotebookScore], None]


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def grade_paths(paths: Sequence[Path], timeout: float = 300.0, exercises: Path | None = None,
                jobs: int | None = None, on_done: Progress | None = None
                ) -> tuple[list[NotebookScore], Isolation]:
    """Scores of every notebook in ``paths`` (in that order) and the sandbox level used."""
    from actlearn.course.files import REPO

    slots: queue.SimpleQueue[int] = queue.SimpleQueue()
    workers = max(1, jobs or default_jobs())
    for slot in range(workers):
        slots.put(slot)
    results: list[NotebookScore | None] = [None] * len(paths)
    lock, done = threading.Lock(), [0]
    with Grader.create(exercises or REPO / "exercises") as grader:

        def one(index: int) -> None:
            slot = slots.get()
            try:
                score = grader.grade(Path(paths[index]), timeout, slot)
            except Exception as exc:  # noqa: BLE001 (one notebook never stops the run)
                score = NotebookScore(str(paths[index]), f"grader error: {type(exc).__name__}: "
                                                        f"{str(exc)[:120]}")
            finally:
                slots.put(slot)
            with lock:
                results[index] = score
                done[0] += 1
                if on_done:
                    on_done(done[0], len(paths), score)

        with ThreadPoolExecutor(max_workers=workers) as pool:
            pending = {pool.submit(one, i) for i in range(len(paths))}
            try:
                while pending:  # short waits: the main thread stays able to see Ctrl-C
                    _, pending = wait(pending, timeout=0.5, return_when=FIRST_EXCEPTION)
            except BaseException:
                for future in pending:
                    future.cancel()
                isolation.stop_all()
                raise
        found = [r for r in results if r is not None]
        flag_shared_answers(found)
        return found, grader.isolation
