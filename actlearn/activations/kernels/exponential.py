"""Exponential-linear units: ELU, CELU and the self-normalising SELU.

Each is x for x > 0 and a saturating exponential for x ≤ 0; exp only ever sees min(x, 0), so
nothing overflows. The two pieces are added, not selected: max(x, 0) + α·expm1(min(x, 0)),
where each piece is exactly 0 on the other side.
"""

from __future__ import annotations

import numpy as np

from actlearn.activations.kernels._util import EXP_FLOOR, above, clip, empty, quiet

#: SELU's α and λ as published (Klambauer et al., 2017), the fixed point of mean 0, variance 1.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def _exponential_linear(x: np.ndarray, alpha: float, inner: float) -> np.ndarray:
    r""":math:`\max(x, 0) + \alpha\,\operatorname{expm1}(\min(x, 0)/c)` with c = ``inner``; the
    exponent is clipped at −800 (where e^(x/c) has long underflowed to 0), so x/c never
    overflows."""
    out = clip(x, -EXP_FLOOR * inner, 0.0, out=empty(x))
    if inner != 1.0:
        out /= inner
    np.expm1(out, out=out)
    out *= alpha
    out += clip(x, 0.0, np.inf)
    return out


def _exponential_linear_grad(x: np.ndarray, alpha: float, inner: float) -> np.ndarray:
    r""":math:`s + (1 - s)\,\alpha\,e^{\min(x, 0)/c}` with s = [x > 0]: exactly 1 for x > 0."""
    s = above(x)
    out = clip(x, -EXP_FLOOR * inner, 0.0, out=empty(x))
    if inner != 1.0:
        out /= inner
    np.exp(out, out=out)
    out *= alpha
    out *= np.subtract(1.0, s)
    out += s
    return out


def elu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""x for x > 0, :math:`\alpha(e^{x} - 1)` for x ≤ 0.

    >>> elu(np.array([-1000.0, 0.0, 2.0]))
    array([-1.,  0.,  2.])
    """
    return _exponential_linear(x, alpha, 1.0)


def elu_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""1 for x > 0, :math:`\alpha e^{x} = f(x) + \alpha` for x ≤ 0; at x = 0 it is α (PyTorch)."""
    return _exponential_linear_grad(x, alpha, 1.0)


def celu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r""":math:`\max(0, x) + \min(0, \alpha(e^{x/\alpha} - 1))`, ELU made C¹ for every α.

    Equal to α·ELU(x/α), written out so that x/α is only formed for −800α ≤ x ≤ 0, where it
    cannot overflow (below, e^(x/α) is 0 in float64 anyway).

    >>> celu(np.array([-1000.0, 1.0]), alpha=2.0)
    array([-2.,  1.])
    """
    return _exponential_linear(x, alpha, alpha)


def celu_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""1 for x > 0, :math:`e^{x/\alpha}` for x ≤ 0; at x = 0 both sides give 1."""
    return _exponential_linear_grad(x, 1.0, alpha)


@quiet  # λ·x overflows to inf past float32's largest x/λ: inf is then the rounded answer
def selu(x: np.ndarray) -> np.ndarray:
    r""":math:`\lambda\,\text{ELU}_\alpha(x)` with the published λ ≈ 1.0507, α ≈ 1.6733.

    >>> selu(np.array([1.0]))
    array([1.05070099])
    """
    out = _exponential_linear(x, SELU_ALPHA, 1.0)
    out *= SELU_SCALE
    return out


def selu_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\lambda\,\text{ELU}'_\alpha(x)`; at x = 0 it is λα ≈ 1.7581 (PyTorch's value)."""
    out = _exponential_linear_grad(x, SELU_ALPHA, 1.0)
    out *= SELU_SCALE
    return out
