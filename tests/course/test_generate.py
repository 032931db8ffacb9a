"""Exercises from solutions: stubs, kept verdicts, the edit guard, errors naming file and cell."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from actlearn.course.cli import main
from actlearn.course.files import CourseError, find_notebooks, read_notebook
from actlearn.course.generate import (
    PROMPT,
    content_hash,
    generate_exercise,
    is_check_cell,
    outputs_hash,
    strip_solutions,
    write_exercise,
)
from actlearn.course.verdicts import shown_text, verdict_texts

FIXTURES = Path(__file__).parent / "fixtures"
SOLUTION = FIXTURES / "solutions" / "01-mini.ipynb"


def _exercise() -> nbformat.NotebookNode:
    return generate_exercise(read_notebook(SOLUTION), SOLUTION)


def test_marked_regions_become_stubs_at_their_indentation():
    sources = [c.source for c in _exercise().cells]
    assert sources[3].endswith(f'    raise NotImplementedError("{PROMPT}")')
    assert sources[5].endswith('    raise NotImplementedError("return the positive part of x")')
    assert not any("np.maximum" in s or "BEGIN SOLUTION" in s for s in sources)


def test_check_cells_keep_the_verdicts_shown_as_unanswered_and_other_outputs_are_cleared():
    solution, exercise = read_notebook(SOLUTION), _exercise()
    for before, after in zip(solution.cells, exercise.cells, strict=True):
        if is_check_cell(before):
            assert verdict_texts(after) == verdict_texts(before) and after.outputs
            assert "PASSED" in after.outputs[0]["data"]["text/plain"]
            assert "PASSED" not in shown_text(after) and "not answered yet" in shown_text(after)
        elif after.cell_type == "code":
            assert after.outputs == [] and after.execution_count is None


def test_the_generated_hashes_and_the_exercise_names_are_recorded():
    exercise = _exercise()
    assert exercise.metadata["actlearn"] == {
        "generated_from": "solutions/01-mini.ipynb",
        "generated_hash": content_hash(exercise),
        "generated_outputs": outputs_hash(exercise),
        "exercises": ["sigmoid", "relu"],
    }


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("x = 1\n### END SOLUTION", "line 2: ### END SOLUTION without a ### BEGIN SOLUTION"),
        ("### BEGIN SOLUTION\nx = 1", "line 1: ### BEGIN SOLUTION is never closed"),
        (
            "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION",
            "line 2: ### BEGIN SOLUTION inside the region opened at line 1",
        ),
    ],
)
def test_unbalanced_markers_name_file_cell_and_line(source, message):
    with pytest.raises(CourseError, match="solutions/09-x.ipynb, cell 4: " + message):
        strip_solutions(source, Path("solutions/09-x.ipynb"), 3)


def test_a_fixture_with_unbalanced_markers_is_refused_naming_its_cell():
    path = FIXTURES / "bad" / "02-unbalanced.ipynb"
    with pytest.raises(CourseError, match=r"02-unbalanced.ipynb, cell 2: line 3: ### END"):
        generate_exercise(read_notebook(path), path)


def test_invalid_json_and_missing_paths_are_named(tmp_path):
    broken = tmp_path / "03-not-json.ipynb"  # made here: ruff would reject it in the tree
    broken.write_text('{"cells": [\n  {"cell_type": "code",\n')
    with pytest.raises(CourseError, match=r"03-not-json.ipynb: not valid JSON \(line 3"):
        read_notebook(broken)
    with pytest.raises(CourseError, match="nowhere.ipynb: no such file or folder"):
        find_notebooks([FIXTURES / "nowhere.ipynb"])


def test_a_solution_without_regions_is_refused():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(CourseError, match="no ### BEGIN SOLUTION region"):
        generate_exercise(nb, Path("solutions/05-y.ipynb"))


def test_regeneration_creates_then_keeps_then_refuses_an_edited_exercise(tmp_path):
    target = tmp_path / "01-mini.ipynb"
    assert write_exercise(SOLUTION, target) == "created"
    assert write_exercise(SOLUTION, target) == "unchanged"
    nb = read_notebook(target)
    nb.cells[3].source = nb.cells[3].source.replace("raise NotImplementedError", "return x  #")
    edited = nbformat.writes(nb)
    target.write_text(edited, encoding="utf-8")
    with pytest.raises(CourseError, match="edited since it was generated; not overwritten"):
        write_exercise(SOLUTION, target)
    assert target.read_text(encoding="utf-8") == edited


def test_force_keeps_a_backup_of_the_learners_notebook_first(tmp_path):
    target = tmp_path / "01-mini.ipynb"
    write_exercise(SOLUTION, target)
    for round_ in (1, 2):
        target.write_text(target.read_text().replace("max(0, x)", f"edit {round_}"))
        result = write_exercise(SOLUTION, target, force=True)
        backup = tmp_path / ("01-mini.bak.ipynb" if round_ == 1 else "01-mini.2.bak.ipynb")
        assert result == f"updated (backup: {backup.name})"
        assert f"edit {round_}" in backup.read_text()
    assert "edit" not in target.read_text()
    assert find_notebooks([tmp_path]) == [target]  # backups are not course notebooks


def test_running_an_exercise_without_editing_it_does_not_count_as_an_edit(tmp_path):
    target = tmp_path / "01-mini.ipynb"
    write_exercise(SOLUTION, target)
    nb = read_notebook(target)
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="ran\n")]
    nb.cells[1].execution_count = 1
    target.write_text(nbformat.writes(nb))
    assert write_exercise(SOLUTION, target).endswith("(outputs kept)")  # not an edit: no error
    assert read_notebook(target).cells[1].outputs[0]["text"] == "ran\n"


def test_the_cli_reports_a_refusal_and_exits_1(tmp_path, capsys):
    assert main(["exercises", str(SOLUTION), "--out", str(tmp_path)]) == 0
    (tmp_path / "01-mini.ipynb").write_text(
        (tmp_path / "01-mini.ipynb").read_text().replace("max(0, x)", "mine")
    )
    assert main(["exercises", str(SOLUTION), "--out", str(tmp_path)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["exercises", str(SOLUTION), "--out", str(tmp_path), "--force"]) == 0
    assert (tmp_path / "01-mini.bak.ipynb").exists()


def test_the_cli_names_a_missing_path_and_exits_2(capsys):
    assert main(["exercises", "no/such/folder"]) == 2
    assert "no/such/folder: no such file or folder" in capsys.readouterr().err


def test_a_folder_is_searched_for_notebooks(tmp_path):
    shutil.copy(SOLUTION, tmp_path / "01-mini.ipynb")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    shutil.copy(SOLUTION, tmp_path / ".ipynb_checkpoints" / "01-mini-checkpoint.ipynb")
    assert find_notebooks([tmp_path]) == [tmp_path / "01-mini.ipynb"]
