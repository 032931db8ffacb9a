"""Exercises on the ReLU family and the step: relu, its derivative, leaky, ELU, SELU, step.

The lambdas are wrong answers learners write, kept only to recognise them in hints.
"""

from __future__ import annotations

import numpy as np

from actlearn.grading.compare import Case
from actlearn.grading.hints import kink_at
from actlearn.grading.pointwise import WHERE_BOTH, pointwise, registry_reference
from actlearn.grading.spec import Misconception

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def _at_threshold(case: Case) -> np.ndarray:
    return np.asarray(case.args[0]) == case.kwargs.get("threshold", 0.0)


def _elu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


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
        "elu",
        "elu(x, alpha=1.0)",
        "x for x > 0, else alpha * (e^x - 1); no overflow warning",
        registry_reference("elu"),
        params=({}, {"alpha": 0.5}),
        stable_hint=WHERE_BOTH,
        misconceptions=(
            Misconception(
                "ELU is alpha (e^x - 1) for x <= 0: the -1 makes it continuous at 0.",
                lambda x, alpha=1.0: np.where(x > 0, x, alpha * np.exp(np.minimum(x, 0))),
            ),
            Misconception(
                "Use the alpha argument instead of a fixed 1.", lambda x, alpha=1.0: _elu(x)
            ),
        ),
    ),
    pointwise(
        "selu",
        "selu(x)",
        "scale * elu(x, alpha) with the SELU constants; no overflow warning",
        registry_reference("selu"),
        stable_hint=WHERE_BOTH,
        misconceptions=(
            Misconception(
                "Multiply by the scale (about 1.0507) on both sides.", lambda x: _elu(x, SELU_ALPHA)
            ),
            Misconception(
                "The scale multiplies the positive side too: selu(x) = scale * x for x > 0.",
                lambda x: np.where(x > 0, x, SELU_SCALE * _elu(x, SELU_ALPHA)),
            ),
            Misconception(
                "SELU uses alpha about 1.6733 and scale about 1.0507, not ELU's alpha = 1.",
                lambda x: _elu(x),
            ),
        ),
    ),
    pointwise(
        "step",
        "step(x, threshold=0.0)",
        "1.0 where x >= threshold, else 0.0 (float64)",
        registry_reference("step"),
        params=({}, {"threshold": 1.0}),
        extra_points=(1.0,),
        misconceptions=(
            Misconception(
                "At x = threshold exactly the step is 1 in this course (x >= threshold).",
                at_kink=_at_threshold,
            ),
            Misconception(
                "Compare with the threshold argument, not with 0.",
                lambda x, threshold=0.0: (x >= 0).astype(np.float64),
            ),
            Misconception(
                "The step is 1 above the threshold and 0 below it, not the other way.",
                lambda x, threshold=0.0: (x < threshold).astype(np.float64),
            ),
        ),
    ),
)
