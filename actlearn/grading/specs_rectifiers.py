"""Exercise on PReLU's forward pass with its slope a as an argument.

The lambdas are wrong answers learners write, kept only to recognise them in hints.
"""

from __future__ import annotations

import numpy as np

from actlearn.grading.pointwise import pointwise, registry_reference
from actlearn.grading.spec import Misconception

SLOPES = ({}, {"a": 1.5}, {"a": -1.0})

EXERCISES = (
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
)
