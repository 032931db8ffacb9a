"""`make exercises` loses nothing: a run exercise keeps its outputs or is backed up first."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat

from actlearn.course.files import read_notebook
from actlearn.course.generate import write_exercise

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOLUTION = FIXTURES / "solutions" / "01-mini.ipynb"


def _run(target: Path) -> None:
    """Give every code cell an output, as running the notebook would (sources untouched)."""
    nb = read_notebook(target)
    for count, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.outputs = [nbformat.v4.new_output("stream", text=f"out {count}\n")]
        cell.execution_count = count + 1
    target.write_text(nbformat.writes(nb))


def test_a_run_unedited_exercise_keeps_its_outputs(tmp_path):
    target = tmp_path / "01-mini.ipynb"
    write_exercise(SOLUTION, target)
    _run(target)
    before = [c.get("outputs") for c in read_notebook(target).cells]
    assert write_exercise(SOLUTION, target).endswith("(outputs kept)")
    assert [c.get("outputs") for c in read_notebook(target).cells] == before
    assert write_exercise(SOLUTION, target) == "unchanged (outputs kept)"
    assert not list(tmp_path.glob("*.bak.ipynb"))


def test_a_run_exercise_is_backed_up_before_a_changed_solution_replaces_it(tmp_path):
    solution = tmp_path / "solutions" / "01-mini.ipynb"
    solution.parent.mkdir()
    shutil.copy(SOLUTION, solution)
    target = tmp_path / "01-mini.ipynb"
    write_exercise(solution, target)
    _run(target)
    ran = target.read_text()
    nb = json.loads(solution.read_text())
    nb["cells"][2]["source"] = "Write a numerically stable sigmoid (new wording)."
    solution.write_text(json.dumps(nb))
    result = write_exercise(solution, target)
    assert result == "updated (backup: 01-mini.bak.ipynb)"
    assert (tmp_path / "01-mini.bak.ipynb").read_text() == ran
    assert "new wording" in target.read_text()


def test_an_exercise_as_generated_takes_the_new_outputs_of_a_re_executed_solution(tmp_path):
    """Outputs are compared with those the exercise was generated with, not with the new
    ones: a solution whose verdicts are shown differently is not mistaken for a learner's run."""
    solution = tmp_path / "solutions" / "01-mini.ipynb"
    solution.parent.mkdir()
    shutil.copy(SOLUTION, solution)
    target = tmp_path / "01-mini.ipynb"
    write_exercise(solution, target)
    nb = read_notebook(solution)
    check = next(c for c in nb.cells if c.cell_type == "code" and c.get("outputs"))
    check.outputs = [nbformat.v4.new_output("stream", text="the same verdict, shown anew\n")]
    solution.write_text(nbformat.writes(nb))
    assert write_exercise(solution, target) == "updated"
    assert not list(tmp_path.glob("*.bak.ipynb"))
