"""Graded exercises: ``grade(name, answer)`` returns a Verdict, ``check(name, answer)`` prints it.

>>> import numpy as np
>>> verdict = grade("relu", lambda x: np.maximum(x, 0.0))
>>> verdict.passed, verdict.score
(True, (6, 6))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from actlearn.grading.exercises import exercise_names, get_exercise, spec_table
from actlearn.grading.grader import run_exercise
from actlearn.grading.verdict import CheckResult, Verdict

__all__ = [
    "CheckResult",
    "Verdict",
    "check",
    "exercise_names",
    "get_exercise",
    "grade",
    "spec_table",
]


def grade(name: str, answer: Callable[..., Any]) -> Verdict:
    """Run every check of exercise ``name`` on ``answer`` (nothing is printed).

    Raises ValueError for an unknown exercise name; anything the answer does (raise, hang,
    exit, print) becomes a failed check in the verdict.
    """
    return run_exercise(get_exercise(name), answer)


def check(name: str, answer: Callable[..., Any]) -> None:
    """Print the verdict of ``answer`` on exercise ``name``; never raises."""
    try:
        text = str(grade(name, answer))
    except Exception as exc:  # noqa: BLE001 (a check cell must never raise)
        text = f"{name}: FAILED 0/0 checks\n  {type(exc).__name__}: {exc}"
    print(text)
