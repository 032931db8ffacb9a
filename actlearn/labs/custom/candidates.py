r"""The search space: :math:`f(x) = b(u_1(x), u_2(x))` from a few unary and binary operations.

As in Ramachandran, Zoph & Le (2017), a candidate combines two unary functions of x with a
binary one. Unary: :math:`x, -x, |x|, x^2, e^x, \tanh x, \sigma(x), \max(x, 0), \sin x`;
binary: :math:`u_1 + u_2`, :math:`u_1 u_2`, :math:`\max(u_1, u_2)`, :math:`\min(u_1, u_2)`;
and each unary alone. All four binary operations are symmetric, so unordered pairs suffice:
9 + 4 · 45 = 189 candidates. Values and slopes come from NumPy (σ, tanh, ReLU and sin from the
registry's kernels, so they are stable); the slope of a composition is the chain rule,

.. math:: f'(x) = \partial_1 b\; u_1'(x) + \partial_2 b\; u_2'(x),

with :math:`\partial_1 \max = [u_1 \ge u_2]`, :math:`\partial_2 \max = [u_1 < u_2]` (and the
same for min with ≤): at a tie the first argument takes the gradient, a NaN input gives a
NaN slope, and
:math:`|x|' = \operatorname{sign} x` is 0 at 0, :math:`\max(x, 0)' = 0` at 0 (PyTorch's values).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations_with_replacement

import numpy as np
import sympy as sp

from actlearn.activations import registry, symbolic

Fn = Callable[[np.ndarray], np.ndarray]
_SIG, _TANH, _RELU, _SIN = (registry.get(n) for n in ("sigmoid", "tanh", "relu", "sin"))

#: name → (f, f', SymPy form of f in x); order fixes the enumeration order.
UNARY: dict[str, tuple[Fn, Fn, sp.Expr]] = {
    "x": (lambda z: z, lambda z: np.where(np.isnan(z), z, 1.0), symbolic.x),
    "-x": (np.negative, lambda z: np.where(np.isnan(z), z, -1.0), -symbolic.x),
    "|x|": (np.abs, np.sign, sp.Abs(symbolic.x)),
    "x²": (np.square, lambda z: 2 * z, symbolic.x**2),
    "exp(x)": (np.exp, np.exp, sp.exp(symbolic.x)),
    "tanh(x)": (_TANH.forward, _TANH.derivative, sp.tanh(symbolic.x)),
    "σ(x)": (_SIG.forward, _SIG.derivative, 1 / (1 + sp.exp(-symbolic.x))),
    "max(x, 0)": (_RELU.forward, _RELU.derivative, sp.Max(symbolic.x, 0)),
    "sin(x)": (lambda z: np.sin(z), lambda z: np.cos(z), sp.sin(symbolic.x)),
}
#: name → (how to write it, SymPy builder).
BINARY: dict[str, tuple[str, Callable[[sp.Expr, sp.Expr], sp.Expr]]] = {
    "+": ("{} + {}", lambda a, b: a + b),
    "×": ("{} · {}", lambda a, b: a * b),
    "max": ("max({}, {})", sp.Max),
    "min": ("min({}, {})", sp.Min),
}


@dataclass(frozen=True)
class Candidate:
    """:math:`b(u_1(x), u_2(x))`, or :math:`u_1(x)` alone when ``op`` is None."""

    u1: str
    op: str | None = None
    u2: str | None = None

    @property
    def label(self) -> str:
        if self.op is None:
            return self.u1
        return BINARY[self.op][0].format(self.u1, self.u2)

    def expr(self) -> sp.Expr:
        """The SymPy form (for display and for ``al.define_activation``)."""
        first = UNARY[self.u1][2]
        if self.op is None:
            return first
        return BINARY[self.op][1](first, UNARY[self.u2][2])

    def __call__(self, z: np.ndarray) -> np.ndarray:
        return self.value_and_slope(z)[0]

    def derivative(self, z: np.ndarray) -> np.ndarray:
        return self.value_and_slope(z)[1]

    def value_and_slope(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """f(z) and f'(z) by the chain rule (module docstring)."""
        f1, d1, _ = UNARY[self.u1]
        a, da = f1(z), d1(z)
        if self.op is None:
            return a, da
        f2, d2, _ = UNARY[self.u2]
        b, db = f2(z), d2(z)
        return combine(self.op, a, da, b, db)


def combine(op: str, a: np.ndarray, da: np.ndarray, b: np.ndarray,
            db: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(b(a, b), its slope) for one binary operation, given both arguments and their slopes."""
    if op == "+":
        return a + b, da + db
    if op == "×":
        return a * b, da * b + a * db
    first = a >= b if op == "max" else a <= b
    return np.where(first, a, b), np.where(first, da, db)


def enumerate_candidates() -> list[Candidate]:
    """Every unary alone, then every binary operation of every unordered pair of unaries."""
    singles = [Candidate(u) for u in UNARY]
    pairs = [Candidate(u1, op, u2) for op in BINARY
             for u1, u2 in combinations_with_replacement(UNARY, 2)]
    return singles + pairs


SIGNATURE_GRID = np.linspace(-4.0, 4.0, 33)


def signature(candidate: Candidate) -> tuple[float, ...] | None:
    """f on a grid over [−4, 4], rounded to 9 significant digits: equal functions (such as
    min(x, x) and x, or x · x and x²) share it. None if not finite."""
    with np.errstate(all="ignore"):
        values = candidate(SIGNATURE_GRID)
    if not np.all(np.isfinite(values)):
        return None
    return tuple(float(f"{v:.9g}") + 0.0 for v in values)


def distinct(candidates: list[Candidate]) -> tuple[list[Candidate], int]:
    """The candidates whose signature is new and whose slope is not 0 on the whole grid
    (a constant cannot learn), in order; and how many were dropped."""
    seen: set[tuple[float, ...]] = set()
    kept = []
    for candidate in candidates:
        key = signature(candidate)
        with np.errstate(all="ignore"):
            flat = np.all(candidate.derivative(SIGNATURE_GRID) == 0)
        if key is None or key in seen or flat:
            continue
        seen.add(key)
        kept.append(candidate)
    return kept, len(candidates) - len(kept)
