r"""The stability battery: where a formula fails in float64, and whether its stable form passes.

A formula can be right on paper and wrong in float64. :math:`\log(1 + e^{x})` at
:math:`x = 1000` overflows in :math:`e^{x}` and returns ∞ where the answer is 1000;
the derivative of :math:`x\,\sigma(x)` written with exponentials gives ∞/∞ = NaN at
:math:`x = -1000`. :func:`run_battery` finds such points: it evaluates f and f′ one point at a
time at ±1000, on a grid over [−20, 20], at ±∞ and at NaN, with every floating-point warning
(overflow, invalid, divide by zero; not underflow, whose 0 is the correctly rounded answer)
turned into an error, and reports the first failing point of each.

The formula and its stable form (:mod:`.rewrites`) are both tested: :func:`check_stability`
reports where the formula as written fails, and whether the stable form passes.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import sympy as sp

from actlearn.activations import symbolic
from actlearn.activations.rewrites import numpy_function, stable_form

FINITE_POINTS = (-1000.0, 1000.0, *np.linspace(-20.0, 20.0, 161).tolist())


# The battery ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    """f or f′ misbehaving at one input."""

    where: str  # "f" or "f'"
    point: float
    problem: str

    def __str__(self) -> str:
        return f"{self.where}({self.point:g}): {self.problem}"


@dataclass(frozen=True)
class BatteryReport:
    """Failures (the first per function and kind of input) and notes (NaN at ±∞: no limit)."""

    failures: tuple[Failure, ...]
    notes: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.failures

    def __str__(self) -> str:
        if self.passed:
            lines = ["battery passed: finite at ±1000 and on [−20, 20], NaN in gives NaN out"]
        else:
            lines = ["battery FAILED:"] + [f"  {f}" for f in self.failures]
        return "\n".join(lines + [f"  note: {n}" for n in self.notes])


def _one(fn: Callable[[np.ndarray], np.ndarray], point: float) -> tuple[float, str | None]:
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise",
                                                under="ignore"):
        warnings.simplefilter("error")
        try:
            return float(fn(np.array(point))), None
        except (FloatingPointError, RuntimeWarning, ZeroDivisionError, OverflowError) as exc:
            return math.nan, str(exc) or type(exc).__name__


def _failing(fn: Callable[[np.ndarray], np.ndarray]) -> Sequence[float]:
    """FINITE_POINTS if evaluating them all at once warns or gives a non-finite value (then
    each is tried alone, to name the first failing one), else none."""
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise",
                                                under="ignore"):
        warnings.simplefilter("error")
        try:
            values = fn(np.array(FINITE_POINTS))
        except (FloatingPointError, RuntimeWarning, ZeroDivisionError, OverflowError):
            return FINITE_POINTS
    return () if np.all(np.isfinite(values)) else FINITE_POINTS


def run_battery(forward: Callable[[np.ndarray], np.ndarray],
                derivative: Callable[[np.ndarray], np.ndarray]) -> BatteryReport:
    """Check f and f′ at ±1000, on a grid over [−20, 20], at ±∞ and at NaN (module docstring)."""
    failures, notes = [], []
    for where, fn in (("f", forward), ("f'", derivative)):
        for point in _failing(fn):
            value, error = _one(fn, point)
            if error is not None or not math.isfinite(value):
                problem = error or f"gives {value} at a finite input"
                failures.append(Failure(where, point, problem))
                break
        value, _ = _one(fn, math.nan)
        if not math.isnan(value):
            failures.append(Failure(where, math.nan, f"NaN in gives {value}, expected NaN"))
        for point in (-math.inf, math.inf):
            value, error = _one(fn, point)
            if error is not None or math.isnan(value):
                far, _ = _one(fn, math.copysign(1e300, point))
                notes.append(f"{where}({point:g}) is NaN in float64 ({error or 'NaN'}); "
                             f"far out, {where}({math.copysign(1e300, point):g}) = {far:g}")
    return BatteryReport(tuple(failures), tuple(notes))


@dataclass(frozen=True)
class Stability:
    """The battery on a formula as written and on its stable form (:func:`check_stability`)."""

    formula: sp.Expr
    stable: sp.Expr
    stable_derivative: sp.Expr
    rewrites: tuple[str, ...]
    naive: BatteryReport
    rewritten: BatteryReport

    @property
    def passed(self) -> bool:
        """Whether the form that will be evaluated (the stable one) passes."""
        return self.rewritten.passed

    @property
    def suggestion(self) -> str | None:
        """The stable form to use, when the formula as written fails and that form passes."""
        if self.naive.passed or not self.rewritten.passed or not self.rewrites:
            return None
        return str(self.stable)

    def __str__(self) -> str:
        lines = [f"formula {self.formula}: {self.naive}"]
        if self.rewrites:
            lines.append(f"stable form, {self.stable} ({'; '.join(self.rewrites)}): "
                         f"{self.rewritten}")
        elif not self.naive.passed:
            lines.append("no known stable rewrite applies (the true value may not fit in "
                         "float64, as e^1000 does not)")
        return "\n".join(lines)


def check_stability(formula: sp.Expr, derivative: sp.Expr | None = None,
                    params: Mapping[str, float] | None = None) -> Stability:
    """Run the battery on ``formula`` (and ``derivative``, by default its ``sympy.diff``) as
    written, and on the stable form and its derivative; parameters at ``params``.

    >>> from actlearn.activations.symbolic import x
    >>> report = check_stability(sp.log(1 + sp.exp(x)))
    >>> print(report.naive.failures[0])
    f(1000): overflow encountered in exp
    >>> report.suggestion, report.passed
    ('Softplus(x)', True)
    """
    values = dict(params or {})
    names = list(values)
    derivative = sp.diff(formula, symbolic.x) if derivative is None else derivative
    stable, rewrites = stable_form(formula)
    stable_derivative = sp.piecewise_fold(sp.diff(stable, symbolic.x))
    reports = []
    for f, df in ((formula, derivative), (stable, stable_derivative)):
        fn, dfn = numpy_function(f, names), numpy_function(df, names)
        reports.append(run_battery(lambda z, fn=fn: fn(z, **values),
                                   lambda z, dfn=dfn: dfn(z, **values)))
    return Stability(formula, stable, stable_derivative, rewrites, *reports)
