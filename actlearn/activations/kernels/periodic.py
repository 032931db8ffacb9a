"""The periodic activation of SIREN networks: sin(ω₀x)."""

from __future__ import annotations

import numpy as np

from actlearn.activations.kernels._util import empty, quiet


@quiet  # sin(±inf) is NaN (no limit): NumPy flags it as invalid, and NaN is the answer
def sin(x: np.ndarray, omega_0: float = 1.0) -> np.ndarray:
    r""":math:`\sin(\omega_0 x)`; NaN at ±inf, where it has no limit.

    >>> sin(np.array([0.0, np.pi / 2]))
    array([0., 1.])
    """
    out = np.multiply(x, omega_0, out=empty(x))
    return np.sin(out, out=out)


@quiet
def sin_grad(x: np.ndarray, omega_0: float = 1.0) -> np.ndarray:
    r""":math:`\omega_0\cos(\omega_0 x)`; NaN at ±inf."""
    out = np.multiply(x, omega_0, out=empty(x))
    np.cos(out, out=out)
    out *= omega_0
    return out
