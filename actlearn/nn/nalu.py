"""Arithmetic units: NAC and NALU (Trask et al. 2018), NAU and NMU (Madsen & Johansen 2020).

All take a batch x of shape (N, n_in) and return (N, n_out), without bias, so that a unit can
represent exact sums, differences and products that extrapolate beyond the training range.
Each takes ``dtype`` (float64 by default) for its parameters.
Stacked (see :mod:`actlearn.nn.stacked`), they map (B, N, n_in) to (B, N, n_out).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from actlearn.engine import Tensor
from actlearn.nn.init import xavier
from actlearn.nn.linear import check_size
from actlearn.nn.module import DTypeLike, Module, as_tensor, float_dtype


def _param(values: np.ndarray, dtype: DTypeLike) -> Tensor:
    """A parameter holding float64 draws rounded to ``dtype``."""
    return Tensor(values, requires_grad=True, dtype=float_dtype(dtype))


class NAC(Module):
    r"""Neural accumulator: :math:`y = x W` with :math:`W = \tanh(\hat W) \odot \sigma(\hat M)`.

    W lies in (−1, 1) and is pushed towards {−1, 0, 1}, so the unit adds and subtracts inputs.
    Ŵ and M̂ start from Glorot-uniform draws.
    """

    def __init__(self, n_in: int, n_out: int, rng: np.random.Generator | None = None,
                 dtype: DTypeLike = np.float64) -> None:
        n_in, n_out = check_size("n_in", n_in), check_size("n_out", n_out)
        rng = np.random.default_rng(0) if rng is None else rng
        self.w_hat = _param(xavier(n_in, n_out, rng), dtype)
        self.m_hat = _param(xavier(n_in, n_out, rng), dtype)

    def weight(self) -> Tensor:
        """The effective matrix :math:`\\tanh(\\hat W) \\odot \\sigma(\\hat M)`."""
        return self.w_hat.tanh() * self.m_hat.sigmoid()

    def forward(self, x: Any) -> Tensor:
        return as_tensor(x) @ self.weight()


class NALU(Module):
    r"""Neural arithmetic logic unit: a gate between an adding and a multiplying NAC path.

    .. math::
        a = xW,\quad m = \exp\big(\ln(|x| + \varepsilon)\,W\big),\quad g = \sigma(xG),\quad
        y = g \odot a + (1 - g) \odot m

    with the same :math:`W = \tanh(\hat W) \odot \sigma(\hat M)` in both paths, as in the paper.
    ``eps`` keeps the logarithm finite at x = 0; it also biases products of small inputs.
    """

    def __init__(
        self, n_in: int, n_out: int, eps: float = 1e-7, rng: np.random.Generator | None = None,
        dtype: DTypeLike = np.float64,
    ) -> None:
        if not eps > 0:
            raise ValueError(f"NALU eps must be > 0, got {eps!r}")
        rng = np.random.default_rng(0) if rng is None else rng
        self.nac = NAC(n_in, n_out, rng=rng, dtype=dtype)
        self.gate_weight = _param(xavier(n_in, n_out, rng), dtype)
        self.eps = float(eps)

    def gate(self, x: Any) -> Tensor:
        """g = σ(xG): 1 selects the adding path, 0 the multiplying one."""
        return (as_tensor(x) @ self.gate_weight).sigmoid()

    def forward(self, x: Any) -> Tensor:
        x = as_tensor(x)
        weight = self.nac.weight()
        added = x @ weight
        multiplied = ((x.abs() + self.eps).log() @ weight).exp()
        g = self.gate(x)
        return g * added + (1.0 - g) * multiplied


class NAU(Module):
    r"""Neural addition unit: :math:`y = x\,\mathrm{clip}(W, -1, 1)`.

    Starts from :math:`U(-r, r)`, :math:`r = \min(0.5, \sqrt{6/(n_{in}+n_{out})})`; call
    :meth:`clamp_weights` after each optimizer step and add ``λ · regularizer()`` to the loss to
    pull W to {−1, 0, 1}, as the paper does.
    """

    def __init__(self, n_in: int, n_out: int, rng: np.random.Generator | None = None,
                 dtype: DTypeLike = np.float64) -> None:
        n_in, n_out = check_size("n_in", n_in), check_size("n_out", n_out)
        rng = np.random.default_rng(0) if rng is None else rng
        r = min(0.5, np.sqrt(6.0 / (n_in + n_out)))
        self.weight = _param(rng.uniform(-r, r, size=(n_in, n_out)), dtype)

    def forward(self, x: Any) -> Tensor:
        return as_tensor(x) @ self.weight.clip(-1.0, 1.0)

    def regularizer(self) -> Tensor:
        r""":math:`\frac{1}{|W|}\sum \min(|W|, 1 - |W|)`: zero exactly when W ∈ {−1, 0, 1}
        (one value per member for a stack)."""
        w = self.weight.abs()
        return w.minimum(1.0 - w).mean(axis=(-2, -1))

    def clamp_weights(self) -> None:
        """Clip W to [−1, 1] in place (after an optimizer step)."""
        np.clip(self.weight.data, -1.0, 1.0, out=self.weight.data)


class NMU(Module):
    r"""Neural multiplication unit: :math:`y_j = \prod_i \big(W_{ij} x_i + 1 - W_{ij}\big)`.

    :math:`W_{ij} \in [0, 1]` selects input i into product j (W = 1) or leaves it out (W = 0).
    Starts from U(0.25, 0.75); use :meth:`clamp_weights` and :meth:`regularizer` as for NAU.
    """

    def __init__(self, n_in: int, n_out: int, rng: np.random.Generator | None = None,
                 dtype: DTypeLike = np.float64) -> None:
        n_in, n_out = check_size("n_in", n_in), check_size("n_out", n_out)
        rng = np.random.default_rng(0) if rng is None else rng
        self.weight = _param(rng.uniform(0.25, 0.75, size=(n_in, n_out)), dtype)

    def forward(self, x: Any) -> Tensor:
        x = as_tensor(x)
        *members, n_in, n_out = self.weight.shape  # members: [B] for a stack, else []
        if x.ndim != 2 + len(members) or tuple(x.shape[:-2]) != tuple(members) \
                or x.shape[-1] != n_in:
            expected = ", ".join([*map(str, members), "N", str(n_in)])
            raise ValueError(f"NMU expects inputs of shape ({expected}), got {x.shape}")
        w = self.weight.clip(0.0, 1.0).reshape(*members, 1, n_in, n_out)
        terms = x.reshape(*x.shape, 1) * w + (1.0 - w)  # (..., N, n_in, n_out)
        return terms.prod(axis=-2)

    def regularizer(self) -> Tensor:
        r""":math:`\frac{1}{|W|}\sum \min(W, 1 - W)`: zero exactly when W ∈ {0, 1} (one value
        per member for a stack)."""
        w = self.weight
        return w.minimum(1.0 - w).mean(axis=(-2, -1))

    def clamp_weights(self) -> None:
        """Clip W to [0, 1] in place (after an optimizer step)."""
        np.clip(self.weight.data, 0.0, 1.0, out=self.weight.data)
