"""One submission's job for the learner's process, and its results read back as plain data.

:func:`write_job` puts the schedule (the submission's code cells and, for each exercise, the
grader's calls) into ``job.json``/``job.npz``; :func:`read_results` reads what the process
left behind, trusting nothing: files are opened without following links, only if regular
and small, decoded without pickle, and every field is checked (a wrong type or count is a
failed call). The verdicts are then computed here, in the grader's process.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actlearn.grading import get_exercise, wire
from actlearn.grading.borrowing import GUARDS, MARK
from actlearn.grading.grader import Plan, calls_of, judge, plan
from actlearn.grading.sandbox import Outcome
from actlearn.grading.verdict import Verdict

MAX_RESULT = 200 * 2**20
STATUSES = {"returned", "raised", "exited", "flood", "timeout", "crashed", "skipped"}


@dataclass
class Planned:
    """An exercise to grade: its name, the instructor's answer expression and its plan."""

    name: str
    answer: str
    steps: Plan | None  # None: the exercise is not in this grader's table


def planned(exercises: list[tuple[str, str]], plans: dict[str, Plan] | None = None
            ) -> list[Planned]:
    """The plan of each exercise; ``plans`` keeps them across submissions (the same case
    objects then keep their reference values, computed once per run)."""
    plans = {} if plans is None else plans
    found = []
    for name, answer in exercises:
        try:
            if name not in plans:
                plans[name] = plan(get_exercise(name))
            found.append(Planned(name, answer, plans[name]))
        except ValueError:
            found.append(Planned(name, answer, None))
    return found


def write_job(folder: Path, schedule: list[tuple[str, int, str]], work: list[Planned]) -> None:
    """``job.json`` and ``job.npz`` in ``folder`` for the worker."""
    steps: list[list[Any]] = []
    for kind, index, text in schedule:
        if kind == "cell":
            steps.append(["cell", index, text])
            continue
        item = work[index]
        calls = calls_of(item.steps) if item.steps else []
        steps.append(["grade", index, {"answer": item.answer, "calls": [
            {"args": tuple(c.args), "kwargs": dict(c.kwargs), "timeout": c.timeout}
            for c in calls]}])
    guards = [w.name for w in work if w.name in GUARDS]
    text, blob = wire.dumps({"steps": steps, "guards": guards})
    (folder / "job.json").write_text(text, encoding="utf-8")
    (folder / "job.npz").write_bytes(blob)


def read_small(path: Path, limit: int = MAX_RESULT) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes (no links followed), else None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        return handle.read(limit + 1)[:limit]


def _outcome(raw: Any) -> Outcome:
    if not isinstance(raw, dict) or raw.get("status") not in STATUSES:
        return Outcome("crashed", reason="its process sent back something that is not a result")
    reason = raw.get("reason")
    warned = raw.get("warnings")
    elapsed = raw.get("elapsed")
    return Outcome(
        str(raw["status"]), raw.get("value"),
        reason[:300] if isinstance(reason, str) else "",
        tuple(w[:200] for w in warned[:5] if isinstance(w, str))
        if isinstance(warned, tuple | list) else (),
        raw.get("mutated") is True,
        float(elapsed) if isinstance(elapsed, float | int) and elapsed >= 0 else 0.0,
    )


@dataclass
class Result:
    """What came back for one exercise: a verdict, or why there is none."""

    verdict: Verdict | None = None
    problem: str = ""
    borrowed: bool = False


def read_result(folder: Path, index: int, item: Planned) -> Result | None:
    """The judged result of exercise ``index``; None when the process never reported it."""
    text, blob = read_small(folder / f"out-{index}.json"), read_small(folder / f"out-{index}.npz")
    if text is None or blob is None:
        return None
    try:
        data = wire.loads(text.decode("utf-8", errors="replace"), blob)
    except ValueError as exc:
        return Result(problem=str(exc))
    if not isinstance(data, dict):
        return Result(problem="its process sent back something that is not a result")
    problem = data.get("problem")
    if isinstance(problem, str) and problem:
        return Result(problem=f"no answer: {problem[:200]}")
    raw = data.get("outcomes")
    raw = raw if isinstance(raw, list) else []
    outcomes = [_outcome(r) for r in raw]
    expected = len(calls_of(item.steps or []))
    outcomes = outcomes[:expected] + [Outcome("crashed", reason="no result for this call")] * (
        expected - len(outcomes))
    borrowed = any(MARK in o.reason for o in outcomes)
    return Result(judge(get_exercise(item.name), item.steps or [], outcomes), borrowed=borrowed)


def progress(folder: Path) -> tuple[int | None, dict[int, str]]:
    """The last cell the process started (0-based) and the errors of cells, by index."""
    raw = read_small(folder / "progress.txt", 2**20) or b""
    last, errors = None, {}
    for line in raw.decode("utf-8", errors="replace").splitlines()[-10_000:]:
        kind, _, rest = line.partition(" ")
        number, _, message = rest.partition(" ")
        if kind == "cell" and number.isdigit():
            last = int(number)
        elif kind == "error":
            head, _, message = rest.partition(" ")
            if head.isdigit():
                errors[int(head)] = message[:200]
    return last, errors
