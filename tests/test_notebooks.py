"""The course notebooks themselves: solutions pass, stubs fail, exercises stay in sync.

* lessons/ and solutions/ run under ``pytest --nbval`` (strict: every stored output must be
  reproduced, after ``tests/nbval_sanitize.cfg``) in a subprocess;
* every check cell of a solution stores a PASSED verdict;
* every code cell is executed and stored (``make notebooks``);
* no check rests on a wall-clock time: a timing is reported (``claims.on_this_machine``) in a
  cell whose output nbval does not compare;
* no inline formula is split by the markdown around it (the book's renderer reads a line of a
  formula that starts with ``+`` as a list item);
* exercises/ equals what ``make exercises`` generates from solutions/, holds no solution
  code, shows "not answered yet" (never a pass) under each check cell, and its stubs fail
  every check cell (``nbgrader validate --invert``).

While a folder is still empty the tests over it skip, saying so.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from actlearn.course.execute import kernel_env
from actlearn.course.files import REPO, course_notebooks
from actlearn.course.validate import (
    failing_checks,
    leaked_solution_lines,
    missing_outputs,
    shown_passes,
    split_formula_problems,
    stub_passes,
    sync_problems,
    timing_problems,
)
from tests.blas import alternate_kernels

pytestmark = pytest.mark.notebooks
SANITIZE = Path(__file__).parent / "nbval_sanitize.cfg"


def _each(folders: list[str]) -> list:
    paths = course_notebooks(folders, REPO)
    if not paths:
        reason = f"nothing to check yet: {' and '.join(folders)} hold no NN-*.ipynb notebook"
        return [pytest.param(None, id="none", marks=pytest.mark.skip(reason=reason))]
    return [pytest.param(p, id=f"{p.parent.name}/{p.name}") for p in paths]


#: Notebooks per nbval process. Each process pays some 2 s to start pytest and nbval before
#: its first notebook, about 80 times a run if every notebook had its own; in fours, 20 times.
#: Every notebook still runs in a kernel of its own.
CHUNK = 4


def _chunks(folder: str, paths: list[Path], kernel: str | None) -> list:
    where = f"@{kernel}" if kernel else ""
    return [
        pytest.param(
            kernel,
            paths[i : i + CHUNK],
            id=f"{folder}/{','.join(p.name[:2] for p in paths[i : i + CHUNK])}{where}",
        )
        for i in range(0, len(paths), CHUNK)
    ]


def _under_kernels() -> list:
    """Every lesson and solution under the kernel OpenBLAS picks; every lesson again under each
    alternate kernel, every solution under one of them (they train little), by chunks."""
    usable, why = alternate_kernels()
    params = []
    for folder in ("lessons", "solutions"):
        paths = course_notebooks([folder], REPO)
        if not paths:
            reason = f"nothing to check yet: {folder} holds no NN-*.ipynb notebook"
            params.append(pytest.param(None, [], id=folder, marks=pytest.mark.skip(reason=reason)))
            continue
        params += _chunks(folder, paths, None)
        if not usable:
            params.append(pytest.param("alternate", paths, id=f"{folder}@alternate",
                                       marks=pytest.mark.skip(reason=why)))
        for k, kernel in enumerate(usable):
            if folder == "solutions":  # solution N under alternate N mod (number of them)
                share = [p for p in paths if int(p.name[:2]) % len(usable) == k]
            else:
                share = paths
            params += _chunks(folder, share, kernel)
    return params


@pytest.mark.parametrize(("kernel", "paths"), _under_kernels())
def test_runs_under_nbval_strict(kernel: str | None, paths: list[Path]) -> None:
    """Strict nbval: every stored output reproduced, under ``kernel`` (``OPENBLAS_CORETYPE``)
    when one is given (see tests/blas.py); each notebook in a kernel of its own."""
    env = kernel_env()
    env.pop("PYTEST_ADDOPTS", None)  # the outer run's options (-n, --durations) are not nbval's
    if kernel is not None:
        env["OPENBLAS_CORETYPE"] = kernel
    command = [
        sys.executable,
        "-m",
        "tests.nbval_run",  # pytest, started without what a notebook check never uses
        "--nbval",
        *map(str, paths),
        "--nbval-current-env",
        "--nbval-sanitize-with",
        str(SANITIZE),
        "--nbval-cell-timeout",
        "600",
        "-p",
        "no:cacheprovider",
        "-o",
        "addopts=",
        "-q",
        "-rf",  # a summary line naming each failed cell
        "--color=no",
    ]
    run = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=1800)
    where = f" (OPENBLAS_CORETYPE={kernel})" if kernel else ""
    failed = [line for line in run.stdout.splitlines() if line.startswith("FAILED")]
    assert run.returncode == 0, (
        f"{', '.join(p.name for p in paths)}{where}:\n" + "\n".join(failed) + "\n\n"
        + run.stdout[-6000:] + run.stderr[-2000:]
    )


@pytest.mark.parametrize("path", _each(["lessons", "solutions"]))
def test_outputs_are_stored(path: Path) -> None:
    assert missing_outputs(path) == []


@pytest.mark.parametrize("path", _each(["lessons", "solutions", "exercises"]))
def test_no_check_rests_on_a_wall_clock_time(path: Path) -> None:
    assert timing_problems(path) == []


@pytest.mark.parametrize("path", _each(["lessons", "solutions", "exercises"]))
def test_no_formula_is_split_by_markdown(path: Path) -> None:
    pytest.importorskip("nbconvert", reason="the html extra (nbconvert) is not installed")
    assert split_formula_problems(path) == []


@pytest.mark.parametrize("path", _each(["solutions"]))
def test_solution_checks_store_a_pass(path: Path) -> None:
    assert failing_checks(path) == []


@pytest.mark.parametrize("path", _each(["solutions"]))
def test_exercise_is_in_sync_and_carries_no_solution_code(path: Path) -> None:
    exercise = REPO / "exercises" / path.name
    assert sync_problems(path, exercise) == []
    assert leaked_solution_lines(path, exercise) == []


@pytest.mark.parametrize("path", _each(["exercises"]))
def test_exercise_has_a_solution(path: Path) -> None:
    assert (REPO / "solutions" / path.name).exists(), f"{path} has no solution to generate it"


@pytest.mark.parametrize("path", _each(["exercises"]))
def test_exercise_shows_no_pass_before_it_is_answered(path: Path) -> None:
    assert shown_passes(path) == []


@pytest.mark.parametrize("path", _each(["exercises"]))
def test_exercise_stubs_fail_every_check(path: Path) -> None:
    assert stub_passes(path) == []
