"""Cheap stand-ins for smooth activations, and how far they are from the real thing.

GELU's two classic approximations (the tanh form, available as ``gelu(approximate="tanh")``, and
:math:`x\\,\\sigma(1.702\\,x)`), the hard variants (hardsigmoid, hardswish, hardtanh) and
softplus's switch to the identity past its threshold all trade a small, measurable error for
speed or stability.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from actlearn.activations.bound import activation

GELU_SIGMOID_K = 1.702
"""The factor k in GELU ≈ x σ(k x) (Hendrycks & Gimpel, 2016)."""


def gelu_sigmoid(x: np.ndarray, k: float = GELU_SIGMOID_K) -> np.ndarray:
    r""":math:`x\,\sigma(k x) = \mathrm{SiLU}(k x)/k`, the sigmoid approximation of GELU.

    >>> gelu_sigmoid(np.array([0.0, 1.0])).round(4)
    array([0.    , 0.8458])
    """
    return activation("silu")(k * np.asarray(x, dtype=np.float64)) / k


@dataclass(frozen=True)
class Error:
    """The largest |approx − exact| on a grid, and where it occurs."""

    max_abs: float
    at: float


def max_error(
    approx: Callable[[np.ndarray], np.ndarray],
    exact: Callable[[np.ndarray], np.ndarray],
    low: float = -8.0,
    high: float = 8.0,
    num: int = 160_001,
) -> Error:
    """Max absolute difference of two functions on ``num`` evenly spaced points of [low, high].

    >>> e = max_error(activation("gelu", approximate="tanh"), activation("gelu"))
    >>> f"{e.max_abs:.2e}"
    '4.73e-04'
    """
    x = np.linspace(low, high, num)
    gap = np.abs(approx(x) - exact(x))
    i = int(np.argmax(gap))
    return Error(float(gap[i]), float(x[i]))


@dataclass(frozen=True)
class Switch:
    """Softplus at its switch point x_s = threshold/β: ``below`` is f(x_s) (still the log form),
    ``above`` the identity branch carried back to x_s (f at the next float, minus the spacing);
    ``jump`` is their difference."""

    point: float
    below: float
    above: float

    @property
    def jump(self) -> float:
        return self.above - self.below


def softplus_switch(beta: float = 1.0, threshold: float = 20.0) -> Switch:
    r"""The jump softplus makes where it switches from :math:`\log(1 + e^{\beta x})/\beta` to x.

    The log form exceeds x by :math:`\log(1 + e^{-\text{threshold}})/\beta \approx
    e^{-\text{threshold}}/\beta`, so the jump is about −2.1e-9 at the defaults.

    >>> f"{softplus_switch().jump:.3e}"
    '-2.061e-09'
    """
    f = activation("softplus", beta=beta, threshold=threshold)
    point = threshold / beta
    after = float(np.nextafter(point, np.inf))
    return Switch(point, float(f(point)), float(f(after)) - (after - point))
