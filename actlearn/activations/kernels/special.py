"""The error function and the normal CDF in NumPy, built from scratch.

GELU needs Φ(x) = ½·erfc(−x/√2). NumPy has no ``erf``, so this module builds one, around the
half tail h(z) = ½erfc(z) for z ≥ 0:

* h(z) = e^(−z²)/(2 + z·G(t)), where t = (z − L)/(z + L) maps [0, ∞) onto [−1, 1) (the map of
  Weideman 1994, L = 2.5) and G, smooth and positive, is one polynomial of degree 22 in t, so
  the denominator is a sum of positive terms, exactly 2 at z = 0; e^(−z²) is evaluated with z²
  split into an exact part and a small remainder, so h keeps its relative precision (≈ 1e-15)
  all the way into the tail, where it underflows to 0 past z ≈ 27.3;
* erf(z) = z·g(z²) for |z| ≤ ½ (g(s) = erf(√s)/√s, a Chebyshev series of degree 12, so erf
  keeps its relative precision near 0), and 1 − 2h(|z|) with erf's sign beyond;
* Φ(x) = h(|x|/√2) or 1 − h, GELU's x·Φ(x) and its slope Φ(x) + x·φ(x), which run over large
  arrays, from G and two more polynomials in the same t, each in the form that takes the
  fewest passes, and evaluated with one matrix product each (see the section below): about
  1e-15 relative. The product runs in BLAS, so the last bit of these may differ between BLAS
  libraries and kernels, as NumPy's own exp and tanh differ between the CPU's SIMD paths. With
  OpenBLAS every value is the same for an array of any size; some libraries (BLIS) round a
  column of the product by its place in the matrix, so there a value's last bit can also depend
  on where it sits in the array.

The series are *fitted here, at import*, to ``math.erf`` / ``math.erfc`` (Chebyshev
interpolation, or least squares on Chebyshev points; about 30 ms): no coefficient table is
typed in. The fits use no linear algebra (:func:`_chebyshev_series`, then
:func:`_power_coefficients` in exact rationals), so the coefficients do not depend on the BLAS
or LAPACK library. A least-squares solve and a floating-point change of basis made them differ
by up to 1e-7 relative between libraries, and GELU's largest error down to x = −38 ranged from
3.2e-15 (Debian's OpenBLAS) to 1.1e-14 (the reference BLAS and LAPACK); now it is 3.1e-15 with
each of the wheels' OpenBLAS, Debian's, BLIS and the reference libraries
(tests/activations/test_blocks.py holds it under 5e-15). Every array function is branch-free
over its input except erf's small-|z| piece.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from fractions import Fraction

import numpy as np

from actlearn.activations.kernels._util import blocks, clip, empty

_SQRT_PI = math.sqrt(math.pi)
_SMALL_END = 0.5  # erf by its own series up to here


def _erf_over_root(s: float) -> float:
    """g(s) = erf(√s)/√s, with its limit 2/√π at s = 0."""
    return math.erf(math.sqrt(s)) / math.sqrt(s) if s > 0 else 2 / _SQRT_PI


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


def _chebyshev_series(function: Callable[[float], float], degree: int, count: int) -> list[float]:
    r"""c_0, …, c_degree of the least-squares fit :math:`\sum_k c_k T_k(u)` to ``function`` on
    [−1, 1] at the ``count`` Chebyshev points :math:`u_j = \cos\theta_j`,
    :math:`\theta_j = \pi(j + \tfrac12)/\text{count}` (with count = degree + 1 it
    interpolates). The T_k are orthogonal over these points, so the fit needs no linear algebra:
    :math:`c_k = \frac{2}{\text{count}} \sum_j f(u_j) \cos k\theta_j` (half that for c_0),
    the products summed exactly (``math.fsum``). The coefficients are then the same on every machine
    whose C library gives ``function`` the same values, whatever its BLAS and LAPACK
    (``np.polynomial``'s fit solves a least-squares problem with LAPACK, whose last bits differ
    between libraries).
    """
    angles = [math.pi * (j + 0.5) / count for j in range(count)]
    values = [function(math.cos(a)) for a in angles]
    coef = [2 / count * math.fsum(v * math.cos(k * a) for v, a in zip(values, angles, strict=True))
            for k in range(degree + 1)]
    coef[0] /= 2
    return coef


def _fit(func: Callable[[float], float], degree: int, lo: float,
         hi: float) -> tuple[np.ndarray, float, float]:
    """The Chebyshev series interpolating ``func`` on [lo, hi], as (coefficients, mid, half)."""
    mid, half = (hi + lo) / 2, (hi - lo) / 2
    coef = _chebyshev_series(lambda u: func(mid + half * u), degree, degree + 1)
    return np.array(coef), mid, half


_SMALL = _fit(_erf_over_root, 12, 0.0, _SMALL_END**2)
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


def _exp_neg_square(z: np.ndarray) -> np.ndarray:
    """e^(−z²) for |z| ≤ 40 (or NaN) in a new array, with z² split exactly (see
    :func:`_gaussian`, which the rounding to 1/64 serves for either sign of z)."""
    shape = np.shape(z)
    return _gaussian(z, False, np.empty(shape), np.empty(shape), np.empty(shape))


# h, Φ, x·Φ(x) and Φ(x) + x·φ(x) over whole arrays -----------------------------------------
#
# Each is written with the scaled complement erfcx(z) = e^(z²)·erfc(z) (smooth and tame on all
# of z ≥ 0: it falls like 1/(z√π)), in the form that costs the fewest passes over an array. The
# three are polynomials of degree 22 in the same t = (z − L)/(z + L) (L = 2.5), fitted on
# 0 ≤ z ≤ 26.6 (beyond, ½erfc(z) < 2.2e-308 is subnormal or 0) by least squares on 200
# Chebyshev points, which averages out the rounding of math.erfc, to about 1e-15:
#
# * Φ and erf: the half tail h = ½erfc(z) = e^(−z²)/(2 + z·G(t)) with G = 2(1/erfcx(z) − 1)/z,
#   smooth and positive, so the denominator is a sum of positive terms, exactly 2 at z = 0;
# * x·Φ(x): |x|·h with erfcx(z) = (u/2)·e^(λ(t)), u = 2L/(z + L), λ = log((z + L)·erfcx(z)/L):
#   the exponential of λ joins that of the small part of −z² (below), so there is no division;
# * Φ(x) + x·φ(x): e^(−z²)·(½erfcx(z) − z/√π) = e^(−z²)·(½ − z·ψ(t)), ψ = ½(1 − erfcx(z))/z +
#   1/√π, exactly ½ at z = 0.
#
# e^(−x²/2) keeps its relative precision through an exact split of x² (see _gaussian), and
# from x itself: x·Φ(x) and its slope have no rounding of x/√2 in them (Φ, to agree with
# math.erfc, takes z = x/√2 rounded). A polynomial is evaluated with a matrix product: the
# powers 1, t, …, t⁷ as the rows of V, the 23 coefficients as a 3 × 8 matrix C; C·V (one
# BLAS call: three dot products of length 8 per value) gives three polynomials of degree 7,
# which Horner's rule combines in s = t⁸. That is 11 array passes and one product where
# Horner's rule alone takes 44 passes. Large arrays go block by block (:func:`._util.blocks`),
# so the ~35 passes of a block run from cache.

_G_MAP = 2.5  # L
_G_END = 26.6  # the polynomials are fitted on 0 ≤ z ≤ _G_END
_G_DEGREE = 22
_ROWS, _COLUMNS = 3, 8  # C is _ROWS × _COLUMNS, with _ROWS·_COLUMNS > _G_DEGREE
#: |x| is clamped here (z = |x|/√2 at _X_CLAMP/√2): e^(−x²/2) = e^(−800) = 0, so Φ is exactly
#: 0 or 1 and x·φ(x) exactly 0 beyond, and the clamped value keeps every product finite.
_X_CLAMP = 40.0
_Z_CLAMP = 28.0
#: Values per block: some 15 block-sized rows are in flight, 2 MB at 2^14 values each (as
#: fast as 3·2^12 and faster than 2^13 or 2^15, within the noise, on a core with 2 MB of L2).
_PHI_BLOCK = 1 << 14


def _complement_over_z(z: float) -> float:
    """(1 − erfcx(z))/z (2/√π at z = 0); below z = 1 with 1 − erfcx(z) written as
    e^(z²)·erf(z) − expm1(z²), which does not cancel there."""
    if z == 0.0:
        return 2 / _SQRT_PI
    if z < 1.0:
        zh = round(z * 64) / 64
        grow = math.exp(zh * zh) * math.exp((z - zh) * (z + zh))  # e^(z²)
        return (grow * math.erf(z) - math.expm1(z * z)) / z
    return (1 - _erfcx_scalar(z)) / z


def _g_scalar(z: float) -> float:
    """G(z)/2 = (1/erfcx(z) − 1)/z = ((1 − erfcx(z))/z)/erfcx(z)."""
    return _complement_over_z(z) / _erfcx_scalar(z)


def _power_coefficients(coef: Sequence[float], lo: float, hi: float) -> np.ndarray:
    r""":math:`\sum_k c_k T_k(u)` with :math:`u = (2t - lo - hi)/(hi - lo)` as a polynomial in t
    (coefficients lowest first), worked out exactly in rationals and rounded once.

    The power basis is ill-conditioned: converted in floating point, as ``np.polynomial``
    does, the coefficients of GELU's fits came out up to 6e-8 relative apart between BLAS and
    LAPACK libraries (see the module docstring). Exact, they are the correctly rounded
    coefficients of the series.
    """
    rows = [[1], [0, 1]]  # T_k's integer coefficients in u: T_(k+1) = 2u·T_k − T_(k−1)
    while len(rows) < len(coef):
        nxt = [0, *(2 * c for c in rows[-1])]
        for i, c in enumerate(rows[-2]):
            nxt[i] -= c
        rows.append(nxt)
    in_u = [Fraction(0)] * len(coef)
    for c, row in zip(coef, rows, strict=False):
        exact = Fraction(c)
        for i, n in enumerate(row):
            in_u[i] += exact * n
    span = Fraction(hi) - Fraction(lo)
    scale, shift = 2 / span, -(Fraction(lo) + Fraction(hi)) / span  # u = scale·t + shift
    in_t: list[Fraction] = []
    for a in reversed(in_u):  # Horner's rule on polynomials: in_t·u + a
        nxt = [Fraction(0)] * (len(in_t) + 1)
        for i, c in enumerate(in_t):
            nxt[i] += c * shift
            nxt[i + 1] += c * scale
        nxt[0] += a
        in_t = nxt
    return np.array([float(c) for c in in_t])


def _fit_in_t(function: Callable[[float], float]) -> np.ndarray:
    """The coefficients, in powers of t and lowest first, of a polynomial of degree 22 fitted
    to ``function(z)`` at z = L(1 + t)/(1 − t), by least squares on 200 Chebyshev points of
    the t interval that covers 0 ≤ z ≤ _G_END (:func:`_chebyshev_series`, then
    :func:`_power_coefficients`)."""
    end = (_G_END - _G_MAP) / (_G_END + _G_MAP)

    def at(u: float) -> float:
        t = (end - 1) / 2 + (end + 1) / 2 * u
        return function(_G_MAP * (1 + t) / (1 - t))

    return _power_coefficients(_chebyshev_series(at, _G_DEGREE, 200), -1.0, end)


#: G = 2(1/erfcx(z) − 1)/z, for Φ.
_G = _fit_in_t(lambda z: 2 * _g_scalar(z))
#: 2(λ − log 4), λ = log((z + L)·erfcx(z)/L), for x·Φ(x) (see _x_normal_cdf_block).
_LOG_S = _fit_in_t(lambda z: 2 * (math.log((z + _G_MAP) * _erfcx_scalar(z) / _G_MAP) - math.log(4)))
#: ψ/√2 with ψ = ½(1 − erfcx(z))/z + 1/√π, for Φ(x) + x·φ(x) (see _normal_cdf_slope_block).
_PSI = _fit_in_t(lambda z: (0.5 * _complement_over_z(z) + 1 / _SQRT_PI) / math.sqrt(2))


def _matrix(coefficients: np.ndarray) -> np.ndarray:
    """Polynomial coefficients (lowest first) as C: row j holds those of t^(8j), …, t^(8j + 7)."""
    matrix = np.zeros((_ROWS, _COLUMNS))
    matrix.flat[: coefficients.size] = coefficients
    return matrix


_G_OF_Z, _LOG_S_OF_X, _PSI_OF_X = _matrix(_G), _matrix(_LOG_S), _matrix(_PSI)


class _Scratch:
    """Buffers for blocks of up to ``width`` values: the powers of t (the row of ones written
    once), C·V, and six rows (four for one function, six for GELU's value and slope). All
    float64, whatever the dtype of the input: a float32 input is rounded once, at the end."""

    def __init__(self, width: int) -> None:
        self.powers = np.empty((_COLUMNS, width))
        self.powers[0] = 1.0
        self.products = np.empty((_ROWS, width))
        self.rows = np.empty((6, width))


_LOCAL = threading.local()


def _scratch() -> _Scratch:
    """This thread's :class:`_Scratch`, for blocks of up to 1.5·_PHI_BLOCK values (the
    longest :func:`._util.block_length` gives), made on first use and kept: some 3 MB that a
    new one per call would take from fresh pages (page faults) on every call of a few
    thousand values, which cost more than the call's arithmetic."""
    work = getattr(_LOCAL, "work", None)
    if work is None:
        work = _LOCAL.work = _Scratch(_PHI_BLOCK + _PHI_BLOCK // 2)
    return work


def _g_at(v: np.ndarray, shift: float, coefficients: np.ndarray, work: _Scratch) -> np.ndarray:
    """The polynomial whose C matrix is ``coefficients`` at t = 1 − 2k/(v + k), k = ``shift``
    (v ≥ 0 or NaN), in ``work.products[-1]``; uses work.rows[3]."""
    t = work.powers[1, : v.shape[0]]
    np.add(v, shift, out=t)
    np.divide(-2.0 * shift, t, out=t)
    t += 1.0
    return _g_at_t(t, coefficients, work)


def _g_at_t(t: np.ndarray, coefficients: np.ndarray, work: _Scratch) -> np.ndarray:
    """The polynomial at t = ``work.powers[1]`` (all but its first n values unused): the
    powers t², …, t⁷ into the rows of V below, s = t⁸, C·V, then Horner's rule in s."""
    return _polynomial(coefficients, _powers(t, work), work)


def _powers(t: np.ndarray, work: _Scratch) -> np.ndarray:
    """t², …, t⁷ into the rows of V below t = ``work.powers[1]``; returns s = t⁸ (in
    work.rows[3])."""
    powers = work.powers[:, : t.shape[0]]
    for k in range(2, _COLUMNS):
        np.multiply(powers[k - 1], t, out=powers[k])
    return np.multiply(powers[-1], t, out=work.rows[3, : t.shape[0]])


def _polynomial(coefficients: np.ndarray, step: np.ndarray, work: _Scratch,
                out: np.ndarray | None = None) -> np.ndarray:
    """C·V, then Horner's rule in s = ``step``, into ``out`` (by default work.products[-1];
    the same operations either way), with V = work.powers filled by :func:`_powers`."""
    n = step.shape[0]
    partial = np.matmul(coefficients, work.powers[:, :n], out=work.products[:, :n])
    if out is None:
        out = partial[-1]
    else:
        np.copyto(out, partial[-1])
    for j in range(_ROWS - 2, -1, -1):
        out *= step
        out += partial[j]
    return out


def _gaussian(v: np.ndarray, half: bool, out: np.ndarray, low: np.ndarray,
              spare: np.ndarray, sign: np.ndarray | None = None) -> np.ndarray:
    """e^(−v²/2) if ``half`` else e^(−v²), into ``out``, for |v| ≤ 40 (or NaN), with full
    relative precision, and with the sign of ``sign`` if given: v² = vh² + (v − vh)(v + vh)
    with vh = v rounded to 1/64 (adding and subtracting 1.5·2^46), so that vh² (at most 24
    bits) is exact and the rest, below 0.32, is rounded once:
    e^(−v²) = e^(−vh²)·e^((vh − v)(v + vh))."""
    np.add(v, _ROUND_64THS, out=out)
    out -= _ROUND_64THS  # vh
    np.subtract(out, v, out=low)  # vh − v, exact
    low *= np.add(v, out, out=spare)
    if half:
        low *= 0.5
    np.exp(low, out=low)
    np.square(out, out=out)
    out *= -0.5 if half else -1.0  # exact
    np.exp(out, out=out)
    if sign is not None:
        np.copysign(out, sign, out=out)
    out *= low
    return out


def _half_tail(z: np.ndarray, work: _Scratch) -> np.ndarray:
    """h = ½erfc(z) = e^(−z²)/(2 + z·G(t)) for 0 ≤ z ≤ 28 (or NaN), in a row of ``work``
    (every row but rows[0] is used)."""
    n = z.shape[0]
    den = _g_at(z, _G_MAP, _G_OF_Z, work)
    e = _gaussian(z, False, work.rows[2, :n], work.rows[3, :n], work.products[0, :n])
    den *= z
    den += 2.0
    return np.divide(e, den, out=den)


def _by_blocks(kernel, x: np.ndarray, count: int = 1) -> list[np.ndarray]:
    """``kernel(x_part, *out_parts, work)`` over the 1-D blocks of x, into ``count`` new arrays
    of x's float dtype (the kernels compute in float64 and round into them once)."""
    x = np.asarray(x)
    outs = [empty(x) for _ in range(count)]
    flat = np.ascontiguousarray(x).reshape(-1)
    if flat.size <= 1:  # NumPy passes a single column to BLAS's matrix-vector product, which
        pairs = [np.empty(2, out.dtype) for out in outs]  # may round differently: a lone
        if flat.size:  # value goes as two
            kernel(np.repeat(flat, 2), *pairs, _scratch())
            for out, pair in zip(outs, pairs, strict=True):
                out[...] = pair[0]
        return outs
    work = _scratch()
    flat_outs = [out.reshape(-1) for out in outs]
    for parts in zip(*(blocks(flat, out, _PHI_BLOCK) for out in flat_outs), strict=True):
        kernel(parts[0][0], *(dest for _, dest in parts), work)
    return outs


def _normal_cdf_block(x: np.ndarray, out: np.ndarray, work: _Scratch) -> None:
    """Φ(x) = s + copysign(h, w) with w = −x/√2, h = ½erfc(|w|) and s = 1 where w's sign bit
    is set (x > 0, or x = +0): 1 − h for x > 0 (one rounding), h for x < 0."""
    n = x.shape[0]
    w = np.divide(x, -math.sqrt(2), out=work.rows[0, :n], dtype=np.float64)  # x/√2 rounded once
    clip(w, -_Z_CLAMP, _Z_CLAMP, out=w)
    z = np.abs(w, out=work.rows[1, :n])
    h = _half_tail(z, work)
    np.copysign(h, w, out=h)
    s = np.signbit(w, out=work.rows[1, :n])
    np.add(s, h, out=out)


def normal_cdf(x: np.ndarray) -> np.ndarray:
    r"""Φ(x) = ½·erfc(−x/√2), the standard normal CDF, accurate in both tails: with
    z = |x|/√2, :math:`\Phi(x) = \tfrac12\operatorname{erfc}(z) = h` for x ≤ 0 and 1 − h for
    x > 0, where h = e^(−z²)/(2 + z·G(t)) (see above); the result has x's float dtype.

    >>> float(normal_cdf(np.array(0.0)))
    0.5
    """
    return _by_blocks(_normal_cdf_block, x)[0]


def _x_normal_cdf_block(x: np.ndarray, out: np.ndarray, work: _Scratch) -> None:
    """x·Φ(x) = max(x, 0) − |x|·h: x − x·h for x > 0, x·h for x < 0, where
    |x|·h = |x|·½e^(−x²/2)·(u/2)·e^λ = (|x|·u)·e^(−xh²/2)·exp(½((xh − |x|)(|x| + xh) + 2(λ −
    log 4))), u = 2L/(z + L) = 1 − t, xh = |x| rounded to 1/64 (as in :func:`_gaussian`)."""
    n = x.shape[0]
    a = np.abs(x, out=work.rows[0, :n])
    np.minimum(a, _X_CLAMP, out=a)
    u = np.add(a, _G_MAP * math.sqrt(2), out=work.rows[1, :n])
    np.divide(2 * _G_MAP * math.sqrt(2), u, out=u)
    t = np.subtract(1.0, u, out=work.powers[1, :n])
    log_s = _g_at_t(t, _LOG_S_OF_X, work)
    high, low = work.rows[2, :n], work.rows[3, :n]
    np.add(a, _ROUND_64THS, out=high)
    high -= _ROUND_64THS  # xh: |x| rounded to 1/64
    np.subtract(high, a, out=low)
    low *= np.add(a, high, out=work.products[0, :n])
    low += log_s
    low *= 0.5
    np.exp(low, out=low)
    np.square(high, out=high)
    high *= -0.5
    np.exp(high, out=high)
    high *= low
    u *= a
    high *= u
    clip(x, 0.0, np.inf, out=out)
    np.subtract(out, high, out=out)


def x_normal_cdf(x: np.ndarray) -> np.ndarray:
    r""":math:`x\,\Phi(x) = \max(x, 0) - |x|\,h(x)`, h = ½erfc(|x|/√2) the smaller of Φ and
    1 − Φ (GELU); e^(−x²/2) is split exactly (no rounding of x/√2), so the far left tail keeps
    its relative precision, and past |x| = 40 the result is exactly max(x, 0).

    >>> x_normal_cdf(np.array([-1.0, 0.0, 1.0]))
    array([-0.15865525,  0.        ,  0.84134475])
    """
    return _by_blocks(_x_normal_cdf_block, x)[0]


def _normal_cdf_slope_block(x: np.ndarray, out: np.ndarray, work: _Scratch) -> None:
    """Φ(x) + x·φ(x) = s + sgn·v, where v = h − |x|·φ(x) = e^(−x²/2)·(½ − |x|·ψ(t)/√2) is the
    value for x ≤ 0 (½erfcx(z) − z/√π = ½ − z·ψ), and for x > 0 it is 1 − v: with w = −x, s = 1
    where w's sign bit is set and sgn = copysign(1, w). v is exactly ½ at x = 0."""
    n = x.shape[0]
    w = np.negative(x, out=work.rows[0, :n])
    clip(w, -_X_CLAMP, _X_CLAMP, out=w)
    a = np.abs(w, out=work.rows[1, :n])
    psi = _g_at(a, _G_MAP * math.sqrt(2), _PSI_OF_X, work)
    e = _gaussian(a, True, work.rows[2, :n], work.rows[3, :n], work.products[0, :n], sign=w)
    psi *= a
    np.subtract(0.5, psi, out=psi)
    psi *= e  # sgn·v
    np.signbit(w, out=out)
    out += psi


def normal_cdf_slope(x: np.ndarray) -> np.ndarray:
    r""":math:`\frac{d}{dx}\,x\Phi(x) = \Phi(x) + x\,\varphi(x)`, φ = e^(−x²/2)/√(2π): h + xφ for
    x ≤ 0 and 1 − h + xφ for x > 0 (h as in :func:`x_normal_cdf`); exactly ½ at x = 0.

    >>> normal_cdf_slope(np.array([-1.0, 0.0, 1.0]))
    array([-0.08331547,  0.5       ,  1.08331547])
    """
    return _by_blocks(_normal_cdf_slope_block, x)[0]


def _x_normal_cdf_and_slope_block(x: np.ndarray, value: np.ndarray, slope: np.ndarray,
                                  work: _Scratch) -> None:
    """:func:`_x_normal_cdf_block` and :func:`_normal_cdf_slope_block` in one, sharing what
    they compute alike (|x| clamped, t and its powers, xh, (xh − |x|)(|x| + xh) and
    e^(−xh²/2)) and repeating each one's own operations in its order, so that both values are
    theirs bit for bit: three exponentials where the two take four, one set of powers."""
    n = x.shape[0]
    rows = work.rows
    w = np.negative(x, out=rows[0, :n])
    clip(w, -_X_CLAMP, _X_CLAMP, out=w)
    a = np.abs(w, out=rows[1, :n])  # = min(|x|, _X_CLAMP), as the value's block takes it
    u = np.add(a, _G_MAP * math.sqrt(2), out=rows[4, :n])
    np.divide(2 * _G_MAP * math.sqrt(2), u, out=u)
    t = np.subtract(1.0, u, out=work.powers[1, :n])  # = 1 − 2k/(|x| + k), as _g_at gives it
    step = _powers(t, work)
    log_s = _polynomial(_LOG_S_OF_X, step, work, out=rows[5, :n])
    psi = _polynomial(_PSI_OF_X, step, work)  # in work.products[2]; the powers are free now
    high, low = rows[2, :n], rows[3, :n]
    np.add(a, _ROUND_64THS, out=high)
    high -= _ROUND_64THS  # xh: |x| rounded to 1/64
    np.subtract(high, a, out=low)
    low *= np.add(a, high, out=work.products[0, :n])  # (xh − |x|)(|x| + xh)
    half_low = np.multiply(low, 0.5, out=work.powers[2, :n])  # the slope's small part
    np.exp(half_low, out=half_low)
    low += log_s  # the value's: log s joins it
    low *= 0.5
    np.exp(low, out=low)
    np.square(high, out=high)
    high *= -0.5
    np.exp(high, out=high)  # e^(−xh²/2), shared
    e = np.copysign(high, w, out=work.products[1, :n])
    e *= half_low  # e^(−x²/2) with the sign of −x: the slope's Gaussian
    high *= low
    u *= a
    high *= u  # |x|·h
    clip(x, 0.0, np.inf, out=value)
    np.subtract(value, high, out=value)
    psi *= a
    np.subtract(0.5, psi, out=psi)
    psi *= e  # sgn·v
    np.signbit(w, out=slope)
    slope += psi


def x_normal_cdf_and_slope(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r""":math:`x\,\Phi(x)` and :math:`\Phi(x) + x\,\varphi(x)` together (GELU and its slope):
    the values of :func:`x_normal_cdf` and :func:`normal_cdf_slope` bit for bit, in about
    two thirds of their time.

    >>> x_normal_cdf_and_slope(np.array([-1.0, 0.0, 1.0]))[1]
    array([-0.08331547,  0.5       ,  1.08331547])
    """
    value, slope = _by_blocks(_x_normal_cdf_and_slope_block, x, 2)
    return value, slope


def normal_pdf(x: np.ndarray) -> np.ndarray:
    r"""φ(x) = e^(−x²/2)/√(2π); exactly 0 once it underflows (|x| > 40)."""
    x = clip(np.asarray(x, dtype=np.float64), -40.0, 40.0)
    return _exp_neg_square(x / math.sqrt(2)) / math.sqrt(2 * math.pi)


def _erfc_block(z: np.ndarray, out: np.ndarray, work: _Scratch) -> None:
    """erfc(z) = 2h(z) for z ≥ 0 (or NaN), z clamped at 28 where h is already 0."""
    n = z.shape[0]
    np.minimum(z, _Z_CLAMP, out=work.rows[0, :n])
    h = _half_tail(work.rows[0, :n], work)
    np.multiply(h, 2.0, out=out)


def erfc_positive(z: np.ndarray) -> np.ndarray:
    """erfc(z) = 1 − erf(z) for z ≥ 0 (or NaN), with full relative precision in the tail:
    2h(z) (see :func:`normal_cdf`); 0 from z ≈ 27.3 on, where it underflows.

    >>> float(erfc_positive(np.array(1.0)))  # doctest: +ELLIPSIS
    0.157299207050285...
    """
    return _by_blocks(_erfc_block, np.asarray(z, dtype=np.float64))[0]


def erf(z: np.ndarray) -> np.ndarray:
    r"""The error function :math:`\operatorname{erf}(z) = \frac{2}{\sqrt\pi}\int_0^z e^{-t^2}dt`.

    Odd, with limits ±1 at ±∞; NaN in gives NaN out. z·g(z²) for |z| ≤ ½ (its own series,
    which keeps the relative precision near 0), 1 − 2h(|z|) beyond, with z's sign.

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
