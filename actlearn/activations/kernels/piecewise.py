"""Piecewise-linear activations: step, linear, threshold, the ReLU family and the hard variants.

Convention at kinks (stated per function): the value PyTorch's autograd returns there. NaN in
gives NaN out, for values and derivatives alike.
"""

from __future__ import annotations

import numpy as np

from actlearn.activations.kernels._util import mul0, nan_through


def step(x: np.ndarray, threshold: float = 0.0) -> np.ndarray:
    r"""Heaviside step: 1 if :math:`x \ge` threshold, else 0 (so step(threshold) = 1).

    >>> step(np.array([-1.0, 0.0, 2.0]))
    array([0., 1., 1.])
    """
    return np.heaviside(x - threshold, 1.0)


def step_grad(x: np.ndarray, threshold: float = 0.0) -> np.ndarray:
    """0 everywhere, the threshold included (the jump has no derivative; training gets none)."""
    return nan_through(x, np.zeros_like(x))


def linear(x: np.ndarray, slope: float = 1.0) -> np.ndarray:
    r""":math:`f(x) = a x` with slope a (the identity at a = 1).

    >>> linear(np.array([2.0]), slope=3.0)
    array([6.])
    """
    return slope * x


def linear_grad(x: np.ndarray, slope: float = 1.0) -> np.ndarray:
    """The constant slope a, whatever x is."""
    return nan_through(x, np.full_like(x, slope))


def threshold(x: np.ndarray, threshold: float, value: float) -> np.ndarray:
    r"""x if :math:`x >` threshold, else ``value`` (PyTorch's ``nn.Threshold``).

    >>> threshold(np.array([5.0, 10.0, 12.0]), threshold=10.0, value=0.0)
    array([ 0.,  0., 12.])
    """
    return nan_through(x, np.where(x > threshold, x, value))


def threshold_grad(x: np.ndarray, threshold: float, value: float) -> np.ndarray:
    """1 above the threshold, 0 at and below it (at x = threshold: 0, as PyTorch)."""
    return np.heaviside(x - threshold, 0.0)


def relu(x: np.ndarray) -> np.ndarray:
    r""":math:`\max(x, 0)`.

    >>> relu(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 3.])
    """
    return np.maximum(x, 0.0)


def relu_grad(x: np.ndarray) -> np.ndarray:
    """1 for x > 0, else 0; at the kink x = 0 the derivative is 0 (PyTorch's convention).

    Computed as ⌈clip(x, 0, 1)⌉ in one buffer: two fast vectorised passes that keep NaN
    (``np.heaviside`` is several times slower, and this sits in every ReLU backward pass).
    """
    slope = np.clip(x, 0.0, 1.0, out=np.empty(np.shape(x)))  # an array even for 0-d x
    return np.ceil(slope, out=slope)


def leaky_relu(x: np.ndarray, negative_slope: float = 0.01) -> np.ndarray:
    r"""x for x > 0, :math:`\alpha x` otherwise (α = ``negative_slope``).

    >>> leaky_relu(np.array([-2.0, 3.0]), negative_slope=0.1)
    array([-0.2,  3. ])
    """
    return np.where(x > 0, x, negative_slope * x)


def leaky_relu_grad(x: np.ndarray, negative_slope: float = 0.01) -> np.ndarray:
    """1 for x > 0, else α; at x = 0 the derivative is α (PyTorch's convention)."""
    return nan_through(x, np.where(x > 0, 1.0, negative_slope))


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
    return np.clip(x, min_val, max_val)


def hardtanh_grad(x: np.ndarray, min_val: float = -1.0, max_val: float = 1.0) -> np.ndarray:
    """1 strictly inside (min_val, max_val), else 0; 0 at both corners (PyTorch's convention)."""
    return nan_through(x, ((x > min_val) & (x < max_val)).astype(np.float64))


def relu6(x: np.ndarray) -> np.ndarray:
    r""":math:`\min(\max(x, 0), 6)`, hardtanh on [0, 6].

    >>> relu6(np.array([-1.0, 3.0, 9.0]))
    array([0., 3., 6.])
    """
    return hardtanh(x, 0.0, 6.0)


def relu6_grad(x: np.ndarray) -> np.ndarray:
    """1 on (0, 6), else 0; 0 at both kinks x = 0 and x = 6 (PyTorch's convention)."""
    return hardtanh_grad(x, 0.0, 6.0)


def hardsigmoid(x: np.ndarray) -> np.ndarray:
    r""":math:`\text{ReLU6}(x + 3)/6`: 0 below −3, 1 above 3, linear between.

    >>> hardsigmoid(np.array([-4.0, 0.0, 4.0]))
    array([0. , 0.5, 1. ])
    """
    return relu6(x + 3) / 6


def hardsigmoid_grad(x: np.ndarray) -> np.ndarray:
    """1/6 on (−3, 3), else 0; 0 at x = ±3 (PyTorch's convention)."""
    return relu6_grad(x + 3) / 6


def hardswish(x: np.ndarray) -> np.ndarray:
    r""":math:`x\cdot\text{ReLU6}(x + 3)/6` (MobileNetV3).

    >>> hardswish(np.array([-4.0, 1.0, 4.0]))
    array([0.        , 0.66666667, 4.        ])
    """
    return mul0(x, hardsigmoid(x))


def hardswish_grad(x: np.ndarray) -> np.ndarray:
    """0 for x ≤ −3, x/3 + 1/2 on (−3, 3), 1 for x ≥ 3: at the kinks 0 and 1 (PyTorch's values)."""
    return nan_through(x, np.where(x <= -3, 0.0, np.where(x < 3, x / 3 + 0.5, 1.0)))
