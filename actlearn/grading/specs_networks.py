"""Exercises on layers and depth: collapse_linear, prelu_grad_a, sigmoid_chain_gradient,
vanishing_depth.

References compose registry activations (and, once it lands, the autodiff engine can
replace them without changing the checks). The lambdas are wrong answers learners write,
kept only to recognise them in hints.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

import actlearn as al
from actlearn.grading import cases as c
from actlearn.grading.checks import NoMutation, ReturnsInt, ShapeDtype, Stable, Values, Vectorised
from actlearn.grading.compare import Case, show
from actlearn.grading.pointwise import STABLE_EXP
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
