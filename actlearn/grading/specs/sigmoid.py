"""Exercises on the sigmoid family: sigmoid, its derivative, and tanh from sigmoid.

The lambdas are wrong answers learners write, kept only to recognise them in hints.
"""

from __future__ import annotations

import numpy as np

from actlearn.grading.pointwise import STABLE_EXP, pointwise, registry_reference
from actlearn.grading.spec import Misconception


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


SIGN = "The sign in the exponent is flipped: sigmoid(x) = 1 / (1 + e^(-x)) rises from 0 to 1."

EXERCISES = (
    pointwise(
        "sigmoid",
        "sigmoid(x)",
        "1 / (1 + e^(-x)), stable for |x| up to 1000",
        registry_reference("sigmoid"),
        stable_hint=STABLE_EXP,
        misconceptions=(
            Misconception(SIGN, lambda x: 1.0 / (1.0 + np.exp(x))),
            Misconception("This is tanh, with range (-1, 1); sigmoid has range (0, 1).", np.tanh),
        ),
    ),
    pointwise(
        "sigmoid_derivative",
        "sigmoid_derivative(x)",
        "sigmoid(x) * (1 - sigmoid(x)), stable",
        registry_reference("sigmoid", derivative=True),
        stable_hint=STABLE_EXP,
        misconceptions=(
            Misconception(
                "x(1 - x) is the derivative written in terms of the output a = sigmoid(x): "
                "apply it to sigmoid(x), not to x.",
                lambda x: x * (1.0 - x),
            ),
            Misconception("That is sigmoid itself, not its derivative.", _sigmoid),
            Misconception(
                "The sign is flipped: the derivative of an increasing function is positive.",
                lambda x: -_sigmoid(x) * (1.0 - _sigmoid(x)),
            ),
        ),
    ),
    pointwise(
        "tanh_from_sigmoid",
        "tanh_from_sigmoid(x)",
        "tanh(x) written with sigmoid: 2 sigmoid(2x) - 1",
        registry_reference("tanh"),
        stable_hint=STABLE_EXP,
        misconceptions=(
            Misconception(
                "2 sigmoid(x) - 1 is tanh(x/2): the identity is tanh(x) = 2 sigmoid(2x) - 1.",
                lambda x: 2.0 * _sigmoid(x) - 1.0,
            ),
            Misconception(
                "sigmoid(2x) lies in (0, 1): scale and shift it, 2 sigmoid(2x) - 1.",
                lambda x: _sigmoid(2.0 * x),
            ),
        ),
    ),
)
