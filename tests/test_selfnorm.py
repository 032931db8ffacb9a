"""Tests for actlearn.selfnorm: Gaussian quadrature, SELU's fixed point, statistics over depth."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actlearn import selfnorm
from actlearn._special import normal_cdf
from actlearn.activations import SELU_ALPHA, SELU_SCALE


@given(st.floats(-3, 3), st.floats(0.1, 5))
@settings(max_examples=30, deadline=None)
def test_gaussian_expectation_matches_closed_forms(mean: float, std: float) -> None:
    assert selfnorm.gaussian_expectation(lambda z: z, mean, std) == pytest.approx(mean, abs=1e-9)
    second = selfnorm.gaussian_expectation(lambda z: z**2, mean, std)
    assert second == pytest.approx(mean**2 + std**2, rel=1e-10)
    # E[max(z, 0)] = mean Φ(mean/std) + std φ(mean/std), with a kink at 0
    t = mean / std
    closed = mean * float(normal_cdf(np.array(t))) + std * math.exp(-t * t / 2) / math.sqrt(
        2 * math.pi
    )
    got = selfnorm.gaussian_expectation(lambda z: np.maximum(z, 0.0), mean, std)
    assert got == pytest.approx(closed, rel=1e-9, abs=1e-12)


def test_gaussian_expectation_rejects_bad_std() -> None:
    with pytest.raises(ValueError, match="std must be positive"):
        selfnorm.gaussian_expectation(np.sin, std=0.0)


def test_relu_moments_match_half_normal_formulas() -> None:
    mean, var = selfnorm.activation_moments("relu")
    assert mean == pytest.approx(1 / math.sqrt(2 * math.pi), rel=1e-12)
    assert var == pytest.approx(0.5 - 1 / (2 * math.pi), rel=1e-12)


def test_published_selu_constants_give_mean_zero_variance_one() -> None:
    mean, var = selfnorm.selu_moments(SELU_ALPHA, SELU_SCALE)
    assert abs(mean) < 1e-12 and var == pytest.approx(1.0, abs=1e-12)


def test_newton_recovers_the_published_selu_constants() -> None:
    sol = selfnorm.solve_selu_constants()
    assert sol.alpha == pytest.approx(SELU_ALPHA, abs=1e-10)
    assert sol.scale == pytest.approx(SELU_SCALE, abs=1e-10)
    assert sol.residual < 1e-12 and sol.path[0] == (1.0, 1.0) and len(sol.path) < 10
    # the mean condition alone fixes alpha in closed form: phi(0) / (1/2 - e^(1/2) Φ(-1))
    tail = float(normal_cdf(np.array(-1.0)))
    closed = (1 / math.sqrt(2 * math.pi)) / (0.5 - math.exp(0.5) * tail)
    assert sol.alpha == pytest.approx(closed, abs=1e-10)


def test_solver_validates_its_start() -> None:
    with pytest.raises(ValueError, match="positive"):
        selfnorm.solve_selu_constants(start=(-1.0, 1.0))


def test_selu_keeps_mean_and_variance_over_64_layers_relu_does_not() -> None:
    rng = np.random.default_rng(0)
    selu = selfnorm.layer_statistics("selu", 64, width=128, batch=128, rng=rng)
    relu = selfnorm.layer_statistics("relu", 64, width=128, batch=128, rng=rng)
    assert selu.mean.shape == (65,) and selu.name == "selu"
    assert np.all(np.abs(selu.mean) < 0.1) and np.all(np.abs(selu.variance - 1) < 0.15)
    assert relu.variance[-1] < 1e-10


def test_layer_statistics_validates() -> None:
    with pytest.raises(ValueError, match="batch"):
        selfnorm.layer_statistics("selu", 3, batch=1)


def test_selu_pulls_other_input_variances_back_towards_one() -> None:
    for std in (3.0, 0.2):
        run = selfnorm.layer_statistics("selu", 48, width=128, batch=128, input_std=std,
                                        rng=np.random.default_rng(1))
        assert run.variance[0] == pytest.approx(std**2, rel=0.05)
        assert abs(run.variance[-1] - 1.0) < 0.15
    shifted = selfnorm.layer_statistics("selu", 2, width=64, batch=64, input_mean=2.0)
    assert shifted.mean[0] == pytest.approx(2.0, abs=0.05)
