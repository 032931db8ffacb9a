"""Grade a class: execute each learner's notebook under a time limit and read its verdicts.

Each check cell prints a verdict whose first line is ``name: PASSED|FAILED ok/total checks``
(:func:`actlearn.grading.verdict.parse_header`). A check cell that raised scores zero
("error"); one never reached because the notebook timed out or its kernel died scores zero
("not reached"); the other notebooks are graded all the same.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from actlearn.course.execute import kernel_env, make_client
from actlearn.course.files import CourseError, read_notebook
from actlearn.course.generate import is_check_cell
from actlearn.grading import get_exercise
from actlearn.grading.verdict import parse_header

_CHECK_CALL = re.compile(r"""check\(\s*["']([A-Za-z_]\w*)["']""")


@dataclass(frozen=True)
class ExerciseScore:
    """One exercise of one notebook: checks passed of total, and how it ended."""

    exercise: str
    passed: int
    total: int
    status: str  # "passed", "failed", "error" or "not reached"


@dataclass
class NotebookScore:
    """One notebook: its exercises and how its run ended ("ok", "timed out at cell N", ...)."""

    path: str
    status: str = "ok"
    exercises: list[ExerciseScore] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(e.passed for e in self.exercises)

    @property
    def total(self) -> int:
        return sum(e.total for e in self.exercises)


def _total(name: str) -> int:
    try:
        return len(get_exercise(name).checks)
    except ValueError:
        return 0


def _stream_text(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", ()) if o.output_type == "stream")


def score_cell(cell: nbformat.NotebookNode, reached: bool) -> list[ExerciseScore]:
    """The scores of the exercises a check cell checks, from its printed verdicts."""
    names = list(dict.fromkeys(_CHECK_CALL.findall(cell.source)))
    verdicts = {}
    for line in _stream_text(cell).splitlines():
        header = parse_header(line)
        if header:
            verdicts[header[0]] = header
    scores = []
    for name in names:
        if reached and name in verdicts:
            _, passed, ok, total = verdicts[name]
            scores.append(ExerciseScore(name, ok, total, "passed" if passed else "failed"))
        else:
            status = "error" if reached else "not reached"
            scores.append(ExerciseScore(name, 0, _total(name), status))
    return scores


def grade_notebook(path: Path, timeout: float = 300.0) -> NotebookScore:
    """Execute a copy of ``path`` (never the file itself) and score its check cells."""
    result = NotebookScore(str(path))
    try:
        nb = read_notebook(path)
    except CourseError as exc:
        result.status = f"unreadable: {exc}"
        return result
    client = make_client(nb, path, timeout, allow_errors=True)
    end = time.monotonic() + timeout
    client.timeout_func = lambda cell: max(1, int(end - time.monotonic()))
    reached = -1
    try:
        with client.setup_kernel(env=kernel_env()):
            for index, cell in enumerate(nb.cells):
                if time.monotonic() >= end:
                    raise CellTimeoutError(f"notebook time limit {timeout:g} s")
                reached = index
                client.execute_cell(cell, index)
    except CellTimeoutError:
        result.status = f"timed out at cell {reached + 1}"
        reached -= 1
    except DeadKernelError:
        result.status = f"kernel died at cell {reached + 1}"
        reached -= 1
    for index, cell in enumerate(nb.cells):
        if is_check_cell(cell):
            result.exercises += score_cell(cell, reached=index <= reached)
    return result


def grade_paths(paths: list[Path], timeout: float = 300.0) -> list[NotebookScore]:
    """Grade every notebook, one after the other."""
    return [grade_notebook(path, timeout) for path in paths]
