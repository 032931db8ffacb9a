"""Properties of an activation, computed from the function itself, never declared.

Numerically, on a fine grid over [−20, 20] plus the kinks and the limits at ±inf:
output range (and whether each end is attained), monotonicity, zero-centring, saturation,
f(0) and f'(0). Symbolically (SymPy, at the kinks): the smoothness class C^k.

Definitions used:

* *range* ends are the smallest and largest values over the grid and the limits; an end is
  *closed* when the function reaches it at some |x| ≤ 10, open when it is only a limit. It is
  the interval the values span: a gap inside it is not shown (threshold with T = 10 and
  value 0 takes {0} ∪ (10, ∞) and reports [0, ∞));
* *monotonic*: non-decreasing on the grid (to 1e-12);
* *zero-centred*: the mean output on a unit Gaussian, E[f(z)] for z ~ N(0, 1) (what a layer
  receives at initialisation), is within :data:`ZERO_MEAN_TOL` = 0.1 of 0 (tanh: 0, SELU:
  about 0, ELU: 0.16, leaky ReLU: 0.40, ReLU: 0.40). f(0) = 0 with outputs of both signs is not
  enough: leaky ReLU has both and still averages 0.40. The mean itself is
  :func:`gaussian_mean`;
* *saturates* on a side when |f'| < 1e-9 at x = ∓1e6 (the gradient dies there).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from actlearn.activations.bound import ActivationFunction

_GRID = np.linspace(-20.0, 20.0, 80_001)
_FAR = 1e6
#: An activation is *zero-centred* when |E[f(z)]| < ZERO_MEAN_TOL for z ~ N(0, 1).
ZERO_MEAN_TOL = 0.1


@dataclass(frozen=True)
class OutputRange:
    """An interval; ends may be ±inf; ``*_closed`` tells whether the end is attained."""

    low: float
    high: float
    low_closed: bool
    high_closed: bool

    def __str__(self) -> str:
        def end(v: float) -> str:
            return "∞" if v == math.inf else "−∞" if v == -math.inf else f"{v:.4g}"

        left = "[" if self.low_closed else "("
        right = "]" if self.high_closed else ")"
        return f"{left}{end(self.low)}, {end(self.high)}{right}"


@dataclass(frozen=True)
class Properties:
    """What the computation found; ``None`` where a notion does not apply (vector activations)."""

    output_range: OutputRange
    monotonic: bool | None
    zero_centred: bool | None
    smoothness: float | None
    saturates: str | None
    f0: float | None
    df0: float | None

    @property
    def smoothness_label(self) -> str:
        if self.smoothness is None:
            return "n/a"
        if self.smoothness == math.inf:
            return "C^∞"
        return "discontinuous" if self.smoothness < 0 else f"C^{int(self.smoothness)}"

    def as_row(self) -> dict[str, object]:
        """A flat dict for tables (range as text, smoothness as a label)."""
        row = asdict(self)
        row["output_range"] = str(self.output_range)
        row["smoothness"] = self.smoothness_label
        return row


def _golden_min(func, lo: float, hi: float, iterations: int = 80) -> float:
    """The minimum of a unimodal func on [lo, hi], by golden-section search."""
    ratio = (math.sqrt(5) - 1) / 2
    a, b = lo, hi
    for _ in range(iterations):
        c, d = b - ratio * (b - a), a + ratio * (b - a)
        if func(c) <= func(d):
            b = d
        else:
            a = c
    return func((a + b) / 2)


def _refined(fn: ActivationFunction, grid: np.ndarray, values: np.ndarray) -> np.ndarray:
    """values, with each interior minimum and maximum polished between its grid neighbours."""
    polished = values.copy()
    for sign in (1.0, -1.0):  # minimum, then maximum (as the minimum of −f)
        i = int(np.nanargmin(sign * values))
        if 0 < i < len(grid) - 1:
            best = _golden_min(lambda t, s=sign: s * float(fn(t)), grid[i - 1], grid[i + 1])
            polished[i] = min(sign * values[i], best) * sign
    return polished


def _output_range(values: np.ndarray, near: np.ndarray, limits: np.ndarray) -> OutputRange:
    every = np.concatenate([values, limits])
    low, high = float(np.nanmin(every)) + 0.0, float(np.nanmax(every)) + 0.0  # no −0

    def attained(end: float) -> bool:
        if not math.isfinite(end):
            return False
        return bool(np.any(np.abs(near - end) <= 1e-12 * max(1.0, abs(end))))

    return OutputRange(low, high, attained(low), attained(high))


def gaussian_mean(fn: ActivationFunction, kinks: Sequence[float] | None = None) -> float:
    r""":math:`E[f(z)]` for :math:`z \sim \mathcal N(0, 1)`: how far from zero-centred the
    outputs of a pointwise activation are on average (0 for tanh, :math:`1/\sqrt{2\pi}` for
    ReLU). Gauss–Legendre quadrature cut at the kinks of f
    (:func:`actlearn.activations.moments.gaussian_expectation`; exact to about 1e-12 and
    deterministic, so a table may print its digits).

    >>> import actlearn as al
    >>> relu, tanh = al.activation("relu"), al.activation("tanh")
    >>> round(gaussian_mean(relu), 6), abs(gaussian_mean(tanh)) < 1e-12
    (0.398942, True)
    """
    from actlearn.activations import symbolic
    from actlearn.activations.moments import gaussian_expectation

    if fn.kind != "pointwise":
        raise TypeError(
            f"gaussian_mean: {fn.name} is a vector activation, expected a pointwise one"
        )
    if kinks is None:
        kinks = symbolic.kinks(fn.expr())
    return gaussian_expectation(fn, 0.0, 1.0, breakpoints=[float(k) for k in kinks]) + 0.0


def compute_properties(fn: ActivationFunction) -> Properties:
    """Properties of a bound activation (see the module docstring for the definitions)."""
    from actlearn.activations import symbolic

    if fn.kind == "vector":
        # Sampled over inputs spread wide enough to reach the ends in float64.
        rng = np.random.default_rng(0)
        samples = fn(rng.normal(scale=1000.0, size=(2000, 6)))
        low, high = float(samples.min()) + 0.0, float(samples.max()) + 0.0
        return Properties(OutputRange(low, high, True, True), None, None, None, None, None, None)

    expr = fn.expr()
    kinks = symbolic.kinks(expr)
    grid = np.union1d(_GRID, [k for k in kinks if abs(k) <= 20])
    values = _refined(fn, grid, fn(grid))
    near = values[np.abs(grid) <= 10]
    with np.errstate(invalid="ignore"):  # periodic functions have no limit: NaN, ignored
        limits = fn(np.array([-np.inf, np.inf]))
    f0, df0 = float(fn(0.0)), float(fn.derivative(0.0))
    output_range = _output_range(values, near, limits)
    left_dead, right_dead = np.abs(fn.derivative(np.array([-_FAR, _FAR]))) < 1e-9
    saturates = {(True, True): "both", (True, False): "left", (False, True): "right"}.get(
        (bool(left_dead), bool(right_dead)), "none"
    )
    return Properties(
        output_range=output_range,
        monotonic=bool(np.all(np.diff(values) >= -1e-12)),
        zero_centred=abs(gaussian_mean(fn, kinks)) < ZERO_MEAN_TOL,
        smoothness=symbolic.smoothness(expr),
        saturates=saturates,
        f0=f0,
        df0=df0,
    )

