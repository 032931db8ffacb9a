"""What CI proves about the course notebooks; each function returns a list of problems.

Used by ``tests/test_notebooks.py``: solutions pass their checks, stubs fail theirs
(like ``nbgrader validate --invert``), exercises are in sync with their solutions, notebooks
carry their outputs, no exercise carries solution code, no check rests on a wall-clock
time, and no formula is split by the markdown around it.
"""

from __future__ import annotations

import ast
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


def split_formula_problems(path: Path) -> list[str]:
    """Markdown cells whose inline formulas the book's markdown renderer splits (see
    :mod:`actlearn.course.book.formulas`); needs nbconvert (the ``html`` extra)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from actlearn.course.book.formulas import SPLIT, split_formulas_in

    return [
        f"{path}, cell {index + 1}: {SPLIT}: {block!r}"
        for index, cell in enumerate(read_notebook(path).cells)
        if cell.cell_type == "markdown"
        for block in split_formulas_in(markdown2html_mistune(cell.source))
    ]


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


#: Calls that read a clock or time something: their results, and every name computed from
#: them, are times.
CLOCKS = frozenset({
    "perf_counter", "perf_counter_ns", "process_time", "process_time_ns", "monotonic",
    "monotonic_ns", "time", "time_ns", "timeit", "measure_costs", "cpu_seconds",
})
#: What a lesson asserts with: a claim raises, and so does an ``assert`` statement.
ASSERTIONS = frozenset({"claim", "claim_between", "claim_order"})
#: The nbval markers that keep a cell's output out of the comparison.
UNCOMPARED = ("# NBVAL_IGNORE_OUTPUT", "# NBVAL_SKIP")


def timing_problems(path: Path) -> list[str]:
    """Cells that would make a test of a wall-clock time: one that uses a time (a clock read,
    or a name computed from one, followed from statement to statement and cell to cell) and
    whose output nbval compares, and an assertion (``claim``, ``claim_between``, ``claim_order``,
    ``assert``) on a time. A time is reported with :func:`actlearn.course.claims.on_this_machine`,
    in a cell marked ``# NBVAL_IGNORE_OUTPUT``. (A guard, not a proof: a clock read inside a
    function the notebook defines is not followed through its calls.)"""
    problems: list[str] = []
    timed: set[str] = set()
    for index, cell in enumerate(read_notebook(path).cells):
        if cell.cell_type != "code":
            continue
        code = "\n".join(line for line in cell.source.splitlines()
                         if not line.lstrip().startswith(("%", "!")))
        try:
            statements = ast.parse(code).body
        except SyntaxError:
            continue
        where, shows_time = f"{path}, cell {index + 1}", False
        for statement in statements:
            _follow_times(statement, timed)
            shows_time = shows_time or _uses_time(statement, timed)
            for node in ast.walk(statement):
                asserted = (node.test if isinstance(node, ast.Assert) else
                            node if isinstance(node, ast.Call) and _called(node) in ASSERTIONS
                            else None)
                if asserted is not None and _uses_time(asserted, timed):
                    problems.append(f"{where}, line {node.lineno}: asserts on a wall-clock "
                                    "time (report it with actlearn.course.claims.on_this_machine)")
        if shows_time and not any(marker in cell.source for marker in UNCOMPARED):
            problems.append(f"{where}: uses a wall-clock time in a cell whose output nbval "
                            "compares (mark it # NBVAL_IGNORE_OUTPUT)")
    return problems


def _called(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(
        func, ast.Attribute) else ""


def _uses_time(tree: ast.AST, timed: set[str]) -> bool:
    """Whether ``tree`` reads a clock or a timed name (not a comprehension's own variable)."""
    own = {n.id for c in ast.walk(tree) if isinstance(c, ast.comprehension)
           for n in ast.walk(c.target) if isinstance(n, ast.Name)}
    live = timed - own
    return any(isinstance(n, ast.Name) and n.id in live
               or isinstance(n, ast.Call) and _called(n) in CLOCKS for n in ast.walk(tree))


def _follow_times(statement: ast.stmt, timed: set[str]) -> None:
    """Update ``timed`` by the assignments in ``statement``, in source order: a name assigned
    from a time becomes a time, a name assigned from anything else stops being one (a loop's
    body twice, for what one pass carries to the next). A comprehension's variables are its
    own, and do not count."""
    flows = []
    for node in ast.walk(statement):
        if isinstance(node, ast.Assign):
            flows.append((node, node.targets, node.value))
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.NamedExpr)) and node.value:
            flows.append((node, [node.target], node.value))
        elif isinstance(node, ast.For):
            flows.append((node, [node.target], node.iter))
    flows.sort(key=lambda flow: (flow[0].lineno, flow[0].col_offset))
    for _ in range(2 if isinstance(statement, (ast.For, ast.While)) else 1):
        for node, targets, value in flows:
            names = {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
            if _uses_time(value, timed) or isinstance(node, ast.AugAssign) and names & timed:
                timed |= names
            else:
                timed -= names
