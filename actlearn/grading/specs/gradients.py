"""Exercises on depth: sigmoid_chain_gradient and vanishing_depth.

The references multiply the registry's sigmoid derivative along the chain. The lambdas are
wrong answers learners write, kept only to recognise them in hints.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

import actlearn as al
from actlearn.grading import cases as c
from actlearn.grading.checks import NoMutation, ReturnsInt, ShapeDtype, Stable, Values, Vectorised
from actlearn.grading.compare import Case
from actlearn.grading.pointwise import STABLE_EXP
from actlearn.grading.spec import Exercise, Misconception

Builder = Callable[[np.random.Generator], list[Case]]


def chain_reference(x: np.ndarray, n: int) -> np.ndarray:
    """d/dx of n stacked sigmoids: product of sigmoid'(h_k), h_0 = x, h_k+1 = sigmoid(h_k)."""
    sigmoid = al.activation("sigmoid")
    grad, h = np.ones_like(x, dtype=np.float64), np.asarray(x, dtype=np.float64)
    for _ in range(n):
        grad, h = grad * sigmoid.derivative(h), sigmoid(h)
    return grad


def _chain(xs: Builder, depths: tuple[int, ...]) -> Builder:
    def build(rng: np.random.Generator) -> list[Case]:
        return [
            Case((case.args[0], n), {}, f"{case.describe()}, n = {n}")
            for case in xs(rng)
            for n in depths
        ]

    return build


def depth_reference(threshold: float, x: float = 0.0) -> int:
    """The smallest n with |chain gradient at x through n sigmoids| < threshold."""
    sigmoid, grad, h, n = al.activation("sigmoid"), 1.0, float(x), 0
    while abs(grad) >= threshold:
        grad, h, n = grad * float(sigmoid.derivative(h)), float(sigmoid(h)), n + 1
    return n


def _depth_cases(pairs: tuple[tuple[float, float], ...]) -> Builder:
    return c.fixed(*(Case((t,), {"x": x}, f"threshold = {t:g}, x = {x:g}") for t, x in pairs))


CHAIN_X = c.one_input("x", lambda rng: [np.array([-2.0, 0.0, 2.0])])
CHAIN_HIDDEN = c.hidden_x()
DEPTHS_VISIBLE = ((0.1, 0.0), (1e-3, 0.0), (1e-3, 2.0))
DEPTHS_HIDDEN = tuple((10.0**-k, x) for k in (1, 2, 4, 6, 9) for x in (0.0, -3.0, 1.5))

EXERCISES = (
    Exercise(
        "sigmoid_chain_gradient",
        "sigmoid_chain_gradient(x, n)",
        "d/dx of sigmoid applied n times, elementwise (n = 0 gives ones)",
        chain_reference,
        (
            Values(_chain(CHAIN_X, (1, 3))),
            Values(
                _chain(CHAIN_HIDDEN, (0, 2, 5, 9)),
                visible=False,
                title="right values on hidden cases",
            ),
            ShapeDtype(_chain(c.shaped_x(), (2,))),
            NoMutation(_chain(c.mutation_x(), (3,))),
            Stable(_chain(c.extreme_x(), (3,)), hint=STABLE_EXP),
            Vectorised(_chain(c.big_x(), (5,))),
        ),
        (
            Misconception(
                "Each layer's derivative is taken at that layer's own input h_k, not at x: "
                "multiply sigmoid'(h_k) along h_0 = x, h_k+1 = sigmoid(h_k).",
                lambda x, n: chain_reference(x, 1) ** n,
            ),
            Misconception(
                "0.25^n is only the upper bound (sigmoid' <= 1/4): multiply the actual "
                "derivatives along the chain.",
                lambda x, n: np.full_like(x, 0.25**n),
            ),
            Misconception(
                "The chain rule multiplies the layers' derivatives; it does not add them.",
                lambda x, n: n * chain_reference(x, 1),
            ),
            Misconception(
                "Count the layers: n sigmoids contribute n factors sigmoid'(h_k).",
                lambda x, n: chain_reference(x, n + 1),
            ),
        ),
    ),
    Exercise(
        "vanishing_depth",
        "vanishing_depth(threshold, x=0.0) -> int",
        "smallest n with |sigmoid_chain_gradient(x, n)| < threshold",
        depth_reference,
        (
            Values(_depth_cases(DEPTHS_VISIBLE)),
            Values(
                _depth_cases(DEPTHS_HIDDEN), visible=False, title="right values on hidden cases"
            ),
            ReturnsInt(_depth_cases(DEPTHS_VISIBLE[:1])),
        ),
        (
            Misconception(
                "0.25^n is only the bound: the layers after the first see inputs other than "
                "0 and have smaller derivatives; multiply the actual ones.",
                lambda threshold, x=0.0: int(np.floor(np.log(threshold) / np.log(0.25))) + 1,
            ),
            Misconception(
                "Return the first depth whose gradient is below the threshold, not the "
                "last one above it.",
                lambda threshold, x=0.0: depth_reference(threshold, x) - 1,
            ),
        ),
    ),
)
