"""S-shaped and soft activations: sigmoid, tanh, softplus, log-sigmoid, softsign, tanhshrink.

Every function takes a float ndarray (any shape, 0-d included) and is stable for all finite
inputs: no warning, ±inf gives the limit, NaN gives NaN. Several let an exponential overflow to
inf on purpose where the formula then rounds to its exact limit (1/(1 + inf) = 0); each says
so, and none can form inf/inf or ∞·0.
"""

from __future__ import annotations

import numpy as np

from actlearn.activations.kernels._util import big, clip, empty, quiet, zero_where


def _one_over_one_plus_exp(v: np.ndarray, out: np.ndarray) -> np.ndarray:
    """1/(1 + e^v) into ``out`` (which may be v): e^v = inf gives exactly 0, e^v = 0 gives 1."""
    np.exp(v, out=out)
    out += 1.0
    return np.divide(1.0, out, out=out)


@quiet  # e^(−x) overflows to inf for x < −709: then 1/(1 + inf) = 0, the rounded answer
def sigmoid(x: np.ndarray) -> np.ndarray:
    r""":math:`\sigma(x) = \frac{1}{1 + e^{-x}}`.

    Relative error of a few ulps everywhere: e^(−x) is correctly rounded up to overflow, and
    where it overflows σ(x) < 1e-308 rounds to 0.

    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    """
    out = np.negative(x, out=empty(x))
    return _one_over_one_plus_exp(out, out)


@quiet  # cosh overflows to inf for |x| > 710: then 1/(2 + inf) = 0, the rounded answer
def sigmoid_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\sigma'(x) = \sigma(x)\,\sigma(-x) = \frac{1}{2 + 2\cosh x}` (even, ≤ 1/4).

    The cosh form has full relative precision in both tails, where σ(1 − σ) would cancel.
    """
    out = np.cosh(x, out=empty(x))
    out += 1.0
    return np.divide(0.5, out, out=out)


def tanh(x: np.ndarray) -> np.ndarray:
    r""":math:`\tanh x = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1`.

    >>> tanh(np.array([0.0, 1000.0]))
    array([0., 1.])
    """
    return np.tanh(x, out=empty(x))


@quiet  # cosh(x)² overflows to inf for |x| > 355: then 1/inf = 0, the rounded answer
def tanh_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\tanh'(x) = 1 - \tanh^2 x = \operatorname{sech}^2 x = 1/\cosh^2 x`.

    The sech² form keeps full relative precision where tanh² rounds to 1.
    """
    out = np.cosh(x, out=empty(x))
    np.square(out, out=out)
    return np.divide(1.0, out, out=out)


def softplus_exact(x: np.ndarray) -> np.ndarray:
    r""":math:`\log(1 + e^{x}) = \max(x, 0) + \log(1 + e^{-|x|})`, never overflowing."""
    out = np.abs(x, out=empty(x))
    np.negative(out, out=out)
    np.exp(out, out=out)
    np.log1p(out, out=out)
    out += clip(x, 0.0, np.inf)
    return out


@quiet  # −β|x| may overflow to −inf for a large β: e^(−inf) = 0, the limit
def softplus(x: np.ndarray, beta: float = 1.0, threshold: float = 20.0) -> np.ndarray:
    r""":math:`\frac{1}{\beta}\log(1 + e^{\beta x})`; exactly x once βx > threshold.

    The switch to the identity follows PyTorch: past the threshold the two differ by less than
    :math:`e^{-\text{threshold}}/\beta` (2e-9 at the default 20). Computed as
    :math:`\max(x, 0) + \log(1 + e^{-\beta|x|})/\beta`, the second term set to 0 past the
    threshold.

    >>> softplus(np.array([0.0, 30.0]))
    array([ 0.69314718, 30.        ])
    """
    out = np.abs(x, out=empty(x))
    np.multiply(out, -beta, out=out)  # ≤ 0, or −inf: nothing overflows
    np.exp(out, out=out)
    np.log1p(out, out=out)
    zero_where(x > threshold / beta, out)
    if beta != 1.0:
        out /= beta
    out += clip(x, 0.0, np.inf, out=empty(x))
    return out


@quiet  # βx may overflow to −inf and e^(−βx) to inf: then 1/(1 + inf) = 0, the limit
def softplus_grad(x: np.ndarray, beta: float = 1.0, threshold: float = 20.0) -> np.ndarray:
    r""":math:`\frac{d}{dx}\,\text{softplus}_\beta(x) = \sigma(\beta x)`; 1 past the threshold.

    :math:`1/(1 + e^{-\beta x})` with e^(−βx) set to 0 past the threshold, where the result is
    then exactly 1.
    """
    out = np.multiply(x, -beta, out=empty(x))
    np.exp(out, out=out)
    zero_where(x > threshold / beta, out)  # e^(−βx) is finite there
    out += 1.0
    return np.divide(1.0, out, out=out)


def log_sigmoid(x: np.ndarray) -> np.ndarray:
    r""":math:`\log\sigma(x) = -\text{softplus}(-x) = \min(x, 0) - \log(1 + e^{-|x|})` (no
    threshold switch: exact everywhere).

    >>> log_sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([-1.00000000e+03, -6.93147181e-01,  0.00000000e+00])
    """
    out = np.abs(x, out=empty(x))
    np.negative(out, out=out)
    np.exp(out, out=out)
    np.log1p(out, out=out)
    return np.subtract(clip(x, -np.inf, 0.0), out, out=out)


@quiet  # e^x overflows to inf for x > 709: then 1/(1 + inf) = 0, the rounded answer
def log_sigmoid_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\frac{d}{dx}\log\sigma(x) = \sigma(-x) = \frac{1}{1 + e^{x}}`."""
    return _one_over_one_plus_exp(x, empty(x))


def softsign(x: np.ndarray) -> np.ndarray:
    r""":math:`\frac{x}{1 + |x|}`, with limits ±1 at ±inf.

    x is clipped to ±(largest float) first: the ratio is unchanged for finite x, and ±inf
    becomes a huge finite number whose ratio rounds to ±1 (∞/∞ would be NaN).

    >>> softsign(np.array([-1.0, 0.0, np.inf]))
    array([-0.5,  0. ,  1. ])
    """
    clipped = clip(x, -big(x), big(x), out=empty(x))
    out = np.abs(clipped, out=empty(x))
    out += 1.0
    return np.divide(clipped, out, out=out)


def softsign_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\frac{1}{(1 + |x|)^2}`, computed as a square of a number ≤ 1."""
    out = np.abs(x, out=empty(x))
    out += 1.0
    np.divide(1.0, out, out=out)
    return np.square(out, out=out)


def tanhshrink(x: np.ndarray) -> np.ndarray:
    r""":math:`x - \tanh x`.

    >>> tanhshrink(np.array([0.0, 1.0]))
    array([0.        , 0.23840584])
    """
    out = np.tanh(x, out=empty(x))
    return np.subtract(x, out, out=out)


def tanhshrink_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`1 - (1 - \tanh^2 x) = \tanh^2 x`."""
    out = np.tanh(x, out=empty(x))
    return np.square(out, out=out)


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
