r"""One artificial neuron: a weighted sum plus a bias, then an activation.

.. math:: z = w \cdot x + b = \sum_i w_i x_i + b, \qquad y = f(z)

With the step :math:`f(z) = [z \ge 0]` this is the threshold unit that computes logic gates
when its weights are chosen by hand (:func:`truth_table`, :func:`gate_of`). Its loss is
piecewise constant in the weights, so every gradient is zero (:func:`step_loss`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

import actlearn as al

#: The logic gates of lesson 01 as functions of 0/1 input columns (one row per input pattern).
GATES: Mapping[str, tuple[int, Callable[[np.ndarray], np.ndarray]]] = MappingProxyType({
    "and": (2, lambda x: x[:, 0] * x[:, 1]),
    "or": (2, lambda x: np.maximum(x[:, 0], x[:, 1])),
    "nand": (2, lambda x: 1.0 - x[:, 0] * x[:, 1]),
    "nor": (2, lambda x: 1.0 - np.maximum(x[:, 0], x[:, 1])),
    "xor": (2, lambda x: np.abs(x[:, 0] - x[:, 1])),
    "not": (1, lambda x: 1.0 - x[:, 0]),
})


def weighted_sum(x: ArrayLike, w: ArrayLike, b: float) -> np.ndarray:
    r"""The pre-activation :math:`z = x w + b` for each row of ``x`` (shape (n, d) or (d,)).

    >>> weighted_sum([[1.0, 1.0], [0.0, 1.0]], [1.0, 1.0], -1.5)
    array([ 0.5, -0.5])
    """
    x_arr = np.asarray(x, dtype=np.float64)
    w_arr = np.asarray(w, dtype=np.float64)
    if w_arr.ndim != 1:
        raise ValueError(f"weights w must be a 1-D vector, got shape {w_arr.shape}")
    if x_arr.shape[-1:] != w_arr.shape:
        raise ValueError(f"inputs x of shape {x_arr.shape} do not match {w_arr.size} weights: "
                         f"the last axis of x must have length {w_arr.size}")
    return x_arr @ w_arr + float(b)


def neuron(x: ArrayLike, w: ArrayLike, b: float, activation: str = "step",
           **params: Any) -> np.ndarray:
    r""":math:`y = f(x w + b)` with ``f`` the registry activation ``activation`` (``params`` bound).

    >>> neuron([[1.0, 1.0], [1.0, 0.0]], [1.0, 1.0], -1.5)
    array([1., 0.])
    """
    return al.activation(activation, **params)(weighted_sum(x, w, b))


def binary_inputs(n: int) -> np.ndarray:
    """All ``2**n`` patterns of n inputs in {0, 1}, as float rows in counting order.

    >>> binary_inputs(2)
    array([[0., 0.],
           [0., 1.],
           [1., 0.],
           [1., 1.]])
    """
    if not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"number of inputs n must be a positive integer, got {n!r}")
    return np.array(list(itertools.product((0.0, 1.0), repeat=int(n))))


def truth_table(w: ArrayLike, b: float) -> tuple[np.ndarray, np.ndarray]:
    r"""Inputs (every 0/1 pattern) and outputs :math:`[x w + b \ge 0]` of a step neuron.

    >>> truth_table([1.0, 1.0], -0.5)[1]
    array([0., 1., 1., 1.])
    """
    w_arr = np.atleast_1d(np.asarray(w, dtype=np.float64))
    inputs = binary_inputs(w_arr.size)
    return inputs, neuron(inputs, w_arr, b)


def gate_targets(gate: str) -> tuple[np.ndarray, np.ndarray]:
    """Inputs and target outputs of the named gate (a key of :data:`GATES`)."""
    if gate not in GATES:
        raise ValueError(f"unknown gate {gate!r}; expected one of {sorted(GATES)}")
    n, rule = GATES[gate]
    inputs = binary_inputs(n)
    return inputs, rule(inputs).astype(np.float64)


def gate_of(w: ArrayLike, b: float) -> str | None:
    """The name of the gate a step neuron with weights ``w`` and bias ``b`` computes, or None.

    >>> gate_of([1.0, 1.0], -1.5), gate_of([-1.0], 0.5), gate_of([1.0, 1.0], 1.0)
    ('and', 'not', None)
    """
    inputs, outputs = truth_table(w, b)
    for name, (n, rule) in GATES.items():
        if n == inputs.shape[1] and np.array_equal(outputs, rule(inputs)):
            return name
    return None


def margin(w: ArrayLike, b: float) -> float:
    r"""The smallest :math:`|x w + b|` over the 0/1 patterns: 0 means a pattern sits on the line.

    On the line the output depends on the step's convention at its jump (here 1), so a
    robust choice of weights keeps every pattern strictly on one side.

    >>> margin([1.0, 1.0], -1.5), margin([1.0, 1.0], -1.0)
    (0.5, 0.0)
    """
    w_arr = np.atleast_1d(np.asarray(w, dtype=np.float64))
    return float(np.min(np.abs(weighted_sum(binary_inputs(w_arr.size), w_arr, b))))


def step_loss(w: ArrayLike, b: float, inputs: ArrayLike, targets: ArrayLike,
              activation: str = "step") -> float:
    r"""Mean squared error :math:`\frac1n\sum_i (f(x_i w + b) - t_i)^2` of one neuron.

    With the step, moving w or b a little changes no output, so this loss is flat almost
    everywhere and its gradient is zero wherever it exists.

    >>> x, t = gate_targets("and")
    >>> step_loss([1.0, 1.0], -1.5, x, t), step_loss([1.0, 1.0], -0.5, x, t)
    (0.0, 0.5)
    """
    outputs = neuron(inputs, w, b, activation)
    return float(np.mean((outputs - np.asarray(targets, dtype=np.float64)) ** 2))


def loss_gradient(w: ArrayLike, b: float, inputs: ArrayLike, targets: ArrayLike,
                  activation: str = "step") -> tuple[np.ndarray, float]:
    r"""The gradient of :func:`step_loss` in w and b, by the chain rule.

    .. math:: \frac{\partial J}{\partial w} = \frac2n \sum_i (y_i - t_i)\, f'(z_i)\, x_i,
              \qquad \frac{\partial J}{\partial b} = \frac2n \sum_i (y_i - t_i)\, f'(z_i)

    with :math:`f'` from the registry. For the step :math:`f' = 0` everywhere (the jump has
    no derivative; the convention there is 0, as in PyTorch), so both are exactly zero.

    >>> x, t = gate_targets("and")
    >>> loss_gradient([1.0, 1.0], -0.5, x, t)
    (array([0., 0.]), 0.0)
    """
    x_arr = np.asarray(inputs, dtype=np.float64)
    f = al.activation(activation)
    z = weighted_sum(x_arr, w, b)
    delta = 2.0 * (f(z) - np.asarray(targets, dtype=np.float64)) * f.derivative(z) / len(z)
    return x_arr.T @ delta, float(np.sum(delta))
