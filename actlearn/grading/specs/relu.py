"""Exercises on the ReLU family: relu, its derivative, leaky_relu, prelu, and prelu_grad_a (the
gradient of PReLU's shared slope).

The lambdas are wrong answers learners write, kept only to recognise them in hints.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

import actlearn as al
from actlearn.grading.checks import NoMutation, ShapeDtype, Values, Vectorised
from actlearn.grading.compare import Case, show
from actlearn.grading.hints import kink_at
from actlearn.grading.pointwise import pointwise, registry_reference
from actlearn.grading.spec import Exercise, Misconception

Builder = Callable[[np.random.Generator], list[Case]]
SLOPES = ({}, {"a": 1.5}, {"a": -1.0})


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
    pointwise(
        "relu",
        "relu(x)",
        "max(0, x)",
        registry_reference("relu"),
        misconceptions=(
            Misconception(
                "This keeps the negative part: ReLU keeps the positive part, max(0, x).",
                lambda x: np.minimum(x, 0.0),
            ),
            Misconception("|x| is not ReLU: negative inputs map to 0, not to -x.", np.abs),
            Misconception(
                "(x > 0) is ReLU's derivative (a step), not ReLU itself.",
                lambda x: (x > 0).astype(np.float64),
            ),
        ),
    ),
    pointwise(
        "relu_derivative",
        "relu_derivative(x)",
        "1 for x > 0, else 0 (0 at the kink x = 0)",
        registry_reference("relu", derivative=True),
        misconceptions=(
            Misconception(
                "At the kink x = 0 the convention here (PyTorch's autograd) is "
                "relu'(0) = 0: compare with x > 0, not x >= 0.",
                at_kink=kink_at(0.0),
            ),
            Misconception(
                "That is ReLU itself; its derivative is 1 for x > 0 and 0 otherwise.",
                lambda x: np.maximum(x, 0.0),
            ),
        ),
    ),
    pointwise(
        "leaky_relu",
        "leaky_relu(x, negative_slope=0.01)",
        "x for x > 0, else negative_slope * x",
        registry_reference("leaky_relu"),
        params=({}, {"negative_slope": 0.2}),
        misconceptions=(
            Misconception(
                "The small slope belongs on the negative side: x for x > 0, "
                "negative_slope * x otherwise.",
                lambda x, negative_slope=0.01: np.where(x > 0, negative_slope * x, x),
            ),
            Misconception(
                "Use the negative_slope argument instead of a fixed 0.01.",
                lambda x, negative_slope=0.01: np.where(x > 0, x, 0.01 * x),
            ),
            Misconception(
                "Negative inputs keep a small slope instead of becoming 0 (that is ReLU).",
                lambda x, negative_slope=0.01: np.maximum(x, 0.0),
            ),
        ),
    ),
    pointwise(
        "prelu", "prelu(x, a=0.25)", "x for x > 0, else a * x (a may be any real number)",
        registry_reference("prelu"), params=SLOPES,
        misconceptions=(
            Misconception("max(x, a * x) equals PReLU only when a <= 1: for a > 1 it picks a * x "
                          "on the positive side too. Choose the branch by the sign of x.",
                          lambda x, a=0.25: np.maximum(x, a * x)),
            Misconception("The slope a belongs on the negative side: x for x > 0, a * x otherwise.",
                          lambda x, a=0.25: np.where(x > 0, a * x, x)),
            Misconception("Use the argument a instead of a fixed 0.25.",
                          lambda x, a=0.25: np.where(x > 0, x, 0.25 * x)),
            Misconception("Negative inputs keep the slope a instead of becoming 0 (that is ReLU).",
                          lambda x, a=0.25: np.maximum(x, 0.0)),
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
