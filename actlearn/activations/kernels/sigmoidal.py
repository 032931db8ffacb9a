"""S-shaped and soft activations: sigmoid, tanh, softplus, log-sigmoid, softsign, tanhshrink.

Every function takes a float64 ndarray (any shape, 0-d included) and is stable for all finite
inputs: no overflow, ±inf gives the limit, NaN gives NaN.
"""

from __future__ import annotations

import numpy as np

from actlearn.activations.kernels._util import EXP_FLOOR


def sigmoid(x: np.ndarray) -> np.ndarray:
    r""":math:`\sigma(x) = \frac{1}{1 + e^{-x}}`, computed from :math:`e^{-|x|} \le 1`.

    For x < 0 the algebraically equal form :math:`e^{x}/(1 + e^{x})` is used, so exp never
    overflows.

    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    """
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\sigma'(x) = \sigma(x)\,\sigma(-x) = e^{-|x|}/(1 + e^{-|x|})^2` (even, ≤ 1/4)."""
    e = np.exp(-np.abs(x))
    return e / (1 + e) ** 2


def tanh(x: np.ndarray) -> np.ndarray:
    r""":math:`\tanh x = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1`.

    >>> tanh(np.array([0.0, 1000.0]))
    array([0., 1.])
    """
    return np.tanh(x)


def tanh_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\tanh'(x) = 1 - \tanh^2 x = 4e^{-2|x|}/(1 + e^{-2|x|})^2`.

    The second form keeps full relative precision where tanh² rounds to 1.
    """
    e = np.exp(-2 * np.minimum(np.abs(x), EXP_FLOOR / 2))  # exp(−800) is already 0
    return 4 * e / (1 + e) ** 2


def softplus_exact(x: np.ndarray) -> np.ndarray:
    r""":math:`\log(1 + e^{x}) = \max(x, 0) + \log(1 + e^{-|x|})`, never overflowing."""
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def softplus(x: np.ndarray, beta: float = 1.0, threshold: float = 20.0) -> np.ndarray:
    r""":math:`\frac{1}{\beta}\log(1 + e^{\beta x})`; exactly x once βx > threshold.

    The switch to the identity follows PyTorch: past the threshold the two differ by less than
    :math:`e^{-\text{threshold}}/\beta` (2e-9 at the default 20).

    >>> softplus(np.array([0.0, 30.0]))
    array([ 0.69314718, 30.        ])
    """
    linear = x > threshold / beta
    xc = np.clip(x, -1e300 / beta, threshold / beta)  # beta * xc can never overflow
    return np.where(linear, x, softplus_exact(beta * xc) / beta)


def softplus_grad(x: np.ndarray, beta: float = 1.0, threshold: float = 20.0) -> np.ndarray:
    r""":math:`\frac{d}{dx}\,\text{softplus}_\beta(x) = \sigma(\beta x)`; 1 past the threshold."""
    xc = np.clip(x, -1e300 / beta, threshold / beta)
    return np.where(x > threshold / beta, 1.0, sigmoid(beta * xc))


def log_sigmoid(x: np.ndarray) -> np.ndarray:
    r""":math:`\log\sigma(x) = -\text{softplus}(-x)` (no threshold switch: exact everywhere).

    >>> log_sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([-1.00000000e+03, -6.93147181e-01, -0.00000000e+00])
    """
    return -softplus_exact(-x)


def log_sigmoid_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\frac{d}{dx}\log\sigma(x) = \sigma(-x) = 1 - \sigma(x)`."""
    return sigmoid(-x)


def softsign(x: np.ndarray) -> np.ndarray:
    r""":math:`\frac{x}{1 + |x|}`, with limits ±1 at ±inf.

    >>> softsign(np.array([-1.0, 0.0, np.inf]))
    array([-0.5,  0. ,  1. ])
    """
    out = np.array(np.sign(x), dtype=np.float64)  # the limit at ±inf (and NaN stays NaN)
    return np.divide(x, 1 + np.abs(x), out=out, where=~np.isinf(x))


def softsign_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\frac{1}{(1 + |x|)^2}`, computed as a square of a number ≤ 1."""
    r = 1 / (1 + np.abs(x))
    return r * r


def tanhshrink(x: np.ndarray) -> np.ndarray:
    r""":math:`x - \tanh x`.

    >>> tanhshrink(np.array([0.0, 1.0]))
    array([0.        , 0.23840584])
    """
    return x - np.tanh(x)


def tanhshrink_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`1 - (1 - \tanh^2 x) = \tanh^2 x`."""
    return np.tanh(x) ** 2


__all__ = [
    "log_sigmoid",
    "log_sigmoid_grad",
    "sigmoid",
    "sigmoid_grad",
    "softplus",
    "softplus_exact",
    "softplus_grad",
    "softsign",
    "softsign_grad",
    "tanh",
    "tanh_grad",
    "tanhshrink",
    "tanhshrink_grad",
]
