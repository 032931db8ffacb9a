"""Arithmetic regression tasks for the NALU lesson: learn y = a + b, a * b, sqrt(a), ..."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from actlearn.data._checks import check_float, check_int, check_rng

BINARY_OPS: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "add": np.add,
    "sub": np.subtract,
    "mul": np.multiply,
    "div": np.divide,
}
UNARY_OPS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "square": np.square,
    "sqrt": np.sqrt,
}
ARITHMETIC_OPS: tuple[str, ...] = (*BINARY_OPS, *UNARY_OPS)


def arithmetic(
    op: str,
    n: int,
    low: float,
    high: float,
    rng: np.random.Generator | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Samples of one arithmetic operation on inputs drawn uniformly from ``[low, high)``.

    Binary ops take two inputs :math:`a, b`: ``add`` :math:`a + b`, ``sub`` :math:`a - b`,
    ``mul`` :math:`a b`, ``div`` :math:`a / b`. Unary ops take one input :math:`a`:
    ``square`` :math:`a^2`, ``sqrt`` :math:`\sqrt{a}`. Training on one range and testing on
    a wider one measures extrapolation.

    Args:
        op: one of ``ARITHMETIC_OPS``.
        n: number of samples, at least 1.
        low, high: finite bounds with ``low < high``. ``sqrt`` needs ``low >= 0`` (real
            roots); ``div`` needs ``low > 0`` or ``high < 0`` (no divisor near 0); every op
            needs results that fit in float64 (e.g. ``square`` with ``high = 1e200`` fails).
        rng: generator for the inputs; ``np.random.default_rng(0)`` when None.

    Returns:
        ``X`` float64 of shape ``(n, 2)`` (columns :math:`a, b`) for a binary op or
        ``(n, 1)`` for a unary op, and the target ``y`` float64 of shape ``(n, 1)``, a
        column like a network's output so that ``prediction - y`` does not broadcast.

    >>> X, y = arithmetic("add", n=3, low=0.0, high=1.0)
    >>> X.shape, y.shape, bool(np.allclose(y[:, 0], X[:, 0] + X[:, 1]))
    ((3, 2), (3, 1), True)
    """
    if op not in ARITHMETIC_OPS:
        raise ValueError(f"arithmetic: unknown op {op!r}; valid ops: {list(ARITHMETIC_OPS)}")
    n = check_int(n, "arithmetic: n", minimum=1)
    low = check_float(low, "arithmetic: low")
    high = check_float(high, "arithmetic: high")
    if not low < high:
        raise ValueError(f"arithmetic: need low < high, got low={low}, high={high}")
    if op == "sqrt" and low < 0:
        raise ValueError(f"arithmetic: sqrt needs low >= 0 to stay real, got low={low}")
    if op == "div" and low <= 0 <= high:
        raise ValueError(
            f"arithmetic: div needs a range without 0 (low > 0 or high < 0) so no divisor "
            f"is 0, got [{low}, {high})"
        )
    # Over an allowed range each result is largest in size at a corner of [low, high]^2.
    corners = np.array([low, high])
    with np.errstate(over="ignore"):
        extremes = _apply(op, np.stack(np.meshgrid(corners, corners), axis=-1).reshape(4, 2))
    if not np.all(np.isfinite(extremes)):
        raise ValueError(
            f"arithmetic: {op} over [{low}, {high}) overflows float64; use a smaller range"
        )
    generator = check_rng(rng, "arithmetic")
    width = 2 if op in BINARY_OPS else 1
    X = generator.uniform(low, high, size=(n, width))
    return X, _apply(op, X)[:, None]


def _apply(op: str, X: np.ndarray) -> np.ndarray:
    """``op`` applied row-wise: to columns 0 and 1 if binary, to column 0 if unary."""
    if op in BINARY_OPS:
        return BINARY_OPS[op](X[:, 0], X[:, 1])
    return UNARY_OPS[op](X[:, 0])
