"""Small NumPy helpers shared by the activation families."""

from __future__ import annotations

import numpy as np

#: exp(−x) of anything past this is 0 in float64 (exp(−746) underflows), so inputs may be
#: clipped here before exponentiating without changing a single result.
EXP_FLOOR = 800.0


def mul0(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a·b, but 0 wherever b == 0, so that ±inf·0 takes the limit 0 instead of NaN.

    Used for x·g(x) where g decays to 0 faster than x grows (SiLU, GELU, Mish, ...).
    """
    out = np.zeros(np.broadcast_shapes(np.shape(a), np.shape(b)))
    return np.multiply(a, b, out=out, where=(b != 0))


def nan_through(x: np.ndarray, out: np.ndarray) -> np.ndarray:
    """out, with NaN wherever x is NaN (comparisons would otherwise turn NaN into a branch)."""
    return np.where(np.isnan(x), np.nan, out)


def where_finite(func, x: np.ndarray, at_inf: np.ndarray | float) -> np.ndarray:
    """func(x) at finite x and NaN inputs, ``at_inf`` (broadcast) at ±inf, with no warning."""
    out = np.array(np.broadcast_to(at_inf, np.shape(x)), dtype=np.float64)
    finite = ~np.isinf(x)
    return func(x, out=out, where=finite)
