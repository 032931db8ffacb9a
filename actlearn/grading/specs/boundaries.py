"""Exercise 08: choose and train a network that separates XOR and the spirals.

``classify_plane(X_train, y_train, X_test, rng)`` trains any model the learner likes on the
engine and returns a class label per test point. It is graded on held-out accuracy, so any
architecture that generalises passes; the hints read what went wrong from the accuracy
and the labels returned (chance level, a linear boundary, too small a network).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from actlearn import losses, nn, optim
from actlearn.data import spirals, xor
from actlearn.engine import no_grad
from actlearn.grading.checks import BuiltCheck, NoMutation
from actlearn.grading.compare import Case, failure_of, kind_of
from actlearn.grading.sandbox import Outcome
from actlearn.grading.spec import Exercise, Judgement, Misconception
from actlearn.training import fit

LABELS = ("Return one class label per test point: an integer array of shape (n_test,), e.g. "
          "logits.argmax(axis=1), not the logits or probabilities themselves.")
NOT_LEARNING = ("The predictions are no better than guessing: the network did not learn. Each "
                "step needs zero_grad(), loss.backward() and optimizer.step() (or use "
                "actlearn.training.fit); check the learning rate (Adam with lr around 0.01-0.05) "
                "and the number of steps (a few hundred).")
LINEAR = ("The boundary your network draws is a straight line (its predicted classes are "
          "linearly separable), and no straight line separates XOR's corners or the spiral arms: "
          "use a hidden layer with a nonlinear activation such as relu or tanh (a 'linear' "
          "activation collapses to one linear map, lesson 02).")
TOO_SMALL = ("The spiral arms need a very curved boundary: use a wider hidden layer (32 units "
             "or more, or two hidden layers), a few hundred Adam steps, and standardised inputs "
             "(subtract the training mean, divide by the standard deviation).")
CLASSES = ("Size the output layer by the number of classes, n_classes = int(y_train.max()) + 1: "
           "here there are three spiral arms.")


@dataclass(frozen=True)
class HeldOut(Case):
    """A training set, the test points and (kept from the answer) their true labels."""

    truth: np.ndarray | None = None


def _held_out(name: str, train: tuple, test: tuple, seed: int) -> HeldOut:
    (X_train, y_train), (X_test, y_test) = train, test
    label = (f"{name}: {len(y_train)} training points, {len(y_test)} test points, "
             f"rng=np.random.default_rng({seed})")
    return HeldOut((X_train, y_train, X_test, np.random.default_rng(seed)), {}, label, y_test)


def xor_case(rng: np.random.Generator) -> list[Case]:
    return [_held_out("noisy XOR", xor(25, 0.15, rng=rng), xor(25, 0.15, rng=rng), 0)]


def spiral_case(rng: np.random.Generator) -> list[Case]:
    make = lambda: spirals(300, 0.1, rng=rng, turns=1.5)  # noqa: E731
    return [_held_out("two spirals (1.5 turns)", make(), make(), 1)]


def three_arm_case(rng: np.random.Generator) -> list[Case]:
    make = lambda: spirals(300, 0.1, rng=rng, n_classes=3)  # noqa: E731
    return [_held_out("three spiral arms", make(), make(), 2)]


def _separable(X: np.ndarray, positive: np.ndarray, iterations: int = 60) -> bool:
    """Whether a line puts the ``positive`` points on one side and the rest on the other:
    Newton's method on the logistic loss, stopping as soon as every point is classified."""
    Z = np.c_[(X - X.mean(axis=0)) / (X.std(axis=0) + 1e-12), np.ones(len(X))]
    target = positive.astype(np.float64)
    w = np.zeros(Z.shape[1])
    for _ in range(iterations):
        if np.all((Z @ w > 0) == positive):
            return True
        p = 0.5 * (1.0 + np.tanh(0.5 * (Z @ w)))  # the sigmoid, without overflow
        hessian = Z.T @ (Z * (p * (1 - p))[:, None]) + 1e-9 * np.eye(Z.shape[1])
        w -= np.linalg.solve(hessian, Z.T @ (p - target))
    return bool(np.all((Z @ w > 0) == positive))


def looks_linear(X: np.ndarray, labels: np.ndarray) -> bool:
    """Whether a linear classifier could have produced ``labels``: every pair of predicted
    classes is separated by a straight line (for logits z = xW + b, the line z_a = z_b)."""
    classes = np.unique(labels)
    if classes.size < 2:
        return True
    for i, a in enumerate(classes):
        for b in classes[i + 1:]:
            pair = (labels == a) | (labels == b)
            if not _separable(X[pair], labels[pair] == b):
                return False
    return True


def _labels_problem(value: object, n: int) -> str | None:
    if not isinstance(value, np.ndarray):
        return f"returned {kind_of(value)}, expected an integer array of shape ({n},)"
    if value.shape != (n,):
        return f"returned shape {value.shape}, expected ({n},): one label per test point"
    if value.dtype.kind not in "iu":
        return f"returned dtype {value.dtype}, expected integer class labels"
    return None


@dataclass
class Accuracy(BuiltCheck):
    """Held-out accuracy of the returned labels is at least ``threshold``."""

    threshold: float = 0.95
    title: str = ""
    timeout: float = 20.0
    low_hint: str = TOO_SMALL
    feeds_hints: bool = True

    def judge(self, exercise: Exercise, cases: Sequence[Case], outcomes: Sequence[Outcome]
              ) -> Judgement:
        for case, outcome in zip(cases, outcomes, strict=True):
            problem = failure_of(outcome)
            truth = case.truth  # type: ignore[attr-defined]
            if problem:
                return f"on {case.describe()} {problem}", ()
            shape_problem = _labels_problem(outcome.value, len(truth))
            if shape_problem:
                return shape_problem, (LABELS,)
            accuracy = float(np.mean(outcome.value == truth))
            if accuracy >= self.threshold:
                continue
            detail = (f"{100 * accuracy:.1f} % of the test points right, need "
                      f"{100 * self.threshold:.0f} %")
            chance = np.max(np.bincount(truth)) / len(truth)
            if np.unique(outcome.value).size == 1:
                return detail, (NOT_LEARNING,)
            if looks_linear(case.args[2], outcome.value):
                return detail, (LINEAR,)
            if accuracy <= chance + 0.05:
                return detail, (NOT_LEARNING,)
            return detail, (self.low_hint,)
        return None, ()


@dataclass
class ReturnsLabels(BuiltCheck):
    """The answer returns an integer array with one label per test point."""

    gated: ClassVar[bool] = True
    title: str = "returns one integer class label per test point"

    def judge(self, exercise: Exercise, cases: Sequence[Case], outcomes: Sequence[Outcome]
              ) -> Judgement:
        for case, outcome in zip(cases, outcomes, strict=True):
            problem = failure_of(outcome) or _labels_problem(outcome.value, len(case.truth))
            if problem:
                return problem, (LABELS,) if failure_of(outcome) is None else ()
        return None, ()


def reference(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray,
              rng: np.random.Generator) -> np.ndarray:
    """MLP([2, 32, k], relu) on standardised inputs, 300 full-batch Adam steps (lr 0.05)."""
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    net = nn.MLP([2, 32, int(y_train.max()) + 1], activation="relu", rng=rng)
    fit(net, losses.cross_entropy, (X_train - mean) / std, y_train,
        optim.Adam(net.parameters(), lr=0.05), steps=300, progress=False)
    with no_grad():
        return net((X_test - mean) / std).data.argmax(axis=1)


EXERCISES = (
    Exercise(
        "classify_plane",
        "classify_plane(X_train, y_train, X_test, rng) -> labels",
        "train a network on the engine, return a class label per test point; graded on "
        "held-out accuracy (XOR, two and three spirals)",
        reference,
        (ReturnsLabels(xor_case),
         Accuracy(xor_case, 0.95, "XOR: at least 95 % of the test points right"),
         Accuracy(spiral_case, 0.95, "two spirals: at least 95 % of the test points right"),
         Accuracy(three_arm_case, 0.9, "three spiral arms: at least 90 % of the test points right",
                  low_hint=CLASSES + " " + TOO_SMALL),
         NoMutation(xor_case, title="leaves its input arrays unchanged")),
        (Misconception(CLASSES, raised="class indices must lie in"),),
    ),
)
