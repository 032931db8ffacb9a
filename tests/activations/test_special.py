"""The from-scratch erf and normal CDF/PDF against the standard library and mpmath."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actlearn.activations.kernels import special

SQRT2 = math.sqrt(2)
REL = 2e-14
GRID = np.linspace(-30.0, 30.0, 120_001)


def _relative_error(got: np.ndarray, expected: np.ndarray) -> np.ndarray:
    return np.abs(got - expected) / np.maximum(np.abs(expected), 1e-300)


def _math_cdf(x: np.ndarray) -> np.ndarray:
    return np.array([0.5 * math.erfc(-v / SQRT2) for v in x])


def test_erf_matches_math_erf_on_a_dense_grid() -> None:
    expected = np.array([math.erf(v) for v in GRID])
    assert _relative_error(special.erf(GRID), expected).max() <= REL


@settings(max_examples=200, deadline=None)
@given(st.floats(-30.0, 30.0))
def test_erf_matches_math_erf_anywhere(z: float) -> None:
    got = float(special.erf(np.array(z)))
    assert got == pytest.approx(math.erf(z), rel=REL, abs=1e-300)


def test_normal_cdf_matches_math_erfc_on_a_dense_grid() -> None:
    # Includes the shoulder −2√2 ≤ x ≤ −√2, where 1 − erf would cancel (erfc is used instead).
    assert _relative_error(special.normal_cdf(GRID), _math_cdf(GRID)).max() <= REL


@settings(max_examples=100, deadline=None)
@given(st.floats(-30.0, 30.0))
def test_normal_cdf_matches_math_erfc_anywhere(x: float) -> None:
    got = float(special.normal_cdf(np.array(x)))
    assert got == pytest.approx(0.5 * math.erfc(-x / SQRT2), rel=REL, abs=1e-300)


def test_normal_cdf_right_tail_is_one_minus_a_small_number() -> None:
    x = np.array([0.0, 1.0, 5.0, 8.0, 9.0, 40.0, np.inf])
    expected = [0.5, *(1 - 0.5 * math.erfc(v / SQRT2) for v in x[1:-1]), 1.0]
    np.testing.assert_allclose(special.normal_cdf(x), expected, rtol=4.5e-16)


def test_normal_pdf_matches_mpmath() -> None:
    x = np.linspace(-37.0, 37.0, 741)
    with mp.workdps(30):
        expected = np.array([float(mp.npdf(mp.mpf(v))) for v in x])
    # φ is ill-conditioned in x far out (relative sensitivity x²·eps); allow exactly that.
    tolerance = 4e-16 * (1 + x**2)
    assert np.all(_relative_error(special.normal_pdf(x), expected) <= tolerance)
    assert np.all(special.normal_pdf(np.array([-50.0, 50.0, -np.inf, np.inf])) == 0.0)


def test_erf_is_odd_with_limits_and_nan() -> None:
    z = np.array([0.3, 1.7, 2.0, 2.5, 6.0])
    np.testing.assert_array_equal(special.erf(-z), -special.erf(z))
    out = special.erf(np.array([-np.inf, np.inf, np.nan, -0.0]))
    assert out[0] == -1.0 and out[1] == 1.0 and np.isnan(out[2])
    assert out[3] == 0.0 and math.copysign(1.0, out[3]) == -1.0


def test_normal_cdf_passes_nan_through() -> None:
    assert np.isnan(special.normal_cdf(np.array([np.nan]))).all()


def test_normal_cdf_far_left_underflows_to_zero() -> None:
    # Φ(−38.5) ≈ 1.3e-324 and Φ(−40) ≈ 3.7e-350: both round to 0 in float64.
    x = np.array([-38.5, -40.0, -1e6, -1e308, -np.inf])
    np.testing.assert_array_equal(special.normal_cdf(x), 0.0)


def test_erfc_keeps_its_relative_precision_into_the_tail() -> None:
    # erfc = 2h, the half tail that Φ uses: relative error, not absolute, out to z = 26.5
    # (erfc ≈ 2e-307, the last normal floats), then the subnormals and the underflow to 0.
    z = np.linspace(0.0, 26.5, 2651)
    with mp.workdps(40):
        expected = np.array([float(mp.erfc(mp.mpf(v))) for v in z])
        far = np.array([27.0, 27.2, 27.3, 28.0, 40.0, 1e8])
        far_expected = np.array([float(mp.erfc(mp.mpf(v))) for v in far])
    assert _relative_error(special.erfc_positive(z), expected).max() <= REL
    np.testing.assert_allclose(special.erfc_positive(far), far_expected, rtol=0, atol=1e-321)
    ends = special.erfc_positive(np.array([0.0, np.inf, np.nan]))
    assert ends[0] == 1.0 and ends[1] == 0.0 and np.isnan(ends[2])
