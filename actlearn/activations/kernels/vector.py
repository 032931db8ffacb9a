"""Vector activations along an axis: softmax, log-softmax, softmin, GLU and CReLU.

Each comes with its vector-Jacobian product ``*_vjp(z, grad_out, axis)`` = grad_outᵀ·J, which is
what back-propagation needs (the full Jacobian is never formed). Along the last axis of a
C-contiguous array, softmax, log-softmax, softmin and GLU (and their VJPs) run block by block of
whole rows, so that their passes find the block in cache; a VJP computed from z and the one
computed from the forward output agree exactly, as along any other axis.
"""

from __future__ import annotations

import math

import numpy as np

from actlearn.activations.kernels._util import (
    BLOCK,
    above,
    clip,
    empty,
    mul0,
    restore,
    silence,
    silent,
)
from actlearn.activations.kernels.piecewise import relu_grad
from actlearn.activations.kernels.sigmoidal import sigmoid, sigmoid_grad

_sum = np.add.reduce  # ndarray.sum without its Python wrapper (a µs on small arrays)
_max, _min = np.maximum.reduce, np.minimum.reduce
#: A last axis at most this long, over at least this many rows, is reduced by :func:`_extreme`
#: over a transposed copy.
_SHORT, _MANY = 32, 64


def _extreme(reduce: np.ufunc, z: np.ndarray, axis: int) -> np.ndarray:
    """``reduce`` (``_max`` or ``_min``) of z along ``axis``, keeping it as a length-1 axis.

    Along a short last axis of many rows (logits of a few classes for a batch), NumPy runs a
    loop of its own for each row, whose set-up costs more than the row: there, the rows are
    copied transposed and reduced across the copy's first axis, a few passes over whole
    columns, several times faster (7 → 3 µs at 128 × 10, 47 → 15 µs at 1024 × 10), a block of
    rows at a time for a large array (so the copy stays in cache and small). The values
    are the same: a max or min is exact, whatever order it is taken in (a row whose extreme is
    a zero of both signs may give either sign, as NumPy's own loops may).
    """
    n = z.shape[-1] if z.ndim >= 2 else 0
    if (0 < n <= _SHORT and z.size >= _MANY * n and (axis == -1 or axis == z.ndim - 1)
            and z.flags.c_contiguous):
        rows = z.reshape(-1, n)
        if rows.size <= BLOCK:
            return reduce(np.ascontiguousarray(rows.T), axis=0).reshape(*z.shape[:-1], 1)
        top = np.empty(len(rows), z.dtype)  # a large array: a copy of a block at a time
        for part, top_part in _row_blocks(rows, top):
            reduce(np.ascontiguousarray(part.T), axis=0, out=top_part)
        return top.reshape(*z.shape[:-1], 1)
    return reduce(z, axis, None, None, True)  # keepdims, positionally


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
    top = _extreme(_max if sign > 0 else _min, z, axis)
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


def _last_axis(z: np.ndarray, axis: int) -> bool:
    """Whether the row-block path below applies: z a non-empty C-contiguous float array and
    ``axis`` its last axis."""
    return (type(z) is np.ndarray and z.dtype.kind == "f" and z.ndim > 0 and z.size > 0
            and (axis == -1 or axis == z.ndim - 1) and z.flags.c_contiguous)


def _row_blocks(rows: np.ndarray, *others: np.ndarray):
    """Slices of about BLOCK values of whole rows of ``rows`` (and the same rows of
    ``others``): a softmax and its VJP run block by block, every pass from cache."""
    step = max(1, BLOCK // rows.shape[1])
    for start in range(0, rows.shape[0], step):
        part = slice(start, start + step)
        yield (rows[part], *(other[part] for other in others))


def _exp_rows(z: np.ndarray, out: np.ndarray, sign: float) -> None:
    """e^(s·z − c) along the last axis into ``out``, for a sign s = ±1: c = 0 for a row whose
    max of s·z lies in [0, C] (C = ⅔·log of the largest float: e^(s·z) can neither overflow,
    nor sum to an overflow, nor leave the row's sum below 1), c = max(s·z) for any other row,
    as in :func:`_shifted`. Without the shift no rounding of s·z − c enters."""
    top = _extreme(_max if sign > 0 else _min, z, -1)
    if sign < 0:
        np.negative(top, out=top)
    limit = _EXP_LIMIT[z.dtype.itemsize >= 8]
    if _min(top, axis=None) >= 0.0 and _max(top, axis=None) <= limit:  # False for NaN
        np.exp(z if sign > 0 else np.negative(z, out=out), out=out)
        return
    n = z.shape[-1]  # rare: rows far from the origin, or with an infinity or NaN
    rows, out_rows = z.reshape(-1, n), out.reshape(-1, n)
    far = ~((top >= 0.0) & (top <= limit)).reshape(-1)
    with silent():  # overflow and invalid only in the rows then done as _shifted does
        np.exp(rows if sign > 0 else np.negative(rows, out=out_rows), out=out_rows)
        out_rows[far] = np.exp(_shifted(rows[far], -1, sign))


#: ⅔·log(largest float) for float32 and float64 (see _exp_rows).
_EXP_LIMIT = (2 / 3 * math.log(float(np.finfo(np.float32).max)),
              2 / 3 * math.log(float(np.finfo(np.float64).max)))


def _normalised_rows(z: np.ndarray, out: np.ndarray, sign: float) -> None:
    _exp_rows(z, out, sign)
    out /= _sum(out, axis=-1, keepdims=True)


def _softmax_backward_rows(y: np.ndarray, g: np.ndarray, out: np.ndarray, sign: float) -> None:
    """y ⊙ (g − ⟨g, y⟩) per row (softmin, sign −1: y ⊙ (⟨g, y⟩ − g)); ⟨g, y⟩ summed pairwise,
    as the whole-array path sums it."""
    total = _sum(np.multiply(g, y, out=out), axis=-1, keepdims=True)
    if sign > 0:
        np.subtract(g, total, out=out)
    else:
        np.subtract(total, g, out=out)
    out *= y


def _by_rows(z: np.ndarray, kernel, *args) -> np.ndarray:
    """kernel(z_block, out_block, *args) over the row blocks of z (z itself when it holds at
    most BLOCK values: no reshaping, no generator; µs count on the engine's small batches)."""
    out = np.empty(z.shape, z.dtype)
    if z.size <= BLOCK:
        kernel(z, out, *args)
        return out
    n = z.shape[-1]
    for z_rows, out_rows in _row_blocks(z.reshape(-1, n), out.reshape(-1, n)):
        kernel(z_rows, out_rows, *args)
    return out


def _vjp_by_rows(y: np.ndarray | None, z: np.ndarray | None, grad_out: np.ndarray,
                 sign: float) -> np.ndarray:
    """The softmax (sign −1: softmin) VJP over row blocks, from the output y or, computing y
    block by block exactly as the forward pass does, from z."""
    source = y if y is not None else z
    n = source.shape[-1]
    out = np.empty(source.shape, np.result_type(source, grad_out))
    g = np.ascontiguousarray(grad_out).reshape(-1, n)
    for rows, g_rows, out_rows in _row_blocks(source.reshape(-1, n), g, out.reshape(-1, n)):
        if y is None:
            probs = np.empty(rows.shape, rows.dtype)
            _normalised_rows(rows, probs, sign)
        else:
            probs = rows
        _softmax_backward_rows(probs, g_rows, out_rows, sign)
    return out


def _same_rows(grad_out: np.ndarray, z: np.ndarray) -> bool:
    return type(grad_out) is np.ndarray and grad_out.shape == z.shape and \
        grad_out.dtype == z.dtype


def softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`\text{softmax}(z)_i = \frac{e^{z_i - m}}{\sum_j e^{z_j - m}}`, m = max z.

    Along the last axis (block by block for a large array), a row whose max lies in [0, C],
    C = ⅔·log(largest float), takes m = 0: its e^z can neither overflow nor leave a sum below
    1, and no rounding of z − m enters; any other row is shifted by its max.

    >>> softmax(np.array([2.33, -1.46, 0.56])).round(4)
    array([0.8383, 0.0189, 0.1428])
    """
    if not _last_axis(z, axis):
        return _normalised_exp(z, axis, 1.0)
    return _by_rows(z, _normalised_rows, 1.0)


def softmax_vjp(z: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    """The VJP at z: :func:`softmax_vjp_of_output` of y = softmax(z) (along the last axis of
    a large array, y is made and used block by block, with the same values)."""
    if np.size(z) <= BLOCK or not _last_axis(z, axis) or not _same_rows(grad_out, z):
        return softmax_vjp_of_output(softmax(z, axis), grad_out, axis)
    return _vjp_by_rows(None, z, grad_out, 1.0)


def softmax_vjp_of_output(y: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`g^\top J = y \odot (g - \langle g, y\rangle)` with J = diag(y) − yyᵀ, from the
    output y = softmax(z) alone (back-propagation already holds it, so z need not be revisited)."""
    if y.size > BLOCK and _last_axis(y, axis) and _same_rows(grad_out, y):
        return _vjp_by_rows(y, None, grad_out, 1.0)
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
    if np.size(z) > BLOCK and _last_axis(z, axis):  # (small: the same computation at once)
        with silent():  # as in _shifted
            return _by_rows(z, _log_softmax_rows)
    return _log_softmax_shifted(z, axis, True)


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
    return _log_softmax_shifted(z, axis, False)


def _log_softmax_shifted(z: np.ndarray, axis: int, repair: bool) -> np.ndarray:
    """(z − m) − log Σ e^(z − m) along axis, m the max (see :func:`_shifted`)."""
    out = _shifted(z, axis, 1.0, "log_softmax", repair)
    if out.size:  # (empty in, empty out)
        out -= np.log(_sum(np.exp(out), axis, None, None, True))
    return out


def _log_softmax_rows(z: np.ndarray, out: np.ndarray) -> None:
    """(z − m) − log Σ e^(z − m) per row of a block, m the row's max (as :func:`_shifted`):
    the entry at the max gets −log Σ with no rounding of z − m in it."""
    top = _extreme(_max, z, -1)
    np.subtract(z, top, out=out)
    if not math.isfinite(_sum(top, axis=None)):  # rare: rows whose max is ±inf
        out[np.isinf(top) & (z == top)] = 0.0
    out -= np.log(_sum(np.exp(out), axis=-1, keepdims=True))


def log_softmax_vjp(z: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    """The VJP at z: :func:`log_softmax_vjp_of_output` of y = log_softmax(z) (along the last
    axis of a large array, y is made and used block by block, with the same values)."""
    if np.size(z) <= BLOCK or not _last_axis(z, axis) or not _same_rows(grad_out, z):
        return log_softmax_vjp_of_output(log_softmax(z, axis), grad_out, axis)
    n = z.shape[-1]
    out = np.empty(z.shape, z.dtype)
    with silent():
        for rows, g_rows, out_rows in _row_blocks(z.reshape(-1, n), grad_out.reshape(-1, n),
                                                  out.reshape(-1, n)):
            _log_softmax_rows(rows, out_rows)
            _log_softmax_backward(out_rows, g_rows, out_rows, 1)
    return out


def _log_softmax_backward(y: np.ndarray, g: np.ndarray, out: np.ndarray, axis: int) -> None:
    """g − e^y·Σg along ``axis``, into ``out`` (which may be y)."""
    np.exp(y, out=out)
    out *= _sum(g, axis=axis, keepdims=True)
    np.subtract(g, out, out=out)


def log_softmax_vjp_of_output(y: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`g - \text{softmax}(z)\sum_j g_j`, where softmax(z) = :math:`e^{y}` for the output
    y = log_softmax(z) (J = I − 1·softmax(z)ᵀ, each row of the Jacobian summing to zero)."""
    if y.size > BLOCK and _last_axis(y, axis) and _same_rows(grad_out, y):
        n = y.shape[-1]
        out = np.empty(y.shape, y.dtype)
        for rows, g_rows, out_rows in _row_blocks(y.reshape(-1, n), grad_out.reshape(-1, n),
                                                  out.reshape(-1, n)):
            _log_softmax_backward(rows, g_rows, out_rows, 1)
        return out
    out = np.exp(y, out=empty(y))
    out *= _sum(grad_out, axis=axis, keepdims=True)
    return np.subtract(grad_out, out, out=out)


def softmin(z: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`\text{softmax}(-z)`: the smallest entry gets the most weight.

    >>> softmin(np.array([0.0, np.log(3.0)]))
    array([0.75, 0.25])
    """
    if not _last_axis(z, axis):
        return _normalised_exp(z, axis, -1.0)
    return _by_rows(z, _normalised_rows, -1.0)


def softmin_vjp(z: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    """Chain rule through the negation: −(softmax's VJP at −z)."""
    if np.size(z) <= BLOCK or not _last_axis(z, axis) or not _same_rows(grad_out, z):
        return softmin_vjp_of_output(softmin(z, axis), grad_out, axis)
    return _vjp_by_rows(None, z, grad_out, -1.0)


def softmin_vjp_of_output(y: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""From the output y = softmin(z) = softmax(−z): −(softmax's VJP of the same output),
    :math:`y \odot (\langle g, y\rangle - g)`."""
    if y.size > BLOCK and _last_axis(y, axis) and _same_rows(grad_out, y):
        return _vjp_by_rows(y, None, grad_out, -1.0)
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

    Computed as a/(1 + e^(−b)) (along the last axis of a large array, block by block); where
    a = ±∞ meets σ(b) = 0 the product takes the limit 0.

    >>> glu(np.array([2.0, 0.0]))
    array([1.])
    """
    a, b = _halves(z, axis)
    if not _last_axis(z, axis):
        s = sigmoid(b)
        return mul0(a, s, out=s)
    h = z.shape[-1] // 2
    out = np.empty((*z.shape[:-1], h), z.dtype)
    with silent():  # e^(−b) may overflow to inf (σ(b) = 0), and ∞/∞ is repaired
        for rows, out_rows in _row_blocks(z.reshape(-1, 2 * h), out.reshape(-1, h)):
            _glu_rows(rows[:, :h], rows[:, h:], out_rows)
    return out


def _glu_rows(a: np.ndarray, b: np.ndarray, out: np.ndarray) -> None:
    np.negative(b, out=out)
    np.exp(out, out=out)
    out += 1.0
    np.divide(a, out, out=out)
    if math.isnan(_sum(out, axis=None)):  # rare: NaN in, or ∞/∞ (a = ±∞, σ(b) = 0)
        out[np.isinf(a) & (sigmoid(b) == 0)] = 0.0


def glu_vjp(z: np.ndarray, grad_out: np.ndarray, axis: int = -1) -> np.ndarray:
    r""":math:`[\,g\,\sigma(b),\; g\,a\,\sigma'(b)\,]` concatenated along axis (written into
    the two halves of one buffer), σ'(b) = σ(b)σ(−b); a·σ'(b) is 0 where a = ±∞ and σ'(b)
    rounds to 0.

    Along the last axis of a large array, block by block, with e = e^(−b) and s = 1/(1 + e):
    σ(−b) = e·s = e/(1 + e), which is ∞·0 = NaN only where e overflows and σ(−b) is 1, so
    fmin(e·s, 1) (fmin drops a NaN) gives it everywhere.
    """
    a, b = _halves(z, axis)
    out = empty(z)
    if not _last_axis(z, axis) or not (type(grad_out) is np.ndarray and
                                       grad_out.shape == a.shape and grad_out.dtype == z.dtype):
        to_a, to_b = np.split(out, 2, axis=axis)  # views: writing them fills out
        np.multiply(grad_out, sigmoid(b), out=to_a)
        slope = sigmoid_grad(b)
        np.multiply(grad_out, mul0(a, slope, out=slope), out=to_b)
        return out
    h = z.shape[-1] // 2
    g = np.ascontiguousarray(grad_out).reshape(-1, h)
    with silent():
        for rows, g_rows, out_rows in _row_blocks(z.reshape(-1, 2 * h), g,
                                                  out.reshape(-1, 2 * h)):
            _glu_vjp_rows(rows[:, :h], rows[:, h:], g_rows, out_rows[:, :h], out_rows[:, h:])
    return out


def _glu_vjp_rows(a: np.ndarray, b: np.ndarray, g: np.ndarray, to_a: np.ndarray,
                  to_b: np.ndarray) -> None:
    """One block; a, b, to_a and to_b are halves of rows (strided), so the passes in between
    run on two contiguous block buffers."""
    e = np.negative(b)
    np.exp(e, out=e)
    s = np.add(e, 1.0)
    np.divide(1.0, s, out=s)  # σ(b)
    e *= s
    np.fmin(e, 1.0, out=e)  # σ(−b)
    e *= a
    s *= g
    np.copyto(to_a, s)  # g·σ(b)
    np.multiply(e, s, out=to_b)  # g·a·σ(b)σ(−b)
    if math.isnan(_sum(to_b, axis=None)):  # rare: NaN in, or ∞·0 (a = ±∞, σ'(b) = 0)
        limit = np.isinf(a) & (sigmoid_grad(b) == 0)
        to_b[limit] = g[limit] * 0.0


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
