r"""Central finite differences: a numerical Jacobian to check analytic derivatives against.

.. math:: J_{ij} \approx \frac{f_i(x + \epsilon e_j) - f_i(x - \epsilon e_j)}{2\epsilon}

The error is O(ε²) from truncation plus O(u/ε) from rounding (u ≈ 1e-16), so ε ≈ 1e-6 gives
about 1e-10 for well-scaled functions.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike


def numerical_jacobian(
    f: Callable[[np.ndarray], ArrayLike], x: ArrayLike, eps: float = 1e-6
) -> np.ndarray:
    r"""The (m, n) matrix of central differences of ``f`` at the 1-D point ``x`` (n entries).

    ``f`` maps a float64 vector of length n to an array of m values (any shape, flattened).

    >>> numerical_jacobian(lambda v: v ** 2, [1.0, 3.0]).round(6)
    array([[2., 0.],
           [0., 6.]])
    """
    if not eps > 0:
        raise ValueError(f"eps must be > 0, got {eps!r}")
    point = np.asarray(x, dtype=np.float64)
    if point.ndim != 1:
        raise ValueError(f"numerical_jacobian expects a 1-D point x, got shape {point.shape}")
    columns = []
    for j in range(point.size):
        step = np.zeros_like(point)
        step[j] = eps
        upper = np.ravel(np.asarray(f(point + step), dtype=np.float64))
        lower = np.ravel(np.asarray(f(point - step), dtype=np.float64))
        columns.append((upper - lower) / (2 * eps))
    return np.stack(columns, axis=1)
