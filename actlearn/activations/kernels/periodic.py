r"""The periodic activation of SIREN networks: sin(ω₀x), with a sine and cosine of its own.

NumPy's float64 sin and cos call the C library one value at a time: on the machine this was
written on the two took 30 ms per 10⁶ values (``benchmarks/activations.py``'s sin row), and
half of the SIREN lesson's time in a profile. The kernels here compute both in float64 over
blocks of whole arrays from one range reduction and two short polynomials, in about half that
time, within a few ulps of the correctly rounded values (``tests/activations/test_periodic.py``
holds them to 2 ulps of math.sin and math.cos):

* reduction: v = n·π/2 + r with n = rint(v·2/π), so |r| ≤ π/4 (a hair more where v·2/π
  rounds), by Cody and Waite's method: π/2 = P₁ + P₂ + P₃ with P₁ and P₂ of 33 significant
  bits, so that n·P₁ and n·P₂ are exact for |n| < 2^20 and r = ((v − n·P₁) − n·P₂) − n·P₃ keeps
  its relative precision near the zeros of sin v and cos v. The parts are read off π computed
  here to 160 bits with Machin's formula, π = 16 arctan(1/5) − 4 arctan(1/239), in integer
  arithmetic: no constant is typed in. Where |n| ≥ 2^19 (|v| > 8.2e5), and at ±inf and NaN,
  NumPy's sin and cos are used instead;
* polynomials: Taylor's, :math:`\sin r = r + r\sum_{k=1}^{8} (-1)^k s^k/(2k+1)!` and
  :math:`\cos r = 1 + \sum_{k=1}^{9} (-1)^k s^k/(2k)!` with s = r², whose first omitted terms
  are below 1e-19 relative on |r| ≤ π/4, by Horner's rule; the coefficients are 1/k! from
  ``math.factorial``;
* quadrant: with q = n mod 4, sin v is sin r, cos r, −sin r, −cos r for q = 0, 1, 2, 3 and
  cos v is cos r, −sin r, −cos r, sin r, picked by exact products with 0/1 indicators (no
  ``np.where``, which runs an element loop on random quadrants).

float32 input keeps NumPy's float32 sin and cos, which are vectorised (ω₀x rounded to float32
first, as before).
"""

from __future__ import annotations

import math
import threading
from fractions import Fraction

import numpy as np

from actlearn.activations.kernels._util import block_length, empty, quiet

_max = np.maximum.reduce


def _pi_fraction(bits: int = 160) -> Fraction:
    """π to within 2^−bits, from Machin's formula π = 16 arctan(1/5) − 4 arctan(1/239) with
    arctan(1/x) = Σ (−1)^k / ((2k + 1) x^(2k+1)) summed in integers scaled by 2^(bits + 16)."""
    scale = 1 << (bits + 16)

    def arctan_inverse(x: int) -> int:
        total, power, k, sign = 0, scale // x, 1, 1
        while power:
            total += sign * (power // k)
            power //= x * x
            k, sign = k + 2, -sign
        return total

    return Fraction(16 * arctan_inverse(5) - 4 * arctan_inverse(239), scale)


def _truncated(value: Fraction, significant_bits: int) -> Fraction:
    """``value`` > 0 cut (towards 0) to its first ``significant_bits`` bits."""
    exponent = math.floor(math.log2(value))
    unit = Fraction(2) ** (exponent + 1 - significant_bits)
    return math.floor(value / unit) * unit


_HALF_PI = _pi_fraction() / 2
_P1 = _truncated(_HALF_PI, 33)
_P2 = _truncated(_HALF_PI - _P1, 33)
#: π/2 = P1 + P2 + P3 (P3 rounded to a float): n·P1 and n·P2 are exact for |n| < 2^20.
P1, P2, P3 = float(_P1), float(_P2), float(_HALF_PI - _P1 - _P2)
_TWO_OVER_PI = float(1 / _HALF_PI)
#: Beyond this many quarter turns NumPy's sin and cos take over (|v| > 8.2e5).
_N_LIMIT = float(1 << 19)
#: Taylor coefficients, highest power first: sin r = r + r·s·S(s), cos r = 1 + s·C(s), s = r².
_SIN = tuple((-1) ** k / math.factorial(2 * k + 1) for k in range(8, 0, -1))
_COS = tuple((-1) ** k / math.factorial(2 * k) for k in range(9, 0, -1))
#: Values per block: nine block-sized rows in flight, 1.1 MB at 2^14 values each.
_BLOCK = 1 << 14


_LOCAL = threading.local()


def _work() -> np.ndarray:
    """This thread's seven rows for blocks of up to 1.5·_BLOCK values (six for the block, one
    for ω₀x), made on first use and kept: a new 1.3 MB per call would come from fresh pages
    (page faults) on every call of a few thousand values."""
    work = getattr(_LOCAL, "work", None)
    if work is None:
        work = _LOCAL.work = np.empty((7, _BLOCK + _BLOCK // 2))
    return work


def _horner(coefficients: tuple[float, ...], s: np.ndarray, out: np.ndarray) -> np.ndarray:
    """Σ c_k s^k (highest first, constant term last) by Horner's rule, into ``out``."""
    np.multiply(s, coefficients[0], out=out)
    for c in coefficients[1:-1]:
        out += c
        out *= s
    out += coefficients[-1]
    return out


def _sin_cos_block(v: np.ndarray, sin_out: np.ndarray | None, cos_out: np.ndarray | None,
                   work: np.ndarray) -> None:
    """sin v and/or cos v for a 1-D block of float64 v, into the outputs given."""
    m = v.shape[0]
    n, r, s, sin_r, cos_r, t = (row[:m] for row in work[:6])
    np.multiply(v, _TWO_OVER_PI, out=n)
    np.rint(n, out=n)
    n += 0.0  # −0 → +0, so that r below is v itself, sign of zero included, where n = 0
    np.multiply(n, -P1, out=r)
    r += v  # v − n·P1, exact
    r -= np.multiply(n, P2, out=t)
    r -= np.multiply(n, P3, out=t)
    np.abs(n, out=t)
    far = None if _max(t) < _N_LIMIT else ~(t < _N_LIMIT)  # also NaN: rare
    np.square(r, out=s)
    _horner(_SIN, s, sin_r)
    sin_r *= s
    sin_r *= r
    sin_r += r
    np.copysign(sin_r, r, out=sin_r)  # sin r has r's sign: this only restores sin(−0) = −0
    _horner(_COS, s, cos_r)
    cos_r *= s
    cos_r += 1.0  # cos r
    # the quadrant q = n mod 4: odd = q mod 2 picks cos r over sin r, and q ≥ 2 flips the sign
    half = np.multiply(n, 0.25, out=s)
    np.floor(half, out=half)
    half *= 4.0
    q = np.subtract(n, half, out=n)  # 0, 1, 2 or 3
    flip = np.multiply(q, 0.5, out=s)
    np.floor(flip, out=flip)  # 0 or 1
    # odd = 2·flip − q negated: 1, or −0 (not +0), so that odd·cos r is −0 where sin r is
    # picked and sin(−0) = −0 + −0 keeps its sign
    odd = np.subtract(np.multiply(flip, 2.0, out=r), q, out=q)
    np.negative(odd, out=odd)
    even = np.subtract(1.0, odd, out=r)
    sign = np.multiply(flip, -2.0, out=flip)
    sign += 1.0  # 1 or −1
    if sin_out is not None:  # sin v = sign·(even·sin r + odd·cos r)
        np.multiply(sin_r, even, out=sin_out)
        sin_out += np.multiply(cos_r, odd, out=t)
        sin_out *= sign
    if cos_out is not None:  # cos v = sign·(even·cos r − odd·sin r)
        np.multiply(cos_r, even, out=cos_out)
        cos_out -= np.multiply(sin_r, odd, out=t)
        cos_out *= sign
    if far is not None:
        if sin_out is not None:
            sin_out[far] = np.sin(v[far])
        if cos_out is not None:
            cos_out[far] = np.cos(v[far])


def _sin_cos(x: np.ndarray, omega_0: float, want_sin: bool,
             want_cos: bool) -> tuple[np.ndarray | None, np.ndarray | None]:
    """sin(ω₀x) and/or cos(ω₀x) for float64 x, as new arrays of x's shape (None for the one
    not wanted); ω₀x is formed block by block, rounded once as ``x * omega_0`` would be."""
    sin_out = empty(x) if want_sin else None
    cos_out = empty(x) if want_cos else None
    flat = np.ascontiguousarray(x).reshape(-1)
    size = flat.size
    if size == 0:
        return sin_out, cos_out
    length = block_length(size, _BLOCK)
    work = _work()
    sin_flat = None if sin_out is None else sin_out.reshape(-1)  # views: new C-ordered arrays
    cos_flat = None if cos_out is None else cos_out.reshape(-1)
    for start in range(0, size, length):
        part = slice(start, min(start + length, size))
        v = np.multiply(flat[part], omega_0, out=work[6, : part.stop - start])
        _sin_cos_block(v, None if sin_flat is None else sin_flat[part],
                       None if cos_flat is None else cos_flat[part], work)
    return sin_out, cos_out


@quiet  # sin(±inf) is NaN (no limit): NumPy flags it as invalid, and NaN is the answer
def sin(x: np.ndarray, omega_0: float = 1.0) -> np.ndarray:
    r""":math:`\sin(\omega_0 x)`; NaN at ±inf, where it has no limit.

    >>> sin(np.array([0.0, np.pi / 2]))
    array([0., 1.])
    """
    if x.dtype != np.float64:
        out = np.multiply(x, omega_0, out=empty(x))
        return np.sin(out, out=out)
    return _sin_cos(x, omega_0, True, False)[0]


@quiet
def sin_grad(x: np.ndarray, omega_0: float = 1.0) -> np.ndarray:
    r""":math:`\omega_0\cos(\omega_0 x)`; NaN at ±inf."""
    if x.dtype != np.float64:
        out = np.multiply(x, omega_0, out=empty(x))
        np.cos(out, out=out)
    else:
        out = _sin_cos(x, omega_0, False, True)[1]
    out *= omega_0
    return out


@quiet
def sin_and_grad(x: np.ndarray, omega_0: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    r""":math:`\sin(\omega_0 x)` and :math:`\omega_0\cos(\omega_0 x)` from one range reduction
    (the values of :func:`sin` and :func:`sin_grad`, bit for bit).

    >>> sin_and_grad(np.array([0.0, np.pi / 2]), 2.0)[1]
    array([ 2., -2.])
    """
    if x.dtype != np.float64:
        return sin(x, omega_0), sin_grad(x, omega_0)
    value, slope = _sin_cos(x, omega_0, True, True)
    slope *= omega_0
    return value, slope
