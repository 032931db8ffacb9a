"""Exercises on layers: collapse_linear (two linear layers are one) and prelu_grad_a.

References compose registry activations (the autodiff engine can replace them later
without changing the checks). The lambdas are wrong answers learners write, kept only to
recognise them in hints.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

import actlearn as al
from actlearn.grading.checks import NoMutation, ShapeDtype, Values, Vectorised
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


def prelu_reference(x: np.ndarray, a: float, grad_out: np.ndarray) -> float:
    """dL/da = sum(grad_out * df/da); prelu is linear in a, so df/da = prelu(x, 1) - prelu(x, 0)."""
    slope = al.activation("prelu", a=1.0)(x) - al.activation("prelu", a=0.0)(x)
    return float(np.sum(grad_out * slope))


def _prelu_cases(shapes: tuple[tuple[int, ...], ...], label: bool, size: int = 0) -> Builder:
    def build(rng: np.random.Generator) -> list[Case]:
        found = []
        for shape in ((size,),) if size else shapes:
            x, g = rng.normal(0, 2, shape), rng.normal(0, 1, shape)
            x.flat[0] = 0.0
            text = f"x = {show(x)}, a = 0.25, grad_out = {show(g)}" if label else "10^6 values"
            found.append(Case((x, 0.25, g), {}, text))
        return found

    return build


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
    Exercise(
        "prelu_grad_a",
        "prelu_grad_a(x, a, grad_out) -> float",
        "dL/da of PReLU with one shared slope a: sum(grad_out * x) over the x < 0",
        prelu_reference,
        (
            Values(_prelu_cases(((5,),), True)),
            Values(
                _prelu_cases(((40,), (4, 5), (2, 3, 4)), False),
                visible=False,
                title="right values on hidden cases",
            ),
            ShapeDtype(_prelu_cases(((3, 4),), False), title="returns one float"),
            NoMutation(_prelu_cases(((3, 4),), False)),
            Vectorised(_prelu_cases((), False, size=10**6)),
        ),
        (
            Misconception(
                "a is one number shared by every element: sum the contributions.",
                lambda x, a, g: g * np.minimum(x, 0.0),
            ),
            Misconception(
                "The slope a acts on the negative inputs only: df/da = x where x < 0, else 0.",
                lambda x, a, g: np.sum(g * np.maximum(x, 0.0)),
            ),
            Misconception(
                "The gradient in a does not depend on a: d(a x)/da = x.",
                lambda x, a, g: np.sum(g * a * np.minimum(x, 0.0)),
            ),
            Misconception(
                "Multiply by grad_out: the chain rule gives dL/da = sum(grad_out * df/da).",
                lambda x, a, g: np.sum(np.minimum(x, 0.0)),
            ),
            Misconception(
                "That is the gradient with respect to x; with respect to a it is x for x < 0.",
                lambda x, a, g: np.sum(g * np.where(x > 0, 1.0, a)),
            ),
        ),
    ),
)
