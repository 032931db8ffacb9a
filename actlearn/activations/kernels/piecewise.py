"""Piecewise-linear activations: step, linear, threshold, the ReLU family and the hard variants.

Convention at kinks (stated per function): the value PyTorch's autograd returns there. NaN in
gives NaN out, for values and derivatives alike. Pieces are selected by arithmetic on the 0/1
indicator :func:`above` and by ``np.clip``, never by a branch per element.
"""

from __future__ import annotations

import numpy as np

from actlearn.activations.kernels._util import (
    BLOCK,
    BOUNDS,
    above,
    blockwise,
    blockwise_pair,
    clip,
    empty,
    keep_nan,
    nan_or,
    quiet,
)


@quiet  # threshold − x may overflow to ±inf for a huge threshold: the indicator is still right
def step(x: np.ndarray, threshold: float = 0.0) -> np.ndarray:
    r"""Heaviside step: 1 if :math:`x \ge` threshold, else 0 (so step(threshold) = 1).

    Computed as 1 − [threshold > x] (``[·]`` the 0/1 indicator).

    >>> step(np.array([-1.0, 0.0, 2.0]))
    array([0., 1., 1.])
    """
    out = np.subtract(threshold, x, out=empty(x))
    above(out, out=out)
    return np.subtract(1.0, out, out=out)


def step_grad(x: np.ndarray, threshold: float = 0.0) -> np.ndarray:
    """0 everywhere, the threshold included (the jump has no derivative; training gets none)."""
    return nan_or(x, 0.0)


def linear(x: np.ndarray, slope: float = 1.0) -> np.ndarray:
    r""":math:`f(x) = a x` with slope a (the identity at a = 1).

    >>> linear(np.array([2.0]), slope=3.0)
    array([6.])
    """
    return np.multiply(x, slope, out=empty(x))


def linear_grad(x: np.ndarray, slope: float = 1.0) -> np.ndarray:
    """The constant slope a, whatever x is."""
    return nan_or(x, slope)


@quiet  # x − threshold may overflow to ±inf: the indicator is still right
def threshold(x: np.ndarray, threshold: float, value: float) -> np.ndarray:
    r"""x if :math:`x >` threshold, else ``value`` (PyTorch's ``nn.Threshold``).

    :math:`s\,\max(x, t) + (1 - s)\,v` with s = [x > t]: products with an exact 0 or 1, so both
    pieces come out exact (max(x, t) is finite wherever s = 0, so no ∞·0 arises).

    >>> threshold(np.array([5.0, 10.0, 12.0]), threshold=10.0, value=0.0)
    array([ 0.,  0., 12.])
    """
    s = above(x, threshold)
    out = clip(x, threshold, np.inf, out=empty(x))
    out *= s
    np.subtract(1.0, s, out=s)
    s *= value
    return np.add(out, s, out=out)


@quiet
def threshold_grad(x: np.ndarray, threshold: float, value: float) -> np.ndarray:
    """1 above the threshold, 0 at and below it (at x = threshold: 0, as PyTorch)."""
    return above(x, threshold)


def relu(x: np.ndarray) -> np.ndarray:
    r""":math:`\max(x, 0)`.

    >>> relu(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 3.])
    """
    if type(x) is np.ndarray and x.ndim:
        bounds = BOUNDS.get(x.dtype)  # float dtypes
        if bounds is not None:
            return clip(x, bounds[0], bounds[2])  # one call: the ufunc allocates in x's dtype
    return clip(x, 0.0, np.inf, out=empty(x))


def relu_grad(x: np.ndarray) -> np.ndarray:
    """1 for x > 0, else 0; at the kink x = 0 the derivative is 0 (PyTorch's convention).

    Computed as ⌈clip(x, 0, 1)⌉ in one buffer: two fast vectorised passes that keep NaN
    (``np.heaviside`` is several times slower, and this sits in every ReLU backward pass),
    block by block over a large array.
    """
    if type(x) is np.ndarray and x.ndim:
        bounds = BOUNDS.get(x.dtype)  # float dtypes
        if bounds is not None:
            if x.size > BLOCK + BLOCK // 2:  # the second pass from cache, block by block
                return blockwise(_above_into, x)
            out = clip(x, bounds[0], bounds[1])  # the ufunc allocates in x's dtype
            return np.ceil(out, out=out)
    return above(x)


def _above_into(x: np.ndarray, out: np.ndarray) -> None:
    """:func:`above` (x > 0) into out, in :func:`blockwise`'s argument order."""
    above(x, out=out)


@quiet  # αx may overflow for α > 1 where min(x, αx) = x is finite: the result is still x
def leaky_relu(x: np.ndarray, negative_slope: float = 0.01) -> np.ndarray:
    r"""x for x > 0, :math:`\alpha x` otherwise (α = ``negative_slope``).

    Computed as max(x, αx) for α ≤ 1 and min(x, αx) for α > 1 (α = 0 is ReLU, so that
    0·(−∞) never arises).

    >>> leaky_relu(np.array([-2.0, 3.0]), negative_slope=0.1)
    array([-0.2,  3. ])
    """
    if negative_slope == 0:
        return relu(x)
    out = np.multiply(x, negative_slope, out=empty(x))
    pick = np.maximum if negative_slope <= 1 else np.minimum
    return pick(x, out, out=out)


def leaky_relu_grad(x: np.ndarray, negative_slope: float = 0.01) -> np.ndarray:
    """1 for x > 0, else α; at x = 0 the derivative is α (PyTorch's convention).

    From s = [x > 0], exactly 1 or exactly α: max(s, α) for 0 < α ≤ 1 (one more pass; NaN
    stays NaN), else s + (1 − s)·α.
    """
    s = above(x)
    if not isinstance(negative_slope, np.ndarray) and 0.0 < negative_slope <= 1.0:
        return np.maximum(s, negative_slope, out=s)  # (an array of slopes takes the other form)
    out = np.subtract(1.0, s, out=empty(x))
    out *= negative_slope
    return np.add(out, s, out=out)


def prelu(x: np.ndarray, a: float = 0.25) -> np.ndarray:
    r"""Parametric ReLU: leaky ReLU whose slope a is learned (here, a bound value).

    >>> prelu(np.array([-4.0, 4.0]))
    array([-1.,  4.])
    """
    return leaky_relu(x, a)


def prelu_grad(x: np.ndarray, a: float = 0.25) -> np.ndarray:
    """∂f/∂x: 1 for x > 0, else a (a at x = 0). The slope's own gradient is min(x, 0)."""
    return leaky_relu_grad(x, a)


def hardtanh(x: np.ndarray, min_val: float = -1.0, max_val: float = 1.0) -> np.ndarray:
    r"""x clipped to [min_val, max_val].

    >>> hardtanh(np.array([-3.0, 0.5, 3.0]))
    array([-1. ,  0.5,  1. ])
    """
    return clip(x, min_val, max_val, out=empty(x))


def hardtanh_grad(x: np.ndarray, min_val: float = -1.0, max_val: float = 1.0) -> np.ndarray:
    """1 strictly inside (min_val, max_val), else 0; 0 at both corners (PyTorch's convention)."""
    return blockwise(_inside_into, x, min_val, max_val)


def _inside_into(x: np.ndarray, out: np.ndarray, low: float, high: float) -> None:
    np.logical_and(x > low, x < high, out=out)  # 0.0 or 1.0
    keep_nan(x, out)  # where both comparisons say False


def hardtanh_and_grad(x: np.ndarray, min_val: float = -1.0,
                      max_val: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """:func:`hardtanh` and :func:`hardtanh_grad` in one pass over x, block by block (the
    same values): each block of x is read from memory once for both."""
    return blockwise_pair(_hardtanh_and_grad_into, x, min_val, max_val)


def _hardtanh_and_grad_into(x: np.ndarray, value: np.ndarray, slope: np.ndarray, low: float,
                            high: float) -> None:
    clip(x, low, high, out=value)
    _inside_into(x, slope, low, high)


def relu6(x: np.ndarray) -> np.ndarray:
    r""":math:`\min(\max(x, 0), 6)`, hardtanh on [0, 6].

    >>> relu6(np.array([-1.0, 3.0, 9.0]))
    array([0., 3., 6.])
    """
    return hardtanh(x, 0.0, 6.0)


def relu6_grad(x: np.ndarray) -> np.ndarray:
    """1 on (0, 6), else 0; 0 at both kinks x = 0 and x = 6 (PyTorch's convention)."""
    return hardtanh_grad(x, 0.0, 6.0)


def relu6_and_grad(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`relu6` and :func:`relu6_grad` in one pass over x (:func:`hardtanh_and_grad`)."""
    return hardtanh_and_grad(x, 0.0, 6.0)


def hardsigmoid(x: np.ndarray) -> np.ndarray:
    r""":math:`\text{ReLU6}(x + 3)/6`: 0 below −3, 1 above 3, linear between.

    >>> hardsigmoid(np.array([-4.0, 0.0, 4.0]))
    array([0. , 0.5, 1. ])
    """
    return blockwise(_hardsigmoid_into, x)


def _hardsigmoid_into(x: np.ndarray, out: np.ndarray) -> None:
    np.add(x, 3.0, out=out)
    clip(out, 0.0, 6.0, out=out)  # ReLU6(x + 3)
    out /= 6


def hardsigmoid_grad(x: np.ndarray) -> np.ndarray:
    """1/6 on (−3, 3), else 0; 0 at x = ±3 (PyTorch's convention)."""
    return blockwise(_hardsigmoid_grad_into, x)


def _hardsigmoid_grad_into(x: np.ndarray, out: np.ndarray) -> None:
    _inside_into(x, out, -3.0, 3.0)
    out /= 6


def hardswish(x: np.ndarray) -> np.ndarray:
    r""":math:`x\cdot\text{ReLU6}(x + 3)/6` (MobileNetV3).

    The factor x is taken as max(x, −3) (equal wherever ReLU6(x + 3) ≠ 0), so that −∞·0
    cannot arise: f(−∞) = 0.

    >>> hardswish(np.array([-4.0, 1.0, 4.0]))
    array([-0.        ,  0.66666667,  4.        ])
    """
    return blockwise(_hardswish_into, x)


def _hardswish_into(x: np.ndarray, out: np.ndarray) -> None:
    _hardsigmoid_into(x, out)  # ≤ 1 before it multiplies x: x·1 cannot overflow
    out *= clip(x, -3.0, np.inf, out=empty(out))


def hardswish_grad(x: np.ndarray) -> np.ndarray:
    """0 for x ≤ −3, x/3 + 1/2 on (−3, 3), 1 for x ≥ 3: at the kinks 0 and 1 (PyTorch's values).

    [−3 < x < 3]·(clip(x, −3, 3)/3 + 1/2) + [x ≥ 3]: the clip keeps the product finite.
    """
    return blockwise(_hardswish_grad_into, x)


def _hardswish_grad_into(x: np.ndarray, out: np.ndarray) -> None:
    clip(x, -3.0, 3.0, out=out)
    out /= 3
    out += 0.5
    indicator = np.logical_and(x > -3.0, x < 3.0, out=empty(out))  # 0.0 or 1.0
    out *= indicator  # NaN·0 is NaN: NaN stays NaN
    out += np.greater_equal(x, 3.0, out=indicator)
