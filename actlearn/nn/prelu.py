"""``PReLU``: a ReLU whose negative slope is learned (He et al. 2015)."""

from __future__ import annotations

from typing import Any

import numpy as np

from actlearn.engine import Tensor
from actlearn.nn.module import DTypeLike, Module, as_tensor, float_dtype


class PReLU(Module):
    r""":math:`\mathrm{PReLU}(x) = \max(0, x) + a \min(0, x)` with a learnable slope a.

    Built from primitives as relu(x) + a·(x − relu(x)), so
    :math:`\partial/\partial a = \min(0, x)` and, at the kink x = 0, :math:`\partial/\partial x = a`
    (PyTorch's convention). ``num_parameters`` is 1 (one shared slope) or the size of the last
    axis (one slope per feature); ``dtype`` is the slopes' dtype (float64 by default).

    >>> act = PReLU(init=0.25)
    >>> act(np.array([-2.0, 3.0]))
    Tensor([-0.5,  3. ], requires_grad=True)
    """

    def __init__(self, num_parameters: int = 1, init: float = 0.25,
                 dtype: DTypeLike = np.float64) -> None:
        if isinstance(num_parameters, bool) or not isinstance(num_parameters, int):
            raise ValueError(f"num_parameters must be a positive int, got {num_parameters!r}")
        if num_parameters < 1:
            raise ValueError(f"num_parameters must be a positive int, got {num_parameters!r}")
        self.weight = Tensor(np.full(num_parameters, float(init)), requires_grad=True,
                             dtype=float_dtype(dtype))

    def forward(self, x: Any) -> Tensor:
        x = as_tensor(x)
        n = self.weight.shape[-1]  # stacked (see actlearn.nn.stacked): (B, 1, n)
        if n > 1 and (x.ndim == 0 or x.shape[-1] != n):
            raise ValueError(f"PReLU with {n} slopes expects shape (..., {n}), got {x.shape}")
        positive = x.relu()
        return positive + self.weight * (x - positive)

    def __repr__(self) -> str:
        return f"PReLU(num_parameters={self.weight.shape[-1]})"
