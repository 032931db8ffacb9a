"""``make check``: run a learner's exercise notebook and report each exercise by name.

The notebook is executed in a fresh kernel (a copy in memory: the file is never written).
An exercise passes when its verdict is a pass, equal to the expected verdict stored under its
check cell (as nbval compares) when that is a pass too; a stored verdict that is not a pass is
the learner's own last run, saved with the notebook, and is not taken as expected. The report
names each exercise and gives its verdict (in full, ✗ lines and hints included, unless it
passed), then one line of totals. Plain text only: no terminal colours.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from nbclient.exceptions import CellTimeoutError, DeadKernelError

from actlearn.course.execute import kernel_env, make_client
from actlearn.course.files import read_notebook
from actlearn.course.generate import check_calls, is_check_cell
from actlearn.course.verdicts import verdict_texts
from actlearn.grading.display import NOT_ANSWERED
from actlearn.grading.verdict import parse_header

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _is_pass(verdict: str) -> bool:
    header = parse_header(verdict.split("\n", 1)[0])
    return bool(header and header[1])


@dataclass(frozen=True)
class ExerciseCheck:
    """One exercise of the notebook: the learner's verdict against the expected one."""

    exercise: str
    cell: int
    verdict: str
    expected: str
    error: str = ""

    @property
    def status(self) -> str:
        """``"passed"``, ``"failed"``, ``"not answered yet"``, ``"error"`` or ``"not run"``."""
        if self.error:
            return "error"
        if not self.verdict:
            return "not run"
        header = parse_header(self.verdict.split("\n", 1)[0])
        if header and header[1] and (self.verdict == self.expected or not _is_pass(self.expected)):
            return "passed"  # a stored verdict that is no pass is the learner's own last run
        return NOT_ANSWERED if NOT_ANSWERED in self.verdict.split("\n", 1)[0] else "failed"


@dataclass
class NotebookCheck:
    """The whole notebook: its exercises, other cells that raised, how the run ended."""

    path: Path
    exercises: list[ExerciseCheck] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    stopped: str = ""

    @property
    def passed(self) -> bool:
        """Every exercise passed, no other cell raised, and the run finished."""
        return (bool(self.exercises) and all(e.status == "passed" for e in self.exercises)
                and not self.errors and not self.stopped)


def _error_of(cell) -> str:
    for out in cell.get("outputs", ()):
        if out.get("output_type") == "error":
            return f"{out.get('ename', 'Error')}: {out.get('evalue', '')}".rstrip(": ")
    return ""


def _exercises(cell, index: int, fresh, expected: list[str]) -> list[ExerciseCheck]:
    names = [name for name, _ in check_calls(cell.source)]
    got = verdict_texts(fresh) if fresh is not None else []
    error = _error_of(fresh) if fresh is not None else ""
    return [ExerciseCheck(name, index, got[i] if i < len(got) else "",
                          expected[i] if i < len(expected) else "", error)
            for i, name in enumerate(names)]


def check_notebook(path: Path, timeout: float = 300.0) -> NotebookCheck:
    """Execute a copy of the notebook at ``path`` and compare each exercise's verdict.

    ``timeout`` bounds the whole run in seconds; cells not reached count as not run.
    """
    stored = read_notebook(path)
    nb = read_notebook(path)
    result = NotebookCheck(Path(path))
    client = make_client(nb, path, timeout, allow_errors=True)
    end = time.monotonic() + timeout
    client.timeout_func = lambda cell: max(1, int(end - time.monotonic()))
    reached = -1
    try:
        with client.setup_kernel(env=kernel_env()):
            for index, cell in enumerate(nb.cells):
                reached = index
                client.execute_cell(cell, index)
            reached = len(nb.cells)
    except CellTimeoutError:
        result.stopped = f"timed out at cell {reached + 1} (limit {timeout:g} s)"
    except DeadKernelError:
        result.stopped = f"the kernel died at cell {reached + 1}"
    for index, (before, after) in enumerate(zip(stored.cells, nb.cells, strict=True)):
        ran = after if index < reached else None
        if is_check_cell(before):
            result.exercises += _exercises(before, index, ran, verdict_texts(before))
        elif ran is not None and ran.cell_type == "code" and _error_of(ran):
            result.errors.append((index, _error_of(ran)))
    return result


def _first_line(source: str) -> str:
    line = next((s for s in source.splitlines() if s.strip() and not s.startswith("#")), "")
    return line if len(line) <= 50 else line[:47] + "..."


def render(result: NotebookCheck) -> str:
    """The report: each exercise's verdict (in full unless it passed), other errors, totals."""
    nb = read_notebook(result.path)
    blocks = [str(result.path)]
    for e in result.exercises:
        if e.status == "error":
            blocks.append(f"{e.exercise}: its check cell raised {e.error}")
        elif e.status == "not run":
            blocks.append(f"{e.exercise}: not run (the notebook stopped before its check cell)")
        elif e.status == "passed":
            blocks.append(e.verdict.split("\n", 1)[0])
        else:
            blocks.append(e.verdict)
            header = parse_header(e.verdict.split("\n", 1)[0])
            if header and header[1] and e.expected:
                blocks.append(f"{e.exercise}: differs from the expected verdict:\n{e.expected}")
    for index, error in result.errors:
        blocks.append(f"cell {index + 1} ({_first_line(nb.cells[index].source)}) raised {error}")
    if result.stopped:
        blocks.append(f"stopped: {result.stopped}")
    ok = sum(e.status == "passed" for e in result.exercises)
    others = [f"{e.exercise} {e.status}" for e in result.exercises if e.status != "passed"]
    summary = f"{result.path}: {ok} of {len(result.exercises)} exercises pass"
    if not result.exercises:
        summary += " (no check cell: an exercise's check cells start with # NBVAL_CHECK_OUTPUT)"
    if others:
        summary += f" ({', '.join(others)})"
    if result.errors:
        summary += f"; {len(result.errors)} other cell(s) raised an error"
    blocks.append(summary)
    return _ANSI.sub("", "\n\n".join(blocks)) + "\n"
