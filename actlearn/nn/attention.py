"""Scaled dot-product attention (Vaswani et al. 2017) on Tensors."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from actlearn.engine import Tensor
from actlearn.nn.module import as_tensor


def scaled_dot_product_attention(
    q: Any, k: Any, v: Any, mask: Any = None
) -> tuple[Tensor, Tensor]:
    r"""Attention weights :math:`A = \mathrm{softmax}(QK^\top / \sqrt{d_k})` and output :math:`AV`.

    Shapes: q (..., T_q, d_k), k (..., T_k, d_k), v (..., T_k, d_v) → output (..., T_q, d_v),
    weights (..., T_q, T_k); each row of the weights sums to 1. Dividing by √d_k keeps the
    scores' variance near 1 when q and k have unit-variance entries. ``mask`` is a boolean
    array broadcastable to (..., T_q, T_k): True where a query may attend to a key (PyTorch's
    convention); masked scores become −inf, so their weights are exactly 0.

    >>> q = k = v = np.eye(2)
    >>> out, weights = scaled_dot_product_attention(q, k, v)
    >>> weights.data.round(3)
    array([[0.67, 0.33],
           [0.33, 0.67]])
    """
    q, k, v = as_tensor(q), as_tensor(k), as_tensor(v)
    if q.ndim < 2 or k.ndim < 2 or v.ndim < 2:
        raise ValueError(f"attention needs q, k, v of at least 2 axes; got {q.shape}, {k.shape}, "
                         f"{v.shape}")
    if q.shape[-1] != k.shape[-1]:
        raise ValueError(f"attention: q {q.shape} and k {k.shape} differ in the last axis (d_k)")
    if k.shape[-2] != v.shape[-2]:
        raise ValueError(f"attention: k {k.shape} and v {v.shape} differ in the key axis (T_k)")
    scores = (q @ k.swapaxes(-1, -2)) / math.sqrt(q.shape[-1])  # a Python float: dtype kept
    if mask is not None:
        keep = np.asarray(mask)
        if keep.dtype != bool:
            raise TypeError(f"attention mask must be boolean (True = attend), got {keep.dtype}")
        try:
            keep = np.broadcast_to(keep, scores.shape)
        except ValueError:
            raise ValueError(
                f"attention mask of shape {keep.shape} does not broadcast to the scores' shape "
                f"{scores.shape}"
            ) from None
        if not keep.any(axis=-1).all():
            raise ValueError("attention mask hides every key from some query (a row of False)")
        scores = scores + np.where(keep, 0.0, -np.inf).astype(scores.dtype)
    weights = scores.softmax(axis=-1)
    return weights @ v, weights
