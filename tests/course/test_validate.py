"""The notebook validations catch what they exist to catch, shown on the fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from actlearn.course.files import read_notebook
from actlearn.course.generate import write_exercise
from actlearn.course.validate import (
    failing_checks,
    leaked_solution_lines,
    missing_outputs,
    shown_passes,
    stub_passes,
    sync_problems,
    timing_problems,
)

SOLUTION = Path(__file__).parent / "fixtures" / "solutions" / "01-mini.ipynb"


@pytest.fixture
def course(tmp_path) -> tuple[Path, Path]:
    (tmp_path / "solutions").mkdir()
    solution = tmp_path / "solutions" / SOLUTION.name
    shutil.copy(SOLUTION, solution)
    exercise = tmp_path / "exercises" / SOLUTION.name
    write_exercise(solution, exercise)
    return solution, exercise


def _edit(path: Path, index: int, **changes) -> None:
    nb = read_notebook(path)
    nb.cells[index].update(changes)
    path.write_text(nbformat.writes(nb))


def test_the_fixture_passes_every_validation(course):
    solution, exercise = course
    assert missing_outputs(solution) == []
    assert failing_checks(solution) == []
    assert sync_problems(solution, exercise) == []
    assert leaked_solution_lines(solution, exercise) == []


def test_unexecuted_cells_and_failing_verdicts_are_caught(course):
    solution, _ = course
    _edit(solution, 1, execution_count=None)
    verdict = read_notebook(solution).cells[4].outputs[0]["data"]["text/plain"]
    verdict = verdict.replace("PASSED 6/6", "FAILED 5/6")
    _edit(solution, 4, outputs=[nbformat.v4.new_output("stream", text=verdict)])
    assert missing_outputs(solution) == [f"{solution}, cell 2: not executed (no execution count)"]
    assert failing_checks(solution) == [f"{solution}, cell 5: sigmoid is failed (5/6)"]


def test_an_exercise_out_of_sync_or_missing_is_caught(course):
    solution, exercise = course
    _edit(solution, 7, source="print('changed')")
    assert sync_problems(solution, exercise) == [
        f"{exercise}, cell 8: differs from the solution's stub"
    ]
    exercise.unlink()
    assert "missing" in sync_problems(solution, exercise)[0]


def test_a_check_cell_without_execution_count_is_caught(course):
    solution, exercise = course
    _edit(exercise, 4, execution_count=None)
    assert sync_problems(solution, exercise) == [
        f"{exercise}, cell 5: check cell has no execution count, so nbval ignores its expected "
        "verdict (run `make exercises`)"
    ]


def test_solution_code_left_in_an_exercise_is_caught(course):
    solution, exercise = course
    _edit(exercise, 5, source="def relu(x):\n    return np.maximum(x, 0.0)")
    assert leaked_solution_lines(solution, exercise) == [
        f"{exercise}: holds solution line 'return np.maximum(x, 0.0)' (solution cell 6)"
    ]


@pytest.mark.notebooks
def test_stubs_fail_their_checks_and_an_answered_stub_is_caught(course):
    _, exercise = course
    assert stub_passes(exercise, timeout=120) == []
    _edit(exercise, 5, source="import numpy as np\ndef relu(x):\n    return np.maximum(x, 0.0)")
    problems = stub_passes(exercise, timeout=120)
    assert problems[0] == f"{exercise}, cell 7: the stub passes this check"
    shows = f"{exercise}, cell 7: after running the stub, it shows 'relu: PASSED"
    assert problems[1].startswith(shows)
    assert len(problems) == 2


def test_an_exercise_showing_a_pass_before_any_answer_is_caught(course):
    solution, exercise = course
    assert shown_passes(exercise) == []
    _edit(exercise, 4, outputs=read_notebook(solution).cells[4].outputs)
    assert shown_passes(exercise) == [
        f"{exercise}, cell 5: shows a pass before any answer is written"
    ]


def _notebook(tmp_path: Path, *sources: str) -> Path:
    path = tmp_path / "01-timed.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    path.write_text(nbformat.writes(nb))
    return path


def test_a_check_on_a_time_is_caught_through_the_names_computed_from_it(tmp_path):
    path = _notebook(
        tmp_path,
        "# NBVAL_IGNORE_OUTPUT\n%time x = 1\ncosts = measure_costs(['relu', 'gelu'])\n"
        "share = {n: c.forward for n, c in costs.items()}",
        "ratio = share['gelu'] / share['relu']",  # a time, in a compared cell
        "claim('gelu is dear', ratio > 5)",
        "assert time.perf_counter() - start < 1.0",
    )
    problems = timing_problems(path)
    assert problems == [
        f"{path}, cell 2: uses a wall-clock time in a cell whose output nbval compares "
        "(mark it # NBVAL_IGNORE_OUTPUT)",
        f"{path}, cell 3, line 1: asserts on a wall-clock time "
        "(report it with actlearn.course.claims.on_this_machine)",
        f"{path}, cell 3: uses a wall-clock time in a cell whose output nbval compares "
        "(mark it # NBVAL_IGNORE_OUTPUT)",
        f"{path}, cell 4, line 1: asserts on a wall-clock time "
        "(report it with actlearn.course.claims.on_this_machine)",
        f"{path}, cell 4: uses a wall-clock time in a cell whose output nbval compares "
        "(mark it # NBVAL_IGNORE_OUTPUT)",
    ]


def test_a_reported_time_and_names_that_stop_being_times_pass(tmp_path):
    path = _notebook(
        tmp_path,
        "# NBVAL_IGNORE_OUTPUT\nstart = time.perf_counter()\nhistory = fit(net)\n"
        "for name in sorted(costs := measure_costs(['relu'])):\n    print(name)\n"
        "print(time.perf_counter() - start)\n"
        "on_this_machine('relu is cheap', costs['relu'] > 0)\nc = costs",
        "claim('it trained', history.steps > 0)",  # computed beside a clock, not from one
        "name = 'relu'\nclaim('a name', name == 'relu')",  # no longer the loop's timed name
        "claim('a comprehension has its own names', all(c > 0 for c in [1, 2]))",
        "c = 1.0\nclaim('reassigned from no time', c == 1.0)",
    )
    assert timing_problems(path) == []
