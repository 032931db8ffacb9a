r"""Exercise 15: design an activation with stated properties, ``my_activation() -> formula``.

The answer returns a formula in x: a str (read by the safe parser,
:func:`actlearn.activations.parse.parse`) or a SymPy expression in ``actlearn.symbolic.x``.
The grader defines it under a private name with :func:`actlearn.define_activation` (so it
passes the stability battery and the gradient check), reads its computed properties, removes
it again, and checks each stated property on its own. A failing check names the property
and where it fails: the kink, the far end where f runs off to −∞, the slope at 0.

The target: **smooth** (no kink: C^∞, or at least C^1), **non-monotonic** (f′ < 0
somewhere), **bounded below** (inf f > −∞), and :math:`f'(0) = \tfrac12`. Swish
:math:`x\,\sigma(x)` is one answer; there are many.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import sympy as sp

from actlearn.activations import registry, symbolic
from actlearn.activations.define import Definition, define_activation, describe
from actlearn.grading.compare import Case, failure_of, kind_of
from actlearn.grading.sandbox import Outcome
from actlearn.grading.spec import Check, Exercise, Judgement

PRIVATE_NAME = "_exercise_15"
TARGET_SLOPE = 0.5


def reference() -> str:
    """One formula with every stated property: Swish with β = 1."""
    return "x * sigmoid(x)"


@lru_cache(maxsize=64)
def _examine(formula: str | sp.Expr) -> Definition | str:
    """The definition of ``formula`` (registered and removed again), or why it was refused."""
    try:
        define_activation(PRIVATE_NAME, formula)
        definition = describe(PRIVATE_NAME)
    except (ValueError, TypeError) as exc:
        return str(exc).replace(PRIVATE_NAME, "your activation")
    finally:
        if PRIVATE_NAME in registry.user_defined():
            registry.unregister(PRIVATE_NAME)
    return definition


def examine(value: Any) -> Definition | str:
    """:class:`Definition` of a returned formula, or a message saying what is wrong with it."""
    if not isinstance(value, str | sp.Expr):
        return (f"returned {kind_of(value)}, expected a formula in x: a str such as "
                "'x * tanh(x)' or a SymPy expression in al.symbolic.x")
    return _examine(value)


def _smooth(d: Definition) -> str | None:
    if d.properties.smoothness is not None and d.properties.smoothness >= 1:
        return None
    kinks = ", ".join(f"x = {k:g}" for k in symbolic.kinks(d.formula)) or "a branch switch"
    return (f"not smooth: {d.properties.smoothness_label} with a kink at {kinks}; max, min, "
            "abs and relu make kinks — build from exp, tanh, sigmoid, softplus, erf instead")


def _non_monotonic(d: Definition) -> str | None:
    if d.properties.monotonic is False:
        return None
    return ("monotonic: f never decreases on [−20, 20], so f' ≥ 0 everywhere; the target "
            "needs a dip (f' < 0 somewhere), like x·σ(x) has for x < −1.28")


def _bounded_below(d: Definition) -> str | None:
    """The computed range's low end, and f far out (±1e3, ±1e6) not far below it: the range
    is computed on [−20, 20] plus the limits at ±∞, and a limit can be NaN (x + sin x)."""
    low = d.properties.output_range.low
    fn = _function(d)
    far = np.array([-1e6, -1e3, 1e3, 1e6])
    with np.errstate(all="ignore"):
        values = fn(far)
    below = np.isfinite(low) and bool(np.all(values >= low - 1e-9 * (1 + abs(low))))
    if below:
        return None
    i = int(np.nanargmin(values)) if np.any(np.isfinite(values)) else 0
    side = "x → −∞" if far[i] < 0 else "x → +∞"
    return (f"not bounded below: f(x) → −∞ as {side} (f({far[i]:g}) = {values[i]:.4g}); let f "
            "flatten out on that side, e.g. by gating x with a sigmoid")


def _slope_at_zero(d: Definition) -> str | None:
    df0 = d.properties.df0
    if df0 is not None and abs(df0 - TARGET_SLOPE) < 1e-9:
        return None
    return (f"f'(0) = {df0:.6g}, expected 1/2: at x = 0 your derivative "
            f"{d.derivative} takes the value {df0:.6g}")


def _function(d: Definition) -> Callable[[float], np.ndarray]:
    from actlearn.activations.rewrites import numpy_function

    return numpy_function(d.stability.stable)


@dataclass
class Property(Check):
    """One stated property of the returned formula, checked on its computed properties."""

    title: str = ""
    test: Callable[[Definition], str | None] = lambda d: None
    hint: str = ""
    first: bool = False  # the first check explains a refused formula; the others refer to it

    def cases(self, exercise: Exercise) -> Sequence[Case]:
        return [Case((), {}, "my_activation()")]

    def judge(self, exercise: Exercise, cases: Sequence[Case],
              outcomes: Sequence[Outcome]) -> Judgement:
        (outcome,) = outcomes
        problem = failure_of(outcome)
        if problem:
            return problem, ()
        found = examine(outcome.value)
        if isinstance(found, str):
            if not self.first:
                return "not checked: the formula was refused (see above)", ()
            return found, ("Return the formula itself, e.g. 'x * tanh(x)': it must be "
                           "accepted by al.define_activation.",)
        problem = self.test(found)
        return (None, ()) if problem is None else (problem, (self.hint,))


EXERCISES = (
    Exercise(
        "my_activation",
        "my_activation() -> str | sympy.Expr",
        "a formula in x that is smooth, non-monotonic, bounded below, with f'(0) = 1/2",
        reference,
        (
            Property("smooth (continuously differentiable, no kink)", _smooth,
                     "smooth: the kink shows in the derivative as a jump; compose smooth "
                     "functions only", first=True),
            Property("non-monotonic (f' < 0 somewhere)", _non_monotonic,
                     "non-monotonic: multiply x by a gate that goes to 0 for x → −∞ "
                     "(lesson 06: SiLU, GELU, Mish all dip below 0)"),
            Property("bounded below", _bounded_below,
                     "bounded below: on the side where x → −∞ the output must stay above some "
                     "floor"),
            Property("f'(0) = 1/2", _slope_at_zero,
                     "f'(0): differentiate by hand at 0, or print al.activation(name)"
                     ".derivative(0.0) after defining it; scale the gate's argument or the "
                     "whole formula to move f'(0)"),
        ),
    ),
)
