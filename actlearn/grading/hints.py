"""Misconception detectors: compare an answer's outputs with known wrong variants.

A hint names what the learner probably did (the sign flipped, tanh for sigmoid, no max
shift in softmax, the wrong axis, a plain normalisation, the value at a kink), judged only
from what the answer returned on the checks' cases, never from its source code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from actlearn.grading.compare import Case, failure_of, mismatch, wrong_positions
from actlearn.grading.sandbox import Outcome
from actlearn.grading.spec import Exercise, Misconception, evaluate


def kink_at(*points: float) -> Callable[[Case], np.ndarray]:
    """Mask of the first argument's entries that sit on one of ``points``.

    >>> kink_at(0.0)(Case((np.array([-1.0, 0.0, 2.0]),)))
    array([False,  True, False])
    """
    return lambda case: np.isin(np.asarray(case.args[0]), points)


def _behaves_like(
    exercise: Exercise, variant: Callable, observed: Sequence[tuple[Case, Outcome]]
) -> bool:
    compared = differs = 0
    for case, outcome in observed:
        try:
            wrong = evaluate(variant, case)
        except Exception:  # noqa: BLE001 (a variant may not apply to every case)
            continue
        compared += 1
        if mismatch(outcome.value, wrong, exercise.rtol, exercise.atol) is not None:
            return False
        differs += (
            mismatch(wrong, exercise.expected(case), exercise.rtol, exercise.atol) is not None
        )
    return compared > 0 and differs > 0


def _wrong_only_at_kinks(
    exercise: Exercise, kink: Callable[[Case], np.ndarray], observed: Sequence[tuple[Case, Outcome]]
) -> bool:
    any_wrong = False
    for case, outcome in observed:
        wrong = wrong_positions(
            outcome.value, exercise.expected(case), exercise.rtol, exercise.atol
        )
        if wrong is None:
            return False
        on_kink = np.broadcast_to(kink(case), wrong.shape)
        if (wrong & ~on_kink).any():
            return False
        any_wrong |= bool(wrong.any())
    return any_wrong


def fires(
    exercise: Exercise, misconception: Misconception, observed: Sequence[tuple[Case, Outcome]]
) -> bool:
    """Whether the answer's returned outputs point at ``misconception``."""
    if misconception.raised:
        return any(o.status == "raised" and misconception.raised in o.reason for _, o in observed)
    usable = [(c, o) for c, o in observed if failure_of(o) is None]
    if not usable:
        return False
    if misconception.at_kink is not None:
        return _wrong_only_at_kinks(exercise, misconception.at_kink, usable)
    if misconception.variant is not None:
        return _behaves_like(exercise, misconception.variant, usable)
    return False


def detect(exercise: Exercise, observed: Sequence[tuple[Case, Outcome]]) -> tuple[str, ...]:
    """Hints of every misconception of ``exercise`` that the outputs point at, in table order."""
    return tuple(m.hint for m in exercise.misconceptions if fires(exercise, m, observed))
