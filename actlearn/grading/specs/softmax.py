"""Exercises on vector activations and the loss: softmax, log-softmax, cross-entropy.

The lambdas are wrong answers learners write, kept only to recognise them in hints.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

import actlearn as al
from actlearn.grading.checks import NoMutation, ShapeDtype, Stable, Values, Vectorised
from actlearn.grading.compare import Case, show
from actlearn.grading.spec import Exercise, Misconception

NO_SHIFT = (
    "e^z overflows for large scores (e^1000 = inf, and inf/inf = NaN): subtract the "
    "max along the axis first; softmax(z - max z) = softmax(z)."
)
AXIS = (
    "Normalise along `axis` only: reduce with axis=axis, keepdims=True, so that every "
    "slice along that axis sums to 1."
)
KEEPDIMS = (
    "The shapes do not broadcast: keep the reduced axis with keepdims=True "
    "(z.max(axis=axis, keepdims=True))."
)
LOG_OF_SOFTMAX = (
    "log(softmax(z)) gives log 0 = -inf once a probability underflows: compute "
    "z - max z - log(sum(e^(z - max z))) directly."
)


def _z(z: np.ndarray, axis: int | None = None) -> Case:
    kwargs = {} if axis is None else {"axis": axis}
    label = f"z = {show(z)}" + ("" if axis is None else f", axis={axis}")
    return Case((np.asarray(z, dtype=np.float64),), kwargs, label)


def _visible(rng: np.random.Generator) -> list[Case]:
    grid = np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    return [_z(np.array([2.33, -1.46, 0.56])), _z(grid), _z(grid, axis=0)]


def _hidden(rng: np.random.Generator) -> list[Case]:
    return [
        _z(rng.normal(0, 3, 6)),
        _z(rng.normal(0, 3, (4, 5))),
        _z(rng.normal(0, 3, (4, 5)), 0),
        _z(rng.normal(0, 3, (2, 3, 4)), 1),
        _z(-np.abs(rng.normal(0, 3, (3, 4)))),
    ]


def _shaped(rng: np.random.Generator) -> list[Case]:
    return [_z(rng.normal(0, 2, s)) for s in ((5,), (2, 3), (2, 3, 4))]


def _extreme(rng: np.random.Generator) -> list[Case]:
    return [
        _z(np.array([1000.0, 0.0, -1000.0])),
        _z(np.array([[1000.0, 1001.0], [-1000.0, -999.0]])),
        _z(np.array([800.0, 800.0])),
    ]


def _big(rng: np.random.Generator) -> list[Case]:
    return [Case((rng.normal(0, 3, (10**5, 10)),), {}, "10^6 values")]


def _mutation(rng: np.random.Generator) -> list[Case]:
    return [_z(np.array([2.33, -1.46, 0.56])), _z(rng.normal(0, 3, (3, 4)))]


def _exp_norm(z: np.ndarray, axis: int | None) -> np.ndarray:
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def vector_checks() -> tuple:
    """The six checks of a function of scores ``z`` with an ``axis`` argument."""
    return (
        Values(_visible),
        Values(_hidden, visible=False, title="right values on hidden cases"),
        ShapeDtype(_shaped),
        NoMutation(_mutation),
        Stable(_extreme),
        Vectorised(_big),
    )


def _cross_entropy_cases(shapes: Sequence[tuple[int, int]], visible: bool):
    def build(rng: np.random.Generator) -> list[Case]:
        cases = []
        if visible:
            logits = np.array([[2.33, -1.46, 0.56], [1.0, 2.0, 3.0]])
            cases.append(
                Case((logits, np.array([0, 2])), {}, f"logits = {show(logits)}, targets = [0, 2]")
            )
        for n, k in shapes:
            logits, targets = rng.normal(0, 3, (n, k)), rng.integers(0, k, n)
            cases.append(Case((logits, targets), {}, "hidden"))
        return cases

    return build


def _extreme_logits(rng: np.random.Generator) -> list[Case]:
    logits = np.array([[1000.0, 0.0, -1000.0], [-1000.0, 1000.0, 0.0]])
    return [Case((logits, np.array([2, 1])), {}, f"logits = {show(logits)}, targets = [2, 1]")]


def _big_logits(rng: np.random.Generator) -> list[Case]:
    return [Case((rng.normal(0, 3, (10**5, 10)), rng.integers(0, 10, 10**5)), {}, "10^6 logits")]


def _xent(logits: np.ndarray, targets: np.ndarray) -> float:
    rows = np.arange(len(targets))
    return float(-np.mean(al.log_softmax(logits, axis=-1)[rows, targets]))


EXERCISES = (
    Exercise(
        "softmax",
        "softmax(z, axis=-1)",
        "e^z / sum(e^z) along axis, stable for scores up to 1000",
        lambda z, axis=-1: al.softmax(z, axis=axis),
        vector_checks(),
        (
            Misconception(NO_SHIFT, lambda z, axis=-1: _exp_norm(z, axis)),
            Misconception(AXIS, lambda z, axis=-1: _exp_norm(z - z.max(), None)),
            Misconception(AXIS, lambda z, axis=-1: _exp_norm(z, None)),
            Misconception(AXIS, lambda z, axis=-1: al.softmax(z, axis=0)),
            Misconception(
                "Dividing the scores by their sum is not softmax (negative scores break "
                "it): exponentiate first, e^z / sum(e^z).",
                lambda z, axis=-1: z / z.sum(axis=axis, keepdims=True),
            ),
            Misconception(KEEPDIMS, raised="broadcast"),
        ),
    ),
    Exercise(
        "log_softmax",
        "log_softmax(z, axis=-1)",
        "z - logsumexp(z) along axis, stable",
        lambda z, axis=-1: al.log_softmax(z, axis=axis),
        vector_checks(),
        (
            Misconception(LOG_OF_SOFTMAX, lambda z, axis=-1: np.log(al.softmax(z, axis=axis))),
            Misconception(NO_SHIFT, lambda z, axis=-1: np.log(_exp_norm(z, axis))),
            Misconception(AXIS, lambda z, axis=-1: al.log_softmax(z, axis=0)),
            Misconception(KEEPDIMS, raised="broadcast"),
        ),
    ),
    Exercise(
        "cross_entropy",
        "cross_entropy(logits, targets)",
        "mean over rows of -log softmax(logits)[i, targets[i]], a float",
        _xent,
        (
            Values(_cross_entropy_cases(((1, 3),), True)),
            Values(
                _cross_entropy_cases(((5, 3), (8, 4), (1, 2)), False),
                visible=False,
                title="right values on hidden cases",
            ),
            ShapeDtype(_cross_entropy_cases(((4, 3),), False), title="returns one float"),
            NoMutation(_cross_entropy_cases(((4, 3),), False)),
            Stable(_extreme_logits, hint=LOG_OF_SOFTMAX),
            Vectorised(_big_logits),
        ),
        (
            Misconception(
                "Average over the rows (np.mean), do not sum them.",
                lambda logits, targets: len(targets) * _xent(logits, targets),
            ),
            Misconception(
                "Cross-entropy is -log p: the loss is positive, so a minus sign is missing.",
                lambda logits, targets: -_xent(logits, targets),
            ),
            Misconception(
                "Take the log of the target's probability: the loss is -log p, not -p.",
                lambda logits, targets: (
                    -np.mean(al.softmax(logits)[np.arange(len(targets)), targets])
                ),
            ),
            Misconception(
                "Average over the rows to return one number per batch.",
                lambda logits, targets: -al.log_softmax(logits)[np.arange(len(targets)), targets],
            ),
        ),
    ),
)
