"""The error function and the normal CDF in NumPy, built from scratch.

GELU needs Φ(x) = ½·erfc(−x/√2). NumPy has no ``erf``, so this module builds one from three
smooth pieces, each a Chebyshev series:

* |z| ≤ ½: erf(z) = z·g(z²), g(s) = erf(√s)/√s (entire);
* ½ < z ≤ 4: erfc(z) = e^(−z²)·erfcx(z), the scaled complement erfcx being smooth and tame;
* z > 4: erfc(z) = e^(−z²)·h(1/z²)/z, h(w) = z·erfcx(z) → 1/√π as w → 0;
* z ≥ 27.3: erfc(z) = 0, because it is below the smallest float64 (4.9e-324).

The series are *fitted here, at import*, by Chebyshev interpolation of ``math.erf`` /
``math.erfc`` (a few milliseconds): no coefficient table is typed in. e^(−z²) is evaluated with
z² split into an exact part and a small remainder, so the complement keeps its relative
precision (≈ 1e-14) all the way into the tail.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.polynomial import chebyshev as cheb

_SQRT_PI = math.sqrt(math.pi)
_SMALL_END = 0.5  # erf by its own series up to here
_MID_END = 4.0  # erfcx by a series on (0.5, 4]; the 1/z² tail series beyond
_UNDERFLOW = 27.3  # erfc(z) < 4.9e-324 for z ≥ 27.3: exactly 0 in float64


def _erf_over_root(s: np.ndarray) -> np.ndarray:
    """g(s) = erf(√s)/√s, with its limit 2/√π at s = 0."""
    return np.array([math.erf(math.sqrt(v)) / math.sqrt(v) if v > 0 else 2 / _SQRT_PI for v in s])


def _erfcx(z: np.ndarray) -> np.ndarray:
    """erfcx(z) = e^(z²)·erfc(z), for moderate z."""
    return np.array([math.exp(v * v) * math.erfc(v) for v in z])


def _scaled_tail(w: np.ndarray) -> np.ndarray:
    """h(w) = z·erfcx(z) with z = 1/√w; the asymptotic series where e^(z²) overflows."""
    out = []
    for v in w:
        if v == 0:
            out.append(1 / _SQRT_PI)
            continue
        z = 1 / math.sqrt(v)
        if z < 26:
            out.append(z * math.exp(z * z) * math.erfc(z))
        else:  # 1/√π · (1 − w/2 + 3w²/4 − 15w³/8 + 105w⁴/16), truncation < 1e-22 here
            out.append((1 - v / 2 + 3 * v**2 / 4 - 15 * v**3 / 8 + 105 * v**4 / 16) / _SQRT_PI)
    return np.array(out)


def _fit(func, degree: int, lo: float, hi: float) -> tuple[np.ndarray, float, float]:
    series = cheb.Chebyshev.interpolate(func, degree, domain=[lo, hi])
    return series.coef, (hi + lo) / 2, (hi - lo) / 2


_SMALL = _fit(_erf_over_root, 12, 0.0, _SMALL_END**2)
_MID = _fit(_erfcx, 24, _SMALL_END, _MID_END)
_TAIL = _fit(_scaled_tail, 20, 0.0, 1 / _MID_END**2)


def _clenshaw(fit: tuple[np.ndarray, float, float], t: np.ndarray) -> np.ndarray:
    """Evaluate a Chebyshev series at points t of its domain (Clenshaw's recurrence)."""
    coef, mid, half = fit
    u = (t - mid) / half
    two_u = 2 * u
    b1 = np.zeros_like(u)
    b2 = np.zeros_like(u)
    for c in coef[:0:-1]:
        b1, b2 = two_u * b1 - b2 + c, b1
    return u * b1 - b2 + coef[0]


def _exp_neg_square(z: np.ndarray) -> np.ndarray:
    """e^(−z²) with z² split as zh² + (z − zh)(z + zh), zh = z rounded to 1/64 (exact square)."""
    zh = np.round(z * 64) / 64
    return np.exp(-zh * zh) * np.exp(-(z - zh) * (z + zh))


def erfc_positive(z: np.ndarray) -> np.ndarray:
    """erfc(z) = 1 − erf(z) for z ≥ 0 (or NaN), with full relative precision in the tail."""
    out = np.zeros_like(z)  # the value past _UNDERFLOW
    small = z <= _SMALL_END
    zs = z[small]
    out[small] = 1 - zs * _clenshaw(_SMALL, zs * zs)
    mid = (z > _SMALL_END) & (z <= _MID_END)
    zm = z[mid]
    out[mid] = _exp_neg_square(zm) * _clenshaw(_MID, zm)
    tail = (z > _MID_END) & (z < _UNDERFLOW)
    zt = z[tail]
    out[tail] = _exp_neg_square(zt) * _clenshaw(_TAIL, 1 / (zt * zt)) / zt
    out[np.isnan(z)] = np.nan
    return out


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
    x = np.asarray(x, dtype=np.float64)
    z = x / math.sqrt(2)
    out = np.empty_like(z)
    neg = z < 0
    out[neg] = 0.5 * erfc_positive(-z[neg])
    pos = ~neg
    out[pos] = 1 - 0.5 * erfc_positive(z[pos])
    out[np.isnan(z)] = np.nan
    return out


def normal_pdf(x: np.ndarray) -> np.ndarray:
    r"""φ(x) = e^(−x²/2)/√(2π); exactly 0 once it underflows (|x| > 40)."""
    x = np.clip(np.asarray(x, dtype=np.float64), -40.0, 40.0)
    return _exp_neg_square(x / math.sqrt(2)) / math.sqrt(2 * math.pi)
