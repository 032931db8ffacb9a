r"""Softmax with a temperature, and the entropy that measures how peaked the result is.

.. math:: p_i(T) = \frac{e^{z_i / T}}{\sum_j e^{z_j / T}}, \qquad
          H(p) = -\sum_i p_i \log p_i

T → 0 puts all the mass on the largest score (arg max); T → ∞ spreads it evenly (entropy
log n). T = 1 is plain softmax.

Also softmax regression (multinomial logistic regression: one linear layer, softmax and
cross-entropy), :func:`softmax_regression`, and :func:`step_votes`, which counts how many
classes a step output layer switches on.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

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


@dataclass(frozen=True)
class SoftmaxRegression:
    r"""A trained multinomial logistic regression: scores :math:`z = \tilde x W + b` on the
    standardised inputs :math:`\tilde x = (x - \mu)/\sigma`, probabilities softmax(z)."""

    weight: np.ndarray  # (d, k)
    bias: np.ndarray  # (k,)
    mean: np.ndarray  # (d,)
    std: np.ndarray  # (d,)
    losses: tuple[float, ...]

    def scores(self, X: ArrayLike) -> np.ndarray:
        """The k class scores (logits) of each row of ``X``."""
        return ((np.asarray(X, dtype=np.float64) - self.mean) / self.std) @ self.weight + self.bias

    def probabilities(self, X: ArrayLike) -> np.ndarray:
        """softmax of :meth:`scores`, one distribution over the k classes per row."""
        return al.softmax(self.scores(X))

    def accuracy(self, X: ArrayLike, y: ArrayLike) -> float:
        """Share of rows whose highest score is the true class."""
        return float(np.mean(self.scores(X).argmax(axis=1) == np.asarray(y)))


def softmax_regression(X: ArrayLike, y: ArrayLike, steps: int = 300, lr: float = 0.1,
                       seed: int = 0) -> SoftmaxRegression:
    r"""Fit multinomial logistic regression (one linear layer, softmax, cross-entropy) by
    full-batch Adam: the network of lesson 07 with no hidden layer. Classes are ``0 .. k-1``
    with k = max(y) + 1.

    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> model = softmax_regression(X, np.array([0, 0, 1, 1]), steps=100)
    >>> model.weight.shape, model.accuracy(X, [0, 0, 1, 1])
    ((1, 2), 1.0)
    """
    from actlearn import losses, nn, optim
    from actlearn.engine import Tensor

    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2 or len(X) != len(y):
        raise ValueError(f"softmax_regression: need X of shape (n, d) and n labels, got "
                         f"{X.shape} and {y.shape}")
    mean, std = X.mean(axis=0), X.std(axis=0)
    std = np.where(std > 0, std, 1.0)
    inputs = Tensor((X - mean) / std)
    layer = nn.Linear(X.shape[1], int(y.max()) + 1, rng=np.random.default_rng(seed))
    opt = optim.Adam(layer.parameters(), lr=lr)
    history = []
    for _ in range(steps):
        loss = losses.cross_entropy(layer(inputs), y)
        history.append(float(loss.data))
        opt.zero_grad()
        loss.backward()
        opt.step()
    return SoftmaxRegression(layer.weight.data.copy(), layer.bias.data.copy(), mean, std,
                             tuple(history))


def step_votes(scores: ArrayLike, threshold: float = 0.0) -> np.ndarray:
    """How many classes a step output layer switches on for each row: the step of each score
    (1 where score > threshold), summed over the classes. A class decision needs exactly 1;
    0 (no class) and 2 or more (several) are rows a step layer cannot decide.

    >>> step_votes(np.array([[2.0, -1.0, 0.5], [-1.0, -2.0, -0.5], [1.0, -3.0, -1.0]])).tolist()
    [2, 0, 1]
    """
    return np.sum(np.asarray(scores, dtype=np.float64) > threshold, axis=-1)
