r"""The stability battery, and the rewrites that make a naive formula stable.

A formula can be right on paper and wrong in float64. :math:`\log(1 + e^{x})` at
:math:`x = 1000` overflows in :math:`e^{x}` and returns ∞ where the answer is 1000;
the derivative of :math:`x\,\sigma(x)` written with exponentials gives ∞/∞ = NaN at
:math:`x = -1000`. :func:`run_battery` finds such points: it evaluates f and f′ one point at a
time at ±1000, on a grid over [−20, 20], at ±∞ and at NaN, with every floating-point warning
(overflow, invalid, divide by zero; not underflow, whose 0 is the correctly rounded answer)
turned into an error, and reports the first failing point of each.

:func:`stable_form` applies the rewrites SymPy can recognise, each to an equal expression:

==============================  ==============================================================
naive                           stable
==============================  ==============================================================
:math:`\log(1 + e^{u})`         :math:`\mathrm{softplus}(u)` = ``np.logaddexp(0, u)``
:math:`\log(e^{a} + e^{b})`     :math:`a + \mathrm{softplus}(b - a)` (the max shift)
:math:`(1 + e^{u})^{-n}`        :math:`\sigma(-u)^n`, and :math:`e^{u}(1 + e^{u})^{-n} =
                                \sigma(u)\,\sigma(-u)^{n-1}`
:math:`e^{u} - 1`               ``expm1(u)``
:math:`\log(1 + u)`             ``log1p(u)``
==============================  ==============================================================

σ and softplus enter as SymPy functions (:class:`Sigmoid`, :class:`Softplus`) whose
derivatives are again stable (σ′(u) = σ(u)σ(−u), softplus′ = σ), so differentiating the stable
form gives a stable derivative. :func:`numpy_function` evaluates either form in NumPy.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp
from sympy.codegen.cfunctions import expm1, log1p
from sympy.codegen.rewriting import expm1_opt, log1p_opt, optimize

from actlearn.activations import symbolic
from actlearn.activations.kernels import sigmoidal, special

NumFn = Callable[..., np.ndarray]
FINITE_POINTS = (-1000.0, 1000.0, *np.linspace(-20.0, 20.0, 161).tolist())


class Sigmoid(sp.Function):
    """σ(u) = 1/(1 + e^{−u}), evaluated stably; σ′(u) = σ(u)·σ(−u)."""

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        u = self.args[0]
        return Sigmoid(u) * Sigmoid(-u)

    def _eval_rewrite_as_exp(self, u: sp.Expr, **kwargs: Any) -> sp.Expr:
        return 1 / (1 + sp.exp(-u))


class Softplus(sp.Function):
    """softplus(u) = log(1 + e^{u}) = ``np.logaddexp(0, u)``; softplus′ = σ."""

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        return Sigmoid(self.args[0])

    def _eval_rewrite_as_exp(self, u: sp.Expr, **kwargs: Any) -> sp.Expr:
        return sp.log(1 + sp.exp(u))


_MODULES = [
    {
        "Sigmoid": sigmoidal.sigmoid,
        "Softplus": lambda u: np.logaddexp(0.0, u),
        "expm1": np.expm1,
        "log1p": np.log1p,
        "erf": special.erf,
    },
    "numpy",
]


def numpy_function(expr: sp.Expr, params: Sequence[str] = ()) -> NumFn:
    """``fn(x, **params)``: expr in NumPy, float64, x's shape; NaN in gives NaN out."""
    symbols = {s.name: s for s in expr.free_symbols if s != symbolic.x}
    args = [symbolic.x, *[symbols.get(name, sp.Symbol(name, real=True)) for name in params]]
    raw = sp.lambdify(args, expr, modules=_MODULES)

    def evaluate(x: np.ndarray, **values: Any) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        out = np.asarray(raw(x, *[values[name] for name in params]), dtype=np.float64)
        out = np.broadcast_to(out, x.shape)
        return np.where(np.isnan(x), np.nan, out)  # Piecewise branches would drop a NaN

    return evaluate


# The rewrites -----------------------------------------------------------------------------


def _exp_argument(term: sp.Expr) -> sp.Expr | None:
    """u if term is e^u (1 is e^0), else None."""
    if term == 1:
        return sp.Integer(0)
    return term.args[0] if isinstance(term, sp.exp) else None


def _log_of_exps(expr: sp.Expr) -> sp.Expr:
    """log(e^a + e^b) → a + softplus(b − a), with log(1 + e^u) = softplus(u)."""

    def rule(arg: sp.Expr) -> sp.Expr:
        if isinstance(arg, sp.Add) and len(arg.args) == 2:
            a, b = (_exp_argument(t) for t in arg.args)
            if a is not None and b is not None:
                if a != 0 and b == 0:
                    a, b = b, a
                return a + Softplus(b - a)
        return sp.log(arg)

    return expr.replace(sp.log, rule)


def _one_plus_exp(base: sp.Expr) -> sp.Expr | None:
    """u if base = 1 + e^u, else None."""
    if isinstance(base, sp.Add) and len(base.args) == 2 and sp.Integer(1) in base.args:
        (other,) = [t for t in base.args if t != 1]
        return other.args[0] if isinstance(other, sp.exp) else None
    return None


def _sigmoids(expr: sp.Expr) -> sp.Expr:
    """e^u (1 + e^u)^−n → σ(u) σ(−u)^(n−1), then (1 + e^u)^−n → σ(−u)^n."""

    def mul_rule(*factors: sp.Expr) -> sp.Expr:
        factors_list = list(factors)
        for i, f in enumerate(factors_list):
            if isinstance(f, sp.Pow) and f.exp.is_Integer and f.exp < 0:
                u = _one_plus_exp(f.base)
                if u is not None and sp.exp(u) in factors_list:
                    factors_list[i] = Sigmoid(u) * Sigmoid(-u) ** (-f.exp - 1)
                    factors_list.remove(sp.exp(u))
                    return sp.Mul(*factors_list)
        return sp.Mul(*factors_list)

    def pow_rule(base: sp.Expr, power: sp.Expr) -> sp.Expr:
        u = _one_plus_exp(base)
        if u is not None and power.is_Integer and power < 0:
            return Sigmoid(-u) ** (-power)
        return sp.Pow(base, power)

    return expr.replace(sp.Mul, mul_rule).replace(sp.Pow, pow_rule)


#: (name, function) of each rewrite, in the order applied.
REWRITES: tuple[tuple[str, Callable[[sp.Expr], sp.Expr]], ...] = (
    ("log(1 + e^u) → softplus(u); log(e^a + e^b) → a + softplus(b − a)", _log_of_exps),
    ("e^u/(1 + e^u) → σ(u); 1/(1 + e^u) → σ(−u)", _sigmoids),
    ("e^u − 1 → expm1(u)", lambda e: optimize(e, [expm1_opt])),
    ("log(1 + u) → log1p(u)", lambda e: optimize(e, [log1p_opt])),
)


def stable_form(expr: sp.Expr) -> tuple[sp.Expr, tuple[str, ...]]:
    """expr with the known rewrites applied, and the names of those that changed it."""
    applied = []
    for name, rewrite in REWRITES:
        new = rewrite(expr)
        if new != expr:
            applied.append(name)
            expr = new
    return expr, tuple(applied)


def naive_form(expr: sp.Expr) -> sp.Expr:
    """expr with σ, softplus, expm1 and log1p written out in exp and log again."""
    return expr.replace(Sigmoid, lambda u: 1 / (1 + sp.exp(-u))).replace(
        Softplus, lambda u: sp.log(1 + sp.exp(u))).replace(
        expm1, lambda u: sp.exp(u) - 1).replace(log1p, lambda u: sp.log(1 + u))


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
