"""Tests for actlearn.labs.smooth.selfnorm: SELU's fixed point, statistics over depth."""

from __future__ import annotations

import math

import numpy as np
import pytest

from actlearn.activations import SELU_ALPHA, SELU_SCALE
from actlearn.activations.kernels.special import normal_cdf
from actlearn.labs.smooth import selfnorm


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
