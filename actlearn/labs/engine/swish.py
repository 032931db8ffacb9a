"""Swish with a trainable slope, the custom operation of lesson 09 whose backward rule exercise
09 asks for. The engine's hook that turns it into an operation on tensors is
:func:`actlearn.engine.custom_op`.
"""

from __future__ import annotations

import numpy as np

from actlearn.activations.bound import activation

_SIGMOID = activation("sigmoid")


def swish_forward(x: np.ndarray, beta: float | np.ndarray) -> np.ndarray:
    r"""Swish with a trainable slope: :math:`x\,\sigma(\beta x)` (Ramachandran et al. 2017).

    β = 1 is SiLU; as β → ∞ it tends to ReLU, and β = 0 gives x / 2. Exercise 09 asks for
    its backward rule, in x and in β.

    >>> float(swish_forward(np.array(2.0), 0.0))
    1.0
    """
    return x * _SIGMOID(np.asarray(beta) * x)
