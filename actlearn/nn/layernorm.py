"""``LayerNorm``: each sample standardised over its last axes, then scaled and shifted."""

from __future__ import annotations

from typing import Any

import numpy as np

from actlearn.engine import Tensor
from actlearn.nn.linear import check_size
from actlearn.nn.module import DTypeLike, Module, as_tensor, float_dtype
from actlearn.nn.norm import check_eps, scale_shift, standardise


class LayerNorm(Module):
    r"""Layer normalisation (Ba, Kiros & Hinton 2016) over the last k = len(normalized_shape)
    axes of x, separately for every leading index (every sample):

    .. math:: y = \gamma \odot \frac{x - \mu}{\sqrt{\sigma^2 + \varepsilon}} + \beta, \qquad
              \mu = \tfrac1m \textstyle\sum x, \quad \sigma^2 = \tfrac1m \textstyle\sum
              (x - \mu)^2

    with the sums over those m elements; σ² is the biased variance, as in PyTorch. The same
    computation in training and eval mode (no running statistics). γ (``weight``, ones) and β
    (``bias``, zeros) have shape ``normalized_shape``, an int n meaning (n,). Forward and
    backward are one engine node each way (:mod:`actlearn.nn.norm`).

    >>> ln = LayerNorm(3)
    >>> ln.weight.shape
    (3,)
    >>> ln(np.array([[1.0, 2.0, 3.0]])).data.round(4)
    array([[-1.2247,  0.    ,  1.2247]])
    """

    def __init__(self, normalized_shape: int | tuple[int, ...], eps: float = 1e-5,
                 dtype: DTypeLike = np.float64) -> None:
        dims = (normalized_shape,) if isinstance(normalized_shape, (int, np.integer)) \
            else normalized_shape
        if not isinstance(dims, (tuple, list)) or not dims:
            raise ValueError(f"LayerNorm: normalized_shape must be a positive int or a non-empty "
                             f"tuple of them, got {normalized_shape!r}")
        self.normalized_shape = tuple(
            check_size(f"LayerNorm: normalized_shape[{i}]", n) for i, n in enumerate(dims)
        )
        self.eps = check_eps("LayerNorm", eps)
        dtype = float_dtype(dtype)
        self.weight = Tensor(np.ones(self.normalized_shape), requires_grad=True, dtype=dtype)
        self.bias = Tensor(np.zeros(self.normalized_shape), requires_grad=True, dtype=dtype)

    def forward(self, x: Any) -> Tensor:
        x = as_tensor(x)
        shape = self.normalized_shape
        if self.weight.data.shape != shape or self.bias.data.shape != shape:
            raise ValueError(
                f"LayerNorm: weight and bias must have shape {shape}, got "
                f"{self.weight.data.shape} and {self.bias.data.shape} (stacked models, with a "
                "leading member axis, are not supported)"
            )
        k = len(shape)
        if x.data.shape[x.data.ndim - k:] != shape:
            raise ValueError(f"LayerNorm({shape}) expects inputs of shape (..., "
                             f"{', '.join(map(str, shape))}), got {x.shape}")
        axes = tuple(range(x.data.ndim - k, x.data.ndim))
        x_hat, inv_std, _, _ = standardise(x.data, axes, self.eps)
        return scale_shift("layer_norm", x, x_hat, inv_std, self.weight, self.bias, axes)

    def __repr__(self) -> str:
        return f"LayerNorm({self.normalized_shape}, eps={self.eps})"
