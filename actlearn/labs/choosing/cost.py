r"""The measured cost of an activation: seconds per call on a large array, relative to ReLU.

For each activation :math:`f` the forward pass :math:`f(x)` (and, optionally, the derivative
:math:`f'(x)`) is timed on the same :math:`n` float64 values :math:`x \sim \mathcal N(0, 1)`,
through the registry's raw NumPy functions (no validation or copy on the way), in CPU time
(what other programs on the machine do is not counted; see :func:`cpu_seconds`), the best
of ``repeats`` rounds. A round times ReLU and every activation one after the other (each
right after an untimed call of its own), so a burst of load that slows a round slows all of
them in it, and the *relative cost*
:math:`t_f / t_\text{ReLU}` compares times taken side by side. Times are measurements, not
constants: they vary between machines and between runs, and no test asserts on them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
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


#: CPU time where the system keeps it to the microsecond (Linux, macOS); elsewhere (Windows
#: counts it in 15.6 ms ticks, longer than a ReLU call) wall-clock time.
_CLOCK = (
    time.process_time
    if time.get_clock_info("process_time").resolution <= 1e-6
    else time.perf_counter
)


def cpu_seconds(func: Callable[[], Any]) -> float:
    """The CPU time of one call of ``func()``, in seconds (this process's, all threads; the
    wall-clock time where the system does not measure CPU time finely).

    >>> cpu_seconds(lambda: sum(range(10))) >= 0.0
    True
    """
    start = _CLOCK()
    func()
    return _CLOCK() - start


def _warm_seconds(func: Callable[[], Any]) -> float:
    """The time of a call of ``func()`` right after an untimed one: the memory allocator is
    then as that function leaves it, not as the function timed before it did (which moved a
    one-pass ReLU on 2·10^5 values by a factor of ten)."""
    func()
    return cpu_seconds(func)


def best_time(func: Callable[[], Any], repeats: int = 5) -> float:
    """The smallest CPU time of ``repeats`` calls of ``func()``, in seconds.

    >>> best_time(lambda: sum(range(10)), repeats=3) >= 0.0
    True
    """
    if repeats < 1:
        raise ValueError(f"best_time: repeats must be at least 1, got {repeats}")
    return min(cpu_seconds(func) for _ in range(repeats))


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


def _calls(fn: ActivationFunction, x: np.ndarray,
           derivative: bool) -> tuple[Callable[[], Any], Callable[[], Any] | None]:
    if fn.kind != "pointwise":
        raise ValueError(f"measure_costs: {fn.name} is a vector activation; time pointwise ones")
    forward, slope = fn.kernels  # the registry's raw kernels, the parameters bound
    return partial(forward, x), (partial(slope, x) if derivative else None)


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
    if not isinstance(repeats, int) or repeats < 1:
        raise ValueError(f"measure_costs: repeats must be a positive integer, got {repeats!r}")
    fns = [_bind(spec) for spec in activations]
    generator = rng if rng is not None else np.random.default_rng(0)
    x = generator.standard_normal(n)
    relu = al.activation("relu")
    timed = [relu, *(fn for fn in fns if fn.name != "relu" or fn.params)]
    calls = [_calls(fn, x, derivative) for fn in timed]
    best = [[math.inf, math.inf] for _ in timed]
    with np.errstate(under="ignore"):
        for _ in range(repeats):  # one round: every function, side by side
            for (forward, slope), times in zip(calls, best, strict=True):
                times[0] = min(times[0], _warm_seconds(forward))
                if slope is not None:
                    times[1] = min(times[1], _warm_seconds(slope))
    seconds = {id(fn): times for fn, times in zip(timed, best, strict=True)}
    ref_fwd, ref_grad = best[0]
    costs: dict[str, Cost] = {}
    for fn in fns:
        fwd, grad = seconds[id(relu if fn.name == "relu" and not fn.params else fn)]
        key = _label(fn, costs)
        costs[key] = Cost(
            name=key,
            forward=fwd,
            derivative=grad if derivative else None,
            forward_ratio=fwd / ref_fwd,
            derivative_ratio=grad / ref_grad if derivative else None,
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
