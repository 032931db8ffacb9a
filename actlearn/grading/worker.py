"""The learner's side of class grading: run the answer cells, call the answers, write data.

``python -I worker.py JOB_DIR`` (inside the sandbox, as an unprivileged user) reads
``job.json``/``job.npz`` written by the grader: a schedule of steps, each either a code cell
of the submission or an exercise to call (the answer expression, taken from the instructor's
check cell, and the grader's calls). For each exercise it writes ``out-<i>.json``/``.npz``:
one outcome per call (status, returned value as plain data, warnings, mutation, CPU time).
It decides nothing: the grader reads these files after the process is gone and judges them
itself, so whatever the learner's code does to this process (patching this module, NumPy,
``json`` or ``print``, IPython hooks) can change only the data it reports about itself.

The library code that computes the notebook's exercises is refused for the whole run
(:mod:`actlearn.grading.borrowing`), so no answer can borrow it, before or during the calls.
"""

from __future__ import annotations

import ast
import os
import signal
import sys
from pathlib import Path
from typing import Any

CELL_LIMIT = 10_000
"""Characters of a cell's error kept in the progress log."""


class CallTimeout(BaseException):
    """Raised in the answer when its call exceeds the grader's time limit."""


class _Shell:
    """``get_ipython()`` outside a kernel: magics and shell escapes do nothing."""

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: None


def _python(source: str) -> str:
    """The cell as plain Python (IPython syntax such as ``%matplotlib`` translated)."""
    if not any(line.lstrip()[:1] in ("%", "!") for line in source.splitlines()):
        return source
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:
        return "\n".join(line for line in source.splitlines()
                         if line.lstrip()[:1] not in ("%", "!"))
    return TransformerManager().transform_cell(source)


def _log(job: Path, text: str) -> None:
    with open(job / "progress.txt", "a", encoding="utf-8") as log:
        log.write(text.replace("\n", " ")[:CELL_LIMIT] + "\n")


def _run_cell(job: Path, index: int, source: str, namespace: dict[str, Any]) -> None:
    _log(job, f"cell {index}")
    try:
        code = compile(ast.parse(_python(source)), f"<cell {index + 1}>", "exec")
        exec(code, namespace)  # noqa: S102 (running the learner's cell is the point)
    except BaseException as exc:  # noqa: BLE001 (a failing cell does not stop grading)
        if isinstance(exc, CallTimeout):
            raise
        _log(job, f"error {index} {type(exc).__name__}: {exc}")


def _on_alarm(signum: int, frame: object) -> None:
    raise CallTimeout


def _call(answer: Any, call: Any) -> Any:
    from actlearn.grading.sandbox import Outcome, call_once

    signal.setitimer(signal.ITIMER_REAL, max(0.01, float(call.timeout)))
    try:
        outcome = call_once(answer, call)
    except CallTimeout:
        outcome = Outcome("timeout", reason=f"did not return within {call.timeout:g} s (stopped)")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if outcome.status == "raised" and outcome.reason.startswith("raised CallTimeout"):
        return Outcome("timeout", reason=f"did not return within {call.timeout:g} s (stopped)")
    return outcome


def _grade(job: Path, index: int, step: dict[str, Any], namespace: dict[str, Any]) -> None:
    from actlearn.grading import wire
    from actlearn.grading.sandbox import Call

    _log(job, f"exercise {index}")
    try:
        answer = eval(step["answer"], namespace)  # noqa: S307 (the instructor's expression)
        problem = "" if callable(answer) else f"is {type(answer).__name__}, not a function"
    except Exception as exc:  # noqa: BLE001 (a missing answer is a result)
        answer, problem = None, f"{type(exc).__name__}: {exc}"
    outcomes = []
    if not problem:
        for call in step["calls"]:
            outcome = _call(answer, Call(tuple(call["args"]), call["kwargs"], call["timeout"]))
            outcomes.append(outcome.__dict__)
    text, blob = wire.dumps({"problem": problem[:500], "outcomes": outcomes})
    (job / f"out-{index}.npz").write_bytes(blob)
    (job / f"out-{index}.json").write_text(text, encoding="utf-8")


def main(job: Path) -> None:
    """Run the schedule in ``job``; every error is written down, nothing is printed."""
    from actlearn.grading import wire
    from actlearn.grading.borrowing import guarded

    spec = wire.loads((job / "job.json").read_text(encoding="utf-8"),
                      (job / "job.npz").read_bytes(), records=True)  # the grader's cases
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    signal.signal(signal.SIGALRM, _on_alarm)
    namespace: dict[str, Any] = {"__name__": "__main__", "get_ipython": _Shell,
                                 "display": lambda *a, **k: None}
    guards = [guarded(name) for name in spec["guards"]]
    for guard in guards:
        guard.__enter__()
    for kind, index, step in spec["steps"]:
        if kind == "cell":
            _run_cell(job, index, step, namespace)
        else:
            _grade(job, index, step, namespace)
    _log(job, "done")


if __name__ == "__main__":
    sys.setrecursionlimit(10_000)
    try:
        main(Path(sys.argv[1]))
    finally:
        os._exit(0)
