"""Measurements on the ReLU family: sparsity of a layer's outputs and dead units.

A ReLU layer switches off every unit whose pre-activation is negative, so for random inputs
about half of its outputs are exactly 0 (sparsity). A unit whose pre-activation is negative
for *every* input of the data set passes no gradient back either: it is dead, and plain
gradient descent cannot revive it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from actlearn.activations.bound import activation
from actlearn.nn import init


def zero_fraction(values: Any) -> float:
    """The fraction of entries exactly equal to 0.

    >>> zero_fraction([0.0, 1.5, 0.0, -2.0])
    0.5
    """
    arr = np.asarray(values, dtype=np.float64)
    if arr.size == 0:
        raise ValueError("zero_fraction: got an empty array")
    return float(np.mean(arr == 0.0))


def layer_outputs(
    name: str,
    n_in: int = 32,
    width: int = 256,
    batch: int = 512,
    bias: float = 0.0,
    rng: np.random.Generator | None = None,
    **params: Any,
) -> np.ndarray:
    r""":math:`f(XW + b)` for :math:`X \sim \mathcal N(0, 1)^{batch \times n_{in}}`, W He-normal
    (``actlearn.nn.init.he``) and every bias equal to ``bias``; shape (batch, width)."""
    if min(n_in, width, batch) < 1:
        raise ValueError(f"layer_outputs: sizes must be >= 1, got {n_in}, {width}, {batch}")
    rng = np.random.default_rng(0) if rng is None else rng
    f = activation(name, **params)
    X = rng.standard_normal((batch, n_in))
    return f(X @ init.he(n_in, width, rng) + bias)


def layer_sparsity(
    name: str, bias: float = 0.0, rng: np.random.Generator | None = None, **params: Any
) -> float:
    """Fraction of exact zeros among a random layer's outputs (see :func:`layer_outputs`).

    >>> round(layer_sparsity("relu"), 2), layer_sparsity("tanh")
    (0.5, 0.0)
    """
    return zero_fraction(layer_outputs(name, bias=bias, rng=rng, **params))


def dead_units(pre_activations: Any, name: str = "relu", **params: Any) -> np.ndarray:
    r"""Boolean mask over units (columns): True where :math:`f'(z_{ij}) = 0` for every row i.

    Such a unit contributes no gradient to its weights for any input in the batch. At the kink
    the registry's convention applies (ReLU'(0) = 0, as in PyTorch).

    >>> dead_units(np.array([[-1.0, 2.0], [-3.0, -1.0]]))
    array([ True, False])
    """
    z = np.asarray(pre_activations, dtype=np.float64)
    if z.ndim != 2:
        raise ValueError(f"dead_units: expected pre-activations of shape (batch, units), got "
                         f"{z.shape}")
    return np.all(activation(name, **params).derivative(z) == 0.0, axis=0)
