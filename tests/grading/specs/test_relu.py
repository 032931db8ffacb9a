"""The prelu exercise: a correct answer passes, typical wrong answers fail with their hint."""

from __future__ import annotations

import numpy as np
import pytest

from actlearn.grading import grade


def prelu(x, a=0.25):
    return np.where(x > 0, x, a * x)


def test_correct_prelu_passes_every_check() -> None:
    verdict = grade("prelu", prelu)
    assert verdict.passed and verdict.score == (6, 6) and not verdict.hints


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (lambda x, a=0.25: np.maximum(x, a * x), "only when a <= 1"),
        (lambda x, a=0.25: np.where(x > 0, a * x, x), "belongs on the negative side"),
        (lambda x, a=0.25: np.where(x > 0, x, 0.25 * x), "instead of a fixed 0.25"),
        (lambda x, a=0.25: np.maximum(x, 0.0), "that is ReLU"),
    ],
)
def test_wrong_prelu_fails_with_its_hint(answer, hint: str) -> None:
    verdict = grade("prelu", answer)
    assert not verdict.passed
    assert len(verdict.hints) == 1 and hint in verdict.hints[0]


def test_in_place_prelu_is_caught() -> None:
    def in_place(x, a=0.25):
        x[x < 0] *= a
        return x

    verdict = grade("prelu", in_place)
    assert not verdict.passed and "leaves its input unchanged" in str(verdict)
