"""actlearn.labs.linear: N linear layers are one, least squares, ReLU features, XOR."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actlearn.data import xor
from actlearn.labs import linear


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 6), min_size=2, max_size=7), st.integers(0, 2**32 - 1))
def test_the_collapsed_layer_computes_what_the_stack_computes(widths, seed) -> None:
    rng = np.random.default_rng(seed)
    layers = linear.random_layers(widths, rng)
    x = rng.normal(size=(widths[0], 5))
    W, b = linear.collapse(layers)
    assert W.shape == (widths[-1], widths[0])
    np.testing.assert_allclose(linear.forward(layers, x), W @ x + b[:, None],
                               rtol=1e-9, atol=1e-9)


def test_collapse_of_two_layers_is_w2w1_and_w2b1_plus_b2() -> None:
    rng = np.random.default_rng(3)
    (W1, b1), (W2, b2) = linear.random_layers([3, 4, 2], rng)
    W, b = linear.collapse([(W1, b1), (W2, b2)])
    np.testing.assert_allclose(W, W2 @ W1)
    np.testing.assert_allclose(b, W2 @ b1 + b2)


def test_a_relu_between_layers_breaks_the_collapse() -> None:
    rng = np.random.default_rng(4)
    layers = linear.random_layers([1, 8, 1], rng)
    x = np.linspace(-3, 3, 50)[None, :]
    W, b = linear.collapse(layers)
    assert not np.allclose(linear.forward(layers, x, "relu"), W @ x + b[:, None])


def test_forward_accepts_one_column_vector() -> None:
    layers = [(np.array([[2.0, 0.0]]), np.array([1.0]))]
    np.testing.assert_allclose(linear.forward(layers, np.array([3.0, 5.0])), [7.0])


def test_bad_layers_are_named() -> None:
    with pytest.raises(ValueError, match="at least one"):
        linear.collapse([])
    with pytest.raises(ValueError, match="layer 1 takes 3 inputs but layer 0 gives 2"):
        linear.collapse([(np.ones((2, 2)), np.ones(2)), (np.ones((1, 3)), np.ones(1))])
    with pytest.raises(ValueError, match="layer 0: expected W of shape"):
        linear.collapse([(np.ones((2, 2)), np.ones(3))])


def test_least_squares_recovers_a_line_exactly() -> None:
    x = np.linspace(-1, 1, 9)
    coef, fit = linear.least_squares(linear.linear_features(x), 2 * x + 3)
    np.testing.assert_allclose(coef, [3.0, 2.0])
    np.testing.assert_allclose(fit, 2 * x + 3)


def test_the_best_linear_model_of_xor_says_one_half_everywhere() -> None:
    corners, targets = xor()
    coef, fit = linear.least_squares(linear.linear_features(corners), targets)
    np.testing.assert_allclose(fit, 0.5, atol=1e-12)
    np.testing.assert_allclose(coef[1:], 0.0, atol=1e-12)


def test_two_relu_units_compute_xor() -> None:
    corners, targets = xor()
    out = linear.forward(linear.xor_relu_network(), corners.T, "relu")[0]
    np.testing.assert_array_equal(out, targets)


def test_relu_features_are_piecewise_linear_with_kinks_at_the_knots() -> None:
    x = np.array([-1.0, 0.0, 0.5, 2.0])
    np.testing.assert_allclose(linear.relu_features(x, [0.0, 1.0]),
                               [[1, -1, 0, 0], [1, 0, 0, 0], [1, 0.5, 0.5, 0], [1, 2, 2, 1]])
    np.testing.assert_allclose(linear.even_knots(-3, 3, 2), [-1.0, 1.0])
    with pytest.raises(ValueError, match="1-D x"):
        linear.relu_features(np.ones((2, 2)), [0.0])


def test_curve_samples_are_reproducible_and_checked() -> None:
    a = linear.curve_samples("x²", 10, 0.1, np.random.default_rng(0))
    b = linear.curve_samples("x²", 10, 0.1, np.random.default_rng(0))
    np.testing.assert_array_equal(a[1], b[1])
    with pytest.raises(ValueError, match="unknown curve"):
        linear.curve_samples("x^3", 10, 0.1, np.random.default_rng(0))
