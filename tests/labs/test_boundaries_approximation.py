"""Tests for actlearn.labs.boundaries.approximation: the ReLU-sum interpolant, its network form."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from actlearn import nn
from actlearn.labs.boundaries.approximation import (
    TARGETS,
    kink_positions,
    max_error,
    relu_interpolant,
    spread_kinks,
    target,
    train_relu_fit,
)

curves = st.sampled_from(sorted(TARGETS))


@given(curves, st.integers(1, 60))
def test_interpolates_at_every_knot_and_the_right_end(name: str, n: int) -> None:
    f, (low, high) = target(name)
    fit = relu_interpolant(f, low, high, n)
    ends = np.append(fit.knots, high)
    np.testing.assert_allclose(fit(ends), f(ends), atol=1e-9)


@given(curves, st.integers(1, 60))
def test_linear_between_knots(name: str, n: int) -> None:
    f, (low, high) = target(name)
    fit = relu_interpolant(f, low, high, n)
    knots = np.linspace(low, high, n + 1)
    mid = (knots[:-1] + knots[1:]) / 2
    np.testing.assert_allclose(fit(mid), (f(knots[:-1]) + f(knots[1:])) / 2, atol=1e-9)


def test_error_falls_like_one_over_n_squared() -> None:
    f, (low, high) = target("parabola")
    errors = [max_error(f, relu_interpolant(f, low, high, n), low, high) for n in (8, 16, 32)]
    np.testing.assert_allclose(errors, [(4 / n) ** 2 / 4 for n in (8, 16, 32)], rtol=1e-3)


def test_terms_sum_to_the_interpolant_minus_bias() -> None:
    f, (low, high) = target("wave")
    fit = relu_interpolant(f, low, high, 7)
    xs = np.linspace(low, high, 50)
    terms = fit.terms(xs)
    assert terms.shape == (7, 50)
    np.testing.assert_allclose(fit.bias + terms.sum(axis=0), fit(xs))


def test_as_network_runs_as_an_engine_mlp() -> None:
    f, (low, high) = target("bump")
    fit = relu_interpolant(f, low, high, 12)
    net = nn.MLP([1, 12, 1], activation="relu")
    W1, b1, W2, b2 = fit.as_network()
    first, second = net.layers
    first.weight.data[...], first.bias.data[...] = W1, b1
    second.weight.data[...], second.bias.data[...] = W2, b2
    xs = np.linspace(low, high, 40)
    np.testing.assert_allclose(net(xs[:, None]).data[:, 0], fit(xs), atol=1e-12)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="n_pieces must be an int >= 1"):
        relu_interpolant(np.sin, 0.0, 1.0, 0)
    with pytest.raises(ValueError, match="low < high"):
        relu_interpolant(np.sin, 1.0, 1.0, 3)
    with pytest.raises(ValueError, match="unknown target curve 'saw'"):
        target("saw")


def test_spread_kinks_places_every_kink_inside_the_interval() -> None:
    layer = nn.Linear(1, 50, rng=np.random.default_rng(1))
    assert np.all(kink_positions(layer)[layer.weight.data[0] != 0] == 0.0)  # biases start at 0
    spread_kinks(layer, -2.0, 3.0, np.random.default_rng(2))
    kinks = kink_positions(layer)
    assert np.all((kinks >= -2.0) & (kinks <= 3.0))
    assert np.ptp(kinks) > 4.0


def test_kink_positions_needs_one_input() -> None:
    with pytest.raises(ValueError, match="one input"):
        kink_positions(nn.Linear(2, 3))


def test_training_with_spread_kinks_beats_zero_biases() -> None:
    stuck = train_relu_fit("wave", width=16, steps=600, spread=False)
    spread = train_relu_fit("wave", width=16, steps=600, spread=True)
    assert spread.loss[-1] < 0.5 * stuck.loss[-1]
    assert spread.max_error < stuck.max_error
    f, (low, high) = target("wave")
    assert spread.max_error == pytest.approx(max_error(f, spread, low, high))
    assert spread.loss.shape == (600,)
