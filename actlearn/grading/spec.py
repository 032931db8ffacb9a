"""What an exercise is: a reference, the checks an answer must pass, known misconceptions.

An :class:`Exercise` holds no answer code of its own: ``reference`` calls the library (the
activation registry, later the autodiff engine), so the grader and the lessons share one
home per fact. A :class:`Check` turns the exercise into calls of the answer and judges the
outcomes; a :class:`Misconception` names a wrong variant a learner is likely to write.
"""

from __future__ import annotations

import copy
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from actlearn.grading.compare import Case
from actlearn.grading.sandbox import Outcome

Judgement = tuple[str | None, tuple[str, ...]]
"""A check's finding: the failure detail (None when it passed) and hints it suggests."""


class Check:
    """Base of every check: subclasses set ``title`` and implement ``cases`` and ``judge``."""

    title: str = ""
    timeout: float = 2.0
    repeats: int = 1
    feeds_hints: bool = False
    """Whether misconception detectors may compare this check's outputs with wrong variants."""
    gated: bool = False
    """A check of form rather than values (shape, dtype, mutation, stability, speed): it
    counts only when every check that is not gated passed, so a wrong answer that merely
    runs earns nothing from it."""

    def cases(self, exercise: Exercise) -> Sequence[Case]:
        raise NotImplementedError

    def judge(
        self, exercise: Exercise, cases: Sequence[Case], outcomes: Sequence[Outcome]
    ) -> Judgement:
        raise NotImplementedError


@dataclass(frozen=True)
class Misconception:
    """A wrong answer learners write, recognised when the answer behaves like ``variant``.

    ``variant`` has the answer's signature. The hint fires when, on every case where the
    answer returned, its output matches the variant, and the variant differs from the
    reference on at least one of them. With ``at_kink`` (a case -> boolean mask of kink
    positions) instead, the hint fires when the answer is wrong only at kinks; with
    ``raised`` (a substring), when a call raised an error whose message contains it.
    """

    hint: str
    variant: Callable[..., Any] | None = None
    at_kink: Callable[[Case], np.ndarray] | None = None
    raised: str = ""


@dataclass(frozen=True)
class Exercise:
    """One graded exercise.

    ``signature`` is what the learner must define (shown in the spec table and the
    solution notebooks); ``reference`` takes the same arguments and returns the expected
    value; ``checks`` run in order and form the verdict.
    """

    name: str
    signature: str
    summary: str
    reference: Callable[..., Any]
    checks: tuple[Check, ...]
    misconceptions: tuple[Misconception, ...] = ()
    rtol: float = 1e-7
    atol: float = 1e-12

    def rng(self) -> np.random.Generator:
        """A generator seeded by the exercise's name: the same hidden cases every run."""
        return np.random.default_rng(zlib.crc32(self.name.encode()))

    def expected(self, case: Case) -> Any:
        """The reference value for ``case`` (computed on copies, warnings silenced; kept on
        the case, so grading many answers on the same cases computes it once)."""
        kept = case.__dict__.get("_expected", _MISSING)
        if kept is _MISSING:
            kept = evaluate(self.reference, case)
            object.__setattr__(case, "_expected", kept)
        return kept


_MISSING = object()


def evaluate(func: Callable[..., Any], case: Case) -> Any:
    """``func(*case.args, **case.kwargs)`` on copies, with floating-point warnings off."""
    args, kwargs = copy.deepcopy((case.args, dict(case.kwargs)))
    with np.errstate(all="ignore"):
        return func(*args, **kwargs)
