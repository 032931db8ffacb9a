"""``BatchNorm1d``: each feature standardised over the batch, then scaled and shifted."""

from __future__ import annotations

from typing import Any

import numpy as np

from actlearn.engine import Tensor
from actlearn.nn.linear import check_size
from actlearn.nn.module import DTypeLike, Module, as_tensor, float_dtype
from actlearn.nn.norm import check_eps, scale_shift, standardise


class BatchNorm1d(Module):
    r"""Batch normalisation (Ioffe & Szegedy 2015) of inputs x of shape (N, C), per feature c:

    .. math:: y_{nc} = \gamma_c \frac{x_{nc} - \mu_c}{\sqrt{\sigma_c^2 + \varepsilon}} + \beta_c

    In training mode μ and σ² are the batch mean and the *biased* batch variance
    :math:`\frac1N \sum_n (x_{nc} - \mu_c)^2`, and the running estimates move towards them,

    .. math:: \hat\mu \leftarrow (1 - m)\,\hat\mu + m\,\mu, \qquad
              \hat\sigma^2 \leftarrow (1 - m)\,\hat\sigma^2 + m\,\tfrac{N}{N-1}\,\sigma^2

    with the *unbiased* variance, as PyTorch does (Keras uses the biased one and the opposite
    meaning of momentum). In eval mode (:meth:`~Module.eval`) y uses :math:`\hat\mu,
    \hat\sigma^2` as constants; γ and β still get gradients. The running statistics are plain
    arrays, updated in place on every training-mode call (also inside ``no_grad``); copy them
    to keep a history.

    ``parameters()`` is ``[weight, bias]`` (γ, β: ones and zeros); ``running_mean`` and
    ``running_var`` start at zeros and ones, all four in ``dtype`` (float64 by default).
    Forward and backward are one engine node each way (:mod:`actlearn.nn.norm`). Stacks
    (:mod:`actlearn.nn.stacked`) are not supported.

    >>> bn = BatchNorm1d(2)
    >>> y = bn(np.array([[1.0, 10.0], [3.0, 30.0]]))
    >>> y.data.round(4)
    array([[-1., -1.],
           [ 1.,  1.]])
    >>> bn.running_mean, bn.running_var
    (array([0.2, 2. ]), array([ 1.1, 20.9]))
    """

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1,
                 dtype: DTypeLike = np.float64) -> None:
        self.num_features = check_size("BatchNorm1d: num_features", num_features)
        self.eps = check_eps("BatchNorm1d", eps)
        if isinstance(momentum, (bool, np.bool_)) or not isinstance(
            momentum, (int, float, np.number)
        ) or not 0.0 <= momentum <= 1.0:
            raise ValueError(f"BatchNorm1d: momentum must be a number in [0, 1], got "
                             f"{momentum!r}")
        self.momentum = float(momentum)
        dtype = float_dtype(dtype)
        self.weight = Tensor(np.ones(self.num_features), requires_grad=True, dtype=dtype)
        self.bias = Tensor(np.zeros(self.num_features), requires_grad=True, dtype=dtype)
        self.running_mean = np.zeros(self.num_features, dtype=dtype)
        self.running_var = np.ones(self.num_features, dtype=dtype)

    def forward(self, x: Any) -> Tensor:
        x = as_tensor(x)
        c = self.num_features
        if self.weight.data.shape != (c,) or self.bias.data.shape != (c,):
            raise ValueError(
                f"BatchNorm1d: weight and bias must have shape ({c},), got "
                f"{self.weight.data.shape} and {self.bias.data.shape} (stacked models, with a "
                "leading member axis, are not supported)"
            )
        if x.data.ndim != 2 or x.data.shape[1] != c:
            raise ValueError(f"BatchNorm1d({c}) expects inputs of shape (N, {c}), got {x.shape}")
        n = x.data.shape[0]
        if not self.training:
            inv_std = 1.0 / np.sqrt(self.running_var + self.eps)
            x_hat = (x.data - self.running_mean) * inv_std
            return scale_shift("batch_norm", x, x_hat, inv_std, self.weight, self.bias, None)
        if n < 2:
            raise ValueError(
                f"BatchNorm1d: training mode needs at least 2 rows per batch, got N={n} (the "
                "variance of one value is 0 and its unbiased N/(N-1) estimate undefined); "
                "call .eval() to use the running statistics"
            )
        x_hat, inv_std, mean, var = standardise(x.data, (0,), self.eps)
        m = self.momentum
        self.running_mean *= 1.0 - m
        self.running_mean += m * mean[0]
        self.running_var *= 1.0 - m
        self.running_var += (m * n / (n - 1)) * var[0]
        return scale_shift("batch_norm", x, x_hat, inv_std, self.weight, self.bias, (0,))

    def __repr__(self) -> str:
        return f"BatchNorm1d({self.num_features}, eps={self.eps}, momentum={self.momentum})"
