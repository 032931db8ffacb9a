r"""Design your own activation: a formula in, a registered activation out.

``define_activation("mymish", x * sp.tanh(sp.log(1 + sp.exp(x))))`` (or the same formula as
the text ``"x * tanh(softplus(x))"``, read by :mod:`.parse`, which never runs code):

1. writes ``max``, ``min`` and ``abs`` as ``Piecewise`` (kinks where the course expects them);
2. derives f′ with SymPy and simplifies it (:func:`actlearn.activations.symbolic.derivative`);
   at a kink f′ is the derivative of the branch that holds the kink point (ReLU-like
   formulas get PyTorch's f′(0) = 0);
3. rewrites f into a stable form (:func:`.rewrites.stable_form`) and differentiates that form,
   so f′ is stable too; builds both as vectorised float64 NumPy functions;
4. runs the stability battery (:func:`.battery.run_battery`) on the naive and the stable forms,
   and refuses a formula whose stable form still fails (``strict=False`` registers it anyway);
5. runs a gradient check: central differences of f against f′ at 64 points in [−4, 4] at
   least 10⁻³ away from any kink, and checks the stable form equals the naive one wherever
   the naive one is finite;
6. registers the record for this session (:func:`actlearn.activations.registry.register`:
   built-in names are refused, a name defined before is replaced with a warning) and computes
   its properties.

From then on ``al.activation(name)``, ``Tensor.activation(name)``, ``nn.MLP(...,
activation=name)``, the labs, plots and widgets take the name like a built-in one.
"""

from __future__ import annotations

import inspect
import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy as sp

from actlearn.activations import battery, registry, rewrites, symbolic
from actlearn.activations import params as p
from actlearn.activations.bound import ActivationFunction, activation
from actlearn.activations.parse import parse

if TYPE_CHECKING:
    from actlearn.activations.properties import Properties


@dataclass(frozen=True)
class Definition:
    """What :func:`define_activation` derived and checked; print it."""

    name: str
    formula: sp.Expr  # f(x), parameters as symbols, max/min/abs as Piecewise
    derivative: sp.Expr  # f'(x), simplified
    stability: battery.Stability  # the battery as written and on the stable form
    gradcheck_error: float  # worst |f' − finite difference| / (1 + |f'|)
    properties: Properties
    mean: float  # E[f(z)], z ~ N(0, 1)

    @property
    def suggestion(self) -> str | None:
        """The stable form to use instead, when the formula as written fails the battery."""
        return self.stability.suggestion

    def __str__(self) -> str:
        props = self.properties
        return "\n".join([
            f"{self.name}(x) = {self.formula}",
            f"{self.name}'(x) = {self.derivative}",
            str(self.stability),
            f"gradient check passed: f' agrees with central differences of f to within "
            f"{_bound(self.gradcheck_error):.0e}",
            f"range {props.output_range}, monotonic {props.monotonic}, "
            f"{props.smoothness_label}, saturates {props.saturates}, "
            f"zero-centred {props.zero_centred} (E[f(z)] = {self.mean:.4f}), "
            f"f'(0) = {props.df0:.4g}",
        ])


def _bound(error: float) -> float:
    """The power of ten just above ``error`` (a stable figure to print)."""
    return 10.0 ** math.ceil(math.log10(max(error, 1e-16)))


@dataclass(frozen=True)
class DefinedActivation(registry.Activation):
    """A registry record made by :func:`define_activation`: what a built-in record holds, plus
    the derivation and the checks (``formula`` is its SymPy form, the builder's source)."""

    formula: sp.Expr = sp.Integer(0)  # f(x), parameters as symbols, max/min/abs as Piecewise
    derivative_expr: sp.Expr = sp.Integer(0)  # f'(x), simplified
    stability: battery.Stability | None = None  # the battery, as written and stable
    gradcheck_error: float = 0.0  # worst |f' − finite difference| / (1 + |f'|)

    @property
    def builder(self) -> Any:
        formula, names = self.formula, self.parameter_names

        def build(x: sp.Symbol, **values: Any) -> sp.Expr:
            return formula.subs({sp.Symbol(n, real=True): values[n] for n in names})

        kinds = inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY
        build.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [inspect.Parameter("x", kinds[0])] + [inspect.Parameter(n, kinds[1]) for n in names])
        return build

    @cached_property
    def definition(self) -> Definition:
        """The derivation, the checks and the properties at the defaults (computed once)."""
        from actlearn.activations.properties import compute_properties, gaussian_mean

        fn = ActivationFunction(self, dict(self.defaults))
        assert self.stability is not None
        quiet = "warn" if self.stability.passed else "ignore"  # strict=False: it overflows
        with np.errstate(over=quiet, invalid=quiet, divide=quiet):
            properties, mean = compute_properties(fn), gaussian_mean(fn)
        return Definition(self.name, self.formula, self.derivative_expr, self.stability,
                          self.gradcheck_error, properties, mean)


def _as_formula(expr: str | sp.Expr, names: list[str]) -> sp.Expr:
    """The formula in ``symbolic.x`` and real parameter symbols; max/min/abs as Piecewise."""
    if isinstance(expr, str):
        expr = parse(expr, names)
    elif not isinstance(expr, sp.Expr):
        raise TypeError(f"define_activation: expr must be a SymPy expression in "
                        f"actlearn.symbolic.x or a str, got {type(expr).__name__}")
    undefined = sorted(str(f) for f in expr.atoms(sp.core.function.AppliedUndef))
    if undefined:
        raise ValueError(f"define_activation: unknown function(s) {', '.join(undefined)}")
    swap = {s: symbolic.x if s.name == "x" else sp.Symbol(s.name, real=True)
            for s in expr.free_symbols}
    expr = expr.xreplace(swap)
    extra = sorted(s.name for s in expr.free_symbols if s.name != "x" and s.name not in names)
    if extra:
        raise ValueError(f"define_activation: the formula uses {', '.join(extra)}, which is "
                         "neither x nor a parameter; give it a default, e.g. "
                         f"params={{{extra[0]!r}: 1.0}}")
    kinked = expr.replace(lambda e: isinstance(e, sp.Max | sp.Min | sp.Abs),
                          lambda e: e.rewrite(sp.Piecewise))
    return sp.piecewise_fold(kinked)


def _gradcheck(forward: Any, derivative: Any, kinks: list[float]) -> tuple[float, float]:
    """(worst |f' − numeric| / (1 + |f'|), the x where it happens) at 64 seeded points."""
    points = np.random.default_rng(0).uniform(-4.0, 4.0, 256)
    if kinks:
        points = points[np.min(np.abs(points[:, None] - np.array(kinks)), axis=1) > 1e-3]
    points = points[:64]
    h = 1e-6 * (1.0 + np.abs(points))
    with np.errstate(all="ignore"):
        numeric = (forward(points + h) - forward(points - h)) / (2 * h)
        analytic = derivative(points)
    error = np.abs(analytic - numeric) / (1.0 + np.abs(analytic))
    i = int(np.nanargmax(error)) if np.any(np.isfinite(error)) else 0
    return float(error[i]), float(points[i])


def define_activation(name: str, expr: str | sp.Expr, params: Mapping[str, float] | None = None,
                      summary: str | None = None, strict: bool = True) -> ActivationFunction:
    r"""Register the pointwise activation :math:`f(x) = \text{expr}` and return it bound.

    ``expr`` is a SymPy expression in ``actlearn.symbolic.x`` (any symbol named ``x`` is taken
    for it) or a str read by :func:`actlearn.activations.parse.parse`; ``params`` maps each
    other symbol's name to its default. The steps are in the module docstring;
    ``f.record.definition`` holds what they found (print it).

    >>> f = define_activation("doc_swish", "x * sigmoid(beta * x)", {"beta": 1.0})
    >>> f(np.array([-1000.0, 0.0, 2.0])).round(4), float(f.derivative(0.0))
    (array([-0.    ,  0.    ,  1.7616]), 0.5)
    >>> registry.unregister("doc_swish")
    """
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"define_activation: the name must be a Python identifier, got {name!r}")
    if name in registry.REGISTRY:
        raise ValueError(f"define_activation: {name!r} is a built-in activation and cannot be "
                         f"replaced; choose another name (e.g. 'my_{name}')")
    defaults = {k: float(v) if isinstance(v, int) and not isinstance(v, bool) else v
                for k, v in (params or {}).items()}
    names = list(defaults)
    check = p.real(*names)
    check(name, defaults)
    formula = _as_formula(expr, names)
    derivative = symbolic.derivative(formula)
    stability = battery.check_stability(formula, derivative, defaults)
    if strict and not stability.passed:
        raise ValueError(f"define_activation: {name} fails the stability battery\n{stability}"
                         "\npass strict=False to register it anyway")
    forward, slope = (rewrites.numpy_function(e, names)
                      for e in (stability.stable, stability.stable_derivative))
    bind = dict(defaults)

    def at_defaults(fn: Any) -> Any:
        return lambda z: fn(z, **bind)

    naive_f = rewrites.numpy_function(formula, names)
    _check_rewrite(name, at_defaults(naive_f), at_defaults(forward))
    kinks = symbolic.kinks(formula.subs({sp.Symbol(n, real=True): v for n, v in bind.items()}))
    error, where = _gradcheck(at_defaults(forward), at_defaults(slope), kinks)
    if not error < 1e-4:
        raise ValueError(f"define_activation: gradient check failed for {name} at x = "
                         f"{where:.4g}: f' and central differences differ by {error:.2g}")
    record = DefinedActivation(
        name=name, summary=summary or f"defined: {formula}", kind="pointwise", forward=forward,
        derivative=slope, defaults=defaults, check=check, formula=formula,
        derivative_expr=derivative, stability=stability, gradcheck_error=error)
    note = registry.register(record)
    record.definition  # noqa: B018 - the properties, computed now that the name is known
    if note:
        warnings.warn(f"define_activation: {note}", stacklevel=2)
    return activation(name)


def _check_rewrite(name: str, naive: Any, stable: Any) -> None:
    """The stable form must equal the naive one wherever the naive one is finite."""
    grid = np.linspace(-30.0, 30.0, 601)
    with np.errstate(all="ignore"):
        a, b = naive(grid), stable(grid)
    ok = np.isfinite(a)
    if not np.allclose(a[ok], b[ok], rtol=1e-7, atol=1e-9):
        i = int(np.argmax(np.where(ok, np.abs(a - b), 0.0)))
        raise AssertionError(f"define_activation: the stable form of {name} differs from the "
                             f"formula at x = {grid[i]:g} ({b[i]!r} vs {a[i]!r}); a bug")


def describe(name: str) -> Definition:
    """The :class:`Definition` of the session activation ``name``."""
    record = registry.get(name)
    if not isinstance(record, DefinedActivation):
        raise ValueError(f"describe: {name!r} is a built-in activation, not one defined with "
                         "define_activation")
    return record.definition


__all__ = ["DefinedActivation", "Definition", "define_activation", "describe"]
