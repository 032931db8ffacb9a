r"""Logistic regression on one feature: the sigmoid as a probability for a yes/no decision.

.. math:: p(y = 1 \mid x) = \sigma(w x + b), \qquad
          J(w, b) = -\frac1n \sum_i \bigl[y_i \log p_i + (1 - y_i) \log(1 - p_i)\bigr]

The gradient of J is :math:`\frac1n \sum_i (p_i - y_i)\,(x_i, 1)` and its Hessian
:math:`\frac1n \sum_i p_i (1 - p_i)\,(x_i, 1)(x_i, 1)^\top` (σ' = σ(1 − σ) at work), so
Newton's method converges in a handful of deterministic steps (:func:`fit_logistic`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

import actlearn as al


@dataclass(frozen=True)
class LogisticFit:
    """A fitted :math:`p(x) = \\sigma(w x + b)`; ``boundary`` is where p = 1/2, i.e. x = -b/w."""

    w: float
    b: float
    loss: float
    steps: int

    @property
    def boundary(self) -> float:
        return -self.b / self.w if self.w != 0 else float("nan")

    def probability(self, x: ArrayLike) -> np.ndarray:
        """:math:`\\sigma(w x + b)` for each x."""
        return al.activation("sigmoid")(self.w * np.asarray(x, dtype=np.float64) + self.b)


def cross_entropy(p: ArrayLike, y: ArrayLike) -> float:
    r"""Mean binary cross-entropy :math:`-\overline{y \log p + (1-y) \log(1-p)}`.

    Terms with :math:`y = 0` or :math:`y = 1` use only their own log, so a confident right
    answer costs 0 rather than :math:`0 \cdot \log 0 = \mathrm{NaN}`.
    """
    p_arr, y_arr = np.asarray(p, dtype=np.float64), np.asarray(y, dtype=np.float64)
    with np.errstate(divide="ignore"):
        terms = np.where(y_arr > 0.5, np.log(p_arr), np.log1p(-p_arr))
    return float(-np.mean(terms))


def fit_logistic(x: ArrayLike, y: ArrayLike, ridge: float = 1e-6, tol: float = 1e-10,
                 max_steps: int = 50) -> LogisticFit:
    r"""Fit :math:`\sigma(w x + b)` to 0/1 labels by Newton's method from w = b = 0.

    ``ridge`` adds :math:`\tfrac{\text{ridge}}{2} w^2` to the loss, which keeps w finite when
    the classes are perfectly separable. Stops when the Newton step is below ``tol``.

    >>> fit = fit_logistic([0.0, 1.0, 2.0, 3.0], [0, 1, 0, 1])
    >>> round(fit.boundary, 3)
    1.5
    """
    x_arr = np.asarray(x, dtype=np.float64).reshape(-1)
    y_arr = np.asarray(y, dtype=np.float64).reshape(-1)
    if x_arr.shape != y_arr.shape or x_arr.size == 0:
        raise ValueError(f"x and y must be non-empty and the same length, got {x_arr.size} "
                         f"and {y_arr.size}")
    if not np.isin(y_arr, (0.0, 1.0)).all():
        raise ValueError("labels y must be 0 or 1")
    sigmoid = al.activation("sigmoid")
    design = np.c_[x_arr, np.ones_like(x_arr)]
    theta = np.zeros(2)
    penalty = np.diag([ridge, 0.0])
    steps = 0
    while steps < max_steps:
        steps += 1
        p = sigmoid(design @ theta)
        grad = design.T @ (p - y_arr) / x_arr.size + penalty @ theta
        hess = (design.T * (p * (1.0 - p))) @ design / x_arr.size + penalty
        delta = np.linalg.solve(hess + 1e-12 * np.eye(2), grad)
        theta = theta - delta
        if np.max(np.abs(delta)) < tol:
            break
    w, b = float(theta[0]), float(theta[1])
    loss = cross_entropy(sigmoid(design @ theta), y_arr)
    return LogisticFit(w, b, loss, steps)
