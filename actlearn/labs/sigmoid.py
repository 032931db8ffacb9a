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


def bce_naive(z: ArrayLike, y: ArrayLike) -> np.ndarray:
    r"""Binary cross-entropy of logits z, as typed from the formula:
    :math:`-[y \log \sigma(z) + (1 - y) \log(1 - \sigma(z))]`, per example.

    Breaks once :math:`\sigma(z)` rounds to exactly 0 or 1 (|z| above about 37 on the wrong
    side): the log of 0 gives ``inf``.
    """
    z_arr, y_arr = np.asarray(z, dtype=np.float64), np.asarray(y, dtype=np.float64)
    p = al.activation("sigmoid")(z_arr)
    with np.errstate(divide="ignore", invalid="ignore"):
        return -(y_arr * np.log(p) + (1.0 - y_arr) * np.log(1.0 - p))


def bce_with_logits(z: ArrayLike, y: ArrayLike) -> np.ndarray:
    r"""Binary cross-entropy of logits z, computed stably through log-sigmoid, per example.

    :math:`\log \sigma(z) = -\mathrm{softplus}(-z)` and :math:`\log(1 - \sigma(z)) =
    \log \sigma(-z) = -\mathrm{softplus}(z)`, so the loss is
    :math:`y\,\mathrm{softplus}(-z) + (1 - y)\,\mathrm{softplus}(z) = \mathrm{softplus}(z) - y z`,
    finite for every finite z.

    >>> bce_with_logits([-800.0, 0.0, 40.0], [1.0, 1.0, 0.0]).round(4).tolist()
    [800.0, 0.6931, 40.0]
    """
    z_arr, y_arr = np.asarray(z, dtype=np.float64), np.asarray(y, dtype=np.float64)
    softplus = al.activation("softplus")
    return y_arr * softplus(-z_arr) + (1.0 - y_arr) * softplus(z_arr)


@dataclass(frozen=True)
class MemoryTrace:
    """An LSTM cell run over a sequence: per step, the gates (input i, forget f, output o, in
    (0, 1)), the candidate g (in (−1, 1)), the cell state c and the output h."""

    i: np.ndarray
    f: np.ndarray
    o: np.ndarray
    g: np.ndarray
    c: np.ndarray
    h: np.ndarray


def lstm_step(
    x: np.ndarray, h: np.ndarray, c: np.ndarray, W: np.ndarray, U: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, ...]]:
    r"""One step of an LSTM cell: the pre-activations :math:`x W + h U + b` are split into four
    blocks (i, f, g, o); the gates are :math:`\sigma` of theirs, the candidate :math:`\tanh`,

    .. math:: c' = f \odot c + i \odot g, \qquad h' = o \odot \tanh(c').

    Returns ``(h', c', (i, f, g, o))``. W has shape (inputs, 4n), U (n, 4n), b (4n,).
    """
    pre = np.asarray(x, dtype=np.float64) @ W + np.asarray(h, dtype=np.float64) @ U + b
    n = pre.shape[-1] // 4
    sigmoid, tanh = al.activation("sigmoid"), al.activation("tanh")
    i, f, o = (sigmoid(pre[..., k * n:(k + 1) * n]) for k in (0, 1, 3))
    g = tanh(pre[..., 2 * n:3 * n])
    c_new = f * c + i * g
    return o * tanh(c_new), c_new, (i, f, g, o)


def memory_cell(sharpness: float = 10.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Hand-set weights (W, U, b) of a one-unit LSTM that stores a value on command.

    Its input is (value, write, read) with 0/1 flags. The input gate is
    :math:`\sigma(k(\text{write} - \tfrac12))`, the forget gate
    :math:`\sigma(k(\tfrac12 - \text{write}))` (keep unless writing), the output gate
    :math:`\sigma(k(\text{read} - \tfrac12))`, the candidate :math:`\tanh(\text{value})`; k is
    ``sharpness``. Between writes the cell keeps the fraction :math:`\sigma(k/2)` per step.
    """
    k = float(sharpness)
    W = np.zeros((3, 4))
    W[1, 0], W[1, 1], W[0, 2], W[2, 3] = k, -k, 1.0, k
    b = np.array([-k / 2, k / 2, 0.0, -k / 2])
    return W, np.zeros((1, 4)), b


def run_memory(inputs: ArrayLike, sharpness: float = 10.0) -> MemoryTrace:
    """Run :func:`memory_cell` over ``inputs`` (shape (steps, 3): value, write, read) from
    h = c = 0.

    >>> trace = run_memory([[0.8, 1, 0], [-2.0, 0, 0], [0.5, 0, 1]])
    >>> trace.c.round(3).tolist(), trace.h.round(3).tolist()
    ([0.66, 0.649, 0.647], [0.004, 0.004, 0.566])
    """
    steps = np.asarray(inputs, dtype=np.float64)
    if steps.ndim != 2 or steps.shape[1] != 3:
        raise ValueError(f"run_memory: inputs must have shape (steps, 3), got {steps.shape}")
    W, U, b = memory_cell(sharpness)
    h, c = np.zeros(1), np.zeros(1)
    rows = []
    for x in steps:
        h, c, (i, f, g, o) = lstm_step(x, h, c, W, U, b)
        rows.append((i[0], f[0], o[0], g[0], c[0], h[0]))
    return MemoryTrace(*(np.array(col) for col in zip(*rows, strict=True)))
