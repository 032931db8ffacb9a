"""The standard exercise on an elementwise function of x, and references from the registry."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

import actlearn as al
from actlearn.grading import cases as c
from actlearn.grading.checks import NoMutation, ShapeDtype, Stable, Values, Vectorised
from actlearn.grading.spec import Exercise, Misconception

STABLE_EXP = (
    "For large |x|, e^(-x) or e^x overflows (a RuntimeWarning, then inf or NaN) even "
    "when the printed result looks right: only ever exponentiate -|x|, which is at "
    "most 0, and treat x >= 0 and x < 0 with two algebraically equal forms."
)
WHERE_BOTH = (
    "np.where evaluates both branches on every element, so np.exp(x) still "
    "overflows for large positive x: use np.expm1(np.minimum(x, 0)) for the negative side."
)


def registry_reference(name: str, derivative: bool = False) -> Callable[..., np.ndarray]:
    """``reference(x, **params)``: activation ``name`` (or its derivative) from the registry."""

    def reference(x: np.ndarray, **params: Any) -> np.ndarray:
        f = al.activation(name, **params)
        return f.derivative(x) if derivative else f(x)

    return reference


def pointwise(
    name: str,
    signature: str,
    summary: str,
    reference: Callable[..., Any],
    *,
    params: c.Params = ({},),
    misconceptions: Sequence[Misconception] = (),
    stable_hint: str = "",
    extra_points: Sequence[float] = (),
) -> Exercise:
    """The six standard checks of an elementwise function of x (keyword ``params`` varied)."""
    first = params[:1]
    checks = (
        Values(c.visible_x(params, extra_points)),
        Values(
            c.hidden_x(params, extra=extra_points),
            visible=False,
            title="right values on hidden cases",
        ),
        ShapeDtype(c.shaped_x(first)),
        NoMutation(c.mutation_x(first)),
        Stable(c.extreme_x(first), hint=stable_hint),
        Vectorised(c.big_x(first)),
    )
    return Exercise(name, signature, summary, reference, checks, tuple(misconceptions))
