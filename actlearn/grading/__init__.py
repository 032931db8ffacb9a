"""Graded exercises: ``grade(name, answer)`` returns a Verdict, ``check(name, answer)`` prints it.

>>> import numpy as np
>>> verdict = grade("relu", lambda x: np.maximum(x, 0.0))
>>> verdict.passed, verdict.score
(True, (6, 6))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from actlearn.grading.display import error_view, show, view
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
    """Show the verdict of ``answer`` on exercise ``name``; never raises.

    In a notebook the verdict is displayed (plain text and HTML, see
    :mod:`actlearn.grading.display`); elsewhere it is printed. An answer that is still the
    stub shows "not answered yet" rather than every check failed.
    """
    try:
        shown = view(grade(name, answer))
    except Exception as exc:  # noqa: BLE001 (a check cell must never raise)
        shown = error_view(name, exc)
    show(shown)
