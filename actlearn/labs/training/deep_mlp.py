"""``DeepMLP``: Linear → [norm] → activation, repeated, whose forward pass can be traced."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from actlearn import activation as bind_activation
from actlearn.engine import Tensor
from actlearn.nn import BatchNorm1d, LayerNorm, Linear, Module
from actlearn.nn.module import as_tensor

NORMS = {"batch": BatchNorm1d, "layer": LayerNorm}


@dataclass(frozen=True)
class Trace:
    """One forward pass: the logits, and per hidden layer the pre-activations z (the
    activation's input) and the activations a = f(z), as graph tensors (after
    ``loss.backward()``, ``a.grad`` is ∂L/∂a); ``fns[l]`` is layer l's activation (a bound
    registry activation or a Module)."""

    logits: Tensor
    pre: list[Tensor]
    act: list[Tensor]
    fns: list[Any]

    @property
    def names(self) -> list[str]:
        return [getattr(f, "name", type(f).__name__.lower()) for f in self.fns]


class DeepMLP(Module):
    r"""Hidden layers :math:`a_l = f(\mathrm{norm}(a_{l-1} W_l + b_l))`, then logits
    :math:`a_{L-1} W_L + b_L`, for sizes ``[n_in, h_1, …, h_{L-1}, C]``.

    ``activation``: a pointwise registry name (or bound activation), the same for every hidden
    layer. ``norm``: None, "batch" (:class:`~actlearn.nn.BatchNorm1d`) or "layer"
    (:class:`~actlearn.nn.LayerNorm`) between each hidden Linear and its activation; with a
    norm the hidden Linears have no bias (the norm's β takes its place). ``init`` and ``gain``
    draw every weight (:mod:`actlearn.nn.init`); ``last_scale`` then multiplies the last
    layer's weights (0.1 makes the first predictions less confident; 0 makes them uniform).

    >>> net = DeepMLP([2, 8, 8, 3], activation="tanh", norm="batch")
    >>> trace = net.forward_trace(np.zeros((4, 2)))
    >>> trace.logits.shape, len(trace.pre), trace.names
    ((4, 3), 2, ['tanh', 'tanh'])
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: Any = "tanh",
        norm: str | None = None,
        init: str = "xavier",
        gain: float | None = None,
        last_scale: float = 1.0,
        rng: np.random.Generator | None = None,
    ) -> None:
        sizes = list(sizes)
        if len(sizes) < 3:
            raise ValueError(f"DeepMLP needs at least one hidden layer: sizes [n_in, hidden..., "
                             f"C], got {sizes}")
        if norm is not None and norm not in NORMS:
            raise ValueError(f"DeepMLP: norm must be None, 'batch' or 'layer', got {norm!r}")
        if not np.isfinite(last_scale):
            raise ValueError(f"DeepMLP: last_scale must be a finite number, got {last_scale!r}")
        rng = np.random.default_rng(0) if rng is None else rng
        self.f = bind_activation(activation) if isinstance(activation, str) else activation
        if self.f.kind != "pointwise":
            raise ValueError(f"DeepMLP: the activation must be pointwise, got {self.f.name}")
        pairs = list(zip(sizes[:-1], sizes[1:], strict=True))
        self.layers = [
            Linear(a, b, init=init, bias=norm is None or i == len(pairs) - 1, rng=rng, gain=gain)
            for i, (a, b) in enumerate(pairs)
        ]
        self.layers[-1].weight.data *= last_scale
        self.norms = [] if norm is None else [NORMS[norm](b) for _, b in pairs[:-1]]
        self.norm = norm

    def forward_trace(self, x: Any) -> Trace:
        """The forward pass, keeping every hidden layer's pre-activations and activations."""
        h = as_tensor(x)
        pre: list[Tensor] = []
        act: list[Tensor] = []
        for i, layer in enumerate(self.layers[:-1]):
            z = layer(h)
            if self.norms:
                z = self.norms[i](z)
            h = z.activation(self.f)
            pre.append(z)
            act.append(h)
        return Trace(self.layers[-1](h), pre, act, [self.f] * len(pre))

    def forward(self, x: Any) -> Tensor:
        return self.forward_trace(x).logits

    def __repr__(self) -> str:
        sizes = [self.layers[0].weight.shape[0]] + [layer.weight.shape[1] for layer in self.layers]
        return f"DeepMLP({sizes}, activation={self.f.name!r}, norm={self.norm!r})"
