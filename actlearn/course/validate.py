"""What CI proves about the course notebooks; each function returns a list of problems.

Used by ``tests/test_notebooks.py``: solutions pass their checks, stubs fail theirs
(like ``nbgrader validate --invert``), exercises are in sync with their solutions, notebooks
carry their outputs, and no exercise carries solution code.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from actlearn.course.execute import kernel_env, make_client
from actlearn.course.files import read_notebook
from actlearn.course.generate import BEGIN, END, check_calls, generate_exercise, is_check_cell
from actlearn.course.verdicts import shown_text, verdict_text, verdict_texts
from actlearn.grading.display import NOT_ANSWERED
from actlearn.grading.verdict import parse_header


def missing_outputs(path: Path) -> list[str]:
    """Code cells never executed, or a notebook with no output at all."""
    nb = read_notebook(path)
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]
    problems = [
        f"{path}, cell {i + 1}: not executed (no execution count)"
        for i, c in code
        if c.get("execution_count") is None
    ]
    if code and not any(c.outputs for _, c in code):
        problems.append(f"{path}: no stored outputs (run `make notebooks`)")
    return problems


def failing_checks(path: Path) -> list[str]:
    """Check cells of a solution whose stored verdict is not PASSED (or is missing)."""
    problems = []
    for index, cell in enumerate(read_notebook(path).cells):
        if not is_check_cell(cell):
            continue
        verdicts = {}
        for text in verdict_texts(cell):
            header = parse_header(text.split("\n", 1)[0])
            if header:
                verdicts[header[0]] = header
        for name, _ in check_calls(cell.source):
            if name not in verdicts:
                problems.append(f"{path}, cell {index + 1}: {name} has no stored verdict")
            elif not verdicts[name][1]:
                _, _, ok, total = verdicts[name]
                problems.append(f"{path}, cell {index + 1}: {name} is failed ({ok}/{total})")
    return problems


def sync_problems(solution: Path, exercise: Path) -> list[str]:
    """Differences between ``exercise`` and what generating from ``solution`` gives now."""
    if not exercise.exists():
        return [f"{exercise}: missing (run `make exercises`)"]
    wanted, found = generate_exercise(read_notebook(solution), solution), read_notebook(exercise)
    if len(wanted.cells) != len(found.cells):
        return [
            f"{exercise}: {len(found.cells)} cells, the solution gives {len(wanted.cells)} "
            "(run `make exercises`)"
        ]
    problems = []
    for index, (w, f) in enumerate(zip(wanted.cells, found.cells, strict=True)):
        if (w.cell_type, w.source) != (f.cell_type, f.source):
            problems.append(f"{exercise}, cell {index + 1}: differs from the solution's stub")
        elif is_check_cell(w) and (verdict_text(w), shown_text(w)) != (
            verdict_text(f), shown_text(f)):
            problems.append(
                f"{exercise}, cell {index + 1}: expected verdict differs from the solution's"
            )
        elif is_check_cell(w) and f.get("execution_count") is None:
            problems.append(
                f"{exercise}, cell {index + 1}: check cell has no execution count, "
                "so nbval ignores its expected verdict (run `make exercises`)"
            )
    return problems


def leaked_solution_lines(solution: Path, exercise: Path) -> list[str]:
    """Markers, or lines from inside a solution region, found in the exercise."""
    text = "\n".join(c.source for c in read_notebook(exercise).cells)
    problems = [f"{exercise}: still holds a {m!r} marker" for m in (BEGIN, END) if m in text]
    for index, cell in enumerate(read_notebook(solution).cells):
        inside = False
        for line in cell.source.split("\n"):
            stripped = line.strip()
            if stripped.startswith((BEGIN, END)):
                inside = stripped.startswith(BEGIN)
            elif inside and len(stripped) > 8 and not stripped.startswith("#") and stripped in text:
                problems.append(
                    f"{exercise}: holds solution line {stripped!r} (solution cell {index + 1})"
                )
    return problems


def stub_passes(exercise: Path, timeout: float = 300.0) -> list[str]:
    """Check cells whose expected verdict the unanswered stub reproduces (or that expect a
    fail), and check cells that show the learner a pass, or no "not answered yet", under the
    stub: before running (the stored output) or after."""
    stored = read_notebook(exercise)
    nb = copy.deepcopy(stored)
    make_client(nb, exercise, timeout, allow_errors=True).execute(env=kernel_env())
    problems = []
    for index, (before, after) in enumerate(zip(stored.cells, nb.cells, strict=True)):
        if not is_check_cell(before):
            continue
        expected = verdict_text(before)
        where = f"{exercise}, cell {index + 1}"
        if "PASSED" not in expected:
            problems.append(f"{where}: the expected verdict is not a pass")
        elif verdict_text(after) == expected:
            problems.append(f"{where}: the stub passes this check")
        for when, cell in (("stored", before), ("after running the stub", after)):
            shown = shown_text(cell)
            if "PASSED" in shown or NOT_ANSWERED not in shown:
                words = re.sub(r"<[^>]+>", "", shown).strip()
                problems.append(f"{where}: {when}, it shows {words[:60]!r}, not "
                                f"{NOT_ANSWERED!r}")
    return problems


def shown_passes(exercise: Path) -> list[str]:
    """Check cells of an exercise whose stored output shows a reader a pass (no kernel run)."""
    return [
        f"{exercise}, cell {index + 1}: shows a pass before any answer is written"
        for index, cell in enumerate(read_notebook(exercise).cells)
        if is_check_cell(cell) and ("PASSED" in shown_text(cell)
                                    or NOT_ANSWERED not in shown_text(cell))
    ]
