r"""Softmax with a temperature, and the entropy that measures how peaked the result is.

.. math:: p_i(T) = \frac{e^{z_i / T}}{\sum_j e^{z_j / T}}, \qquad
          H(p) = -\sum_i p_i \log p_i

T → 0 puts all the mass on the largest score (arg max); T → ∞ spreads it evenly (entropy
log n). T = 1 is plain softmax.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
from numpy.typing import ArrayLike

import actlearn as al
from actlearn.activations import bound
from actlearn.activations.kernels.vector import check_axis


def tempered_softmax(scores: ArrayLike, temperature: float = 1.0, axis: int = -1) -> np.ndarray:
    r"""softmax(z / T) along ``axis``, computed stably as softmax((z − max z)/T).

    Shifting before dividing keeps every exponent ≤ 0 for any T > 0: for a tiny T (down to the
    smallest float, 5e-324) the shifted scores overflow to −inf and the result is the arg max
    one-hot (ties share the mass), the limit T → 0, with no warning.

    >>> tempered_softmax([2.0, 0.0], temperature=2.0).round(4)
    array([0.7311, 0.2689])
    """
    if isinstance(temperature, bool) or not isinstance(temperature, numbers.Real):
        raise TypeError(
            f"tempered_softmax: temperature must be a real number, got "
            f"{type(temperature).__name__}"
        )
    if not math.isfinite(temperature) or temperature <= 0:
        raise ValueError(f"temperature must be a finite number > 0, got {temperature!r}")
    z = bound.as_input(scores, "tempered_softmax")
    check_axis("tempered_softmax", z, axis)
    if z.size == 0:
        return np.array(z, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):  # (z − max)/T → −inf: weight 0
        if temperature == 1.0 or not np.isfinite(z).all():  # softmax repairs infinite rows
            scaled = z / temperature
        else:
            scaled = (z - z.max(axis=axis, keepdims=True)) / temperature
    return al.softmax(scaled, axis=axis)


def entropy(probs: ArrayLike, axis: int = -1) -> np.ndarray:
    r""":math:`H(p) = -\sum_i p_i \log p_i` in nats along ``axis``, with 0·log 0 = 0.

    Zero for a one-hot distribution, :math:`\log n` for the uniform one.

    >>> float(entropy([0.5, 0.5]).round(6)) == round(float(np.log(2)), 6)
    True
    """
    p = np.asarray(probs, dtype=np.float64)
    if np.any(p < 0):
        raise ValueError("entropy expects probabilities (non-negative entries)")
    safe = np.where(p > 0, p, 1.0)
    return -np.sum(p * np.log(safe), axis=axis)
