"""Exponential-linear units: ELU, CELU and the self-normalising SELU.

Each is x for x > 0 and a saturating exponential for x ≤ 0; exp only ever sees min(x, 0), so
nothing overflows.
"""

from __future__ import annotations

import numpy as np

from actlearn.activations.kernels._util import EXP_FLOOR

#: SELU's α and λ as published (Klambauer et al., 2017), the fixed point of mean 0, variance 1.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def elu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""x for x > 0, :math:`\alpha(e^{x} - 1)` for x ≤ 0.

    >>> elu(np.array([-1000.0, 0.0, 2.0]))
    array([-1.,  0.,  2.])
    """
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def elu_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""1 for x > 0, :math:`\alpha e^{x} = f(x) + \alpha` for x ≤ 0; at x = 0 it is α (PyTorch)."""
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


def celu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r""":math:`\max(0, x) + \min(0, \alpha(e^{x/\alpha} - 1))`, ELU made C¹ for every α.

    Equal to α·ELU(x/α), written out so that x/α is only formed for −800α ≤ x ≤ 0, where it
    cannot overflow (below, e^(x/α) is 0 in float64 anyway).

    >>> celu(np.array([-1000.0, 1.0]), alpha=2.0)
    array([-2.,  1.])
    """
    return np.where(x > 0, x, alpha * np.expm1(_negative_part_over(x, alpha)))


def _negative_part_over(x: np.ndarray, alpha: float) -> np.ndarray:
    """min(x, 0)/α, clipped at −800 (where e^(x/α) has long underflowed to 0)."""
    return np.clip(x, -EXP_FLOOR * alpha, 0.0) / alpha


def celu_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""1 for x > 0, :math:`e^{x/\alpha}` for x ≤ 0; at x = 0 both sides give 1."""
    return np.where(x > 0, 1.0, np.exp(_negative_part_over(x, alpha)))


def selu(x: np.ndarray) -> np.ndarray:
    r""":math:`\lambda\,\text{ELU}_\alpha(x)` with the published λ ≈ 1.0507, α ≈ 1.6733.

    >>> selu(np.array([1.0]))
    array([1.05070099])
    """
    return SELU_SCALE * elu(x, SELU_ALPHA)


def selu_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\lambda\,\text{ELU}'_\alpha(x)`; at x = 0 it is λα ≈ 1.7581 (PyTorch's value)."""
    return SELU_SCALE * elu_grad(x, SELU_ALPHA)
