"""Self-gated activations x·g(x): GELU (g = Φ), SiLU (g = σ) and Mish (g = tanh∘softplus).

They dip slightly below zero, are smooth, and tend to x for large x and to 0 for very negative
x. Where x·g(x) could meet ±∞·0, either x is clipped first to ±(largest float) or to where g
is exactly 0 or 1 (which changes no finite value), or the rare block whose sum comes out NaN
gets the limit written at its infinities; either way −∞·0 comes out as the limit 0. Large
arrays run block by block (:func:`._util.blockwise`); GELU's Φ is :mod:`.special`'s.
"""

from __future__ import annotations

import math

import numpy as np

from actlearn.activations.kernels._util import (
    EXP_FLOOR,
    big,
    blockwise,
    blockwise_pair,
    clip,
    empty,
    quiet,
)
from actlearn.activations.kernels.special import (
    normal_cdf_slope,
    x_normal_cdf,
    x_normal_cdf_and_slope,
)

_sum = np.add.reduce  # ndarray.sum without its Python wrapper
_TANH_K = math.sqrt(2 / math.pi)
_TANH_C = 0.044715
#: Past |x| = 1000 the gates σ(2u) of GELU-tanh and tanh(softplus) of Mish are exactly 0 or 1.
_GATE_END = 1000.0
#: e^(2·40) ≈ 5.5e34 is finite, and past x = 40 Mish's tanh(softplus(x)) rounds to 1.
_MISH_END = 40.0


def _gelu_tanh_exponent(xc: np.ndarray, out: np.ndarray) -> np.ndarray:
    """v = −2u = −2√(2/π)(x + 0.044715x³) into ``out`` (so that σ(2u) = 1/(1 + e^v))."""
    np.square(xc, out=out)
    out *= -2 * _TANH_K * _TANH_C
    out -= 2 * _TANH_K
    out *= xc
    return out


@quiet  # e^v overflows to inf for very negative x: then x/(1 + inf) = −0, the limit
def gelu(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    r""":math:`x\,\Phi(x)`, Φ the standard normal CDF (:func:`.special.x_normal_cdf`);
    ``approximate="tanh"`` uses
    :math:`\tfrac12 x\,(1 + \tanh[\sqrt{2/\pi}\,(x + 0.044715x^3)])`, computed as
    :math:`x\,\sigma(2u) = x/(1 + e^{-2u})` (exact in the left tail, where 1 + tanh cancels).

    >>> gelu(np.array([-1.0, 0.0, 1.0]))
    array([-0.15865525,  0.        ,  0.84134475])
    """
    if approximate == "tanh":
        return blockwise(_gelu_tanh_into, x)
    return x_normal_cdf(x)


def _gelu_tanh_into(x: np.ndarray, out: np.ndarray) -> None:
    xc = clip(x, -big(x), np.inf, out=empty(out))  # −inf → −max: −max·0 = −0, not NaN
    _gelu_tanh_exponent(xc, out)
    np.exp(out, out=out)
    out += 1.0
    np.divide(xc, out, out=out)


@quiet
def gelu_grad(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    r""":math:`\Phi(x) + x\,\varphi(x)` (smooth: no kink; :func:`.special.normal_cdf_slope`).

    ``approximate="tanh"``: with g = σ(2u) and u' = √(2/π)(1 + 3·0.044715x²),
    :math:`g + 2x\,u'\,g(1 - g) = g\,(1 + 2x\,u'(1 - g))`; x is clipped to ±1000, past which
    g is exactly 0 or 1 and the derivative exactly 0 or 1.
    """
    if approximate == "tanh":
        return blockwise(_gelu_tanh_grad_into, x)
    return normal_cdf_slope(x)


def _gelu_tanh_grad_into(x: np.ndarray, out: np.ndarray) -> None:
    xd = clip(x, -_GATE_END, _GATE_END, out=empty(out))
    g = _gelu_tanh_exponent(xd, empty(out))
    np.exp(g, out=g)
    g += 1.0
    np.divide(1.0, g, out=g)
    np.square(xd, out=out)
    out *= 6 * _TANH_K * _TANH_C
    out += 2 * _TANH_K  # 2u'
    out *= xd
    np.subtract(1.0, g, out=xd)
    out *= xd
    out += 1.0
    out *= g


@quiet  # as gelu and gelu_grad
def gelu_and_grad(x: np.ndarray, approximate: str = "none") -> tuple[np.ndarray, np.ndarray]:
    r"""GELU and its slope together: :math:`x\,\Phi(x)` and :math:`\Phi(x) + x\,\varphi(x)`
    sharing their common passes (:func:`.special.x_normal_cdf_and_slope`, the values of
    :func:`gelu` and :func:`gelu_grad` bit for bit); ``approximate="tanh"`` computes the two
    one after the other.
    """
    if approximate == "tanh":
        return gelu(x, approximate), gelu_grad(x, approximate)
    return x_normal_cdf_and_slope(x)


@quiet  # e^(−x) overflows to inf for x < −709: then x/(1 + inf) = −0, the limit
def silu(x: np.ndarray) -> np.ndarray:
    r""":math:`x\,\sigma(x) = \frac{x}{1 + e^{-x}}` (also called swish with β = 1).

    Only x = −∞ gives −∞/∞ = NaN; a block whose sum is NaN (NaN in, or that) gets the limit
    −0 written where x = −∞.

    >>> silu(np.array([-1000.0, 0.0, 1.0]))
    array([-0.        ,  0.        ,  0.73105858])
    """
    return blockwise(_silu_into, x)


def _silu_into(x: np.ndarray, out: np.ndarray) -> None:
    np.negative(x, out=out)
    np.exp(out, out=out)
    out += 1.0
    np.divide(x, out, out=out)
    if math.isnan(_sum(out, axis=None)):  # rare: NaN in, or x = −∞
        out[x == -np.inf] = -0.0


@quiet
def silu_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)` (PyTorch's formula).

    Only x = ±∞ gives ∞·0 = NaN; a block whose sum is NaN gets the limits 1 (+∞) and 0 (−∞)
    written there.
    """
    return blockwise(_silu_grad_into, x)


def _silu_grad_into(x: np.ndarray, out: np.ndarray) -> None:
    s = np.negative(x, out=empty(out))
    np.exp(s, out=s)
    s += 1.0
    np.divide(1.0, s, out=s)  # σ(x)
    np.subtract(1.0, s, out=out)
    out *= x
    out += 1.0
    out *= s
    if math.isnan(_sum(out, axis=None)):  # rare: NaN in, or x = ±∞
        infinite = np.isinf(x)
        out[infinite] = x[infinite] > 0


@quiet  # as silu and silu_grad
def silu_and_grad(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r""":math:`x\,\sigma(x)` and :math:`\sigma(x)(1 + x(1 - \sigma(x)))` from one exponential
    p = 1 + e^(−x): the value x/p and the slope with σ = 1/p, the values of :func:`silu` and
    :func:`silu_grad` bit for bit (their limits written at ±∞ as they write them).

    >>> silu_and_grad(np.array([-1000.0, 0.0, 1.0]))
    (array([-0.        ,  0.        ,  0.73105858]), array([-0.        ,  0.5       ,  0.92767051]))
    """
    return blockwise_pair(_silu_and_grad_into, x)


def _silu_and_grad_into(x: np.ndarray, value: np.ndarray, slope: np.ndarray) -> None:
    p = np.exp(np.negative(x, out=slope), out=slope)
    p += 1.0
    np.divide(x, p, out=value)  # as silu()
    s = np.divide(1.0, p, out=empty(slope))  # σ, as silu_grad() computes it
    np.subtract(1.0, s, out=slope)
    slope *= x
    slope += 1.0
    slope *= s
    if math.isnan(_sum(slope, axis=None)):  # rare: NaN in, or x = ±∞ (the value's NaN too)
        infinite = np.isinf(x)
        slope[infinite] = x[infinite] > 0
        value[x == -np.inf] = -0.0


@quiet
def mish(x: np.ndarray) -> np.ndarray:
    r""":math:`x\,\tanh(\text{softplus}(x))`, where
    :math:`\tanh(\log(1 + e^x)) = \frac{(1 + e^x)^2 - 1}{(1 + e^x)^2 + 1} = \frac{n}{n + 2}` with
    n = eˣ(eˣ + 2): one exponential, no cancellation (n > 0); e^x of x clipped to [−800, 40]
    (past 40 the factor n/(n + 2) is exactly 1). Only x = −∞ gives −∞·0 = NaN; a block whose
    sum is NaN (NaN in, or that) gets the limit −0 written there.

    >>> mish(np.array([0.0, 1.0]))
    array([0.        , 0.86509839])
    """
    return blockwise(_mish_into, x)


def _mish_into(x: np.ndarray, out: np.ndarray) -> None:
    e = clip(x, -EXP_FLOOR, _MISH_END, out=out)
    np.exp(e, out=e)
    n = np.add(e, 2.0, out=empty(out))
    n *= e  # n = e(e + 2)
    np.add(n, 2.0, out=out)
    np.divide(n, out, out=out)
    out *= x
    if math.isnan(_sum(out, axis=None)):  # rare: NaN in, or x = −∞
        out[x == -np.inf] = -0.0


@quiet
def mish_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\tanh(s) + x\,\operatorname{sech}^2(s)\,\sigma(x)` with s = softplus(x).

    With e = eˣ and n = e(e + 2): tanh s = n/(n + 2) and sech²(s)·σ(x) = 4e(1 + e)/(n + 2)², so
    :math:`f'(x) = \frac{n}{n + 2} + \frac{4x\,e(1 + e)}{(n + 2)^2}`, x clipped to [−800, 40]
    (the derivative is exactly 1 past 40 and 0 below −746).
    """
    return blockwise(_mish_grad_into, x)


def _mish_grad_into(x: np.ndarray, out: np.ndarray) -> None:
    c = clip(x, -EXP_FLOOR, _MISH_END, out=empty(out))
    e = np.exp(c, out=out)
    n = np.add(e, 2.0, out=empty(out))
    n *= e
    np.subtract(n, e, out=e)  # e(1 + e) = n − e
    c *= 4.0
    e *= c  # 4x·e(1 + e)
    w = np.add(n, 2.0, out=c)
    np.divide(n, w, out=n)  # tanh(softplus(x))
    np.square(w, out=w)
    e /= w
    e += n
