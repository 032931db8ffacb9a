"""Self-gated activations x·g(x): GELU (g = Φ), SiLU (g = σ) and Mish (g = tanh∘softplus).

They dip slightly below zero, are smooth, and tend to x for large x and to 0 for very negative
x. Products x·g(x) use :func:`mul0` so that −inf·0 takes its limit 0.
"""

from __future__ import annotations

import math

import numpy as np

from actlearn.activations.kernels._util import mul0
from actlearn.activations.kernels.sigmoidal import sigmoid, sigmoid_grad, softplus_exact
from actlearn.activations.kernels.special import normal_cdf, normal_pdf

_TANH_K = math.sqrt(2 / math.pi)
_TANH_C = 0.044715


def _gelu_tanh_gate(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(g, g') for the tanh approximation, g = ½(1 + tanh u) = σ(2u), u = √(2/π)(x + 0.044715x³)."""
    xc = np.clip(x, -1e3, 1e3)  # σ(2u) is exactly 0 or 1 long before |x| = 1000
    u = _TANH_K * (xc + _TANH_C * xc**3)
    du = _TANH_K * (1 + 3 * _TANH_C * xc**2)
    return sigmoid(2 * u), 2 * sigmoid_grad(2 * u) * du


def gelu(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    r""":math:`x\,\Phi(x)`, Φ the standard normal CDF; ``approximate="tanh"`` uses
    :math:`\tfrac12 x\,(1 + \tanh[\sqrt{2/\pi}\,(x + 0.044715x^3)])`.

    >>> gelu(np.array([-1.0, 0.0, 1.0]))
    array([-0.15865525,  0.        ,  0.84134475])
    """
    if approximate == "tanh":
        return mul0(x, _gelu_tanh_gate(x)[0])
    return mul0(x, normal_cdf(x))


def gelu_grad(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    r""":math:`\Phi(x) + x\,\varphi(x)` (smooth: no kink)."""
    if approximate == "tanh":
        g, dg = _gelu_tanh_gate(x)
        return g + mul0(x, dg)
    return normal_cdf(x) + mul0(x, normal_pdf(x))


def silu(x: np.ndarray) -> np.ndarray:
    r""":math:`x\,\sigma(x)` (also called swish with β = 1).

    >>> silu(np.array([-1000.0, 0.0, 1.0]))
    array([0.        , 0.        , 0.73105858])
    """
    return mul0(x, sigmoid(x))


def silu_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)`, with 1 − σ(x) taken as σ(−x)."""
    s = sigmoid(x)
    return mul0(1 + mul0(x, sigmoid(-x)), s)


def mish(x: np.ndarray) -> np.ndarray:
    r""":math:`x\,\tanh(\text{softplus}(x))`.

    >>> mish(np.array([0.0, 1.0]))
    array([0.        , 0.86509839])
    """
    return mul0(x, np.tanh(softplus_exact(x)))


def mish_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\tanh(s) + x\,\operatorname{sech}^2(s)\,\sigma(x)` with s = softplus(x)."""
    t = np.tanh(softplus_exact(x))
    return t + mul0(x, (1 - t * t) * sigmoid(x))
