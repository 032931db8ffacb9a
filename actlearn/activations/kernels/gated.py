"""Self-gated activations x·g(x): GELU (g = Φ), SiLU (g = σ) and Mish (g = tanh∘softplus).

They dip slightly below zero, are smooth, and tend to x for large x and to 0 for very negative
x. In the products x·g(x) the factor x is clipped to ±(largest float) first (or to where g is
exactly 0 or 1): that changes no finite value, and makes −∞·0 come out as the limit 0.
"""

from __future__ import annotations

import math

import numpy as np

from actlearn.activations.kernels._util import EXP_FLOOR, big, clip, empty, quiet
from actlearn.activations.kernels.special import normal_cdf, normal_cdf_pdf

_TANH_K = math.sqrt(2 / math.pi)
_TANH_C = 0.044715
#: Past |x| = 1000 the gates σ(2u) of GELU-tanh and tanh(softplus) of Mish are exactly 0 or 1.
_GATE_END = 1000.0
#: e^(2·40) ≈ 5.5e34 is finite, and past x = 40 Mish's tanh(softplus(x)) rounds to 1.
_MISH_END = 40.0


def _as(x: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` (computed in float64: Φ and φ are) in x's float dtype, rounded once."""
    dtype = getattr(x, "dtype", None)
    return values if dtype is None or dtype.kind != "f" else values.astype(dtype, copy=False)


def _gelu_tanh_exponent(xc: np.ndarray) -> np.ndarray:
    """v = −2u = −2√(2/π)(x + 0.044715x³), a new buffer (so that σ(2u) = 1/(1 + e^v))."""
    out = np.square(xc, out=empty(xc))
    out *= -2 * _TANH_K * _TANH_C
    out -= 2 * _TANH_K
    out *= xc
    return out


@quiet  # e^v overflows to inf for very negative x: then x/(1 + inf) = −0, the limit
def gelu(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    r""":math:`x\,\Phi(x)`, Φ the standard normal CDF; ``approximate="tanh"`` uses
    :math:`\tfrac12 x\,(1 + \tanh[\sqrt{2/\pi}\,(x + 0.044715x^3)])`, computed as
    :math:`x\,\sigma(2u) = x/(1 + e^{-2u})` (exact in the left tail, where 1 + tanh cancels).

    >>> gelu(np.array([-1.0, 0.0, 1.0]))
    array([-0.15865525,  0.        ,  0.84134475])
    """
    xc = clip(x, -big(x), np.inf, out=empty(x))  # −inf → −max: −max·0 = −0, not NaN
    if approximate == "tanh":
        out = _gelu_tanh_exponent(xc)
        np.exp(out, out=out)
        out += 1.0
        return np.divide(xc, out, out=out)
    out = _as(x, normal_cdf(x))
    out *= xc
    return out


@quiet
def gelu_grad(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    r""":math:`\Phi(x) + x\,\varphi(x)` (smooth: no kink).

    ``approximate="tanh"``: with g = σ(2u) and u' = √(2/π)(1 + 3·0.044715x²),
    :math:`g + 2x\,u'\,g(1 - g) = g\,(1 + 2x\,u'(1 - g))`; x is clipped to ±1000, past which
    g is exactly 0 or 1 and the derivative exactly 0 or 1.
    """
    if approximate == "tanh":
        xd = clip(x, -_GATE_END, _GATE_END, out=empty(x))
        g = _gelu_tanh_exponent(xd)
        np.exp(g, out=g)
        g += 1.0
        np.divide(1.0, g, out=g)
        out = np.square(xd, out=empty(x))
        out *= 6 * _TANH_K * _TANH_C
        out += 2 * _TANH_K  # 2u'
        out *= xd
        np.subtract(1.0, g, out=xd)
        out *= xd
        out += 1.0
        out *= g
        return out
    cdf, out = normal_cdf_pdf(x, pdf=True)  # one e^(−x²/2) for both
    out *= clip(x, -40.0, 40.0)  # φ(±40) is 0 in float64, so x·φ(x) is 0 past: no ∞·0
    out += cdf
    return _as(x, out)


@quiet  # e^(−x) overflows to inf for x < −709: then x/(1 + inf) = −0, the limit
def silu(x: np.ndarray) -> np.ndarray:
    r""":math:`x\,\sigma(x) = \frac{x}{1 + e^{-x}}` (also called swish with β = 1).

    >>> silu(np.array([-1000.0, 0.0, 1.0]))
    array([-0.        ,  0.        ,  0.73105858])
    """
    xc = clip(x, -big(x), np.inf, out=empty(x))
    out = np.negative(xc, out=empty(x))
    np.exp(out, out=out)
    out += 1.0
    return np.divide(xc, out, out=out)


@quiet
def silu_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)` (PyTorch's formula).

    x is clipped to ±(largest float), so that 1 − σ = 0 never meets x = ∞.
    """
    xc = clip(x, -big(x), big(x), out=empty(x))
    s = np.negative(xc, out=empty(x))
    np.exp(s, out=s)
    s += 1.0
    np.divide(1.0, s, out=s)
    out = np.subtract(1.0, s, out=empty(x))
    out *= xc
    out += 1.0
    out *= s
    return out


def _mish_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(e, n) with e = e^x and n = e(e + 2) = (1 + e)² − 1, x clipped to [−800, 40] first."""
    e = clip(x, -EXP_FLOOR, _MISH_END, out=empty(x))
    np.exp(e, out=e)
    n = np.add(e, 2.0, out=empty(x))
    n *= e
    return e, n


@quiet
def mish(x: np.ndarray) -> np.ndarray:
    r""":math:`x\,\tanh(\text{softplus}(x))`, where
    :math:`\tanh(\log(1 + e^x)) = \frac{(1 + e^x)^2 - 1}{(1 + e^x)^2 + 1} = \frac{n}{n + 2}` with
    n = eˣ(eˣ + 2): one exponential, no cancellation (n > 0).

    >>> mish(np.array([0.0, 1.0]))
    array([0.        , 0.86509839])
    """
    e, out = _mish_parts(x)
    np.add(out, 2.0, out=e)
    np.divide(out, e, out=out)
    out *= clip(x, -big(x), np.inf, out=e)
    return out


@quiet
def mish_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\tanh(s) + x\,\operatorname{sech}^2(s)\,\sigma(x)` with s = softplus(x).

    With e = eˣ and n = e(e + 2): tanh s = n/(n + 2) and sech²(s)·σ(x) = 4e(1 + e)/(n + 2)², so
    :math:`f'(x) = \frac{n}{n + 2} + \frac{4x\,e(1 + e)}{(n + 2)^2}`, x clipped to [−800, 40]
    (the derivative is exactly 1 past 40 and 0 below −746).
    """
    e, n = _mish_parts(x)
    np.subtract(n, e, out=e)  # e(1 + e) = n − e
    e *= clip(x, -EXP_FLOOR, _MISH_END, out=empty(x))
    e *= 4.0
    w = np.add(n, 2.0, out=empty(x))
    np.divide(n, w, out=n)  # tanh(softplus(x))
    np.square(w, out=w)
    e /= w
    e += n
    return e
