r"""Many small classifiers, one activation each, trained side by side as one stack.

:mod:`actlearn.nn.stacked` trains B copies of one network at once, but every copy shares its
activation. Here member b has its own activation :math:`f_b`: the hidden layers are stacked
``nn.Linear`` layers (weights (B, n_in, n_out)), and between them :func:`member_activation`
applies :math:`f_b` to member b's slice, one engine node for all members,

.. math:: y_b = f_b(h_b), \qquad \bar h_b = \bar y_b \odot f_b'(h_b).

:func:`member_cross_entropy` gives each member its own mean cross-entropy, so the summed loss
hands each member exactly its own gradient and Adam takes each member's own step. A member
whose loss stops being finite is stopped: its parameters are reset to their last finite
values every step, and it is reported as diverged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from actlearn import nn, optim
from actlearn.activations.bound import ActivationFunction, log_softmax
from actlearn.engine import Tensor, no_grad, operation
from actlearn.labs.choosing.saturation import BLOCKED_BELOW
from actlearn.nn.stacked import stack_models

#: One activation as ``values_and_slopes(z) -> (f(z), f'(z))``.
Pair = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]


def as_pair(fn: ActivationFunction | Pair) -> Pair:
    """``z -> (f(z), f'(z))`` for a bound activation; anything else is taken as such already."""
    if isinstance(fn, ActivationFunction):
        forward, derivative, params = fn.record.forward, fn.record.derivative, dict(fn.params)
        return lambda z: (forward(z, **params), derivative(z, **params))
    return fn


Activate = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]


def per_member(pairs: Sequence[Pair], copies: int = 1) -> Activate:
    """``activate(h) = (y, slope)``: member b gets ``pairs[b // copies]``, so each pair runs
    once on its block of ``copies`` consecutive members (one per seed, say)."""

    def activate(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if data.shape[0] != len(pairs) * copies:
            raise ValueError(f"member_activation: {data.shape[0]} members but "
                             f"{len(pairs)} activations × {copies}")
        out, slope = np.empty_like(data), np.empty_like(data)
        for i, pair in enumerate(pairs):
            block = slice(i * copies, (i + 1) * copies)
            out[block], slope[block] = pair(data[block])
        return out, slope

    return activate


def member_activation(h: Tensor, activate: Activate) -> tuple[Tensor, np.ndarray]:
    r"""The engine node :math:`y_b = f_b(h_b)`, backward :math:`\bar h = \bar y \odot
    f'(h)`; also returns the slopes f'(h) (computed with the values, used twice)."""
    out, slope = activate(h.data)
    return operation("member_activation", out, (h,), lambda g: g * slope), slope


def member_cross_entropy(logits: Tensor, labels: np.ndarray) -> Tensor:
    r"""Per member b, :math:`L_b = -\frac1N \sum_n \log \mathrm{softmax}(z_{bn})_{y_n}`;
    logits (B, N, C), labels N class indices; returns the (B,) losses."""
    log_probs = log_softmax(logits.data, axis=-1)
    rows = np.arange(labels.shape[0])
    values = -log_probs[:, rows, labels].mean(axis=1)

    def vjp(g: np.ndarray) -> np.ndarray:
        grad = np.exp(log_probs)
        grad[:, rows, labels] -= 1.0
        return grad * (g[:, None, None] / labels.shape[0])

    return operation("member_cross_entropy", values, (logits,), vjp)


class MemberMLP(nn.Module):
    """``sizes[0] → … → sizes[-1]`` with ``activate`` after each hidden layer (member b's own
    activation on its slice); member b's weights are drawn as
    ``nn.Linear(..., rng=default_rng(seeds[b]))``. ``slopes`` keeps f'(h) of the last pass."""

    def __init__(self, sizes: Sequence[int], activate: Activate, seeds: Sequence[int],
                 init: str = "xavier") -> None:
        rngs = [np.random.default_rng(seed) for seed in seeds]
        self.layers = [
            stack_models([nn.Linear(a, b, init=init, rng=rng) for rng in rngs])
            for a, b in zip(sizes[:-1], sizes[1:], strict=True)
        ]
        self.activate = activate
        self.slopes: list[np.ndarray] = []

    def forward(self, x: Any) -> Tensor:
        h = x if isinstance(x, Tensor) else Tensor(np.asarray(x, dtype=np.float64))
        self.slopes = []
        for layer in self.layers[:-1]:
            h, slope = member_activation(layer(h), self.activate)
            self.slopes.append(slope)
        return self.layers[-1](h)


@dataclass(frozen=True)
class MemberRun:
    """Per member: held-out accuracy and loss, the last training loss, whether it diverged,
    and the blocked and dead fractions of its hidden units on the training data at the end."""

    accuracy: np.ndarray
    test_loss: np.ndarray
    train_loss: np.ndarray
    diverged: np.ndarray
    blocked: np.ndarray
    dead: np.ndarray


def blocked_and_dead(slopes: Sequence[np.ndarray],
                     tau: float = BLOCKED_BELOW) -> tuple[np.ndarray, np.ndarray]:
    r"""Per member, from the hidden slopes :math:`f'(z)` (each (B, N, H)) of one pass: the
    *blocked* (saturated) fraction :math:`P(|f'(z)| < \tau)` over every (sample, hidden unit),
    and the *dead* fraction, the share of hidden units blocked on every sample (they pass no
    gradient back, so their incoming weights stop learning)."""
    masks = [np.abs(s) < tau for s in slopes]
    blocked = np.concatenate([m.reshape(m.shape[0], -1) for m in masks], axis=1).mean(axis=1)
    dead = np.concatenate([m.all(axis=1) for m in masks], axis=1).mean(axis=1)
    return blocked, dead


def train_members(pairs: Sequence[ActivationFunction | Pair], data: Sequence[np.ndarray],
                  hidden: Sequence[int] = (16, 16), steps: int = 300, lr: float = 0.02,
                  seeds: Sequence[int] = (0,), init: str = "xavier",
                  activate: Activate | None = None) -> MemberRun:
    """Train one classifier per (activation, seed), activation-major, by full-batch Adam on
    ``data = (X_train, y_train, X_test, y_test)``; returns a :class:`MemberRun` whose entries
    are in that order (index ``a * len(seeds) + s``). ``activate``, if given, computes all
    members' activations at once (it must agree with ``pairs`` repeated per seed)."""
    X, y, X_test, y_test = data
    classes = int(max(y.max(), y_test.max())) + 1
    each = [as_pair(p) for p in pairs]
    members = len(each) * len(seeds)
    model = MemberMLP([X.shape[1], *hidden, classes], activate or per_member(each, len(seeds)),
                      [s for _ in each for s in seeds], init=init)
    params = model.parameters()
    opt = optim.Adam(params, lr=lr)
    inputs = Tensor(np.broadcast_to(X, (members, *X.shape)).copy())
    kept = [p.data.copy() for p in params]
    diverged = np.zeros(members, dtype=bool)
    with np.errstate(all="ignore"):
        for _ in range(steps):
            losses = member_cross_entropy(model(inputs), y)
            diverged |= ~np.isfinite(losses.data)
            opt.zero_grad()
            losses.sum().backward()
            opt.step()
            for p in params:
                diverged |= ~np.isfinite(p.data.reshape(members, -1)).all(axis=1)
            for p, k in zip(params, kept, strict=True):
                p.data[diverged] = k[diverged]
                k[~diverged] = p.data[~diverged]
        with no_grad():
            train_loss = member_cross_entropy(model(inputs), y).data
            blocked, dead = blocked_and_dead(model.slopes)
            test_in = np.broadcast_to(X_test, (members, *X_test.shape))
            logits = model(test_in).data
            test_loss = member_cross_entropy(Tensor(logits), y_test).data
    diverged |= ~np.isfinite(train_loss) | ~np.isfinite(test_loss)
    accuracy = (logits.argmax(axis=-1) == y_test).mean(axis=1)
    accuracy[diverged] = np.nan
    return MemberRun(accuracy, test_loss, train_loss, diverged, blocked, dead)
