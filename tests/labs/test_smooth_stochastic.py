"""Tests for actlearn.labs.smooth.stochastic: GELU's random mask, (alpha-)dropout, revival."""

from __future__ import annotations

import numpy as np
import pytest

import actlearn as al
from actlearn.activations.moments import gaussian_expectation
from actlearn.labs.smooth import stochastic


def test_mask_average_converges_to_gelu_like_one_over_root_n() -> None:
    x = np.linspace(-3.0, 3.0, 61)
    gelu = al.activation("gelu")(x)
    errors = [np.abs(stochastic.gelu_mask_average(x, n, np.random.default_rng(1)) - gelu).max()
              for n in (100, 10_000)]
    assert errors[1] < errors[0] / 4 and errors[1] < 0.02
    with pytest.raises(ValueError, match="samples"):
        stochastic.gelu_mask_average(x, 0)


def test_alpha_dropout_keeps_mean_zero_and_variance_one_exactly() -> None:
    # for h ~ selu(N(0, 1)) (mean 0, variance 1) the dropped-out output has moments
    # E = a (q E[h] + (1 - q) α') + b and E[y^2] computed exactly by quadrature
    selu = al.activation("selu")
    for rate in (0.05, 0.1, 0.3):
        saturation, a, b = stochastic.alpha_dropout_constants(rate)
        q = 1 - rate
        m1 = gaussian_expectation(selu)
        m2 = gaussian_expectation(lambda z: selu(z) ** 2)
        mean = a * (q * m1 + (1 - q) * saturation) + b
        second = (a**2 * (q * m2 + (1 - q) * saturation**2) + 2 * a * b * (q * m1 + (1 - q) *
                  saturation) + b**2)
        assert mean == pytest.approx(0.0, abs=1e-9)
        assert second - mean**2 == pytest.approx(1.0, abs=1e-9)
    assert stochastic.alpha_dropout_constants(0.0)[1:] == (1.0, 0.0)


def test_dropout_kinds_and_validation() -> None:
    h = np.random.default_rng(0).standard_normal((400, 400))
    standard = stochastic.dropout(h, 0.2, "standard", np.random.default_rng(1))
    assert np.mean(standard == 0) == pytest.approx(0.2, abs=0.01)
    assert standard.var() == pytest.approx(h.var() / 0.8, rel=0.02)
    assert stochastic.dropout(h, 0.0) is not None and np.array_equal(stochastic.dropout(h, 0.0), h)
    with pytest.raises(ValueError, match="kind"):
        stochastic.dropout(h, 0.1, "gaussian")
    with pytest.raises(ValueError, match="rate"):
        stochastic.dropout(h, 1.0)


def test_alpha_dropout_keeps_a_selu_network_normalised_standard_dropout_does_not() -> None:
    alpha = stochastic.dropout_statistics("alpha", 0.1, depth=16, width=128, batch=128)
    standard = stochastic.dropout_statistics("standard", 0.1, depth=16, width=128, batch=128)
    assert alpha.mean.shape == (17,) and alpha.kind == "alpha"
    assert np.all(np.abs(alpha.variance[1:] - 1) < 0.1) and np.all(np.abs(alpha.mean) < 0.05)
    assert standard.variance[-1] > 1.3


def test_a_selu_unit_revives_a_relu_unit_stays_dead() -> None:
    relu = stochastic.revival_run("relu", steps=100)
    selu = stochastic.revival_run("selu", steps=200)
    assert relu.active[0] == 0 and np.all(relu.active == 0) and np.all(relu.bias == -4.0)
    assert selu.active[0] == 0 and selu.active[-1] > 0.5 and selu.bias[-1] > selu.bias[0]
    assert selu.loss[-1] < relu.loss[-1]
