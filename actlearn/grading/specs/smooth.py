"""Exercises on smooth activations: elu, selu (scaled ELU with the self-normalising constants)
and softplus, each stable for |x| up to 1000.

The lambdas are wrong answers learners write, kept only to recognise them in hints.
"""

from __future__ import annotations

import numpy as np

from actlearn.grading.pointwise import WHERE_BOTH, pointwise, registry_reference
from actlearn.grading.spec import Misconception

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
SOFTPLUS_OVERFLOW = (
    "log(1 + e^x) overflows for large x: use np.logaddexp(0, x), or max(x, 0) + log1p(e^(-|x|))."
)


def _elu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


EXERCISES = (
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
        "softplus",
        "softplus(x)",
        "log(1 + e^x), stable for |x| up to 1000",
        registry_reference("softplus"),
        stable_hint=SOFTPLUS_OVERFLOW,
        misconceptions=(
            Misconception(
                "max(0, x) is ReLU; softplus is its smooth version log(1 + e^x).",
                lambda x: np.maximum(x, 0.0),
            ),
            Misconception("sigmoid(x) is the derivative of softplus, not softplus.", _sigmoid),
            Misconception(
                "The sign is flipped: softplus(x) = log(1 + e^x) grows with x.",
                lambda x: np.logaddexp(0.0, -x),
            ),
        ),
    ),
)
