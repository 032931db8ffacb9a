"""Symbolic activations: SymPy expressions, derivatives derived (never typed in), textbook forms.

``expression(name)`` builds f(x) from the registry's builder; ``derivative`` differentiates it;
``textbook_derivative`` rewrites f'(x) in the familiar form (σ' = σ(1 − σ), tanh' = 1 − tanh²,
softplus' = σ(βx), ELU' = f + α for x ≤ 0, SiLU' in terms of σ) by *solving* y = f(x) for its
exponential and substituting, then checks the result against ``sympy.diff``;
``derivation`` returns those steps for display; ``lambdify`` turns an expression into NumPy.

>>> textbook_derivative("sigmoid")
(1 - sigma(x))*sigma(x)
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from actlearn.activations.kernels import special
from actlearn.activations.registry import bind_params, get

x = sp.Symbol("x", real=True)
sigma = sp.Function("sigma")  # σ(x), the logistic sigmoid, in textbook forms
f = sp.Function("f")  # f(x), the activation itself, in textbook forms
_y = sp.Symbol("y")

_PARAM_SYMBOLS: dict[str, sp.Symbol] = {
    "alpha": sp.Symbol("alpha", positive=True),
    "beta": sp.Symbol("beta", positive=True),
    "negative_slope": sp.Symbol("alpha", real=True),
    "slope": sp.Symbol("a", real=True),
    "a": sp.Symbol("a", real=True),
    "threshold": sp.Symbol("T", real=True),
    "value": sp.Symbol("v", real=True),
    "min_val": sp.Symbol("m", real=True),
    "max_val": sp.Symbol("M", real=True),
    "omega_0": sp.Symbol("omega_0", positive=True),
}
_SELU_SYMBOLS = {"scale": sp.Symbol("lambda", positive=True), "alpha": _PARAM_SYMBOLS["alpha"]}


def _number(value: Any) -> Any:
    """A float as an exact SymPy number (0.01 -> 1/100); strings pass through."""
    return sp.Rational(repr(value)) if isinstance(value, float | int) else value


def expression(name: str, symbolic: bool = False, **params: Any) -> sp.Expr:
    """f(x) for the pointwise activation ``name``; parameters as numbers or (symbolic) symbols.

    >>> expression("elu", symbolic=True)
    Piecewise((alpha*(exp(x) - 1), x <= 0), (x, True))
    """
    record = get(name)
    if record.builder is None:
        raise TypeError(f"{name} is a vector activation: it has no single-variable expression")
    bound = bind_params(record, params)
    if name == "selu" and symbolic:
        return record.builder(x, **_SELU_SYMBOLS)
    wanted = list(inspect.signature(record.builder).parameters)[1:]
    args = {
        k: _PARAM_SYMBOLS[k] if symbolic and k in _PARAM_SYMBOLS else _number(bound[k])
        for k in wanted
        if k in bound
    }
    return record.builder(x, **args)


#: Above this many operations ``sympy.simplify`` takes seconds (GELU's tanh form: 41 ops,
#: ~7 s) for little gain; such expressions get the cheap ``factor_terms`` tidy-up instead.
_SIMPLIFY_MAX_OPS = 30


def _simplify_one(expr: sp.Expr) -> sp.Expr:
    if sp.count_ops(expr) > _SIMPLIFY_MAX_OPS:
        return sp.factor_terms(expr)
    return sp.simplify(expr)


def _simplify(expr: sp.Expr) -> sp.Expr:
    """Simplify, piece by piece for a Piecewise (cheaply for large expressions)."""
    expr = sp.piecewise_fold(expr)
    if isinstance(expr, sp.Piecewise):
        return sp.Piecewise(*[(_simplify_one(e), c) for e, c in expr.args])
    return _simplify_one(expr)


def derivative(expr: sp.Expr) -> sp.Expr:
    """d expr / dx, by ``sympy.diff``, simplified (piecewise where expr is)."""
    return _simplify(sp.diff(expr, x))


def _tidy(expr: sp.Expr) -> sp.Expr:
    """−y(y − 1) → y(1 − y): move a leading minus sign into a binomial factor."""
    coeff, rest = expr.as_coeff_Mul()
    if coeff == -1 and isinstance(rest, sp.Mul):
        for factor in rest.args:
            if isinstance(factor, sp.Add):
                return sp.Mul(*[(-factor).expand() if a is factor else a for a in rest.args])
    return expr


def rewrite_in_terms_of(expr: sp.Expr, inner: sp.Expr, name: sp.Expr) -> sp.Expr | None:
    """expr with every occurrence of inner's exponential (or tanh) expressed through y = inner.

    Solves y = inner(A) for the atom A (e.g. A = e^{−x} for the sigmoid), substitutes the
    solution into expr, simplifies, and writes y as ``name``. None if that fails.
    """
    atoms = [a for a in inner.atoms(sp.exp, sp.tanh) if a.has(x)]
    if len(atoms) != 1:
        return None
    atom, dummy = atoms[0], sp.Dummy("A", positive=True)
    solutions = sp.solve(sp.Eq(_y, inner.subs(atom, dummy)), dummy)
    if len(solutions) != 1:
        return None
    rewritten = sp.simplify(expr.subs(atom, solutions[0]))
    if any(a.has(x) for a in rewritten.atoms(sp.exp, sp.tanh)):
        return None
    rewritten = _tidy(sp.factor_terms(sp.collect(sp.expand(rewritten), x)))
    return rewritten.subs(_y, name)


def as_sigmoid_of(expr: sp.Expr) -> sp.Expr | None:
    """σ(u) if expr = 1/(1 + e^{−u}) for some u, found as u = log(expr / (1 − expr))."""
    u = sp.simplify(sp.expand_log(sp.log(sp.simplify(expr / (1 - expr))), force=True))
    if sp.simplify(expr - 1 / (1 + sp.exp(-u))) != 0:
        return None
    return sigma(u)


def _unsigma(expr: sp.Expr) -> sp.Expr:
    """Replace σ(·) and f(x) by what they stand for, to check a textbook form."""
    return expr.replace(sigma, lambda u: 1 / (1 + sp.exp(-u)))


# How each activation's derivative is usually written: in terms of the output f, as σ of
# something, or in terms of σ(x). Unlisted activations keep the simplified sympy.diff result.
_TEXTBOOK: dict[str, tuple[str, Any]] = {
    "sigmoid": ("output", sigma(x)),
    "tanh": ("output", sp.tanh(x)),
    "elu": ("output", f(x)),
    "celu": ("output", f(x)),
    "selu": ("output", f(x)),
    "softplus": ("sigmoid_of", None),
    "log_sigmoid": ("sigmoid_of", None),
    "silu": ("in_sigmoid", sigma(x)),
}


def _textbook_piece(strategy: str, display: Any, d: sp.Expr, f_piece: sp.Expr) -> sp.Expr:
    if strategy == "output":
        done = rewrite_in_terms_of(d, f_piece, display)
    elif strategy == "sigmoid_of":
        done = as_sigmoid_of(d)
    else:
        done = rewrite_in_terms_of(d, 1 / (1 + sp.exp(-x)), display)
    return d if done is None else done


def textbook_derivative(name: str, symbolic: bool = True, **params: Any) -> sp.Expr:
    """f'(x) in its textbook form, derived from f by SymPy and verified against ``diff``.

    >>> textbook_derivative("elu")
    Piecewise((alpha + f(x), x <= 0), (1, True))
    """
    fx = expression(name, symbolic=symbolic, **params)
    strategy, display = _TEXTBOOK.get(name, (None, None))
    if strategy is None:
        return derivative(fx)
    d = sp.piecewise_fold(sp.diff(fx, x))  # unsimplified: keeps f's own exponentials
    if isinstance(fx, sp.Piecewise):  # rewrite branch by branch
        pieces = [
            (_textbook_piece(strategy, display, dp, fp), c)
            for (fp, c), (dp, _) in zip(fx.args, d.args, strict=True)
        ]
        form = sp.Piecewise(*pieces)
    else:
        form = _textbook_piece(strategy, display, d, fx)
    if not is_zero(_unsigma(form).replace(f, lambda _: fx) - d):
        raise AssertionError(f"textbook form of {name}' does not match sympy.diff")  # a bug
    return form


def is_zero(expr: sp.Expr) -> bool:
    """Whether expr ≡ 0: symbolically when SymPy can show it, else at 7 sample points
    (parameters set to sample values) to 30 significant digits."""
    expr = sp.piecewise_fold(expr)
    if sp.simplify(expr.rewrite(sp.exp)) == 0:
        return True
    samples = {
        s: sp.Rational(13, 10) + i for i, s in enumerate(sorted(expr.free_symbols - {x}, key=str))
    }
    for point in ("-2.7", "-1.3", "-0.4", "0.3", "0.9", "1.7", "3.1"):
        value = expr.subs(samples).subs(x, sp.Rational(point)).evalf(30)
        if not value.is_number or abs(value) > 1e-25:
            return False
    return True


@dataclass(frozen=True)
class Derivation:
    """The steps from f(x) to its textbook derivative, each a (caption, equation) pair."""

    name: str
    steps: tuple[tuple[str, sp.Basic], ...]

    def latex(self) -> str:
        rows = [rf"&{sp.latex(eq)} && \text{{{caption}}}" for caption, eq in self.steps]
        return r"\begin{aligned}" + r"\\ ".join(rows) + r"\end{aligned}"

    def _repr_latex_(self) -> str:
        return f"$${self.latex()}$$"

    def __str__(self) -> str:
        return "\n".join(f"{caption}: {eq}" for caption, eq in self.steps)


def derivation(name: str, **params: Any) -> Derivation:
    """Definition, ``sympy.diff``, the substitution, the textbook form, and the check.

    >>> print(derivation("sigmoid").steps[-1][0])
    check: textbook form minus sympy.diff is 0
    """
    fx = expression(name, symbolic=True, **params)
    fprime = sp.Derivative(f(x), x)
    raw = sp.diff(fx, x)
    steps: list[tuple[str, sp.Basic]] = [
        ("definition", sp.Eq(f(x), fx)),
        ("differentiate (sympy.diff)", sp.Eq(fprime, raw)),
    ]
    strategy, _ = _TEXTBOOK.get(name, (None, None))
    if strategy == "output" and not isinstance(fx, sp.Piecewise):
        atom = next(a for a in fx.atoms(sp.exp, sp.tanh) if a.has(x))
        dummy = sp.Dummy("A", positive=True)
        (solved,) = sp.solve(sp.Eq(_y, fx.subs(atom, dummy)), dummy)
        steps.append((f"let y = f(x) and solve for {atom}", sp.Eq(atom, solved)))
    form = textbook_derivative(name, **params)
    steps.append(("textbook form", sp.Eq(fprime, form)))
    verified = is_zero(_unsigma(form).replace(f, lambda _: fx) - raw)
    steps.append(
        ("check: textbook form minus sympy.diff is 0", sp.Eq(sp.Integer(0 if verified else 1), 0))
    )
    return Derivation(name, tuple(steps))


def lambdify(expr: sp.Expr) -> Callable[[np.ndarray], np.ndarray]:
    """A NumPy function of x computing expr (erf from :mod:`~actlearn.activations.kernels.special`).
    """
    fn = sp.lambdify(x, expr, modules=[{"erf": special.erf}, "numpy"])

    def evaluate(values: np.ndarray) -> np.ndarray:
        values = np.asarray(values, dtype=np.float64)
        return np.broadcast_to(np.asarray(fn(values), dtype=np.float64), values.shape).copy()

    return evaluate


def kinks(expr: sp.Expr) -> list[float]:
    """The x values where a Piecewise expression switches branch (numeric parameters only)."""
    points = set()
    for rel in sp.piecewise_fold(expr).atoms(sp.Rel):
        if x in (rel.lhs, rel.rhs):
            other = rel.rhs if rel.lhs == x else rel.lhs
            if other.is_number:
                points.add(float(other))
    return sorted(points)


def smoothness(expr: sp.Expr, max_order: int = 5) -> float:
    """k such that expr is C^k (−1: discontinuous; ``math.inf``: no kink at all).

    Compares the left and right branches and their derivatives at every kink.

    >>> [smoothness(expression(name)) for name in ("step", "relu", "celu", "tanh")]
    [-1, 0, 1, inf]
    """
    expr = sp.piecewise_fold(expr)
    if not isinstance(expr, sp.Piecewise):
        return math.inf
    order = max_order
    for c in kinks(expr):
        c_exact = sp.nsimplify(c)
        left, right = (_active_piece(expr, c_exact + s * sp.Rational(1, 10**9)) for s in (-1, 1))
        for k in range(max_order + 1):
            diff = (sp.diff(left, x, k) - sp.diff(right, x, k)).subs(x, c_exact)
            if sp.simplify(diff) != 0:
                order = min(order, k - 1)
                break
    return math.inf if order == max_order else order


def _active_piece(expr: sp.Piecewise, at: sp.Expr) -> sp.Expr:
    for piece, cond in expr.args:
        if cond == sp.true or bool(cond.subs(x, at)):
            return piece
    raise ValueError(f"no branch of {expr} holds at x = {at}")
