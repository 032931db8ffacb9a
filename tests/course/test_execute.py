"""Executing notebooks in place: counts 1..n, normalised metadata, a rerun changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from actlearn.blas import THREAD_VARIABLES
from actlearn.course.cli import main
from actlearn.course.execute import execute_notebook, kernel_env, normalise
from actlearn.course.files import CourseError, read_notebook

pytestmark = pytest.mark.notebooks
SOLUTION = Path(__file__).parent / "fixtures" / "solutions" / "01-mini.ipynb"


def _notebook(tmp_path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    path = tmp_path / "01-demo.ipynb"
    path.write_text(nbformat.writes(nb))
    return path


def test_execution_numbers_cells_and_a_rerun_changes_no_byte(tmp_path):
    path = _notebook(
        tmp_path,
        "import sys\nprint('a')\nsys.stdout.flush()\nprint('b')",
        "",
        "1 + 1",
        "sys.stderr.write('note\\n'); None",
    )
    assert execute_notebook(path, timeout=60)
    nb = read_notebook(path)
    assert [c.execution_count for c in nb.cells] == [1, None, 2, 3]
    assert nb.cells[0].outputs == [nbformat.v4.new_output("stream", name="stdout", text="a\nb\n")]
    assert nb.cells[2].outputs[0]["execution_count"] == 2
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert "version" not in nb.metadata["language_info"] and "widgets" not in nb.metadata
    text = path.read_text()
    assert not execute_notebook(path, timeout=60)
    assert path.read_text() == text


def test_the_fixture_solution_is_stored_as_executed(tmp_path):
    copy = tmp_path / SOLUTION.name
    shutil.copy(SOLUTION, copy)
    assert not execute_notebook(copy, timeout=120)


def test_an_error_names_the_file_and_the_cell(tmp_path):
    path = _notebook(tmp_path, "x = 1", "1 / 0")
    with pytest.raises(CourseError, match=r"01-demo.ipynb, cell 2: raised ZeroDivisionError"):
        execute_notebook(path, timeout=60)


def test_the_cli_goes_on_after_an_error_and_exits_1(tmp_path, capsys):
    bad = _notebook(tmp_path, "raise ValueError('boom')")
    good = tmp_path / "02-good.ipynb"
    good.write_text(
        nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('ok')")]))
    )
    assert main(["execute", str(bad), str(good)]) == 1
    captured = capsys.readouterr()
    assert "01-demo.ipynb, cell 1: raised ValueError: boom" in captured.err
    assert f"executed {good}" in captured.out


def test_normalise_drops_volatile_metadata():
    cell = nbformat.v4.new_code_cell("x", execution_count=7)
    cell.metadata.update({"execution": {"iopub.status.busy": "now"}, "tags": ["keep"]})
    nb = nbformat.v4.new_notebook(cells=[cell], metadata={"widgets": {"state": {}}})
    normalise(nb)
    assert nb.cells[0].execution_count == 1 and nb.cells[0].metadata == {"tags": ["keep"]}
    assert "widgets" not in nb.metadata


def test_kernels_get_one_blas_thread_unless_a_library_s_own_count_is_set(monkeypatch):
    for name in THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert all(kernel_env()[name] == "1" for name in THREAD_VARIABLES)
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "3")
    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    env = kernel_env()
    assert env["OPENBLAS_NUM_THREADS"] == "3" and env["OMP_NUM_THREADS"] == "4"
    assert env["MKL_NUM_THREADS"] == "1"
