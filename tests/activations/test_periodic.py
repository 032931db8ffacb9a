"""The sine and cosine of ``kernels.periodic`` against math.sin, math.cos and mpmath.

Within 2 ulps everywhere they run (|ω₀x| up to 8.2e5, where NumPy's take over), including
the relative precision near their zeros (multiples of π/2, where the range reduction must not
cancel), signed zeros, tiny and subnormal inputs, ±inf and NaN, and arrays of any shape.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actlearn as al
from actlearn.activations.kernels import periodic

ULPS = 2


def _ulps(got: np.ndarray, exact: np.ndarray) -> float:
    """The largest |got − exact| in units of the last place of exact (its spacing)."""
    return float(np.max(np.abs(got - exact) / np.spacing(np.abs(exact))))


@pytest.mark.parametrize("scale", [1e-3, 1.0, 30.0, 1e3, 1e5, 5e5, 1e7])
def test_within_two_ulps_of_math_sin_and_cos(scale) -> None:
    x = np.random.default_rng(0).standard_normal(20_001) * scale
    sine, cosine = periodic.sin(x), periodic.sin_grad(x)
    assert _ulps(sine, np.array([math.sin(v) for v in x])) <= ULPS
    assert _ulps(cosine, np.array([math.cos(v) for v in x])) <= ULPS


def test_relative_precision_near_the_zeros() -> None:
    """x the double nearest k·π/2: sin or cos of it is tiny, and must still be right to a few
    ulps of itself (checked in 50 digits)."""
    ks = [1, 2, 3, 7, 100, 1001, 12_345, 99_999, 300_001, 500_000]
    with mpmath.workdps(50):
        x = np.array([float(k * mpmath.pi / 2) for k in ks])
        exact_sin = np.array([float(mpmath.sin(mpmath.mpf(v))) for v in x])
        exact_cos = np.array([float(mpmath.cos(mpmath.mpf(v))) for v in x])
    assert _ulps(periodic.sin(x), exact_sin) <= ULPS
    assert _ulps(periodic.sin_grad(x), exact_cos) <= ULPS


def test_signed_zeros_tiny_values_and_non_finite() -> None:
    x = np.array([0.0, -0.0, 1e-300, -1e-300, 5e-324, -5e-324, np.inf, -np.inf, np.nan, 1e308])
    with np.errstate(invalid="ignore"):
        expected_sin, expected_cos = np.sin(x), np.cos(x)
    sine, cosine = periodic.sin(x), periodic.sin_grad(x)
    np.testing.assert_array_equal(sine, expected_sin)
    np.testing.assert_array_equal(np.signbit(sine), np.signbit(expected_sin))
    np.testing.assert_array_equal(cosine, expected_cos)


def test_omega_scales_the_argument_as_numpy_rounds_it() -> None:
    x = np.random.default_rng(1).standard_normal(5000)
    for omega in (1.0, 30.0, 0.1):
        v = x * omega
        value, slope = periodic.sin_and_grad(x, omega)
        assert _ulps(value, np.array([math.sin(t) for t in v])) <= ULPS
        assert _ulps(slope, omega * np.array([math.cos(t) for t in v])) <= ULPS + 1


def test_any_shape_and_layout_gives_the_values_of_single_elements() -> None:
    rng = np.random.default_rng(2)
    big = rng.standard_normal(70_000) * 40  # several blocks
    for x in (big, big.reshape(-1, 7)[:, ::2], np.array(1.5), np.empty((0, 3))):
        value, slope = periodic.sin_and_grad(x, 30.0)
        assert value.shape == slope.shape == x.shape and value.dtype == np.float64
        singles = [periodic.sin_and_grad(np.array(v), 30.0) for v in x.reshape(-1)[:50]]
        np.testing.assert_array_equal(value.reshape(-1)[:50], [s[0] for s in singles])
        np.testing.assert_array_equal(slope.reshape(-1)[:50], [s[1] for s in singles])


def test_the_registry_sin_uses_these_kernels() -> None:
    f = al.activation("sin", omega_0=30.0)
    x = np.linspace(-1, 1, 101)
    np.testing.assert_array_equal(f(x), periodic.sin(x, 30.0))
    np.testing.assert_array_equal(f.derivative(x), periodic.sin_grad(x, 30.0))


@settings(max_examples=400, deadline=None)
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.sampled_from([1.0, 30.0]))
def test_any_float_within_two_ulps(x, omega) -> None:
    """Any double (up to 1e6·ω₀, so NumPy's fallback too), either sign, subnormals included."""
    v = x * omega
    value, slope = periodic.sin_and_grad(np.array([x]), omega)
    # the slope is ω₀·cos: dividing it back by ω₀ may round once more
    for got, exact, ulps in ((value[0], math.sin(v), ULPS), (slope[0] / omega, math.cos(v),
                                                             ULPS + 1)):
        assert abs(got - exact) <= ulps * math.ulp(exact) or got == exact, (x, got, exact)
    assert math.copysign(1.0, value[0]) == math.copysign(1.0, math.sin(v)) or value[0] != 0.0
