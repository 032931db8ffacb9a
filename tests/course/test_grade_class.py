"""Grading a class: scores per notebook and exercise; an error or a timeout costs only its part.

Scores are judged by the grader from what the answers return (the exercises and their check
cells come from the instructor's copy); tests/grading/test_adversarial.py holds the attacks.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from actlearn.course.cli import main
from actlearn.course.files import read_notebook
from actlearn.course.generate import check_calls, exercise_names, write_exercise
from actlearn.course.grade_class import ExerciseScore, grade_notebook

#: One xdist worker takes the module (tests/workers.py): its fixtures grade the class once.
pytestmark = pytest.mark.notebooks
SOLUTION = Path(__file__).parent / "fixtures" / "solutions" / "01-mini.ipynb"


def _submission(folder: Path, name: str, replace: dict[int, str]) -> Path:
    """The fixture exercise with some cells' sources replaced, as a learner would hand it in."""
    path = folder / f"{name}.ipynb"
    write_exercise(SOLUTION, path)
    nb = read_notebook(path)
    for index, source in replace.items():
        nb.cells[index].source = source
    path.write_text(json.dumps(nb))
    return path


RIGHT_SIGMOID = "import numpy as np\ndef sigmoid(x):\n    return 0.5 * (1 + np.tanh(x / 2))"


@pytest.fixture(scope="module")
def instructor(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("instructor")
    write_exercise(SOLUTION, folder / SOLUTION.name)
    return folder


@pytest.fixture(scope="module")
def classroom(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("class")
    _submission(folder, "alice", {3: RIGHT_SIGMOID, 5: "def relu(x):\n    return abs(x)"})
    _submission(
        folder,
        "bob",
        {
            3: "def sigmoid(x):\n    return undefined_name",
            6: '# NBVAL_CHECK_OUTPUT\ncheck("relu", relu_answer)',
        },
    )
    _submission(folder, "carol", {3: RIGHT_SIGMOID, 5: "while True:\n    pass"})
    fake = 'print("relu: PASSED 6/6 checks")\ncheck("relu", relu)'
    _submission(folder, "erin", {3: RIGHT_SIGMOID, 5: "def relu(x):\n    return x",
                                 6: "# NBVAL_CHECK_OUTPUT\n" + fake})
    _submission(folder, "frank", {3: RIGHT_SIGMOID, 6: "relu(2.0)"})
    (folder / "dave.ipynb").write_text("{ not json")
    return folder


def test_scores_per_exercise_with_errors_and_timeouts(classroom, instructor):
    alice = grade_notebook(classroom / "alice.ipynb", timeout=60, exercises=instructor)
    assert alice.status == "ok" and alice.flags == []
    assert alice.exercises[0] == ExerciseScore("sigmoid", 6, 6, "passed")
    assert alice.exercises[1].status == "failed" and alice.exercises[1].passed < 6
    bob = grade_notebook(classroom / "bob.ipynb", timeout=60, exercises=instructor)
    assert bob.exercises[0].passed == 0 and bob.exercises[0].status == "failed"
    # the edited check cell names another answer: relu is still graded (the stub raises)
    assert bob.exercises[1] == ExerciseScore("relu", 0, 6, "failed")
    assert bob.flags == ["cell 7: check cell for relu edited"]
    carol = grade_notebook(classroom / "carol.ipynb", timeout=10, exercises=instructor)
    assert carol.status == "timed out at cell 6"
    assert carol.exercises == [
        ExerciseScore("sigmoid", 6, 6, "passed"),
        ExerciseScore("relu", 0, 6, "not reached"),
    ]


def test_a_verdict_printed_by_hand_does_not_count(classroom, instructor):
    erin = grade_notebook(classroom / "erin.ipynb", timeout=60, exercises=instructor)
    assert erin.exercises[0] == ExerciseScore("sigmoid", 6, 6, "passed")
    relu = erin.exercises[1]
    assert relu.exercise == "relu" and relu.status == "failed" and relu.passed < 6


def test_a_deleted_check_cell_is_flagged_and_its_exercise_still_graded(classroom, instructor):
    assert read_notebook(classroom / "frank.ipynb").metadata["actlearn"]["exercises"] == [
        "sigmoid", "relu"]
    frank = grade_notebook(classroom / "frank.ipynb", timeout=60, exercises=instructor)
    assert frank.status == "ok"
    assert frank.exercises == [
        ExerciseScore("sigmoid", 6, 6, "passed"),
        ExerciseScore("relu", 0, 6, "failed"),
    ]
    assert frank.flags == ["check cell for relu deleted"]  # its metadata still lists relu
    assert exercise_names(read_notebook(SOLUTION)) == ["sigmoid", "relu"]


def test_check_calls_are_read_from_the_cell_source():
    source = '# NBVAL_CHECK_OUTPUT\ncheck("softmax", softmax)\ncheck("relu", lambda x: x)'
    assert check_calls(source) == [("softmax", "softmax"), ("relu", "lambda x: x")]
    assert check_calls("check(") == []


def test_the_cli_prints_tables_writes_csv_and_json_and_exits_0(classroom, instructor, tmp_path,
                                                               capsys):
    out_csv, out_json = tmp_path / "scores.csv", tmp_path / "scores.json"
    code = main(
        [
            "grade",
            str(classroom / "alice.ipynb"),
            str(classroom / "dave.ipynb"),
            "--csv",
            str(out_csv),
            "--json",
            str(out_json),
            "--exercises",
            str(instructor),
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert "notebook" in printed and "notebooks passed" in printed
    assert "unreadable" in printed and "dave.ipynb" in printed
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text())))
    assert [(r["notebook"].rsplit("/", 1)[-1], r["exercise"], r["status"]) for r in rows] == [
        ("alice.ipynb", "sigmoid", "passed"),
        ("alice.ipynb", "relu", "failed"),
        ("dave.ipynb", "", rows[2]["status"]),
    ]
    assert rows[2]["status"].startswith("unreadable: ")
    data = json.loads(out_json.read_text())
    alice = next(nb for nb in data if nb["notebook"].endswith("alice.ipynb"))
    assert alice["exercises"][0] == {
        "exercise": "sigmoid",
        "passed": 6,
        "total": 6,
        "status": "passed",
        "hints": [],
    }
    assert alice["exercises"][1]["hints"], "the class report names the likely mistake"
