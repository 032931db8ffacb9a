"""Exercises from solutions: marked answers become stubs, check cells keep their outputs.

In ``solutions/NN-*.ipynb`` the answer lines sit between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` (text after BEGIN becomes the stub's prompt). The generated notebook has
``raise NotImplementedError("<prompt>")`` in their place, at the marker's indentation; every
output is cleared except those of check cells (first line ``# NBVAL_CHECK_OUTPUT``), which keep
the solution's verdicts as the expected outputs (and their execution counts: nbval ignores
a stored output whose cell has none), shown to the learner as "not answered yet"
(:mod:`actlearn.course.verdicts`). A hash of the generated cells is stored in
the notebook's metadata, so regeneration can tell a learner's edits from its own output, and
so are the names of the exercises its check cells grade, so grading can tell when one was
deleted.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import json
import shutil
from pathlib import Path

import nbformat

from actlearn.course.files import (
    KERNELSPEC,
    LANGUAGE_INFO,
    CourseError,
    read_notebook,
    write_notebook,
)
from actlearn.course.verdicts import exercise_outputs

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
CHECK = "# NBVAL_CHECK_OUTPUT"
PROMPT = "Replace this line with your answer, then run the check cell below."
MARKDOWN_STUB = "*Your answer here.*"


def is_check_cell(cell: nbformat.NotebookNode) -> bool:
    """A code cell whose first line is ``# NBVAL_CHECK_OUTPUT``."""
    first = cell.source.lstrip().split("\n", 1)[0].strip() if cell.source.strip() else ""
    return cell.cell_type == "code" and first == CHECK


def check_calls(source: str) -> list[tuple[str, str]]:
    """``(exercise name, answer expression)`` of each ``check("name", answer)`` in a cell.

    >>> check_calls('# NBVAL_CHECK_OUTPUT\\ncheck("relu", my_relu)')
    [('relu', 'my_relu')]
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    calls = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "check" and len(node.args) == 2
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            calls.append((node.args[0].value, ast.get_source_segment(source, node.args[1]) or ""))
    return list(dict.fromkeys(calls))


def exercise_names(nb: nbformat.NotebookNode) -> list[str]:
    """The exercises the check cells of ``nb`` grade, in order, each once."""
    names = [name for cell in nb.cells if is_check_cell(cell)
             for name, _ in check_calls(cell.source)]
    return list(dict.fromkeys(names))


def _stub(indent: str, prompt: str, markdown: bool) -> str:
    if markdown:
        return indent + MARKDOWN_STUB
    quoted = prompt.replace("\\", "\\\\").replace('"', '\\"')
    return f'{indent}raise NotImplementedError("{quoted}")'


def strip_solutions(source: str, path: Path, cell: int, markdown: bool = False) -> tuple[str, int]:
    """``source`` with every marked region replaced by a stub, and the number of regions.

    Unbalanced markers are a CourseError naming the file, the cell and the line.
    """
    kept: list[str] = []
    regions, opened = 0, None
    for number, line in enumerate(source.split("\n"), start=1):
        text = line.strip()
        if text.startswith(BEGIN):
            if opened is not None:
                raise CourseError(path, f"line {number}: {BEGIN} inside the region opened at "
                                        f"line {opened}", cell)
            opened, regions = number, regions + 1
            prompt = text[len(BEGIN):].strip(" :-") or PROMPT
            kept.append(_stub(line[: len(line) - len(line.lstrip())], prompt, markdown))
        elif text.startswith(END):
            if opened is None:
                raise CourseError(path, f"line {number}: {END} without a {BEGIN} before it", cell)
            opened = None
        elif opened is None:
            kept.append(line)
    if opened is not None:
        raise CourseError(path, f"line {opened}: {BEGIN} is never closed by {END}", cell)
    return "\n".join(kept), regions


def content_hash(nb: nbformat.NotebookNode) -> str:
    """SHA-256 of the cells' types and sources: what a learner changes when editing."""
    cells = [[cell.cell_type, cell.source] for cell in nb.cells]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=True).encode()).hexdigest()


def generate_exercise(solution: nbformat.NotebookNode, path: Path) -> nbformat.NotebookNode:
    """The exercise notebook for the solution notebook ``solution`` read from ``path``."""
    nb = copy.deepcopy(solution)
    regions = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "raw":
            continue
        cell.source, found = strip_solutions(cell.source, path, index, cell.cell_type == "markdown")
        regions += found
        if cell.cell_type != "code":
            continue
        if not is_check_cell(cell) or found:
            cell.outputs, cell.execution_count = [], None
        else:
            cell.outputs = exercise_outputs(cell.outputs)  # expected verdict, shown unanswered
    if not regions:
        raise CourseError(path, f"no {BEGIN} region: nothing for the learner to write")
    nb.metadata["kernelspec"], nb.metadata["language_info"] = dict(KERNELSPEC), dict(LANGUAGE_INFO)
    nb.metadata["actlearn"] = {"generated_from": f"solutions/{Path(path).name}",
                               "generated_hash": content_hash(nb),
                               "generated_outputs": outputs_hash(nb),
                               "exercises": exercise_names(nb)}
    return nb


def answered(exercise: Path, solution: Path) -> dict:
    """The exercise notebook (as JSON) with its solution's code cells in place of its own: a
    learner's notebook with every answer right (class-grading tests and benchmarks)."""
    nb = json.loads(exercise.read_text(encoding="utf-8"))
    solved = json.loads(solution.read_text(encoding="utf-8"))
    if len(nb["cells"]) != len(solved["cells"]):
        raise CourseError(exercise, f"has {len(nb['cells'])} cells, its solution "
                                    f"{len(solved['cells'])}: run make exercises")
    for mine, theirs in zip(nb["cells"], solved["cells"], strict=True):
        if mine["cell_type"] == "code":
            mine["source"] = theirs["source"]
    return nb


def outputs_hash(nb: nbformat.NotebookNode) -> str:
    """SHA-256 of the code cells' outputs and execution counts: what running a notebook
    changes. Stored at generation, it tells a run exercise from one as generated."""
    outputs = [(c.get("outputs"), c.get("execution_count")) for c in nb.cells
               if c.cell_type == "code"]
    return hashlib.sha256(json.dumps(outputs, sort_keys=True, default=str).encode()).hexdigest()


def backup_path(path: Path) -> Path:
    """A free name beside ``path``: ``NN-name.bak.ipynb``, then ``NN-name.2.bak.ipynb``, ..."""
    stem = path.name[: -len(".ipynb")]
    candidate, number = path.with_name(f"{stem}.bak.ipynb"), 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{stem}.{number}.bak.ipynb")
    return candidate


def was_edited(path: Path) -> bool:
    """Whether the exercise at ``path`` differs from what was generated into it.

    A notebook without the generation hash, or that cannot be read, counts as edited.
    """
    try:
        nb = read_notebook(path)
    except CourseError:
        return True
    stored = nb.metadata.get("actlearn", {}).get("generated_hash")
    return stored != content_hash(nb)


def write_exercise(solution_path: Path, exercise_path: Path, force: bool = False) -> str:
    """Generate ``exercise_path`` from ``solution_path``; returns what happened.

    ``"created"``, ``"updated"``, ``"unchanged"``; an exercise that was run but not edited
    keeps its outputs when its cells are unchanged (``"... (outputs kept)"``) and is backed
    up before any other change (``"updated (backup: NAME)"``), as is a learner's edited
    exercise replaced with ``force``. Without ``force``, an edited exercise whose content
    differs from the new one is a CourseError and the file is left alone.
    """
    new = generate_exercise(read_notebook(solution_path), solution_path)
    if not exercise_path.exists():
        write_notebook(new, exercise_path)
        return "created"
    note = ""
    edited, changed = was_edited(exercise_path), _differs(exercise_path, new)
    if edited and changed and not force:
        raise CourseError(exercise_path, "edited since it was generated; not overwritten "
                                         "(run with --force to replace it, keeping a backup)")
    ran = was_run(exercise_path, new)
    if not changed and ran:
        new = keep_outputs(read_notebook(exercise_path), new)
        note = " (outputs kept)"
    elif changed and (edited or ran):
        backup = backup_path(exercise_path)
        shutil.copy2(exercise_path, backup)
        note = f" (backup: {backup.name})"
    return ("updated" if write_notebook(new, exercise_path) else "unchanged") + note


def was_run(path: Path, new: nbformat.NotebookNode) -> bool:
    """Whether the exercise at ``path`` holds outputs other than those it was generated with
    (for an exercise generated before that was recorded: other than ``new``'s)."""
    try:
        old = read_notebook(path)
    except CourseError:
        return True
    generated = old.metadata.get("actlearn", {}).get("generated_outputs")
    return outputs_hash(old) != (generated or outputs_hash(new))


def keep_outputs(old: nbformat.NotebookNode, new: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``new`` with the outputs and execution counts of ``old`` (same cells, same sources)."""
    merged = copy.deepcopy(new)
    for before, after in zip(old.cells, merged.cells, strict=True):
        if after.cell_type == "code":
            after.outputs = before.get("outputs", [])
            after.execution_count = before.get("execution_count")
    return merged


def _differs(path: Path, new: nbformat.NotebookNode) -> bool:
    try:
        return content_hash(read_notebook(path)) != content_hash(new)
    except CourseError:
        return True
