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


Plan = list[tuple[Check, list[Case]]]
"""Each check with the cases it calls the answer on (repeated ``check.repeats`` times)."""
UNCOUNTED = "counts only once the values are right"


def plan(exercise: Exercise) -> Plan:
    """Every check of ``exercise`` with its cases, in the order the answer is called."""
    found = []
    for check in exercise.checks:
        cases = [case for case in check.cases(exercise) for _ in range(check.repeats)]
        found.append((check, cases))
    return found


def calls_of(steps: Plan) -> list[Call]:
    """The calls of the answer that ``steps`` makes, in order."""
    return [Call(c.args, c.kwargs, check.timeout) for check, cases in steps for c in cases]


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
    steps = plan(exercise)
    return judge(exercise, steps, run_calls(answer, calls_of(steps), budget=budget))


def _gate(results: list[CheckResult], steps: Plan) -> list[CheckResult]:
    """Gated checks (shape, mutation, speed, ...) count only when the values are right."""
    values_right = all(r.passed for r, (c, _) in zip(results, steps, strict=True) if not c.gated)
    if values_right:
        return results
    return [CheckResult(r.title, False, UNCOUNTED) if c.gated and r.passed else r
            for r, (c, _) in zip(results, steps, strict=True)]


def judge(exercise: Exercise, steps: Plan, outcomes: Sequence[Outcome]) -> Verdict:
    """The verdict from the outcomes of the calls ``calls_of(steps)`` made, in that order."""
    if outcomes and all(failure_of(o) for o in outcomes):
        return _never_returned(exercise, outcomes)
    results: list[CheckResult] = []
    hints: list[str] = []
    observed: list[tuple[Case, Outcome]] = []
    start = 0
    for check, cases in steps:
        mine: Sequence[Outcome] = outcomes[start : start + len(cases)]
        start += len(cases)
        detail, check_hints = check.judge(exercise, cases, mine)
        results.append(CheckResult(check.title, detail is None, detail or ""))
        if detail is not None:
            hints += check_hints
        if check.feeds_hints:
            observed += zip(cases, mine, strict=True)
    results = _gate(results, steps)
    verdict = Verdict(exercise.name, tuple(results))
    if not verdict.passed:
        hints = list(detect(exercise, observed)) + hints
    return Verdict(exercise.name, tuple(results), tuple(dict.fromkeys(hints)))
