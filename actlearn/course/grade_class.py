"""Grade a class: execute each learner's notebook under a time limit and grade its answers.

Right after each check cell ``check("name", answer)`` the grader runs a cell of its own in the
same kernel that calls :func:`actlearn.grading.grade` on the same answer and prints the score
behind a random marker made for this run. Only those lines count: what the learner's cells
print (a verdict typed by hand, say) is never read. A check cell that raised scores zero
("error"); one never reached because the notebook timed out or its kernel died scores zero
("not reached"); an exercise the notebook was generated with whose check cell is gone (deleted,
or no longer calling ``check``) scores zero ("missing"); the other notebooks are graded all the
same.

The grading runs in the learner's kernel, so code written to patch the grader itself could
still fool it; grading in a separate process would be needed to rule that out.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from actlearn.course.execute import kernel_env, make_client
from actlearn.course.files import CourseError, read_notebook
from actlearn.course.generate import check_calls, is_check_cell
from actlearn.grading import get_exercise


@dataclass(frozen=True)
class ExerciseScore:
    """One exercise of one notebook: checks passed of total, and how it ended."""

    exercise: str
    passed: int
    total: int
    status: str  # "passed", "failed", "error", "not reached" or "missing"


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


def stream_text(cell: nbformat.NotebookNode) -> str:
    """Everything a cell printed (its stream outputs), as one string."""
    return "".join(o.get("text", "") for o in cell.get("outputs", ()) if o.output_type == "stream")


def grading_cell(calls: list[tuple[str, str]], marker: str) -> nbformat.NotebookNode:
    """The grader's own cell: grade each answer and print ``marker [name, passed, ok, total]``
    (total None when the answer could not be graded)."""
    answers = ", ".join(f"({name!r}, lambda: ({expr}))" for name, expr in calls)
    source = (
        "def _actlearn_grade_answers():\n"
        "    import json\n"
        "    from actlearn.grading import grade\n"
        f"    for name, answer in [{answers}]:\n"
        "        try:\n"
        "            verdict = grade(name, answer())\n"
        "            row = [name, verdict.passed, *verdict.score]\n"
        "        except Exception:\n"
        "            row = [name, False, 0, None]\n"
        f"        print({marker!r}, json.dumps(row))\n"
        "_actlearn_grade_answers()\n"
        "del _actlearn_grade_answers\n"
    )
    return nbformat.v4.new_code_cell(source)


def _graded_rows(cell: nbformat.NotebookNode, marker: str) -> dict[str, tuple[bool, int, int]]:
    rows = {}
    for line in stream_text(cell).splitlines():
        if line.startswith(marker + " "):
            name, passed, ok, total = json.loads(line[len(marker) + 1:])
            if total is not None:
                rows[name] = (bool(passed), int(ok), int(total))
    return rows


def _raised(cell: nbformat.NotebookNode) -> bool:
    return any(o.output_type == "error" for o in cell.get("outputs", ()))


def score_cell(calls: list[tuple[str, str]], graded: dict[str, tuple[bool, int, int]],
               reached: bool, raised: bool) -> list[ExerciseScore]:
    """The scores of one check cell's exercises, from the grader's own rows."""
    scores = []
    for name, _ in calls:
        if reached and not raised and name in graded:
            passed, ok, total = graded[name]
            scores.append(ExerciseScore(name, ok, total, "passed" if passed else "failed"))
        else:
            status = "not reached" if not reached else "error"
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
    marker = f"actlearn-grade-{secrets.token_hex(16)}"  # unknown to the learner's code
    graded: dict[int, dict[str, tuple[bool, int, int]]] = {}
    reached = -1
    try:
        with client.setup_kernel(env=kernel_env()):
            for index, cell in enumerate(nb.cells):
                if time.monotonic() >= end:
                    raise CellTimeoutError(f"notebook time limit {timeout:g} s")
                reached = index
                client.execute_cell(cell, index)
                calls = check_calls(cell.source) if is_check_cell(cell) else []
                if calls and not _raised(cell):
                    grader = grading_cell(calls, marker)
                    client.execute_cell(grader, index)
                    client.nb.cells[index] = cell  # nbclient stored the grader's cell there
                    graded[index] = _graded_rows(grader, marker)
    except CellTimeoutError:
        result.status = f"timed out at cell {reached + 1}"
        reached -= 1
    except DeadKernelError:
        result.status = f"kernel died at cell {reached + 1}"
        reached -= 1
    for index, cell in enumerate(nb.cells):
        if is_check_cell(cell):
            result.exercises += score_cell(check_calls(cell.source), graded.get(index, {}),
                                           reached=index <= reached, raised=_raised(cell))
    present = {score.exercise for score in result.exercises}
    expected = nb.metadata.get("actlearn", {}).get("exercises", [])
    result.exercises += [ExerciseScore(name, 0, _total(name), "missing")
                         for name in expected if isinstance(name, str) and name not in present]
    return result


def grade_paths(paths: list[Path], timeout: float = 300.0) -> list[NotebookScore]:
    """Grade every notebook, one after the other."""
    return [grade_notebook(path, timeout) for path in paths]
