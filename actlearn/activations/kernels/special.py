"""The error function and the normal CDF in NumPy, built from scratch.

GELU needs Φ(x) = ½·erfc(−x/√2). NumPy has no ``erf``, so this module builds one from the
scaled complement erfcx(z) = e^(z²)·erfc(z), which is smooth and tame on all of z ≥ 0
(it falls like 1/(z√π)):

* erfcx(z) = s(t)/(z + L), where t = (z − L)/(z + L) maps [0, ∞) onto [−1, 1) (the map of
  Weideman 1994, L = 3.5) and s(t) = L + (1 + t)·q(t), q one Chebyshev series of degree 20
  (so erfcx(0) = 1 exactly);
* erfc(z) = e^(−z²)·erfcx(z) for z ≥ 0, with e^(−z²) evaluated with z² split into an exact
  part and a small remainder, so the complement keeps its relative precision (≈ 1e-14) all the
  way into the tail, where it underflows to 0 past z ≈ 27.3;
* erf(z) = z·g(z²) for |z| ≤ ½ (g(s) = erf(√s)/√s, a second series, so erf keeps its relative
  precision near 0), and 1 − erfc(|z|) with erf's sign beyond.

The series are *fitted here, at import*, by Chebyshev interpolation of ``math.erf`` /
``math.erfc`` (a few milliseconds): no coefficient table is typed in. Every array function
is branch-free over its input except erf's small-|z| piece.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.polynomial import chebyshev as cheb

from actlearn.activations.kernels._util import clip

_SQRT_PI = math.sqrt(math.pi)
_SMALL_END = 0.5  # erf by its own series up to here
_MAP = 3.5  # L in t = (z − L)/(z + L); any L in [2.75, 4.5] gives ≈ 1e-14 at degree 20
_CLAMP = 40.0  # erfc(z) underflows to exactly 0 for z ≥ 27.3; clamping keeps z² finite


def _erf_over_root(s: np.ndarray) -> np.ndarray:
    """g(s) = erf(√s)/√s, with its limit 2/√π at s = 0."""
    return np.array([math.erf(math.sqrt(v)) / math.sqrt(v) if v > 0 else 2 / _SQRT_PI for v in s])


def _erfcx_scalar(z: float) -> float:
    """erfcx(z) for one z ≥ 0: from math.erfc while e^(z²) fits in a float, else the
    asymptotic series 1/(z√π)·Σ_k (−1)^k (2k−1)!!/(2z²)^k, summed until its terms are < 1e-20."""
    if z < 25.0:  # e^(z²) from an exact part zh² and a small remainder, as in _exp_neg_square
        zh = round(z * 64) / 64
        return math.exp(zh * zh) * math.exp((z - zh) * (z + zh)) * math.erfc(z)
    total, term, k = 1.0, 1.0, 1
    while abs(term) > 1e-20:
        term *= -(2 * k - 1) / (2 * z * z)
        total += term
        k += 1
    return total / (z * _SQRT_PI)


def _erfcx_slope(t: np.ndarray) -> np.ndarray:
    """q(t) = (s(t) − L)/(1 + t) with s(t) = (z + L)·erfcx(z) at z = L(1 + t)/(1 − t), for t
    strictly inside (−1, 1) (the interpolation points never touch the ends)."""
    z = _MAP * (1 + t) / (1 - t)
    return np.array([((v + _MAP) * _erfcx_scalar(v) - _MAP) for v in z]) / (1 + t)


def _fit(func, degree: int, lo: float, hi: float) -> tuple[np.ndarray, float, float]:
    series = cheb.Chebyshev.interpolate(func, degree, domain=[lo, hi])
    return series.coef, (hi + lo) / 2, (hi - lo) / 2


_SMALL = _fit(_erf_over_root, 12, 0.0, _SMALL_END**2)
_ERFCX = _fit(_erfcx_slope, 20, -1.0, 1.0)
#: q(t) in the monomial basis, highest power first, for Horner's rule: two in-place passes per
#: term against Clenshaw's three. On [−1, 1] the conversion is well conditioned (the monomial
#: coefficients sum to about 5 in magnitude), so it changes q by at most a few ulps.
_ERFCX_HORNER = tuple(float(c) for c in cheb.cheb2poly(_ERFCX[0])[::-1])
#: Adding and subtracting 1.5·2^46 rounds a number below 2^45 to a multiple of 1/64.
_ROUND_64THS = 1.5 * 2.0**46


def _clenshaw(fit: tuple[np.ndarray, float, float], t: np.ndarray) -> np.ndarray:
    """Evaluate a Chebyshev series at points t of its domain (Clenshaw's recurrence,
    b_k = 2u·b_{k+1} − b_{k+2} + c_k, in three reused buffers)."""
    coef, mid, half = fit
    u = (t - mid) / half
    two_u = 2 * u
    b1 = np.full(u.shape, coef[-1])
    b2 = np.zeros(u.shape)
    spare = np.empty(u.shape)
    for c in coef[-2:0:-1]:
        np.multiply(two_u, b1, out=spare)
        spare -= b2
        spare += c
        b1, b2, spare = spare, b1, b2
    return u * b1 - b2 + coef[0]


def _horner(coefficients: tuple[float, ...], t: np.ndarray) -> np.ndarray:
    """Σ c_k t^k by Horner's rule in one buffer (coefficients highest power first)."""
    out = np.full(np.shape(t), coefficients[0])
    for c in coefficients[1:]:
        out *= t
        out += c
    return out


def _exp_neg_square(z: np.ndarray) -> np.ndarray:
    """e^(−z²) for |z| ≤ 40 (or NaN), with z² split as zh² + (z − zh)(z + zh), zh = z rounded
    to 1/64: zh² is exact, so the exponent keeps its relative precision."""
    zh = np.add(z, _ROUND_64THS, out=np.empty(np.shape(z)))
    zh -= _ROUND_64THS
    low = np.subtract(z, zh, out=np.empty(np.shape(z)))
    low *= z + zh
    np.negative(low, out=low)
    np.exp(low, out=low)  # e^(−(z − zh)(z + zh))
    np.square(zh, out=zh)
    np.negative(zh, out=zh)
    np.exp(zh, out=zh)  # e^(−zh²)
    zh *= low
    return zh


def erfcx(z: np.ndarray) -> np.ndarray:
    """e^(z²)·erfc(z) for z ≥ 0 (0 at +∞, NaN for NaN) as (L + (1 + t)·q(t))/(z + L), where
    t = (z − L)/(z + L): exactly 1 at z = 0, where 1 + t = 2 − 2L/(0 + L) is exactly 0."""
    shifted = np.add(z, _MAP, out=np.empty(np.shape(z)))
    ratio = np.divide(2 * _MAP, shifted, out=np.empty(np.shape(z)))
    q = _horner(_ERFCX_HORNER, np.subtract(1.0, ratio))  # q(t), t = 1 − 2L/(z + L)
    np.subtract(2.0, ratio, out=ratio)  # 1 + t
    q *= ratio
    q += _MAP
    q /= shifted
    return q


def erfc_positive(z: np.ndarray) -> np.ndarray:
    """erfc(z) = 1 − erf(z) for z ≥ 0 (or NaN), with full relative precision in the tail."""
    return _exp_neg_square(np.minimum(z, _CLAMP)) * erfcx(z)


def erf(z: np.ndarray) -> np.ndarray:
    r"""The error function :math:`\operatorname{erf}(z) = \frac{2}{\sqrt\pi}\int_0^z e^{-t^2}dt`.

    Odd, with limits ±1 at ±∞; NaN in gives NaN out.

    >>> float(erf(np.array(0.5)))  # doctest: +ELLIPSIS
    0.5204998778130...
    """
    z = np.asarray(z, dtype=np.float64)
    a = np.abs(z)
    out = np.empty_like(a)
    small = a <= _SMALL_END
    out[small] = a[small] * _clenshaw(_SMALL, a[small] ** 2)
    out[~small] = 1 - erfc_positive(a[~small])
    return np.copysign(out, z)


def normal_cdf(x: np.ndarray) -> np.ndarray:
    r"""Φ(x) = ½·erfc(−x/√2), the standard normal CDF, accurate in both tails.

    >>> float(normal_cdf(np.array(0.0)))
    0.5
    """
    return normal_cdf_pdf(x)[0]


def normal_cdf_pdf(x: np.ndarray, pdf: bool = False) -> tuple[np.ndarray, np.ndarray | None]:
    r"""(Φ(x), φ(x)) sharing e^(−x²/2): with z = |x|/√2,

    .. math:: 	frac12\operatorname{erfc}(z) = 	frac12 e^{-z^2}\operatorname{erfcx}(z), \qquad
              arphi(x) = e^{-z^2}/\sqrt{2\pi},

    and Φ(x) = ½erfc(z) for x ≤ 0, 1 − ½erfc(z) for x > 0. φ is None unless ``pdf``. The
    passes run in four buffers, reused (each fresh 8 MB temporary costs page faults):
    erfcx's Horner sum, then e^(−z²) from an exact split of z², then Φ.

    >>> cdf, density = normal_cdf_pdf(np.array([0.0]), pdf=True)
    >>> float(cdf[0]), round(float(density[0]), 6)
    (0.5, 0.398942)
    """
    x = np.asarray(x, dtype=np.float64)
    z = np.abs(x, out=np.empty(x.shape))
    z /= math.sqrt(2)
    # erfcx(z) = (L + (1 + t)·q(t))/(z + L), t = 1 − 2L/(z + L), as in erfcx()
    shifted = np.add(z, _MAP, out=np.empty(x.shape))
    t = np.divide(2 * _MAP, shifted, out=np.empty(x.shape))
    np.subtract(1.0, t, out=t)
    q = _horner(_ERFCX_HORNER, t)
    t += 1.0  # 1 + t: exactly 0 at z = 0 (t = −1), so erfcx(0) = 1 exactly
    q *= t
    q += _MAP
    q /= shifted
    # e^(−z²) for z ≤ 40, z² = zh² + (z − zh)(z + zh) with zh = z rounded to 1/64
    np.minimum(z, _CLAMP, out=z)
    zh = np.add(z, _ROUND_64THS, out=shifted)
    zh -= _ROUND_64THS
    low = np.subtract(z, zh, out=t)
    z += zh
    low *= z
    np.negative(low, out=low)
    np.exp(low, out=low)
    np.square(zh, out=zh)
    np.negative(zh, out=zh)
    np.exp(zh, out=zh)
    zh *= low  # e^(−z²)
    density = None
    if pdf:
        density = np.divide(zh, math.sqrt(2 * math.pi), out=low)
    half_tail = np.multiply(zh, q, out=q)
    half_tail *= 0.5  # ½·erfc(z): the smaller of Φ and 1 − Φ
    s = np.greater(x, 0.0, out=zh)  # 1.0 where Φ = 1 − ½erfc(z), else 0.0
    out = np.multiply(s, -2.0, out=z)
    out += 1.0
    out *= half_tail  # (1 − 2s)·h: −h or h, exactly
    out += s  # 1 − h (one rounding) or h (exact); NaN stays NaN
    return out, density


def normal_pdf(x: np.ndarray) -> np.ndarray:
    r"""φ(x) = e^(−x²/2)/√(2π); exactly 0 once it underflows (|x| > 40)."""
    x = clip(np.asarray(x, dtype=np.float64), -40.0, 40.0)
    return _exp_neg_square(x / math.sqrt(2)) / math.sqrt(2 * math.pi)
