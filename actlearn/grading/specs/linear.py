"""Exercise on linear layers: collapse_linear (two linear layers are one).

References compose registry activations (the autodiff engine can replace them later
without changing the checks). The lambdas are wrong answers learners write, kept only to
recognise them in hints.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

import actlearn as al
from actlearn.grading.checks import NoMutation, Values
from actlearn.grading.compare import Case, show
from actlearn.grading.spec import Exercise, Misconception

Builder = Callable[[np.random.Generator], list[Case]]


def collapse_reference(W1, b1, W2, b2) -> tuple[np.ndarray, np.ndarray]:
    """Read W, b off the two-layer network x -> W2 linear(W1 x + b1) + b2 itself."""
    linear = al.activation("linear")
    net = lambda X: W2 @ linear(W1 @ X + b1[:, None]) + b2[:, None]  # noqa: E731
    b = net(np.zeros((W1.shape[1], 1)))[:, 0]
    return net(np.eye(W1.shape[1])) - b[:, None], b


def _layers(rng: np.random.Generator, n: int, h: int, m: int) -> Case:
    W1, b1 = rng.integers(-3, 4, (h, n)).astype(float), rng.integers(-3, 4, h).astype(float)
    W2, b2 = rng.integers(-3, 4, (m, h)).astype(float), rng.integers(-3, 4, m).astype(float)
    label = f"W1 = {show(W1)}, b1 = {show(b1)}, W2 = {show(W2)}, b2 = {show(b2)}"
    return Case((W1, b1, W2, b2), {}, label)


def _collapse_visible(rng: np.random.Generator) -> list[Case]:
    return [_layers(rng, 2, 2, 2), _layers(rng, 3, 2, 1)]


def _collapse_hidden(rng: np.random.Generator) -> list[Case]:
    return [_layers(rng, n, h, m) for n, h, m in ((4, 3, 2), (2, 5, 3), (3, 3, 3), (1, 4, 2))]


EXERCISES = (
    Exercise(
        "collapse_linear",
        "collapse_linear(W1, b1, W2, b2) -> (W, b)",
        "the one layer W x + b equal to W2 (W1 x + b1) + b2 (column vectors x)",
        collapse_reference,
        (
            Values(_collapse_visible),
            Values(_collapse_hidden, visible=False, title="right values on hidden cases"),
            NoMutation(_collapse_hidden),
        ),
        (
            Misconception(
                "Order matters: the first layer acts first, so W = W2 @ W1.",
                lambda W1, b1, W2, b2: (W1 @ W2, W1 @ b2 + b1),
            ),
            Misconception(
                "Order matters: the first layer acts first, so W = W2 @ W1.", raised="matmul"
            ),
            Misconception(
                "The first bias also passes through W2: b = W2 @ b1 + b2.",
                lambda W1, b1, W2, b2: (W2 @ W1, b1 + b2),
            ),
            Misconception(
                "The second layer adds its own bias: b = W2 @ b1 + b2.",
                lambda W1, b1, W2, b2: (W2 @ W1, W2 @ b1),
            ),
        ),
    ),
)
