"""Large arrays run block by block (``kernels._util.blocks``, the row blocks of
``kernels.vector`` and the blocks of ``kernels.special``): their results must be exactly those
of the same values in small arrays, extremes included; and the exact GELU's new pieces
against mpmath.
"""

from __future__ import annotations

import math
import warnings

import mpmath as mp
import numpy as np
import pytest

import actlearn as al
from actlearn.activations import registry
from actlearn.activations.kernels import special, vector
from actlearn.activations.kernels._util import BLOCK
from tests.blas import blas_name

SPECIALS = [math.nan, math.inf, -math.inf, 1e300, -1e300, 1000.0, -1000.0, 800.0, -800.0,
            709.9, -709.9, 40.0, -40.0, 37.5, -37.5, 1.0, -1.0, 0.0, -0.0, 1e-310, -1e-310,
            5e-324]


def _big(seed: int, n: int, dtype: type = np.float64) -> np.ndarray:
    """n values, N(0, 25), with every special value planted 40 times at random places."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(n) * 5
    x[rng.choice(n, len(SPECIALS) * 40, replace=False)] = np.repeat(SPECIALS, 40)
    with np.errstate(over="ignore"):
        return x.astype(dtype)


def _quietly(func, *args):
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        return func(*args)


#: Activations whose kernels evaluate polynomials with a matrix product (kernels.special).
#: OpenBLAS gives each column of a product what it gives that column alone; other libraries
#: may round a column by its place in the matrix (BLIS: a unit in the last place of the
#: polynomial, up to 5e-16 relative in GELU's slope where it cancels).
BY_MATRIX_PRODUCT = {"gelu"}


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_pointwise_blocks_give_what_small_arrays_give(bound, act_variant, dtype) -> None:
    name, params = act_variant
    f = bound(name, **params)
    x = _big(0, 3 * BLOCK + 1234, dtype)
    for method in (f, f.derivative):
        whole = _quietly(method, x)
        parts = np.concatenate([_quietly(method, x[i:i + 999]) for i in range(0, x.size, 999)])
        assert whole.dtype == x.dtype
        if name in BY_MATRIX_PRODUCT and "openblas" not in blas_name():
            np.testing.assert_allclose(whole, parts, rtol=1e-15, atol=0)
        else:
            np.testing.assert_array_equal(whole, parts)


def test_softplus_threshold_past_37_changes_nothing() -> None:
    x = _big(1, 2 * BLOCK)
    x = x[np.isfinite(x) & (np.abs(x) < 1e6)]
    small, large = al.activation("softplus"), al.activation("softplus", threshold=60.0)
    exact = np.logaddexp(0.0, x)  # exact enough away from the threshold
    away = (x < 19.0) | (x > 37.0)
    np.testing.assert_allclose(large(x)[away], exact[away], rtol=1e-15, atol=0)
    np.testing.assert_array_equal(small(x)[x > 20.0], x[x > 20.0])


@pytest.mark.parametrize("n", [400, 10], ids=["long rows", "short rows"])
@pytest.mark.parametrize("name", ["softmax", "softmin", "log_softmax", "glu"])
def test_vector_row_blocks_give_what_single_rows_give(name: str, n: int) -> None:
    rng = np.random.default_rng(2)
    z = rng.standard_normal((120_000 // n, n)) * 5  # 120,000 values: several row blocks
    half = n // 2
    z[7] += 800.0
    z[8] -= 500.0
    z[9] = -1000.0
    z[11, 3] = np.inf
    z[12, 5] = -np.inf
    z[13, 0] = np.nan
    z[14, half + 1] = -np.inf  # glu: σ(b) = 0 ...
    z[14, 1] = np.inf  # ... at a = ∞: the product's limit 0
    z[15, :2], z[16, :3] = [0.0, -0.0], [-0.0, -1.0, 0.0]  # a max of zeros of both signs
    z[17] = -0.0
    f = al.activation(name)
    g = rng.standard_normal(f(z[:1]).shape[1:])[None].repeat(z.shape[0], axis=0)
    whole, vjp = _quietly(f, z), _quietly(f.vjp, z, g)
    np.testing.assert_array_equal(whole, np.stack([f(row) for row in z]))
    rows = zip(z, g, strict=True)
    np.testing.assert_array_equal(vjp, np.stack([f.vjp(row, gr) for row, gr in rows]))
    record = registry.get(name)
    if record.vjp_of_output is not None:
        np.testing.assert_array_equal(record.vjp_of_output(whole, g), vjp)
    if name == "glu":
        assert whole[14, 1] == 0.0 and vjp[14, half + 1] == 0.0


@pytest.mark.parametrize("shape", [(64, 1), (64, 10), (100, 32), (3, 40, 7), (5000, 10),
                                   (2000, 3, 7), (63, 10), (64, 33), (2, 10)], ids=str)
@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int64])
def test_row_extremes_over_a_transposed_copy_are_numpys(shape, dtype) -> None:
    """``vector._extreme`` reduces a short last axis of many rows over a transposed copy (the
    first six shapes; the fifth and sixth a block of rows at a time), anything else as NumPy
    does: the same values, NaN and infinities included."""
    rng = np.random.default_rng(5)
    z = (rng.standard_normal(shape) * 100).astype(dtype)
    if dtype != np.int64:
        flat = z.reshape(-1)
        flat[rng.choice(flat.size, min(flat.size, 30), replace=False)] = rng.choice(
            [np.nan, np.inf, -np.inf, 0.0, -0.0], min(flat.size, 30))
    for reduce in (np.maximum.reduce, np.minimum.reduce):
        for axis in range(-z.ndim, z.ndim):
            np.testing.assert_array_equal(vector._extreme(reduce, z, axis),
                                          reduce(z, axis, keepdims=True))


def _relative_error(got: np.ndarray, expected: np.ndarray) -> np.ndarray:
    return np.abs(got - expected) / np.maximum(np.abs(expected), 1e-300)


def test_exact_gelu_and_its_slope_match_mpmath() -> None:
    """x·Φ(x) to 5e-15 relative down to x = −38 (e^(−x²/2) is split exactly, with no rounding
    of x/√2; 3.1e-15 measured with OpenBLAS, BLIS and the reference BLAS and LAPACK);
    Φ(x) + x·φ(x) to 1e-14 relative, or 1e-15 absolute where it crosses zero."""
    x = np.concatenate([np.linspace(-38.0, 10.0, 1201), np.linspace(-1.0, 1.0, 201)])
    with mp.workdps(40):
        gelu = np.array([float(mp.mpf(v) * mp.ncdf(v)) for v in x])
        slope = np.array([float(mp.ncdf(v) + mp.mpf(v) * mp.npdf(v)) for v in x])
    assert _relative_error(special.x_normal_cdf(x), gelu).max() <= 5e-15
    err = np.abs(special.normal_cdf_slope(x) - slope)
    assert np.all(err <= 1e-14 * np.abs(slope) + 1e-15)


@pytest.mark.parametrize("n", [1, 2, 3, 1000, 3 * BLOCK + 7])
def test_exact_gelu_at_zero_anywhere_in_an_array(n: int) -> None:
    x = np.random.default_rng(n).standard_normal(n)
    x[:: max(1, n // 7)] = 0.0
    x[1::997] = -0.0
    zero = x == 0.0
    assert np.all(special.normal_cdf_slope(x)[zero] == 0.5)
    assert np.all(special.x_normal_cdf(x)[zero] == 0.0)
    assert np.all(special.normal_cdf(x)[zero] == 0.5)


def test_the_fits_need_no_linear_algebra() -> None:
    """The series coefficients are those of NumPy's least-squares fit and interpolation (which
    call LAPACK), to rounding; their power-basis form is exactly the rounded conversion (checked
    at 60 digits), however ill-conditioned that conversion is in floating point."""
    def f(u: float) -> float:
        return math.exp(u) / (2.0 + u)

    count = 50
    nodes = np.cos(np.pi * (np.arange(count) + 0.5) / count)
    mine = special._chebyshev_series(f, 12, count)
    numpys = np.polynomial.chebyshev.chebfit(nodes, [f(u) for u in nodes], 12)
    np.testing.assert_allclose(mine, numpys, rtol=0, atol=1e-15)
    interpolated = np.polynomial.chebyshev.Chebyshev.interpolate(np.vectorize(f), 8).coef
    np.testing.assert_allclose(special._chebyshev_series(f, 8, 9), interpolated, atol=1e-15)
    lo, hi = -1.0, (special._G_END - special._G_MAP) / (special._G_END + special._G_MAP)
    with mp.workdps(60):  # the series at 13 points of t, then the polynomial through them
        scale, shift = mp.mpf(2) / (mp.mpf(hi) - lo), -(mp.mpf(lo) + hi) / (mp.mpf(hi) - lo)
        points = [mp.mpf(k) / 13 for k in range(13)]
        values = [mp.fsum(c * mp.chebyt(k, scale * t + shift) for k, c in enumerate(mine))
                  for t in points]
        vandermonde = mp.matrix([[t**i for i in range(13)] for t in points])
        solved = mp.lu_solve(vandermonde, mp.matrix(values))
        expected = [float(solved[i]) for i in range(13)]
    assert special._power_coefficients(mine, lo, hi).tolist() == expected
