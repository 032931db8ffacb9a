"""``make check``: each exercise named, its whole verdict with ✗ lines and hints, no colours."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from actlearn.course.execute import kernel_env
from actlearn.course.files import read_notebook
from actlearn.course.generate import write_exercise
from actlearn.course.selfcheck import check_notebook, render

pytestmark = pytest.mark.notebooks
SOLUTION = Path(__file__).parent / "fixtures" / "solutions" / "01-mini.ipynb"
WRONG_RELU = "import numpy as np\ndef relu(x):\n    return np.minimum(x, 0.0)"
RIGHT_SIGMOID = "import numpy as np\ndef sigmoid(x):\n    return 0.5 * (1.0 + np.tanh(0.5 * x))"


@pytest.fixture
def exercise(tmp_path) -> Path:
    path = tmp_path / "exercises" / SOLUTION.name
    write_exercise(SOLUTION, path)
    return path


def _answer(path: Path, **sources: str) -> Path:
    nb = read_notebook(path)
    cells = {"sigmoid": 3, "relu": 5}
    for name, source in sources.items():
        nb.cells[cells[name]].source = source
    path.write_text(nbformat.writes(nb))
    return path


def test_an_unanswered_exercise_is_not_answered_yet_not_a_wall_of_failures(exercise):
    result = check_notebook(exercise, timeout=120)
    assert [e.status for e in result.exercises] == ["not answered yet"] * 2
    text = render(result)
    assert "sigmoid: not answered yet" in text and "relu: not answered yet" in text
    assert "✗" not in text and "PASSED" not in text
    assert not result.passed


def test_a_wrong_answer_shows_its_whole_verdict_named_by_exercise(exercise):
    _answer(exercise, sigmoid=RIGHT_SIGMOID, relu=WRONG_RELU)
    result = check_notebook(exercise, timeout=120)
    assert [(e.exercise, e.status) for e in result.exercises] == [
        ("sigmoid", "passed"), ("relu", "failed")]
    text = render(result)
    assert "relu: FAILED" in text and "✗ right values on the visible cases" in text
    assert "Hints:\n  - " in text
    assert text.rstrip().endswith("1 of 2 exercises pass (relu failed)")
    assert "Cell" not in text


def test_a_failed_verdict_saved_with_the_notebook_is_not_taken_as_expected(exercise):
    _answer(exercise, sigmoid=RIGHT_SIGMOID, relu=WRONG_RELU)
    first = check_notebook(exercise, timeout=120)
    nb = read_notebook(exercise)  # the learner ran it in JupyterLab and saved: their verdicts
    nb.cells[6].outputs = [nbformat.v4.new_output(
        "display_data", data={"text/plain": first.exercises[1].verdict})]
    exercise.write_text(nbformat.writes(nb))
    again = check_notebook(exercise, timeout=120)
    assert [e.status for e in again.exercises] == ["passed", "failed"]


def test_make_check_writes_the_hint_and_no_colour_codes_to_a_file(exercise, tmp_path):
    _answer(exercise, sigmoid=RIGHT_SIGMOID, relu=WRONG_RELU)
    log = tmp_path / "check.txt"
    with log.open("w") as out:
        run = subprocess.run([sys.executable, "-m", "actlearn.course", "check", str(exercise)],
                             stdout=out, stderr=subprocess.DEVNULL, env=kernel_env(),
                             timeout=300)
    assert run.returncode == 1
    text = log.read_text(encoding="utf-8")
    assert "\x1b[" not in text
    assert "relu: FAILED" in text and "✗ right values" in text and "Hints:\n  - " in text


def test_a_finished_notebook_passes(exercise):
    right_relu = "import numpy as np\ndef relu(x):\n    return np.maximum(x, 0.0)"
    _answer(exercise, sigmoid=RIGHT_SIGMOID, relu=right_relu)
    result = check_notebook(exercise, timeout=120)
    assert result.passed, render(result)
    assert "2 of 2 exercises pass" in render(result)


def test_a_finished_answer_is_compared_by_nbval_too(exercise):
    """The stored text/plain is the expected verdict, and the HTML is set aside."""
    right_relu = "import numpy as np\ndef relu(x):\n    return np.maximum(x, 0.0)"
    _answer(exercise, sigmoid=RIGHT_SIGMOID, relu=right_relu)
    sanitize = Path(__file__).parents[1] / "nbval_sanitize.cfg"
    command = [sys.executable, "-m", "pytest", "--nbval-lax", str(exercise),
               "--nbval-sanitize-with", str(sanitize), "-p", "no:cacheprovider",
               "-o", "addopts=", "-q", "--color=no"]
    run = subprocess.run(command, env=kernel_env(), capture_output=True, text=True,
                         timeout=300, cwd=exercise.parent)
    assert run.returncode == 0, run.stdout[-3000:]
    _answer(exercise, relu=WRONG_RELU)
    run = subprocess.run(command, env=kernel_env(), capture_output=True, text=True,
                         timeout=300, cwd=exercise.parent)
    assert run.returncode == 1 and "mismatch 'text/plain'" in run.stdout
