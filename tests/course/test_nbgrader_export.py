"""export-nbgrader: cells marked as nbgrader 0.9 expects, then the real nbgrader round trip.

``generate_assignment`` runs on every assignment of the course (no solution text may reach
the release); ``autograde`` then gives a solution full marks, a stub zero, and a wrong answer
only the points of the exercises it gets right.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from actlearn.course.cli import main
from actlearn.course.execute import kernel_env
from actlearn.course.files import REPO, CourseError, course_notebooks, read_notebook
from actlearn.course.generate import BEGIN, END
from actlearn.course.nbgrader_export import SCHEMA_VERSION, export_course, export_notebook

# One xdist worker takes the module (tests/workers.py): its fixture exports the course once.

FIXTURE = Path(__file__).parent / "fixtures" / "solutions" / "01-mini.ipynb"
GRADED = ["07-softmax", "11-nalu"]
WRONG_SOFTMAX = ("def softmax(z, axis=-1):\n    e = np.exp(z)\n"
                 "    return e / e.sum(axis=axis, keepdims=True)")


def _kinds(nb: nbformat.NotebookNode) -> list[str]:
    kinds = []
    for cell in nb.cells:
        meta = cell.metadata["nbgrader"]
        kinds.append("test" if meta["grade"] else "solution" if meta["solution"] else "locked")
    return kinds


def test_answers_checks_and_instructions_are_marked():
    nb = export_notebook(read_notebook(FIXTURE), FIXTURE)
    assert _kinds(nb) == ["locked", "locked", "locked", "solution", "test", "solution", "test",
                          "locked"]
    metas = [c.metadata["nbgrader"] for c in nb.cells]
    assert all(m["schema_version"] == SCHEMA_VERSION and m["task"] is False for m in metas)
    assert len({m["grade_id"] for m in metas}) == len(metas)
    assert [m.get("points") for m in metas if m["grade"]] == [6, 6]
    assert all(m["locked"] != m["solution"] for m in metas)
    assert all(not c.get("outputs") for c in nb.cells)


def test_a_test_cell_asserts_on_the_verdict_and_a_prompt_stays_as_a_comment():
    nb = export_notebook(read_notebook(FIXTURE), FIXTURE)
    test = nb.cells[6].source
    assert 'verdict = grade("relu", relu)' in test and "print(view(verdict))" in test
    assert test.rstrip().splitlines()[-1].startswith("assert verdict.passed")
    assert "    # return the positive part of x\n    ### BEGIN SOLUTION\n" in nb.cells[5].source


def test_nothing_that_differs_is_overwritten_without_force(tmp_path, monkeypatch, capsys):
    (tmp_path / "solutions").mkdir()
    shutil.copy(FIXTURE, tmp_path / "solutions" / FIXTURE.name)
    course = tmp_path / "course"
    states = export_course(course, tmp_path)
    assert [(p.relative_to(course).as_posix(), s) for p, s in states] == [
        ("source/01-mini/01-mini.ipynb", "created"), ("nbgrader_config.py", "created")]
    assert {s for _, s in export_course(course, tmp_path)} == {"unchanged"}
    config = course / "nbgrader_config.py"
    config.write_text(config.read_text() + "c.Exchange.root = '/srv/exchange'\n")
    with pytest.raises(CourseError, match="nbgrader_config.py: exists and differs"):
        export_course(course, tmp_path)
    assert "/srv/exchange" in config.read_text()
    monkeypatch.chdir(tmp_path)
    assert main(["export-nbgrader", str(course)]) == 2
    assert "exists and differs" in capsys.readouterr().err
    assert main(["export-nbgrader", str(course), "--force"]) == 0
    assert f"{config}: updated" in capsys.readouterr().out
    assert "/srv/exchange" not in config.read_text()


def test_an_empty_course_is_an_error_naming_the_folder(tmp_path):
    with pytest.raises(CourseError, match="solutions: holds no"):
        export_course(tmp_path / "course", tmp_path)


# The round trip through the real nbgrader.


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    env = kernel_env()
    # nbgrader runs `alembic` by name when it creates its database: the venv's bin first.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    command = [sys.executable, "-m", "nbgrader", *args]
    run = subprocess.run(command, cwd=course, env=env, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "ERROR" not in run.stderr, run.stderr[-3000:]
    return run


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("nbgrader", reason="nbgrader (the test extra) is not installed")
    course = tmp_path_factory.mktemp("nbgrader-course")
    export_course(course, REPO)
    _nbgrader(course, "generate_assignment", "*", "--force")
    return course


@pytest.mark.notebooks
def test_every_release_holds_no_solution_text(course: Path):
    solutions = course_notebooks(["solutions"], REPO)
    assert solutions
    for solution in solutions:
        release = course / "release" / solution.stem / solution.name
        text = "\n".join(c.source for c in read_notebook(release).cells)
        assert BEGIN not in text and END not in text, release
        for cell in read_notebook(solution).cells:
            inside = False
            for line in cell.source.split("\n"):
                stripped = line.strip()
                if stripped.startswith((BEGIN, END)):
                    inside = stripped.startswith(BEGIN)
                elif inside and len(stripped) > 8 and not stripped.startswith("#"):
                    assert stripped not in text, f"{release} holds {stripped!r}"


def _submit(course: Path, student: str, assignment: str, nb: nbformat.NotebookNode) -> None:
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{assignment}.ipynb").write_text(nbformat.writes(nb))


@pytest.mark.notebooks
def test_autograde_gives_a_solution_full_marks_a_stub_zero_and_a_wrong_answer_its_share(
        course: Path):
    from nbgrader.api import Gradebook

    for assignment in GRADED:
        source = read_notebook(course / "source" / assignment / f"{assignment}.ipynb")
        _submit(course, "solver", assignment, source)
        _submit(course, "stub", assignment,
                read_notebook(course / "release" / assignment / f"{assignment}.ipynb"))
    wrong = read_notebook(course / "source" / "07-softmax" / "07-softmax.ipynb")
    (answer,) = [c for c in wrong.cells if c.source.startswith("def softmax(")]
    answer.source = WRONG_SOFTMAX
    _submit(course, "wrong", "07-softmax", wrong)
    _nbgrader(course, "autograde", "*", "--create", "--force")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "actlearn") as gradebook:
        scores = {(s, a): (gradebook.find_submission(a, s).score,
                           gradebook.find_submission(a, s).max_score)
                  for a in GRADED for s in ("solver", "stub")}
        wrong_score = gradebook.find_submission("07-softmax", "wrong").score
    for assignment in GRADED:
        got, most = scores[("solver", assignment)]
        assert most > 0 and got == most, (assignment, got, most)
        assert scores[("stub", assignment)][0] == 0, assignment
    assert wrong_score == scores[("solver", "07-softmax")][1] - 6  # softmax's 6 checks lost
