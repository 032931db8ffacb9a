"""Tests for actlearn.activations.moments: Gaussian quadrature against closed forms."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actlearn.activations import moments
from actlearn.activations.kernels.special import normal_cdf


@given(st.floats(-3, 3), st.floats(0.1, 5))
@settings(max_examples=30, deadline=None)
def test_gaussian_expectation_matches_closed_forms(mean: float, std: float) -> None:
    assert moments.gaussian_expectation(lambda z: z, mean, std) == pytest.approx(mean, abs=1e-9)
    second = moments.gaussian_expectation(lambda z: z**2, mean, std)
    assert second == pytest.approx(mean**2 + std**2, rel=1e-10)
    # E[max(z, 0)] = mean Φ(mean/std) + std φ(mean/std), with a kink at 0
    t = mean / std
    closed = mean * float(normal_cdf(np.array(t))) + std * math.exp(-t * t / 2) / math.sqrt(
        2 * math.pi
    )
    got = moments.gaussian_expectation(lambda z: np.maximum(z, 0.0), mean, std)
    assert got == pytest.approx(closed, rel=1e-9, abs=1e-12)


def test_gaussian_expectation_rejects_bad_std() -> None:
    with pytest.raises(ValueError, match="std must be positive"):
        moments.gaussian_expectation(np.sin, std=0.0)


def test_relu_moments_match_half_normal_formulas() -> None:
    mean, var = moments.activation_moments("relu")
    assert mean == pytest.approx(1 / math.sqrt(2 * math.pi), rel=1e-12)
    assert var == pytest.approx(0.5 - 1 / (2 * math.pi), rel=1e-12)
