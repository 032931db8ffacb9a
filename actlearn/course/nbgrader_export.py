"""``python -m actlearn.course export-nbgrader DIR``: the course as an nbgrader 0.9 course.

Each ``solutions/NN-x.ipynb`` becomes the assignment ``NN-x`` with one notebook,
``DIR/source/NN-x/NN-x.ipynb``, its cells marked for nbgrader (``metadata.nbgrader``, schema 3):

* an answer cell (``### BEGIN SOLUTION`` ... ``### END SOLUTION``) is a *solution* cell;
  nbgrader's ``generate_assignment`` replaces each region with a stub, as ``make exercises``
  does (a prompt written after ``BEGIN SOLUTION`` is kept as a comment above the region);
* a check cell (``check("name", answer)``) is an *autograded test* cell worth one point per
  check of the exercise, all or nothing: it grades the answer, prints the verdict (✗ lines and
  hints) and asserts that it passed, since ``check()`` itself never fails;
* every other cell (instructions, imports, demonstrations) is locked (read-only).

``DIR/nbgrader_config.py`` names the course; nothing an instructor changed is overwritten
without ``force``.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from actlearn.course.files import (
    KERNELSPEC,
    LANGUAGE_INFO,
    REPO,
    CourseError,
    course_notebooks,
    notebook_text,
    read_notebook,
)
from actlearn.course.generate import BEGIN, END, check_calls, is_check_cell
from actlearn.grading import get_exercise

SCHEMA_VERSION = 3
STUB = 'raise NotImplementedError("Replace this line with your answer")'
CONFIG = f'''"""nbgrader settings of the actlearn course, written by its export-nbgrader command.

Run nbgrader from this folder: nbgrader generate_assignment 07-softmax, then release,
collect and autograde as usual. Learners' kernels need the actlearn package installed.
"""

import os

c = get_config()  # noqa: F821 (nbgrader provides it)
c.CourseDirectory.course_id = "actlearn"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.ClearSolutions.code_stub = {{"python": {STUB!r}}}
c.Execute.timeout = 300  # seconds per cell: some checks time a million values
'''


def cell_metadata(kind: str, grade_id: str, points: int = 0) -> dict:
    """``metadata.nbgrader`` for a ``"solution"``, ``"test"`` or ``"locked"`` cell.

    >>> cell_metadata("test", "check-relu", 6)["points"]
    6
    """
    if kind not in ("solution", "test", "locked"):
        raise ValueError(f"unknown nbgrader cell kind {kind!r} (solution, test or locked)")
    meta = {"grade": kind == "test", "solution": kind == "solution",
            "locked": kind != "solution", "task": False, "grade_id": grade_id,
            "schema_version": SCHEMA_VERSION}
    if kind == "test":
        meta["points"] = points
    return meta


def graded_cell_source(source: str) -> tuple[str, int]:
    """The test cell replacing the check cell ``source``, and its points (one per check):
    grade each answer, print its verdict, assert that it passed."""
    calls = check_calls(source)
    lines = ["from actlearn.grading import grade", "from actlearn.grading.display import view"]
    asserts = []
    for number, (name, expr) in enumerate(calls, start=1):
        var = "verdict" if number == 1 else f"verdict_{number}"
        lines += ["", f'{var} = grade("{name}", {expr})', f"print(view({var}))"]
        asserts.append(f'assert {var}.passed, "{name}: not every check passes (see its verdict)"')
    points = sum(len(get_exercise(name).checks) for name, _ in calls)
    return "\n".join([*lines, *asserts]), points


def _prompts_as_comments(source: str) -> str:
    """``### BEGIN SOLUTION: prompt`` becomes ``# prompt`` above a bare ``### BEGIN SOLUTION``."""
    lines = []
    for line in source.split("\n"):
        text = line.strip()
        if text.startswith(BEGIN) and text[len(BEGIN):].strip(" :-"):
            indent = line[: len(line) - len(line.lstrip())]
            lines += [f"{indent}# {text[len(BEGIN):].strip(' :-')}", f"{indent}{BEGIN}"]
        else:
            lines.append(line)
    return "\n".join(lines)


def export_notebook(solution: nbformat.NotebookNode, path: Path) -> nbformat.NotebookNode:
    """The nbgrader source notebook for the solution notebook ``solution`` read from ``path``."""
    nb = copy.deepcopy(solution)
    answers = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        if cell.cell_type == "code" and BEGIN in cell.source:
            answers += 1
            cell.source = _prompts_as_comments(cell.source)
            meta = cell_metadata("solution", f"answer-{index:02d}")
        elif is_check_cell(cell) and check_calls(cell.source):
            names = "-".join(name for name, _ in check_calls(cell.source))
            cell.source, points = graded_cell_source(cell.source)
            meta = cell_metadata("test", f"check-{names}"[:80], points)
        else:
            if BEGIN in cell.source or END in cell.source:
                raise CourseError(path, f"a {cell.cell_type} cell with {BEGIN}: only code "
                                        "answers can be exported to nbgrader", index)
            meta = cell_metadata("locked", f"{cell.cell_type}-{index:02d}")
        cell.metadata["nbgrader"] = meta
    if not answers:
        raise CourseError(path, f"no {BEGIN} region: nothing for the learner to write")
    nb.metadata["kernelspec"], nb.metadata["language_info"] = dict(KERNELSPEC), dict(LANGUAGE_INFO)
    nb.metadata.pop("actlearn", None)
    return nb


def _write(path: Path, text: str, force: bool) -> str:
    if path.exists():
        if path.read_text(encoding="utf-8") == text:
            return "unchanged"
        if not force:
            raise CourseError(path, "exists and differs from the export; not overwritten "
                                    "(run with --force to replace it)")
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists()
    path.write_text(text, encoding="utf-8")
    return "updated" if existed else "created"


def export_course(out: Path, root: Path = REPO, force: bool = False) -> list[tuple[Path, str]]:
    """Write ``out/source/<assignment>/<assignment>.ipynb`` for each solution and
    ``out/nbgrader_config.py``; returns ``(path, "created" | "updated" | "unchanged")``.

    A file that exists with other content is a CourseError unless ``force``.
    """
    solutions = course_notebooks(["solutions"], root)
    if not solutions:
        raise CourseError(root / "solutions", "holds no NN-*.ipynb solution to export")
    done = []
    for path in solutions:
        nb = export_notebook(read_notebook(path), path)
        target = out / "source" / path.stem / path.name
        done.append((target, _write(target, notebook_text(nb), force)))
    config = out / "nbgrader_config.py"
    done.append((config, _write(config, CONFIG, force)))
    return done
