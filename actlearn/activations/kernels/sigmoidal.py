"""S-shaped and soft activations: sigmoid, tanh, softplus, log-sigmoid, softsign, tanhshrink.

Every function takes a float ndarray (any shape, 0-d included) and is stable for all finite
inputs: no warning, ±inf gives the limit, NaN gives NaN. Several let an exponential overflow to
inf on purpose where the formula then rounds to its exact limit (1/(1 + inf) = 0); each says
so. softsign at x = ±∞ and softplus's slope where e^(βx) overflows form ∞/∞, and write the
limit there. Large arrays run block by block (:func:`._util.blockwise`) where that saves time.
"""

from __future__ import annotations

import math

import numpy as np

from actlearn.activations.kernels._util import big, blockwise, blockwise_pair, clip, empty, quiet

_sum = np.add.reduce  # ndarray.sum without its Python wrapper


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


@quiet  # e^(−x) overflows to inf for x < −709: σ = 1/(1 + inf) = 0, and σ' is written 0
def sigmoid_and_grad(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""σ(x) and σ'(x) from one exponential e = e^(−x): σ = 1/(1 + e) exactly as
    :func:`sigmoid`, and :math:`\sigma' = \frac{e}{(1 + e)^2} = e\,\sigma^2` (no cancellation:
    a product of positive numbers, a few ulps from :func:`sigmoid_grad`).

    Where e overflows to inf (x < −709), σ is exactly 0 and min(e, largest float)·0 gives
    σ' = 0, its value rounded; NaN gives NaN in both.

    >>> sigmoid_and_grad(np.array([-1000.0, 0.0]))
    (array([0. , 0.5]), array([0.  , 0.25]))
    """
    value, slope = empty(x), empty(x)  # whole arrays: faster here than block by block
    _sigmoid_and_grad_into(x, value, slope)
    return value, slope


def _sigmoid_and_grad_into(x: np.ndarray, value: np.ndarray, slope: np.ndarray) -> None:
    e = np.exp(np.negative(x, out=slope), out=slope)
    np.add(e, 1.0, out=value)
    np.divide(1.0, value, out=value)  # σ, as sigmoid() computes it
    np.minimum(e, big(x), out=e)  # inf → the largest float: its product with σ = 0 is 0
    e *= value
    e *= value


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


#: log(1 + e^v) rounds to v itself once v > 37 (e^(−37)/37 < 2^−53), and σ(v) rounds to 1.
_SOFTPLUS_IDENTITY = 37.0


@quiet  # βx may overflow to ±inf: min(inf, c) = c, e^(−inf) = 0 and log1p(0) = 0, the limits
def softplus(x: np.ndarray, beta: float = 1.0, threshold: float = 20.0) -> np.ndarray:
    r""":math:`\frac{1}{\beta}\log(1 + e^{\beta x})`; exactly x once βx > threshold.

    The switch to the identity follows PyTorch: past the threshold the two differ by less than
    :math:`e^{-\text{threshold}}/\beta` (2e-9 at the default 20). Computed as
    :math:`\log(1 + e^{\min(\beta x,\, c)})/\beta` with c = min(threshold, 37), then x wherever
    βx > c (past 37 the formula rounds to x anyway, so a larger threshold changes nothing):
    the exponential never overflows, and log1p keeps the relative precision of e^(βx) in the
    left tail.

    >>> softplus(np.array([0.0, 30.0]))
    array([ 0.69314718, 30.        ])
    """
    return blockwise(_softplus_into, x, beta, min(threshold, _SOFTPLUS_IDENTITY))


def _softplus_into(x: np.ndarray, out: np.ndarray, beta: float, cut: float) -> None:
    if beta == 1.0:
        np.minimum(x, cut, out=out)
    else:
        np.multiply(x, beta, out=out)
        np.minimum(out, cut, out=out)
    np.exp(out, out=out)
    np.log1p(out, out=out)
    if beta != 1.0:
        out /= beta
    past = x > cut / beta
    if past.any():  # rare: a branch on the few values past the threshold
        out[past] = x[past]


@quiet  # e^(βx) may overflow to inf (∞/∞ = NaN): only past the threshold, where 1 is written
def softplus_grad(x: np.ndarray, beta: float = 1.0, threshold: float = 20.0) -> np.ndarray:
    r""":math:`\frac{d}{dx}\,\text{softplus}_\beta(x) = \sigma(\beta x)`; 1 past the threshold.

    :math:`e^{\beta x}/(1 + e^{\beta x})` (as :func:`sigmoid`), then exactly 1 wherever
    βx > min(threshold, 37) (past 37, σ rounds to 1 anyway), which covers every ∞/∞.
    """
    return blockwise(_softplus_grad_into, x, beta, min(threshold, _SOFTPLUS_IDENTITY))


def _softplus_grad_into(x: np.ndarray, out: np.ndarray, beta: float, cut: float) -> None:
    if beta == 1.0:
        np.exp(x, out=out)
    else:
        np.multiply(x, beta, out=out)
        np.exp(out, out=out)
    np.divide(out, np.add(out, 1.0, out=empty(out)), out=out)
    past = x > cut / beta
    if past.any():
        out[past] = 1.0


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


@quiet  # x = ±∞ gives ∞/∞, replaced by the limit ±1
def softsign(x: np.ndarray) -> np.ndarray:
    r""":math:`\frac{x}{1 + |x|}`, with limits ±1 at ±inf.

    Only x = ±∞ gives ∞/∞ = NaN; a block whose sum is NaN (NaN in, or that) gets ±1 written
    there.

    >>> softsign(np.array([-1.0, 0.0, np.inf]))
    array([-0.5,  0. ,  1. ])
    """
    return blockwise(_softsign_into, x)


def _softsign_into(x: np.ndarray, out: np.ndarray) -> None:
    np.abs(x, out=out)
    out += 1.0
    np.divide(x, out, out=out)
    if math.isnan(_sum(out, axis=None)):  # rare: NaN in, or x = ±∞
        infinite = np.isinf(x)
        out[infinite] = np.sign(x[infinite])


@quiet  # as softsign
def softsign_and_grad(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r""":math:`\frac{x}{1 + |x|}` and :math:`\frac{1}{(1 + |x|)^2}` from one 1 + |x| (the
    values of :func:`softsign` and :func:`softsign_grad`, bit for bit).

    >>> softsign_and_grad(np.array([-1.0, 0.0, np.inf]))
    (array([-0.5,  0. ,  1. ]), array([0.25, 1.  , 0.  ]))
    """
    return blockwise_pair(_softsign_and_grad_into, x)


def _softsign_and_grad_into(x: np.ndarray, value: np.ndarray, slope: np.ndarray) -> None:
    np.abs(x, out=slope)
    slope += 1.0
    np.divide(x, slope, out=value)  # as softsign()
    np.divide(1.0, slope, out=slope)
    np.square(slope, out=slope)
    if math.isnan(_sum(value, axis=None)):  # rare: NaN in, or x = ±∞
        infinite = np.isinf(x)
        value[infinite] = np.sign(x[infinite])


def softsign_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\frac{1}{(1 + |x|)^2}`, computed as a square of a number ≤ 1."""
    return blockwise(_softsign_grad_into, x)


def _softsign_grad_into(x: np.ndarray, out: np.ndarray) -> None:
    np.abs(x, out=out)
    out += 1.0
    np.divide(1.0, out, out=out)
    np.square(out, out=out)


def tanhshrink(x: np.ndarray) -> np.ndarray:
    r""":math:`x - \tanh x`.

    >>> tanhshrink(np.array([0.0, 1.0]))
    array([0.        , 0.23840584])
    """
    return blockwise(_tanhshrink_into, x)


def _tanhshrink_into(x: np.ndarray, out: np.ndarray) -> None:
    np.subtract(x, np.tanh(x, out=out), out=out)


def tanhshrink_and_grad(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r""":math:`x - \tanh x` and :math:`\tanh^2 x` from one tanh (the values of
    :func:`tanhshrink` and :func:`tanhshrink_grad`, bit for bit).

    >>> tanhshrink_and_grad(np.array([0.0, 1.0]))
    (array([0.        , 0.23840584]), array([0.        , 0.58002566]))
    """
    return blockwise_pair(_tanhshrink_and_grad_into, x)


def _tanhshrink_and_grad_into(x: np.ndarray, value: np.ndarray, slope: np.ndarray) -> None:
    t = np.tanh(x, out=value)
    np.square(t, out=slope)
    np.subtract(x, t, out=value)


def tanhshrink_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`1 - (1 - \tanh^2 x) = \tanh^2 x`."""
    return blockwise(_tanhshrink_grad_into, x)


def _tanhshrink_grad_into(x: np.ndarray, out: np.ndarray) -> None:
    np.square(np.tanh(x, out=out), out=out)


__all__ = [
    "log_sigmoid",
    "log_sigmoid_grad",
    "sigmoid",
    "sigmoid_and_grad",
    "sigmoid_grad",
    "softplus",
    "softplus_grad",
    "softsign",
    "softsign_and_grad",
    "softsign_grad",
    "tanh",
    "tanh_grad",
    "tanhshrink",
    "tanhshrink_and_grad",
    "tanhshrink_grad",
]
