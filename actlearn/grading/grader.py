"""Grade one answer against one exercise: run every check's calls once, then judge."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from actlearn.grading.compare import Case, failure_of, kind_of
from actlearn.grading.hints import detect
from actlearn.grading.sandbox import Call, Outcome, run_calls
from actlearn.grading.spec import Check, Exercise
from actlearn.grading.verdict import CheckResult, Verdict

BUDGET = 30.0
"""Seconds one grading may spend running the answer (hangs are cut well before this)."""
HANG_HINT = "The function never finished: look for a loop whose condition never changes."


def _plan(exercise: Exercise) -> list[tuple[Check, list[Case]]]:
    plan = []
    for check in exercise.checks:
        cases = [case for case in check.cases(exercise) for _ in range(check.repeats)]
        plan.append((check, cases))
    return plan


def _same_failure(exercise: Exercise, reason: str, hints: tuple[str, ...] = ()) -> Verdict:
    results = tuple(
        CheckResult(c.title, False, reason if i == 0 else "same as above")
        for i, c in enumerate(exercise.checks)
    )
    return Verdict(exercise.name, results, hints)


def _not_a_function(exercise: Exercise, answer: Any) -> Verdict:
    return _same_failure(
        exercise,
        f"the answer is {kind_of(answer)}, not a function: pass the "
        f"function itself, e.g. check({exercise.name!r}, {exercise.name})",
    )


def _never_returned(exercise: Exercise, outcomes: Sequence[Outcome]) -> Verdict:
    """One reason for all checks when no call gave a value (raised, exited, hung, None)."""
    hints = (HANG_HINT,) if outcomes[0].status == "timeout" else ()
    hints = detect(exercise, [(Case(()), o) for o in outcomes]) + hints
    return _same_failure(exercise, failure_of(outcomes[0]) or "", hints)


def run_exercise(exercise: Exercise, answer: Callable[..., Any], budget: float = BUDGET) -> Verdict:
    """The verdict of ``answer`` on every check of ``exercise``."""
    if not callable(answer):
        return _not_a_function(exercise, answer)
    plan = _plan(exercise)
    calls = [Call(c.args, c.kwargs, check.timeout) for check, cases in plan for c in cases]
    outcomes = run_calls(answer, calls, budget=budget)
    if outcomes and all(failure_of(o) for o in outcomes):
        return _never_returned(exercise, outcomes)
    results: list[CheckResult] = []
    hints: list[str] = []
    observed: list[tuple[Case, Outcome]] = []
    start = 0
    for check, cases in plan:
        mine: Sequence[Outcome] = outcomes[start : start + len(cases)]
        start += len(cases)
        detail, check_hints = check.judge(exercise, cases, mine)
        results.append(CheckResult(check.title, detail is None, detail or ""))
        if detail is not None:
            hints += check_hints
        if check.feeds_hints:
            observed += zip(cases, mine, strict=True)
    verdict = Verdict(exercise.name, tuple(results))
    if not verdict.passed:
        hints = list(detect(exercise, observed)) + hints
    return Verdict(exercise.name, tuple(results), tuple(dict.fromkeys(hints)))
