"""Values, shapes and derivatives of every activation, against independent references.

References: scalar ``math`` implementations written here from the textbook definitions,
PyTorch's autograd values at the kinks (typed in from its documented backward formulas),
central differences, and the SELU constants re-derived from their fixed-point equations.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actlearn as al
from actlearn.activations import SELU_ALPHA, SELU_SCALE

#: SELU's constants as printed in Klambauer et al. (2017).
PUBLISHED_ALPHA = 1.6732632423543772848170429916717
PUBLISHED_SCALE = 1.0507009873554804934193349852946


def _sig(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


def _gelu_tanh(x: float) -> float:
    return 0.5 * x * (1 + math.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))


REFERENCE = {
    "step": lambda x, threshold: 1.0 if x >= threshold else 0.0,
    "linear": lambda x, slope: slope * x,
    "sigmoid": _sig,
    "tanh": math.tanh,
    "relu": lambda x: max(x, 0.0),
    "threshold": lambda x, threshold, value: x if x > threshold else value,
    "leaky_relu": lambda x, negative_slope: x if x > 0 else negative_slope * x,
    "prelu": lambda x, a: x if x > 0 else a * x,
    "relu6": lambda x: min(max(x, 0.0), 6.0),
    "elu": lambda x, alpha: x if x > 0 else alpha * math.expm1(x),
    "celu": lambda x, alpha: max(0.0, x) + min(0.0, alpha * math.expm1(x / alpha)),
    "selu": lambda x: PUBLISHED_SCALE * (x if x > 0 else PUBLISHED_ALPHA * math.expm1(x)),
    "gelu": lambda x, approximate: (
        _gelu_tanh(x) if approximate == "tanh" else 0.5 * x * math.erfc(-x / math.sqrt(2))
    ),
    "softplus": lambda x, beta, threshold: (
        x if beta * x > threshold else math.log1p(math.exp(beta * x)) / beta
    ),
    "log_sigmoid": lambda x: math.log(_sig(x)),
    "softsign": lambda x: x / (1 + abs(x)),
    "tanhshrink": lambda x: x - math.tanh(x),
    "hardtanh": lambda x, min_val, max_val: min(max(x, min_val), max_val),
    "hardsigmoid": lambda x: min(max(x + 3, 0.0), 6.0) / 6,
    "hardswish": lambda x: x * min(max(x + 3, 0.0), 6.0) / 6,
    "silu": lambda x: x * _sig(x),
    "mish": lambda x: x * math.tanh(math.log1p(math.exp(x))),
    "sin": lambda x, omega_0: math.sin(omega_0 * x),
}


def test_every_pointwise_activation_has_a_reference(pointwise_name: str) -> None:
    assert pointwise_name in REFERENCE


def test_values_match_the_textbook_definition(bound, kinks_of, act_variant) -> None:
    name, params = act_variant
    f = bound(name, **params)
    grid = np.union1d(np.linspace(-12.0, 12.0, 481), kinks_of(name, params))
    expected = [REFERENCE[name](x, **f.params) for x in grid]
    np.testing.assert_allclose(f(grid), expected, rtol=1e-12, atol=1e-15)


# The derivative PyTorch's autograd returns at each kink (its backward formulas).
KINK_DERIVATIVES = [
    ("relu", {}, 0.0, 0.0),
    ("leaky_relu", {}, 0.0, 0.01),
    ("leaky_relu", {"negative_slope": 0.2}, 0.0, 0.2),
    ("prelu", {}, 0.0, 0.25),
    ("relu6", {}, 0.0, 0.0),
    ("relu6", {}, 6.0, 0.0),
    ("elu", {}, 0.0, 1.0),
    ("elu", {"alpha": 2.0}, 0.0, 2.0),
    ("celu", {"alpha": 2.0}, 0.0, 1.0),
    ("selu", {}, 0.0, PUBLISHED_SCALE * PUBLISHED_ALPHA),
    ("hardtanh", {}, -1.0, 0.0),
    ("hardtanh", {}, 1.0, 0.0),
    ("hardtanh", {"min_val": -2.0, "max_val": 3.0}, 3.0, 0.0),
    ("hardsigmoid", {}, -3.0, 0.0),
    ("hardsigmoid", {}, 3.0, 0.0),
    ("threshold", {"threshold": 1.0, "value": -2.0}, 1.0, 0.0),
    ("step", {}, 0.0, 0.0),
    ("softsign", {}, 0.0, 1.0),
    ("softplus", {}, 20.0, _sig(20.0)),  # beta*x == threshold is not yet the linear branch
    ("softplus", {"beta": 2.0, "threshold": 10.0}, 5.0, _sig(10.0)),
    ("hardswish", {}, -3.0, 0.0),
    ("hardswish", {}, 3.0, 1.0),
]  # fmt: skip


@pytest.mark.parametrize(("name", "params", "x", "expected"), KINK_DERIVATIVES)
def test_derivative_at_kinks_is_pytorchs(bound, name, params, x, expected) -> None:
    assert float(bound(name, **params).derivative(x)) == pytest.approx(expected, rel=1e-15)


def test_values_at_kinks() -> None:
    assert float(al.activation("step")(0.0)) == 1.0
    assert float(al.activation("step", threshold=2.0)(2.0)) == 1.0
    assert float(al.activation("threshold", threshold=10.0, value=-1.0)(10.0)) == -1.0
    assert float(al.activation("softplus")(20.0)) == pytest.approx(math.log1p(math.exp(20.0)))


POINTWISE_SHAPES = [(), (1,), (5,), (2, 3), (2, 3, 4)]


@pytest.mark.parametrize("shape", POINTWISE_SHAPES, ids=str)
def test_pointwise_keeps_shape_and_gives_float64(bound, pointwise_name: str, shape) -> None:
    f = bound(pointwise_name)
    x = np.random.default_rng(0).normal(scale=4.0, size=shape)
    for out in (f(x), f.derivative(x), f.vjp(x, np.ones(shape))):
        assert isinstance(out, np.ndarray) and out.dtype == np.float64 and out.shape == shape
    np.testing.assert_array_equal(f.vjp(x, 2 * x), f.derivative(x) * 2 * x)


@pytest.mark.parametrize("scalar", [0.5, 3, np.float32(-1.5), np.int64(2), True])
def test_zero_d_in_gives_zero_d_ndarray_out(bound, pointwise_name: str, scalar) -> None:
    f = bound(pointwise_name)
    dtype = np.float32 if isinstance(scalar, np.float32) else np.float64  # a float keeps its own
    for out in (f(scalar), f.derivative(scalar)):
        assert isinstance(out, np.ndarray) and out.ndim == 0 and out.dtype == dtype
    assert float(f(scalar)) == float(f(np.array([scalar], dtype=dtype))[0])


def test_lists_and_ints_are_accepted(bound, act_name: str) -> None:
    f = bound(act_name)
    np.testing.assert_array_equal(f([1, -2, 3, 0]), f(np.array([1.0, -2.0, 3.0, 0.0])))


def test_input_is_never_modified_nor_aliased(bound, act_name: str) -> None:
    f = bound(act_name)
    x = np.array([[-2.0, 0.5, 1.5, 7.0], [3.0, -0.1, 0.0, 2.0]])
    before = x.copy()
    out = f(x)
    out[...] = 99.0
    np.testing.assert_array_equal(x, before)


def test_raw_record_functions_agree_with_the_bound_ones(bound, act_name: str) -> None:
    f = bound(act_name)
    x = np.random.default_rng(1).normal(scale=3.0, size=(3, 4))
    g = np.random.default_rng(2).normal(size=f(x).shape)
    np.testing.assert_array_equal(f.record.forward(x, **f.params), f(x))
    if f.kind == "pointwise":
        np.testing.assert_array_equal(f.record.derivative(x, **f.params), f.derivative(x))
    else:
        np.testing.assert_array_equal(f.record.vjp(x, g, **f.params), f.vjp(x, g))


def _central_difference(func, x: np.ndarray, h: np.ndarray) -> np.ndarray:
    return (func(x + h) - func(x - h)) / (2 * h)


def test_derivative_matches_central_differences_on_a_grid(bound, kinks_of, act_variant) -> None:
    name, params = act_variant
    f = bound(name, **params)
    x = np.linspace(-10.0, 10.0, 4001)
    for kink in kinks_of(name, params):
        x = x[np.abs(x - kink) > 1e-4]
    h = 1e-6 * np.maximum(1.0, np.abs(x))
    np.testing.assert_allclose(f.derivative(x), _central_difference(f, x, h), rtol=1e-6, atol=1e-7)


@settings(max_examples=25, deadline=None)
@given(x=st.floats(-60.0, 60.0))
def test_derivative_matches_central_differences_anywhere(bound, kinks_of, act_variant, x) -> None:
    name, params = act_variant
    if any(abs(x - k) < 1e-4 * max(1.0, abs(k)) for k in kinks_of(name, params)):
        return
    f = bound(name, **params)
    h = 1e-6 * max(1.0, abs(x))
    fd = float(_central_difference(f, np.array(x), np.array(h)))
    assert float(f.derivative(x)) == pytest.approx(fd, rel=1e-6, abs=1e-7)


def test_pointwise_jacobian_is_the_diagonal_of_the_derivative(bound, pointwise_name) -> None:
    f = bound(pointwise_name)
    x = np.array([-4.0, -0.7, 0.3, 2.5, 7.0])
    np.testing.assert_array_equal(f.jacobian(x), np.diag(f.derivative(x)))


def test_softplus_switches_to_the_identity_past_threshold_over_beta() -> None:
    f = al.activation("softplus", beta=2.0, threshold=10.0)
    assert float(f(5.000001)) == 5.000001
    assert float(f(5.0)) == pytest.approx(math.log1p(math.exp(10.0)) / 2, rel=1e-15)
    assert abs(float(f(5.0)) - 5.0) <= math.exp(-10.0) / 2


def _selu_constants_from_fixed_point() -> tuple[mp.mpf, mp.mpf, mp.mpf, mp.mpf]:
    """α, λ making SELU map N(0, 1) to mean 0 and variance 1, two ways: quadrature, erfc."""
    phi = mp.npdf
    mean_pos = mp.quad(lambda z: z * phi(z), [0, mp.inf])
    mean_neg = mp.quad(lambda z: mp.expm1(z) * phi(z), [-mp.inf, 0])  # per unit α
    square_pos = mp.quad(lambda z: z * z * phi(z), [0, mp.inf])
    square_neg = mp.quad(lambda z: mp.expm1(z) ** 2 * phi(z), [-mp.inf, 0])  # per unit α²
    alpha = -mean_pos / mean_neg  # E[selu] = 0 for any λ
    scale = 1 / mp.sqrt(square_pos + alpha**2 * square_neg)  # E[selu²] = 1
    # The closed forms of the same fixed point (Klambauer et al., eq. 14).
    e, erfc = mp.e, mp.erfc
    alpha_cf = -mp.sqrt(2 / mp.pi) / (erfc(1 / mp.sqrt(2)) * mp.sqrt(e) - 1)
    scale_cf = (1 - erfc(1 / mp.sqrt(2)) * mp.sqrt(e)) * mp.sqrt(2 * mp.pi) / mp.sqrt(
        2 * erfc(mp.sqrt(2)) * e**2
        + mp.pi * erfc(1 / mp.sqrt(2)) ** 2 * e
        - 2 * (2 + mp.pi) * erfc(1 / mp.sqrt(2)) * mp.sqrt(e)
        + mp.pi
        + 2
    )
    return alpha, scale, alpha_cf, scale_cf


def test_selu_constants_are_the_fixed_point_to_1e_15() -> None:
    with mp.workdps(40):
        alpha, scale, alpha_cf, scale_cf = _selu_constants_from_fixed_point()
        assert abs(alpha - alpha_cf) < mp.mpf("1e-30") and abs(scale - scale_cf) < mp.mpf("1e-30")
        assert abs(mp.mpf(SELU_ALPHA) - alpha) <= 1e-15
        assert abs(mp.mpf(SELU_SCALE) - scale) <= 1e-15
    selu = al.activation("selu")
    assert float(selu(1.0)) == SELU_SCALE
    assert float(selu(-np.inf)) == pytest.approx(-SELU_SCALE * SELU_ALPHA, rel=1e-15)
