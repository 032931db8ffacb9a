"""Gaussian moments of an activation: :math:`E[g(z)]` for :math:`z \\sim \\mathcal N(\\mu, s^2)`.

The mean and variance of f(z) for a unit Gaussian z are what a layer passes on: they decide
whether an activation is zero-centred (lesson 03), self-normalising (lesson 06) and how a
signal's scale changes with depth (lesson 04).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from actlearn.activations.bound import activation

Func = Callable[[np.ndarray], np.ndarray]


def gaussian_expectation(
    func: Func,
    mean: float = 0.0,
    std: float = 1.0,
    breakpoints: Sequence[float] = (0.0,),
    nodes: int = 128,
    width: float = 12.0,
) -> float:
    r""":math:`E[g(z)]` for :math:`z \sim \mathcal N(\text{mean}, \text{std}^2)` by quadrature.

    Gauss–Legendre with ``nodes`` points on each piece of
    [mean − width·std, mean + width·std] cut at ``breakpoints`` (put a kink of g there: each
    piece is then smooth and the rule converges fast). Mass beyond ``width`` standard deviations
    (below 1e-32 at 12) is dropped.

    >>> round(gaussian_expectation(lambda z: z**2), 12)
    1.0
    """
    if std <= 0:
        raise ValueError(f"gaussian_expectation: std must be positive, got {std}")
    low, high = mean - width * std, mean + width * std
    cuts = [low, *sorted(b for b in breakpoints if low < b < high), high]
    t, w = np.polynomial.legendre.leggauss(nodes)
    total = 0.0
    for a, b in zip(cuts[:-1], cuts[1:], strict=True):
        z = 0.5 * (b - a) * t + 0.5 * (b + a)
        density = np.exp(-0.5 * ((z - mean) / std) ** 2) / (std * np.sqrt(2 * np.pi))
        total += 0.5 * (b - a) * float(np.sum(w * density * func(z)))
    return total


def activation_moments(
    name: str, mean: float = 0.0, std: float = 1.0, **params: Any
) -> tuple[float, float]:
    """(mean, variance) of f(z) for z ~ N(mean, std²), f the registry activation ``name``.

    >>> [round(v, 6) for v in activation_moments("relu")]
    [0.398942, 0.340845]
    """
    f = activation(name, **params)
    m1 = gaussian_expectation(f, mean, std)
    m2 = gaussian_expectation(lambda z: f(z) ** 2, mean, std)
    return m1, m2 - m1**2
