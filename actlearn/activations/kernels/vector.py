"""Vector activations along an axis: softmax, log-softmax, softmin, GLU and CReLU.

Each comes with its vector-Jacobian product ``*_vjp(z, grad_out, axis)`` = grad_outᵀ·J, which is
what back-propagation needs (the full Jacobian is never formed).
"""

from __future__ import annotations

import math

import numpy as np

from actlearn.activations.kernels._util import above, clip, empty, mul0, restore, silence
from actlearn.activations.kernels.piecewise import relu_grad
from actlearn.activations.kernels.sigmoidal import sigmoid, sigmoid_grad

_sum = np.add.reduce  # ndarray.sum without its Python wrapper (a µs on small arrays)


def check_axis(name: str, z: np.ndarray, axis: int) -> None:
    """A ValueError naming the activation unless ``axis`` is one of z's axes."""
    ndim = z.ndim if type(z) is np.ndarray else np.ndim(z)
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"{name}: axis {axis} is out of range for an array with {ndim} dimension(s) "
            f"(shape {np.shape(z)}); axis must be in [{-ndim}, {ndim})"
            if ndim
            else f"{name} works along an axis and needs an array with at least 1 dimension; "
            "got a 0-d array"
        )


def _shifted(z: np.ndarray, axis: int, sign: float = 1.0, name: str = "softmax",
             repair: bool = True) -> np.ndarray:
    """s·z − max(s·z) along axis for a sign s = ±1, in a new buffer, so every exponent is ≤ 0
    (for s = −1 it is min(z) − z, so softmin needs no negated copy).

    The difference may round to −inf (e.g. −1e308 − 1e308): exp then gives 0, the correctly
    rounded answer, so that overflow is expected. Rows whose max is ±inf take the limit: the
    entries equal to the max share the mass (inf − inf would be NaN). ``repair=False`` skips
    the pass that looks for such rows (their entries are then NaN; see
    :func:`log_softmax_finite`).
    """
    check_axis(name, z, axis)
    if z.size == 0:
        return empty(z)
    top = (np.maximum if sign > 0 else np.minimum).reduce(z, axis=axis, keepdims=True)
    token = silence()
    try:
        out = np.subtract(z, top) if sign > 0 else np.subtract(top, z)  # in z's dtype
        if out.dtype.kind != "f":  # integers: the differences are exact, then made floats
            out = out.astype(np.float64)
        # One sum says whether every row's extreme is finite (a huge finite sum that rounds to
        # inf only sends us into a repair that finds nothing to repair).
        if repair and not math.isfinite(_sum(top, axis=None)):  # rare: a row's extreme is ±inf
            out[np.isinf(top) & (z == top)] = 0.0
    finally:
        restore(token)
    return out


def _normalised_exp(z: np.ndarray, axis: int, sign: float) -> np.ndarray:
    """softmax(s·z) along axis: e^(shifted) divided by its sum, in one buffer (an empty z
    gives an empty result, as PyTorch)."""
    e = _shifted(z, axis, sign, "softmin" if sign < 0 else "softmax")
    if e.size == 0:
        return e
    np.exp(e, out=e)
    e /= _sum(e, axis=axis, keepdims=True)
    return e


def softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`\text{softmax}(z)_i = \frac{e^{z_i - m}}{\sum_j e^{z_j - m}}`, m = max z.

    >>> softmax(np.array([2.33, -1.46, 0.56])).round(4)
    array([0.8383, 0.0189, 0.1428])
    """
    return _normalised_exp(z, axis, 1.0)


def softmax_vjp(z: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    """The VJP at z: :func:`softmax_vjp_of_output` of y = softmax(z)."""
    return softmax_vjp_of_output(softmax(z, axis), grad_out, axis)


def softmax_vjp_of_output(y: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`g^\top J = y \odot (g - \langle g, y\rangle)` with J = diag(y) − yyᵀ, from the
    output y = softmax(z) alone (back-propagation already holds it, so z need not be revisited)."""
    out = np.multiply(grad_out, y)
    total = _sum(out, axis=axis, keepdims=True)
    np.subtract(grad_out, total, out=out)
    out *= y
    return out


def log_softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`z_i - m - \log\sum_j e^{z_j - m}` (log-sum-exp with the max shift).

    >>> log_softmax(np.array([1000.0, 1000.0]))
    array([-0.69314718, -0.69314718])
    """
    return _log_softmax(z, axis, True)


def log_softmax_finite(z: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":func:`log_softmax` for z whose max along ``axis`` is finite in every row, the same
    numbers, without the pass that looks for a row whose max is ±inf; such a row comes out NaN
    (:math:`\infty - \infty`) instead of the limit.

    For a caller that can tell from its own result: a cross-entropy that is finite had no such
    row (a NaN row makes it NaN), and one that is not recomputes with :func:`log_softmax`.

    >>> log_softmax_finite(np.array([[0.0, 0.0], [np.inf, 0.0]]))
    array([[-0.69314718, -0.69314718],
           [        nan,         nan]])
    """
    return _log_softmax(z, axis, False)


def _log_softmax(z: np.ndarray, axis: int, repair: bool) -> np.ndarray:
    shifted = _shifted(z, axis, name="log_softmax", repair=repair)
    if shifted.size == 0:  # empty in, empty out
        return shifted
    total = _sum(np.exp(shifted), axis=axis, keepdims=True)
    shifted -= np.log(total)
    return shifted


def log_softmax_vjp(z: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    """The VJP at z: :func:`log_softmax_vjp_of_output` of y = log_softmax(z)."""
    return log_softmax_vjp_of_output(log_softmax(z, axis), grad_out, axis)


def log_softmax_vjp_of_output(y: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`g - \text{softmax}(z)\sum_j g_j`, where softmax(z) = :math:`e^{y}` for the output
    y = log_softmax(z) (J = I − 1·softmax(z)ᵀ, each row of the Jacobian summing to zero)."""
    out = np.exp(y, out=empty(y))
    out *= _sum(grad_out, axis=axis, keepdims=True)
    return np.subtract(grad_out, out, out=out)


def softmin(z: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`\text{softmax}(-z)`: the smallest entry gets the most weight.

    >>> softmin(np.array([0.0, np.log(3.0)]))
    array([0.75, 0.25])
    """
    return _normalised_exp(z, axis, -1.0)


def softmin_vjp(z: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    """Chain rule through the negation: −(softmax's VJP at −z)."""
    return softmin_vjp_of_output(softmin(z, axis), grad_out, axis)


def softmin_vjp_of_output(y: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""From the output y = softmin(z) = softmax(−z): −(softmax's VJP of the same output),
    :math:`y \odot (\langle g, y\rangle - g)`."""
    out = np.multiply(grad_out, y)
    total = _sum(out, axis=axis, keepdims=True)
    np.subtract(total, grad_out, out=out)
    out *= y
    return out


def _halves(z: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """The two halves of z along axis; a ValueError naming glu unless that size is even."""
    check_axis("glu", z, axis)
    size = z.shape[axis]
    if size % 2:
        raise ValueError(
            f"glu needs an even size along axis {axis} (it splits it in halves); got shape "
            f"{z.shape}"
        )
    return np.split(z, 2, axis=axis)


def glu(z: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Gated linear unit: split z = [a, b] in halves along axis, return :math:`a \odot \sigma(b)`.

    >>> glu(np.array([2.0, 0.0]))
    array([1.])
    """
    a, b = _halves(z, axis)
    s = sigmoid(b)
    return mul0(a, s, out=s)


def glu_vjp(z: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`[\,g\,\sigma(b),\; g\,a\,\sigma'(b)\,]` concatenated along axis (written into
    the two halves of one buffer)."""
    a, b = _halves(z, axis)
    out = empty(z)
    to_a, to_b = np.split(out, 2, axis=axis)  # views: writing them fills out
    np.multiply(grad_out, sigmoid(b), out=to_a)
    slope = sigmoid_grad(b)
    np.multiply(grad_out, mul0(a, slope, out=slope), out=to_b)
    return out


def _doubled(z: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A buffer twice z's size along axis, and views of its two halves."""
    if np.ndim(z) == 0:
        raise ValueError(
            "crelu needs an array with at least 1 dimension (it doubles the size along "
            "axis); got a 0-d array"
        )
    check_axis("crelu", z, axis)
    shape = list(z.shape)
    shape[axis] *= 2
    out = np.empty(shape, dtype=np.result_type(z, 1.0))
    first, second = np.split(out, 2, axis=axis)
    return out, first, second


def crelu(z: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Concatenated ReLU: :math:`[\text{ReLU}(z), \text{ReLU}(-z)]` along axis (doubles it).

    >>> crelu(np.array([-1.0, 2.0]))
    array([0., 2., 1., 0.])
    """
    out, first, second = _doubled(z, axis)
    clip(z, 0.0, np.inf, out=first)
    np.negative(z, out=second)
    clip(second, 0.0, np.inf, out=second)
    return out


def crelu_vjp(z: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    """g₁·ReLU'(z) − g₂·ReLU'(−z), with g = [g₁, g₂] split along axis (0 at z = 0)."""
    _doubled(z, axis)  # the same checks as the forward pass
    g_pos, g_neg = np.split(grad_out, 2, axis=axis)
    out = relu_grad(z)
    out *= g_pos
    negative = np.negative(z, out=empty(z))
    above(negative, out=negative)
    negative *= g_neg
    return np.subtract(out, negative, out=out)
