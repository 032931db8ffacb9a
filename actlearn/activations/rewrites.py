r"""Stable rewrites of a naive formula, and NumPy functions of SymPy expressions.

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

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import sympy as sp
from sympy.codegen.cfunctions import expm1, log1p
from sympy.codegen.rewriting import expm1_opt, log1p_opt, optimize

from actlearn.activations import symbolic
from actlearn.activations.kernels import sigmoidal, special

NumFn = Callable[..., np.ndarray]


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
