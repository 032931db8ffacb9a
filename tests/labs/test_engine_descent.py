"""Tests for actlearn.labs.engine.descent: gradient descent on the quadratic bowl."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from actlearn.labs.engine.descent import BLOW_UP, CURVATURES, START, descend


@given(st.floats(0.001, 0.19), st.integers(1, 30))
def test_each_coordinate_shrinks_by_one_minus_alpha_lambda(lr: float, steps: int) -> None:
    path = descend(lr, steps)
    factors = (1 - lr * np.asarray(CURVATURES)) ** steps
    np.testing.assert_allclose(path.thetas[-1], np.asarray(START) * factors, rtol=1e-9,
                               atol=1e-300)
    expected = 0.5 * (np.asarray(CURVATURES) * path.thetas**2).sum(axis=1)
    np.testing.assert_allclose(path.losses, expected, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize(("lr", "verdict"), [(0.005, "crawls"), (0.05, "converges"),
                                             (0.15, "oscillates"), (0.21, "diverges")])
def test_verdicts_follow_the_curvatures(lr: float, verdict: str) -> None:
    path = descend(lr, 40)
    assert path.verdict() == verdict
    assert (path.losses[-1] > path.losses[0]) == (verdict == "diverges")


def test_a_huge_rate_stops_early() -> None:
    path = descend(5.0, 100)
    assert path.diverged and len(path.thetas) < 101
    assert np.abs(path.thetas[-1]).max() > BLOW_UP


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="need lr > 0"):
        descend(0.0)
