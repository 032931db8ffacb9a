"""Lesson 09's custom operations: :func:`custom_op` (the engine's hook, re-exported here) and
Swish with a trainable slope, whose backward rule exercise 09 asks for.

``custom_op(forward, backward)`` turns a NumPy forward pass and its vector-Jacobian products
into an operation on tensors; see :mod:`actlearn.engine.custom`.
"""

from __future__ import annotations

import numpy as np

from actlearn.bound import activation
from actlearn.engine.custom import custom_op, operation

__all__ = ["custom_op", "operation", "swish_forward"]

_SIGMOID = activation("sigmoid")


def swish_forward(x: np.ndarray, beta: float | np.ndarray) -> np.ndarray:
    r"""Swish with a trainable slope: :math:`x\,\sigma(\beta x)` (Ramachandran et al. 2017).

    β = 1 is SiLU; as β → ∞ it tends to ReLU, and β = 0 gives x / 2. Exercise 09 asks for
    its backward rule, in x and in β.

    >>> float(swish_forward(np.array(2.0), 0.0))
    1.0
    """
    return x * _SIGMOID(np.asarray(beta) * x)
