"""``Linear``: the affine layer y = x W + b."""

from __future__ import annotations

from typing import Any

import numpy as np

from actlearn.engine import Tensor
from actlearn.engine.affine import affine
from actlearn.nn.init import initializer
from actlearn.nn.module import DTypeLike, Module, as_tensor, float_dtype


def check_size(name: str, value: Any) -> int:
    """``value`` as a positive int, or a ValueError naming the argument."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive int, got {value!r}")
    return int(value)


class Linear(Module):
    r""":math:`y = x W + b` with W of shape (n_in, n_out), so a batch (N, n_in) maps to (N, n_out).

    One graph node per call (:func:`actlearn.engine.affine.affine`).

    ``init`` is "he", "xavier" or "lecun" (see :mod:`actlearn.nn.init`), drawn with ``gain``
    when given (e.g. ``nn.init.calculate_gain("tanh")``) else with the initialiser's own;
    biases start at 0.
    Pass one ``rng`` to all layers of a network so that each draws different weights.
    ``dtype`` (float64 by default, or float32) is the parameters' dtype; the weights are the
    float64 draws rounded to it, so a float32 layer starts from its float64 twin's values.

    >>> layer = Linear(3, 2, rng=np.random.default_rng(0))
    >>> layer(np.ones((4, 3))).shape
    (4, 2)
    """

    def __init__(
        self,
        n_in: int,
        n_out: int,
        init: str = "he",
        bias: bool = True,
        rng: np.random.Generator | None = None,
        gain: float | None = None,
        dtype: DTypeLike = np.float64,
    ) -> None:
        n_in, n_out = check_size("n_in", n_in), check_size("n_out", n_out)
        rng = np.random.default_rng(0) if rng is None else rng
        dtype = float_dtype(dtype)
        draws = initializer(init)(n_in, n_out, rng, gain=gain)
        self.weight = Tensor(draws, requires_grad=True, dtype=dtype)
        self.bias = Tensor(np.zeros(n_out), requires_grad=True, dtype=dtype) if bias else None

    def forward(self, x: Any) -> Tensor:
        x = as_tensor(x)
        self.check_input(x)
        return affine(x, self.weight, self.bias)

    def check_input(self, x: Tensor) -> None:
        """A ValueError unless x's last axis is this layer's n_in."""
        shape, n_in = x.data.shape, self.weight.data.shape[-2]
        if not shape or shape[-1] != n_in:
            raise ValueError(f"Linear expects inputs of shape (..., {n_in}), got {shape}")

    def __repr__(self) -> str:
        n_in, n_out = self.weight.shape[-2:]
        return f"Linear({n_in}, {n_out}, bias={self.bias is not None})"
