"""Vector activations along an axis: softmax, log-softmax, softmin, GLU and CReLU.

Each comes with its vector-Jacobian product ``*_vjp(z, grad_out, axis)`` = grad_outᵀ·J, which is
what back-propagation needs (the full Jacobian is never formed).
"""

from __future__ import annotations

import numpy as np

from actlearn.activations.kernels._util import mul0
from actlearn.activations.kernels.piecewise import relu, relu_grad
from actlearn.activations.kernels.sigmoidal import sigmoid, sigmoid_grad


def _shifted(z: np.ndarray, axis: int) -> np.ndarray:
    """z − max(z) along axis, so every exponent is ≤ 0.

    z − max may round to −inf (e.g. −1e308 − 1e308): exp then gives 0, the correctly rounded
    answer, so that overflow is expected. Rows whose max is ±inf take the limit: the entries
    equal to the max share the mass (inf − inf would be NaN).
    """
    top = z.max(axis=axis, keepdims=True)
    with np.errstate(over="ignore", invalid="ignore"):
        shifted = z - top
    if np.isfinite(top).all():  # the usual case: nothing to repair
        return shifted
    return np.where(np.isinf(top) & (z == top), 0.0, shifted)


def softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`\text{softmax}(z)_i = \frac{e^{z_i - m}}{\sum_j e^{z_j - m}}`, m = max z.

    >>> softmax(np.array([2.33, -1.46, 0.56])).round(4)
    array([0.8383, 0.0189, 0.1428])
    """
    e = np.exp(_shifted(z, axis))
    return e / e.sum(axis=axis, keepdims=True)


def softmax_vjp(z: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    """The VJP at z: :func:`softmax_vjp_of_output` of y = softmax(z)."""
    return softmax_vjp_of_output(softmax(z, axis), grad_out, axis)


def softmax_vjp_of_output(y: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`g^\top J = y \odot (g - \langle g, y\rangle)` with J = diag(y) − yyᵀ, from the
    output y = softmax(z) alone (back-propagation already holds it, so z need not be revisited)."""
    return y * (grad_out - (grad_out * y).sum(axis=axis, keepdims=True))


def log_softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`z_i - m - \log\sum_j e^{z_j - m}` (log-sum-exp with the max shift).

    >>> log_softmax(np.array([1000.0, 1000.0]))
    array([-0.69314718, -0.69314718])
    """
    shifted = _shifted(z, axis)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def log_softmax_vjp(z: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    """The VJP at z: :func:`log_softmax_vjp_of_output` of y = log_softmax(z)."""
    return log_softmax_vjp_of_output(log_softmax(z, axis), grad_out, axis)


def log_softmax_vjp_of_output(y: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`g - \text{softmax}(z)\sum_j g_j`, where softmax(z) = :math:`e^{y}` for the output
    y = log_softmax(z) (J = I − 1·softmax(z)ᵀ, each row of the Jacobian summing to zero)."""
    return grad_out - np.exp(y) * grad_out.sum(axis=axis, keepdims=True)


def softmin(z: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`\text{softmax}(-z)`: the smallest entry gets the most weight.

    >>> softmin(np.array([0.0, np.log(3.0)]))
    array([0.75, 0.25])
    """
    return softmax(-z, axis)


def softmin_vjp(z: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    """Chain rule through the negation: −(softmax's VJP at −z)."""
    return softmin_vjp_of_output(softmin(z, axis), grad_out, axis)


def softmin_vjp_of_output(y: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    """From the output y = softmin(z) = softmax(−z): −(softmax's VJP of the same output)."""
    return -softmax_vjp_of_output(y, grad_out, axis)


def _halves(z: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    size = z.shape[axis]
    if size % 2:
        raise ValueError(f"glu needs an even size along axis {axis}; got shape {z.shape}")
    return np.split(z, 2, axis=axis)


def glu(z: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Gated linear unit: split z = [a, b] in halves along axis, return :math:`a \odot \sigma(b)`.

    >>> glu(np.array([2.0, 0.0]))
    array([1.])
    """
    a, b = _halves(z, axis)
    return mul0(a, sigmoid(b))


def glu_vjp(z: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`[\,g\,\sigma(b),\; g\,a\,\sigma'(b)\,]` concatenated along axis."""
    a, b = _halves(z, axis)
    return np.concatenate([grad_out * sigmoid(b), grad_out * mul0(a, sigmoid_grad(b))], axis=axis)


def crelu(z: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Concatenated ReLU: :math:`[\text{ReLU}(z), \text{ReLU}(-z)]` along axis (doubles it).

    >>> crelu(np.array([-1.0, 2.0]))
    array([0., 2., 1., 0.])
    """
    return np.concatenate([relu(z), relu(-z)], axis=axis)


def crelu_vjp(z: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    """g₁·ReLU'(z) − g₂·ReLU'(−z), with g = [g₁, g₂] split along axis (0 at z = 0)."""
    g_pos, g_neg = np.split(grad_out, 2, axis=axis)
    return g_pos * relu_grad(z) - g_neg * relu_grad(-z)
