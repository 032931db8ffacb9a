r"""Softmax with a temperature, and the entropy that measures how peaked the result is.

.. math:: p_i(T) = \frac{e^{z_i / T}}{\sum_j e^{z_j / T}}, \qquad
          H(p) = -\sum_i p_i \log p_i

T → 0 puts all the mass on the largest score (arg max); T → ∞ spreads it evenly (entropy
log n). T = 1 is plain softmax.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

import actlearn as al


def tempered_softmax(scores: ArrayLike, temperature: float = 1.0, axis: int = -1) -> np.ndarray:
    r"""softmax(z / T) along ``axis``, computed stably (the max shift happens inside softmax).

    >>> tempered_softmax([2.0, 0.0], temperature=2.0).round(4)
    array([0.7311, 0.2689])
    """
    if not np.isfinite(temperature) or temperature <= 0:
        raise ValueError(f"temperature must be a finite number > 0, got {temperature!r}")
    z = np.asarray(scores, dtype=np.float64)
    return al.softmax(z / temperature, axis=axis)


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
