"""``Siren``: a sine layer sin(ω₀(xW + b)) with the initialisation of Sitzmann et al. (2020)."""

from __future__ import annotations

from typing import Any

import numpy as np

from actlearn.activations.bound import activation
from actlearn.engine import Tensor
from actlearn.nn.linear import check_size
from actlearn.nn.module import DTypeLike, Module, as_tensor, float_dtype


def weight_bound(n_in: int, omega_0: float = 30.0, is_first: bool = False) -> float:
    """The half-width c of SIREN's uniform weights U(−c, c): 1/n_in for the first layer,
    √(6/n_in)/ω₀ after it (so ω₀·Wx keeps unit-scale, arcsine-distributed activations).

    >>> weight_bound(1, is_first=True), round(weight_bound(256, 30.0), 6)
    (1.0, 0.005103)
    """
    if n_in < 1 or not omega_0 > 0:
        raise ValueError(f"weight_bound: need n_in >= 1 and omega_0 > 0, got {n_in}, {omega_0}")
    return 1.0 / n_in if is_first else float(np.sqrt(6.0 / n_in) / omega_0)


class Siren(Module):
    r""":math:`y = \sin(\omega_0 (xW + b))`, through the registry's ``sin`` activation.

    Weights: :math:`U(-1/n_{in}, 1/n_{in})` for the first layer, else
    :math:`U(-\sqrt{6/n_{in}}/\omega_0, \sqrt{6/n_{in}}/\omega_0)`, so that every layer's
    pre-activations ω₀(xW + b) stay of order one and the outputs keep an arcsine distribution.
    Biases: :math:`U(-1/\sqrt{n_{in}}, 1/\sqrt{n_{in}})` as in the authors' code. ``dtype``
    (float64 by default) is the parameters' dtype.

    >>> Siren(1, 16, is_first=True, rng=np.random.default_rng(0))(np.zeros((3, 1))).shape
    (3, 16)
    """

    def __init__(
        self,
        n_in: int,
        n_out: int,
        omega_0: float = 30.0,
        is_first: bool = False,
        rng: np.random.Generator | None = None,
        dtype: DTypeLike = np.float64,
    ) -> None:
        n_in, n_out = check_size("n_in", n_in), check_size("n_out", n_out)
        rng = np.random.default_rng(0) if rng is None else rng
        self.sine = activation("sin", omega_0=omega_0)
        limit = weight_bound(n_in, omega_0, is_first)
        dtype = float_dtype(dtype)
        self.weight = Tensor(rng.uniform(-limit, limit, size=(n_in, n_out)), requires_grad=True,
                             dtype=dtype)
        bound = 1.0 / np.sqrt(n_in)
        self.bias = Tensor(rng.uniform(-bound, bound, size=n_out), requires_grad=True, dtype=dtype)
        self.omega_0, self.is_first = float(omega_0), bool(is_first)

    def forward(self, x: Any) -> Tensor:
        return (as_tensor(x) @ self.weight + self.bias).activation(self.sine)

    def __repr__(self) -> str:
        n_in, n_out = self.weight.shape
        return f"Siren({n_in}, {n_out}, omega_0={self.omega_0}, is_first={self.is_first})"
