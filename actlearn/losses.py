"""Loss functions on Tensors, each the mean over the batch.

The classification losses take logits (scores before any activation) and go through the
stable log-softmax or log-sigmoid of the registry, so they stay finite at logits of ±1000.

Precision: the loss and its gradient have the predictions' dtype. Targets given as arrays,
lists or numbers are read in that dtype (float64 labels do not turn a float32 model's loss
into float64; PyTorch asks for matching dtypes instead); a target that is a Tensor combines
with the predictions as NumPy promotes.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np

from actlearn.activations.kernels.vector import log_softmax_finite
from actlearn.activations.registry import get
from actlearn.engine import Tensor, operation
from actlearn.engine.node import result
from actlearn.engine.shaping import normalise_axes
from actlearn.nn.module import as_tensor

_LOG_SOFTMAX = get("log_softmax")
_sum = np.add.reduce  # ndarray.sum without its Python wrapper
_ravel = np.ravel_multi_index
_INTP = np.dtype(np.intp)


def _same_shape(name: str, pred: Tensor, target: Any) -> None:
    shape = np.shape(target.data if isinstance(target, Tensor) else target)
    if pred.shape != shape:
        raise ValueError(
            f"{name}: predictions of shape {pred.shape} and targets of shape {shape} differ "
            "(reshape one of them; silent broadcasting would pair every prediction with every "
            "target)"
        )


def mse(pred: Tensor, target: Any, axis: int | tuple[int, ...] | None = None) -> Tensor:
    r"""Mean squared error :math:`\frac1n\sum_i (\hat y_i - y_i)^2` (shapes must match).

    One graph node; backward gives :math:`\bar{\hat y} = \frac{2}{n}(\hat y - y)\,\bar L`
    (and the negative of that to ``target`` when it is a tensor that requires grad).
    ``axis`` averages over those axes only, e.g. ``axis=(1, 2)`` gives one loss per member of
    a stack (:mod:`actlearn.nn.stacked`); n is then the count over those axes.

    >>> mse(Tensor([1.0, 3.0]), np.array([0.0, 1.0])).item()
    2.5
    >>> mse(Tensor([[1.0, 3.0], [0.0, 0.0]]), np.zeros((2, 2)), axis=1).data
    array([5., 0.])
    """
    pred = as_tensor(pred)
    _same_shape("mse", pred, target)
    target = target if isinstance(target, Tensor) else Tensor(target, dtype=pred.dtype)
    diff = pred.data - target.data
    if axis is None:
        count, kept, total = diff.size, (1,) * diff.ndim, (diff * diff).sum()
    else:
        axes = _axes(axis, diff.ndim)
        count = int(np.prod([diff.shape[a] for a in axes]))
        kept = tuple(1 if a in axes else n for a, n in enumerate(diff.shape))
        total = (diff * diff).sum(axis=axes)

    def vjp(g: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        slope = (g.reshape(kept) / count) * diff
        slope += slope  # 2·slope, exactly
        return slope, (-slope if target.requires_grad else None)

    return operation("mse", total / count, (pred, target), vjp)


def _axes(axis: int | tuple[int, ...], ndim: int) -> tuple[int, ...]:
    """The engine's reading of ``axis`` (:func:`actlearn.engine.shaping.normalise_axes`),
    refusing no axis or a repeated one."""
    try:
        axes = normalise_axes(axis, ndim, "mse")
    except ValueError:
        axes = ()
    if not axes or len(set(axes)) != len(axes):
        raise ValueError(f"mse: axis {axis!r} does not name distinct axes of a {ndim}-d input")
    return axes


def cross_entropy(logits: Tensor, targets: Any) -> Tensor:
    r"""Softmax cross-entropy :math:`-\frac1N\sum_n \log \mathrm{softmax}(z_n)_{y_n}` from logits.

    ``logits`` has shape (N, C). ``targets`` holds N class indices in [0, C), or an (N, C) array
    of class probabilities (then the loss is :math:`-\frac1N\sum_n\sum_c p_{nc}\log
    \mathrm{softmax}(z_n)_c`).

    >>> round(cross_entropy(Tensor([[2.33, -1.46, 0.56]]), [0]).item(), 4)
    0.1764
    """
    if not isinstance(logits, Tensor):
        logits = Tensor(logits)
    z = logits.data
    shape = z.shape
    if len(shape) != 2:
        raise ValueError(f"cross_entropy expects logits of shape (N, C), got {shape}")
    n, c = shape
    if n == 0:
        raise ValueError("cross_entropy: the batch is empty (logits of shape (0, C))")
    target = targets if type(targets) is np.ndarray else np.asarray(
        targets.data if isinstance(targets, Tensor) else targets)
    target_shape = target.shape
    if target_shape == (n,):  # class indices
        pick = _flat_indices(target, n, c)
    elif target_shape == shape:
        pick = target.astype(z.dtype, copy=False)  # class probabilities, in z's dtype
    else:
        raise ValueError(
            f"cross_entropy: targets must be N={n} class indices or an (N, C)=({n}, {c}) array "
            f"of probabilities; got shape {target_shape}"
        )
    # Without the scan for rows whose max is ±inf: such a row makes the loss NaN, and then
    # the checked kernel computes it again (the same numbers wherever no row needed it).
    log_probs = log_softmax_finite(z)
    total = _picked_sum(log_probs, pick)
    if not math.isfinite(total):
        log_probs = _LOG_SOFTMAX.forward(z, axis=-1)
        total = _picked_sum(log_probs, pick)
    return _nll(logits, log_probs, pick, total)


def _flat_indices(target: np.ndarray, n: int, c: int) -> np.ndarray:
    """The positions n·C + y_n of the picked log-probabilities in the flattened (N, C) array,
    or an error naming what is wrong with the class indices y."""
    labels = target
    if target.dtype is not _INTP:  # (the dtype of np.arange and of integer labels, mostly)
        kind = target.dtype.kind
        if kind not in "iu" and not (kind == "f" and np.array_equal(target, np.round(target))):
            raise TypeError(
                f"cross_entropy: class indices must be integers, got dtype {target.dtype}")
        labels = target.astype(np.intp, copy=False)
    try:  # checks every index against [0, C) (a negative one raises too, it does not wrap)
        return _ravel((_rows(n), labels), (n, c))
    except ValueError:
        raise ValueError(
            f"cross_entropy: class indices must lie in [0, {c}); got {labels.min()}..{labels.max()}"
        ) from None


@functools.lru_cache(maxsize=32)
def _rows(n: int) -> np.ndarray:
    """0, 1, …, n − 1 (read-only: one array per batch size, shared by every call)."""
    rows = np.arange(n)
    rows.flags.writeable = False
    return rows


def _picked_sum(log_probs: np.ndarray, pick: np.ndarray) -> Any:
    r""":math:`\sum_n \log p_{n y_n}` for flat indices, :math:`\sum_{n,c} q_{nc} \log p_{nc}`
    for an (N, C) array q of class probabilities."""
    if pick.ndim == 1:
        return _sum(log_probs.reshape(-1)[pick])
    return (log_probs * pick).sum()


def _nll(logits: Tensor, log_probs: np.ndarray, pick: np.ndarray, total: Any) -> Tensor:
    r"""One graph node for :math:`L = -\frac1N \sum` (picked or weighted log-probabilities).

    Backward, for class probabilities p (``pick`` an (N, C) array): :math:`\bar{\ell} =
    -p\,\bar L / N`, then the registry's log-softmax VJP of its output, :math:`\bar z =
    \bar\ell - e^{\ell}\sum_c \bar\ell_c`, which is :math:`(\text{softmax}(z) - p)\,\bar L / N`
    (each row of p summing to 1). For class indices (``pick`` the flat positions of the picked
    entries) p is one-hot and that sum is :math:`-\bar L / N` in every row, so :math:`\bar z =
    e^{\ell}\,\bar L / N` with :math:`\bar L / N` taken off at the picked entries: no (N, C)
    one-hot array is built.

    The rule is the engine's own, so it accumulates into the logits directly (no check of
    what it returns, as :func:`~actlearn.engine.operation` makes for a rule from outside).
    """
    n = len(log_probs)
    out = result(logits, total * (-1.0 / n), (logits,), "cross_entropy")
    if not out.requires_grad:
        return out
    if pick.ndim == 1:

        def backward(g: np.ndarray) -> None:
            share = float(g) / n  # a Python number: float32 stays float32
            grad = np.exp(log_probs, order="C")  # softmax(z), C-ordered: reshape is a view
            grad *= share
            grad.reshape(-1)[pick] -= share
            logits._accum(grad)

    else:

        def backward(g: np.ndarray) -> None:
            upstream = pick * (g * (-1.0 / n))
            logits._accum(_LOG_SOFTMAX.vjp_of_output(log_probs, upstream, axis=-1))

    out._backward = backward
    return out


def binary_cross_entropy_with_logits(logits: Tensor, targets: Any) -> Tensor:
    r""":math:`-\frac1n\sum_i \big[y_i \log\sigma(z_i) + (1 - y_i)\log\sigma(-z_i)\big]`.

    Both logs come from the registry's log_sigmoid, so z = ±1000 gives a finite loss and
    gradient :math:`(\sigma(z) - y)/n`. Targets (same shape as the logits) lie in [0, 1].

    >>> round(binary_cross_entropy_with_logits(Tensor([0.0]), [1.0]).item(), 4)
    0.6931
    """
    logits = as_tensor(logits)
    _same_shape("binary_cross_entropy_with_logits", logits, targets)
    y = np.asarray(targets.data if isinstance(targets, Tensor) else targets, dtype=logits.dtype)
    if y.size and (y.min() < 0.0 or y.max() > 1.0):
        raise ValueError("binary_cross_entropy_with_logits: targets must lie in [0, 1]")
    log_p = logits.activation("log_sigmoid")
    log_not_p = (-logits).activation("log_sigmoid")
    return -(log_p * y + log_not_p * (1.0 - y)).mean()
