r"""The measured cost of an activation: seconds per call on a large array, relative to ReLU.

For each activation :math:`f` the forward pass :math:`f(x)` (and, optionally, the derivative
:math:`f'(x)`) is timed on the same :math:`n` float64 values :math:`x \sim \mathcal N(0, 1)`,
best of ``repeats`` runs, through the registry's raw NumPy functions (no validation or copy
on the way). The *relative cost* is :math:`t_f / t_\text{ReLU}` measured in the same session,
so a busy machine slows both sides alike. Times are measurements, not constants: they vary
between machines and between runs, and no test asserts on them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

import actlearn as al
from actlearn.activations.bound import ActivationFunction

Spec = str | ActivationFunction


@dataclass(frozen=True)
class Cost:
    """Best-of-``repeats`` seconds for one activation on ``n`` values, and ratios to ReLU."""

    name: str
    forward: float
    derivative: float | None
    forward_ratio: float
    derivative_ratio: float | None


def best_time(func: Callable[[], Any], repeats: int = 5) -> float:
    """The smallest wall-clock time of ``repeats`` calls of ``func()``, in seconds.

    >>> best_time(lambda: sum(range(10)), repeats=3) >= 0.0
    True
    """
    if repeats < 1:
        raise ValueError(f"best_time: repeats must be at least 1, got {repeats}")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def _bind(spec: Spec) -> ActivationFunction:
    if isinstance(spec, ActivationFunction):
        return spec
    if isinstance(spec, str):
        return al.activation(spec)
    raise TypeError(f"measure_costs: expected activation names or activation(...) objects, "
                    f"got {type(spec).__name__}")


def _label(fn: ActivationFunction, taken: Mapping[str, Any]) -> str:
    """The name, or name(param values) when that name is already taken."""
    if fn.name not in taken:
        return fn.name
    return f"{fn.name}({', '.join(f'{v!r}' for v in fn.params.values())})"


def _time_one(fn: ActivationFunction, x: np.ndarray, repeats: int,
              derivative: bool) -> tuple[float, float | None]:
    if fn.kind != "pointwise":
        raise ValueError(f"measure_costs: {fn.name} is a vector activation; time pointwise ones")
    params = dict(fn.params)
    record = fn.record
    with np.errstate(under="ignore"):
        forward = best_time(lambda: record.forward(x, **params), repeats)
        grad = best_time(lambda: record.derivative(x, **params), repeats) if derivative else None
    return forward, grad


def measure_costs(
    activations: Iterable[Spec],
    n: int = 10**6,
    repeats: int = 5,
    derivative: bool = True,
    rng: np.random.Generator | None = None,
) -> dict[str, Cost]:
    """Time each pointwise activation on ``n`` standard-normal values; ratios are to ReLU.

    ``activations`` holds names or bound ``al.activation(...)`` objects; results are keyed by
    name (a repeated name gets its parameter values, e.g. ``"elu(2.0)"``).

    >>> costs = measure_costs(["relu", "tanh"], n=1000, repeats=1)
    >>> sorted(costs), costs["relu"].forward_ratio
    (['relu', 'tanh'], 1.0)
    """
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"measure_costs: n must be a positive integer, got {n!r}")
    fns = [_bind(spec) for spec in activations]
    generator = rng if rng is not None else np.random.default_rng(0)
    x = generator.standard_normal(n)
    ref_fwd, ref_grad = _time_one(al.activation("relu"), x, repeats, derivative)
    costs: dict[str, Cost] = {}
    for fn in fns:
        fwd, grad = _time_one(fn, x, repeats, derivative)
        if fn.name == "relu" and not fn.params:
            fwd, grad = ref_fwd, ref_grad
        key = _label(fn, costs)
        costs[key] = Cost(
            name=key,
            forward=fwd,
            derivative=grad,
            forward_ratio=fwd / ref_fwd,
            derivative_ratio=None if grad is None or ref_grad is None else grad / ref_grad,
        )
    return costs


def ratios(costs: Mapping[str, Cost], which: str = "forward") -> dict[str, float]:
    """``{name: cost relative to ReLU}`` for ``which`` = "forward" or "derivative"."""
    if which not in ("forward", "derivative"):
        raise ValueError(f"ratios: which must be 'forward' or 'derivative', got {which!r}")
    out = {}
    for name, cost in costs.items():
        value = cost.forward_ratio if which == "forward" else cost.derivative_ratio
        if value is None:
            raise ValueError(f"ratios: {name} was timed without its derivative")
        out[name] = value
    return out
