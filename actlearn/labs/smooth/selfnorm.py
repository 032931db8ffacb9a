"""Self-normalisation: Gaussian moments of activations, SELU's constants, statistics over depth.

SELU is :math:`\\lambda\\,\\mathrm{ELU}_\\alpha`. Its two constants are the solution of two
equations: for :math:`z \\sim \\mathcal N(0, 1)`, :math:`E[\\mathrm{selu}(z)] = 0` and
:math:`\\mathrm{Var}[\\mathrm{selu}(z)] = 1`. A layer with LeCun-normal weights then maps unit
Gaussian pre-activations to outputs with the same mean and variance: (0, 1) is a fixed point,
and an attracting one, so activations stay normalised through many layers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from actlearn.activations.bound import activation
from actlearn.activations.moments import activation_moments


def selu_moments(alpha: float, scale: float) -> tuple[float, float]:
    r"""(mean, variance) of :math:`\lambda\,\mathrm{ELU}_\alpha(z)`, z ~ N(0, 1), with λ = scale.

    >>> from actlearn.activations import SELU_ALPHA, SELU_SCALE
    >>> [round(v, 10) + 0.0 for v in selu_moments(SELU_ALPHA, SELU_SCALE)]
    [0.0, 1.0]
    """
    mean, var = activation_moments("elu", alpha=alpha)
    return scale * mean, scale**2 * var


@dataclass(frozen=True)
class SeluSolution:
    """SELU's (α, λ) found by Newton's method, with the iterates and the final residual."""

    alpha: float
    scale: float
    path: tuple[tuple[float, float], ...]
    residual: float


def solve_selu_constants(
    start: tuple[float, float] = (1.0, 1.0), tol: float = 1e-13, max_iter: int = 50
) -> SeluSolution:
    r"""Solve :math:`E[\lambda\,\mathrm{ELU}_\alpha(z)] = 0`, :math:`\mathrm{Var} = 1` for (α, λ).

    Newton's method on :math:`F(\alpha, \lambda) = (\text{mean}, \text{variance} - 1)`, the
    Jacobian by central differences, the moments by
    :func:`~actlearn.activations.moments.gaussian_expectation`.

    >>> sol = solve_selu_constants()
    >>> round(sol.alpha, 6), round(sol.scale, 6)
    (1.673263, 1.050701)
    """

    def residual(p: np.ndarray) -> np.ndarray:
        mean, var = selu_moments(p[0], p[1])
        return np.array([mean, var - 1.0])

    p = np.array(start, dtype=np.float64)
    if np.any(p <= 0):
        raise ValueError(f"solve_selu_constants: start must be positive, got {start}")
    path = [(float(p[0]), float(p[1]))]
    r = residual(p)
    for _ in range(max_iter):
        if np.max(np.abs(r)) < tol:
            break
        h = 1e-6
        jac = np.column_stack(
            [(residual(p + h * e) - residual(p - h * e)) / (2 * h) for e in np.eye(2)]
        )
        p = p - np.linalg.solve(jac, r)
        r = residual(p)
        path.append((float(p[0]), float(p[1])))
    else:
        raise RuntimeError(f"solve_selu_constants: no convergence in {max_iter} steps")
    return SeluSolution(float(p[0]), float(p[1]), tuple(path), float(np.max(np.abs(r))))


@dataclass(frozen=True)
class DepthStatistics:
    """Mean and variance of the activations after each layer (index 0 is the input)."""

    name: str
    mean: np.ndarray
    variance: np.ndarray


def layer_statistics(
    name: str,
    depth: int = 64,
    width: int = 256,
    batch: int = 256,
    rng: np.random.Generator | None = None,
    input_mean: float = 0.0,
    input_std: float = 1.0,
    **params: Any,
) -> DepthStatistics:
    r"""Push :math:`h_0 \sim \mathcal N(\mu_0, \sigma_0^2)` (``input_mean``, ``input_std``)
    through ``depth`` layers :math:`h_l = f(h_{l-1} W_l)` with LeCun-normal weights
    :math:`W_l \sim \mathcal N(0, 1/n)` (no biases) and record the mean and variance of every
    :math:`h_l` over batch and units.
    """
    if depth < 1 or width < 1 or batch < 2:
        raise ValueError(f"layer_statistics: need depth, width >= 1 and batch >= 2; got "
                         f"{depth}, {width}, {batch}")
    rng = np.random.default_rng(0) if rng is None else rng
    f = activation(name, **params)
    forward, bound = f.record.forward, dict(f.params)
    h = input_mean + input_std * rng.standard_normal((batch, width))
    means, variances = [h.mean()], [h.var()]
    for _ in range(depth):
        weights = rng.standard_normal((width, width)) / np.sqrt(width)
        h = forward(h @ weights, **bound)
        means.append(h.mean())
        variances.append(h.var())
    return DepthStatistics(name, np.array(means), np.array(variances))
