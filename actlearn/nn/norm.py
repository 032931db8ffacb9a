r"""Standardise-then-scale, the node shared by :class:`BatchNorm1d` and :class:`LayerNorm`.

Both compute, over some axes A of x (the batch for BatchNorm, the last axes for LayerNorm),

.. math:: \hat x = \frac{x - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \qquad y = \gamma \odot \hat x
          + \beta, \qquad \mu = \tfrac1m \textstyle\sum_A x, \quad
          \sigma^2 = \tfrac1m \textstyle\sum_A (x - \mu)^2

(m elements in A; σ² the *biased* variance, as in PyTorch). When μ and σ come from x itself
they depend on every element, and the chain rule through them collapses to

.. math:: \bar x = \frac{1}{m\sqrt{\sigma^2 + \varepsilon}}\Big(m\,\bar{\hat x}
          - \textstyle\sum_A \bar{\hat x} - \hat x \textstyle\sum_A \bar{\hat x}\,\hat x\Big),
          \qquad \bar{\hat x} = \gamma \odot \bar y;

with fixed statistics (BatchNorm's running ones) it is :math:`\bar x = \bar{\hat x} /
\sqrt{\sigma^2+\varepsilon}`. Either way :math:`\bar\gamma = \sum \bar y \odot \hat x` and
:math:`\bar\beta = \sum \bar y` over the axes γ is broadcast along.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from actlearn.engine import Tensor, operation


def check_eps(layer: str, eps: Any) -> float:
    """``eps`` as a positive finite float, or a ValueError naming the layer."""
    if isinstance(eps, (bool, np.bool_)) or not isinstance(eps, (int, float, np.number)) \
            or not math.isfinite(eps) or not eps > 0:
        raise ValueError(f"{layer}: eps must be a positive number, got {eps!r}")
    return float(eps)


def standardise(x: np.ndarray, axes: tuple[int, ...], eps: float) -> tuple[np.ndarray, ...]:
    """(x̂, 1/√(σ² + ε), μ, σ²) with μ and the biased σ² over ``axes`` (kept as size-1 axes)."""
    mean = x.mean(axis=axes, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=axes, keepdims=True)
    inv_std = 1.0 / np.sqrt(var + eps)
    return centred * inv_std, inv_std, mean, var


def scale_shift(
    name: str,
    x: Tensor,
    x_hat: np.ndarray,
    inv_std: np.ndarray,
    weight: Tensor,
    bias: Tensor,
    stat_axes: tuple[int, ...] | None,
) -> Tensor:
    r""":math:`y = \gamma \odot \hat x + \beta` as one engine node with the closed-form backward
    of the module docstring; ``stat_axes`` are the axes μ and σ were taken over from x, or None
    when they are constants."""
    lead = tuple(range(x.data.ndim - weight.data.ndim))  # the axes γ and β broadcast along
    gamma = weight.data

    def vjp(g: np.ndarray) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
        dx = None
        if x.requires_grad:
            dx_hat = g * gamma
            if stat_axes is None:
                dx = dx_hat * inv_std
            else:
                dx = inv_std * (
                    dx_hat
                    - dx_hat.mean(axis=stat_axes, keepdims=True)
                    - x_hat * (dx_hat * x_hat).mean(axis=stat_axes, keepdims=True)
                )
        return dx, (g * x_hat).sum(axis=lead), g.sum(axis=lead)

    return operation(name, x_hat * gamma + bias.data, (x, weight, bias), vjp)
