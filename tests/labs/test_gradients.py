"""Tests for actlearn.labs.gradients: the σ' bound, chain products, variance factors, gradient
flow."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import actlearn as al
from actlearn.engine import Tensor
from actlearn.labs import gradients


def test_derivative_peak_is_exact_quarter_for_sigmoid_and_one_for_tanh() -> None:
    assert gradients.derivative_peak("sigmoid") == (0, sp.Rational(1, 4))
    assert gradients.derivative_peak("tanh") == (0, 1)


def test_derivative_peak_refuses_piecewise_activations() -> None:
    with pytest.raises(ValueError, match="piecewise"):
        gradients.derivative_peak("relu")


def test_numeric_peak_agrees_with_symbolic() -> None:
    x_peak, peak = gradients.numeric_derivative_peak("sigmoid")
    assert x_peak == pytest.approx(0.0, abs=1e-9)
    assert peak == pytest.approx(0.25, abs=1e-12)


@given(st.floats(-8, 8), st.integers(0, 12), st.floats(0.2, 3.0))
@settings(max_examples=40, deadline=None)
def test_chain_gradient_matches_the_engine(x0: float, depth: int, weight: float) -> None:
    x = Tensor(np.array(x0), requires_grad=True)
    h = x
    for _ in range(depth):
        h = (h * weight).tanh()
    if depth:
        h.backward()
        expected = x.grad
    else:
        expected = 1.0
    got = gradients.chain_gradients(x0, depth, "tanh", weight)[-1]
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-300)


def test_chain_gradients_start_at_one_and_follow_the_product() -> None:
    grads = gradients.chain_gradients(np.array([0.0, 2.0]), 3)
    assert grads.shape == (4, 2)
    np.testing.assert_array_equal(grads[0], [1.0, 1.0])
    s = al.activation("sigmoid")
    h1 = s(np.array([0.0, 2.0]))
    np.testing.assert_allclose(grads[2], s.derivative(np.array([0.0, 2.0])) * s.derivative(h1))


def test_chain_gradients_rejects_bad_depth() -> None:
    with pytest.raises(ValueError, match="depth"):
        gradients.chain_gradients(0.0, -1)


def test_vanishing_depth_is_first_depth_below_threshold() -> None:
    n = gradients.vanishing_depth(1e-6)
    grads = gradients.chain_gradients(0.0, n)
    assert abs(grads[n]) < 1e-6 <= abs(grads[n - 1])
    assert gradients.vanishing_depth(1e-6, name="relu", x=1.0, max_depth=50) is None


def test_variance_factors_give_he_for_relu_and_lecun_for_small_tanh() -> None:
    assert gradients.variance_factors("relu") == pytest.approx((0.5, 0.5), abs=1e-12)
    forward, backward = gradients.variance_factors("tanh", q=1e-4)
    assert forward == pytest.approx(1.0, abs=1e-3) and backward == pytest.approx(1.0, abs=1e-3)
    with pytest.raises(ValueError, match="q must be positive"):
        gradients.variance_factors("relu", q=0.0)


def test_gradient_flow_vanishes_for_sigmoid_and_stays_flat_for_relu_with_he() -> None:
    sig = gradients.gradient_flow("sigmoid", 20, rng=np.random.default_rng(0))
    relu = gradients.gradient_flow("relu", 20, init="he", rng=np.random.default_rng(0))
    assert sig.activation_grad_norms[0] / sig.activation_grad_norms[-1] < 1e-8
    assert 0.3 < relu.activation_grad_norms[0] / relu.activation_grad_norms[-1] < 3
    assert sig.weight_grad_norms.shape == (20,) and sig.ratio < 1e-8


def test_gradient_flow_explodes_with_large_weight_scale() -> None:
    flow = gradients.gradient_flow("relu", 20, init="he", scale=2.0, rng=np.random.default_rng(0))
    assert flow.activation_grad_norms[0] / flow.activation_grad_norms[-1] > 1e4


def test_gradient_flow_is_deterministic_and_validates() -> None:
    a = gradients.gradient_flow("tanh", 5, rng=np.random.default_rng(3))
    b = gradients.gradient_flow("tanh", 5, rng=np.random.default_rng(3))
    np.testing.assert_array_equal(a.weight_grad_norms, b.weight_grad_norms)
    with pytest.raises(ValueError, match="scale"):
        gradients.gradient_flow("tanh", 5, scale=0.0)
    with pytest.raises(ValueError, match="pointwise"):
        gradients.gradient_flow("softmax", 5)
    with pytest.raises(ValueError, match="initialiser"):
        gradients.gradient_flow("tanh", 5, init="glorot")


def test_update_scale_keeps_small_updates_and_counts_the_steps() -> None:
    u = gradients.update_scale(0.5, 1e-6, lr=0.1, fraction=0.1)
    assert u.change == pytest.approx(-1e-7, rel=1e-8)  # float64 keeps a 1e-7 update on 0.5
    assert u.relative == pytest.approx(2e-7, rel=1e-8)
    assert u.steps == pytest.approx(5e5, rel=1e-8)
    assert u.rounding_limit == pytest.approx(np.finfo(float).eps * 0.5)
    # an update far below eps * |w| is rounded away: no change, infinitely many steps
    lost = gradients.update_scale(0.5, 1e-17, lr=0.1)
    assert lost.change == 0.0 and lost.steps == float("inf")


def test_update_scale_validates() -> None:
    with pytest.raises(ValueError, match="weight"):
        gradients.update_scale(0.0, 1.0)
