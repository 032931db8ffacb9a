r"""One activation through everything the course measures, beside others.

For a list of activation names (built-in or defined with ``al.define_activation``):

* :func:`property_table`: the lesson-13 table (range, monotonic, :math:`E[f(z)]` for
  :math:`z \sim \mathcal N(0, 1)`, zero-centred, smoothness, saturation, f′(0));
* :func:`flow_ratios`: :math:`\lVert\partial L/\partial W_1\rVert / \lVert\partial L/\partial
  W_L\rVert` through ``depth`` layers (lesson 04's :func:`~actlearn.labs.gradients.gradient_flow`);
* :func:`train_on_digits`: a ``[64, 32, 10]`` classifier per activation and seed on the 8×8
  digits, all trained at once (:mod:`.members`): held-out accuracy, and the blocked
  (saturated) and dead fractions of the hidden units at the start and at the end of training.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

import actlearn as al
from actlearn.data import digits
from actlearn.labs.choosing.comparison import COLUMNS, format_table, property_rows
from actlearn.labs.custom.members import train_members
from actlearn.labs.gradients import gradient_flow


def property_table(names: Sequence[str]) -> str:
    """Lesson 13's property table of ``names`` (built-in or defined activations)."""
    return format_table(property_rows(list(names)), COLUMNS)


def flow_ratios(names: Sequence[str], depth: int = 20, init: str = "xavier",
                seed: int = 0) -> dict[str, np.ndarray]:
    """Per name, the per-layer weight-gradient norms through ``depth`` layers (first layer
    first), from one forward and backward pass with the same seed for every name."""
    return {name: gradient_flow(name, depth, init=init,
                                rng=np.random.default_rng(seed)).weight_grad_norms
            for name in names}


def digits_task(n_train: int = 1000, seed: int = 0) -> tuple[np.ndarray, ...]:
    """The 1,797 digits, pixels scaled to [0, 1], split at random into ``n_train`` for
    training and the rest held out: ``(X_train, y_train, X_test, y_test)``."""
    table = digits()
    order = np.random.default_rng(seed).permutation(len(table.target))
    X, y = table.data / 16.0, table.target
    train, test = order[:n_train], order[n_train:]
    return X[train], y[train], X[test], y[test]


@dataclass(frozen=True)
class DigitsResult:
    """Per activation (mean over seeds): held-out accuracy, and the blocked and dead
    fractions of the hidden units at initialisation and after training."""

    names: tuple[str, ...]
    accuracy: np.ndarray
    blocked_start: np.ndarray
    dead_start: np.ndarray
    blocked_end: np.ndarray
    dead_end: np.ndarray


def train_on_digits(names: Sequence[str], seeds: Sequence[int] = (0,), steps: int = 60,
                    lr: float = 0.01, hidden: int = 32) -> DigitsResult:
    """Train ``[64, hidden, 10]`` per (name, seed) by full-batch Adam (see the module
    docstring); the blocked and dead fractions are measured on the training data."""
    fns = [al.activation(name) for name in names]
    data = digits_task()
    start = train_members(fns, data, hidden=(hidden,), steps=0, seeds=tuple(seeds), init="he")
    end = train_members(fns, data, hidden=(hidden,), steps=steps, lr=lr, seeds=tuple(seeds),
                        init="he")
    per = len(seeds)

    def mean(values: np.ndarray) -> np.ndarray:
        return values.reshape(len(names), per).mean(axis=1)

    return DigitsResult(tuple(names), mean(end.accuracy), mean(start.blocked),
                        mean(start.dead), mean(end.blocked), mean(end.dead))
