"""Algebraic identities between activations, checked by Hypothesis on random inputs."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

import actlearn as al
from actlearn.activations import SELU_ALPHA, SELU_SCALE

sigmoid = al.activation("sigmoid")
reals = st.floats(-700.0, 700.0)
moderate = st.floats(-30.0, 30.0)
FEW = settings(max_examples=60, deadline=None)


@FEW
@given(reals)
def test_sigmoid_is_symmetric(x: float) -> None:
    assert float(sigmoid(-x)) == pytest.approx(1 - float(sigmoid(x)), abs=3e-16)


@FEW
@given(st.floats(-350.0, 350.0))
def test_tanh_is_a_rescaled_sigmoid(x: float) -> None:
    tanh = al.activation("tanh")
    assert float(tanh(x)) == pytest.approx(2 * float(sigmoid(2 * x)) - 1, abs=1e-15)


@FEW
@given(reals)
def test_softplus_difference_is_the_identity(x: float) -> None:
    exact = al.activation("softplus", threshold=1000.0)  # the switch never triggers
    assert float(exact(x) - exact(-x)) == pytest.approx(x, rel=1e-15, abs=5e-16)
    # With the default switch at x = 20 the identity holds up to e^-20 (PyTorch's choice).
    default = al.activation("softplus")
    assert abs(float(default(x) - default(-x)) - x) <= math.exp(-20.0) + 1e-14 * abs(x)


@FEW
@given(reals)
def test_log_sigmoid_is_minus_softplus_of_minus_x(x: float) -> None:
    log_sigmoid = al.activation("log_sigmoid")
    exact = al.activation("softplus", threshold=1000.0)
    assert float(log_sigmoid(x)) == pytest.approx(-float(exact(-x)), rel=1e-15, abs=1e-300)
    if abs(x) < 30:
        assert float(log_sigmoid(x)) == pytest.approx(math.log(float(sigmoid(x))), rel=1e-14)


@FEW
@given(reals)
def test_selu_is_scale_times_elu_alpha(x: float) -> None:
    selu = al.activation("selu")
    elu = al.activation("elu", alpha=SELU_ALPHA)
    assert float(selu(x)) == pytest.approx(SELU_SCALE * float(elu(x)), rel=1e-15)
    assert float(selu.derivative(x)) == pytest.approx(
        SELU_SCALE * float(elu.derivative(x)), rel=1e-15
    )


@FEW
@given(reals, st.floats(0.05, 20.0))
def test_celu_is_alpha_elu_of_x_over_alpha(x: float, alpha: float) -> None:
    celu = al.activation("celu", alpha=alpha)
    elu = al.activation("elu")
    assert float(celu(x)) == pytest.approx(alpha * float(elu(x / alpha)), rel=1e-14)


@FEW
@given(reals)
def test_celu_at_alpha_one_is_elu(x: float) -> None:
    assert float(al.activation("celu")(x)) == float(al.activation("elu")(x))


@FEW
@given(moderate)
def test_silu_and_hardswish_are_self_gated(x: float) -> None:
    assert float(al.activation("silu")(x)) == pytest.approx(x * float(sigmoid(x)), rel=1e-15)
    hard = al.activation("hardswish")
    assert float(hard(x)) == pytest.approx(x * float(al.activation("hardsigmoid")(x)), rel=1e-15)


@FEW
@given(moderate, st.floats(-5.0, 5.0))
def test_prelu_is_leaky_relu_with_its_slope(x: float, slope: float) -> None:
    prelu = al.activation("prelu", a=slope)
    leaky = al.activation("leaky_relu", negative_slope=slope)
    assert float(prelu(x)) == float(leaky(x))
    assert float(prelu.derivative(x)) == float(leaky.derivative(x))


@FEW
@given(st.floats(allow_nan=False), st.floats(-5.0, 5.0))
def test_leaky_relu_slope_is_exactly_one_or_alpha(x: float, slope: float) -> None:
    # Both of its kernel's forms: max([x > 0], α) for 0 < α ≤ 1, s + (1 − s)·α for any other α.
    leaky = al.activation("leaky_relu", negative_slope=slope)
    xs = np.array([x, np.nan])
    got = leaky.derivative(xs)
    assert got[0] == (1.0 if x > 0 else slope) and np.isnan(got[1])


# Vector activations ----------------------------------------------------------------------

scores = arrays(np.float64, array_shapes(min_dims=1, max_dims=3, max_side=5),
                elements=st.floats(-100.0, 100.0))  # fmt: skip


def _axis(data: st.DataObject, z: np.ndarray) -> int:
    return data.draw(st.integers(-z.ndim, z.ndim - 1), label="axis")


@FEW
@given(scores, st.floats(-1000.0, 1000.0), st.data())
def test_softmax_is_shift_invariant(z: np.ndarray, shift: float, data) -> None:
    axis = _axis(data, z)
    np.testing.assert_allclose(al.softmax(z + shift, axis), al.softmax(z, axis), atol=1e-12)
    np.testing.assert_allclose(
        al.log_softmax(z + shift, axis), al.log_softmax(z, axis), atol=1e-11
    )


@FEW
@given(scores, st.data())
def test_softmax_rows_are_probabilities(z: np.ndarray, data) -> None:
    axis = _axis(data, z)
    for probs in (al.softmax(z, axis), al.softmin(z, axis), np.exp(al.log_softmax(z, axis))):
        assert probs.shape == z.shape and np.all(probs >= 0) and np.all(probs <= 1)
        np.testing.assert_allclose(probs.sum(axis=axis), 1.0, rtol=1e-13)


@FEW
@given(scores, st.data())
def test_softmin_is_softmax_of_minus_z_and_log_softmax_its_log(z: np.ndarray, data) -> None:
    axis = _axis(data, z)
    np.testing.assert_array_equal(al.softmin(z, axis), al.softmax(-z, axis))
    np.testing.assert_allclose(
        np.exp(al.log_softmax(z, axis)), al.softmax(z, axis), rtol=1e-13, atol=1e-300
    )


@FEW
@given(st.floats(-50.0, 50.0))
def test_sigmoid_is_the_two_class_softmax(x: float) -> None:
    assert al.softmax(np.array([x, 0.0]))[0] == pytest.approx(float(sigmoid(x)), rel=1e-14)


@FEW
@given(scores, st.data())
def test_glu_gates_the_first_half_by_the_second(z: np.ndarray, data) -> None:
    axis = _axis(data, z)
    doubled = np.concatenate([z, -0.5 * z], axis=axis)
    out = al.activation("glu", axis=axis)(doubled)
    assert out.shape == z.shape
    np.testing.assert_allclose(out, z * sigmoid(-0.5 * z), rtol=1e-15, atol=1e-300)


@FEW
@given(scores, st.data())
def test_crelu_concatenates_both_halves_of_relu(z: np.ndarray, data) -> None:
    axis = _axis(data, z)
    out = al.activation("crelu", axis=axis)(z)
    relu = al.activation("relu")
    np.testing.assert_array_equal(out, np.concatenate([relu(z), relu(-z)], axis=axis))
    assert out.shape[axis] == 2 * z.shape[axis]
