"""The periodic activation of SIREN networks: sin(ω₀x)."""

from __future__ import annotations

import numpy as np

from actlearn.activations.kernels._util import where_finite


def sin(x: np.ndarray, omega_0: float = 1.0) -> np.ndarray:
    r""":math:`\sin(\omega_0 x)`; NaN at ±inf, where it has no limit.

    >>> sin(np.array([0.0, np.pi / 2]))
    array([0., 1.])
    """
    return where_finite(np.sin, omega_0 * x, np.nan)


def sin_grad(x: np.ndarray, omega_0: float = 1.0) -> np.ndarray:
    r""":math:`\omega_0\cos(\omega_0 x)`; NaN at ±inf."""
    return omega_0 * where_finite(np.cos, omega_0 * x, np.nan)
