"""``MLP``: a stack of Linear layers with an activation after each hidden one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from actlearn.activations.bound import ActivationFunction, activation
from actlearn.engine import Tensor
from actlearn.engine.affine import affine
from actlearn.engine.chain import Layer, affine_chain
from actlearn.nn.linear import Linear, check_size
from actlearn.nn.module import DTypeLike, Module, as_tensor, float_dtype
from actlearn.nn.prelu import PReLU

ActivationSpec = str | ActivationFunction | Module


def _bind(spec: ActivationSpec, where: str, dtype: np.dtype) -> ActivationFunction | Module:
    """A registry activation bound once (or a learnable PReLU module for "prelu")."""
    if isinstance(spec, Module):
        return spec
    if spec == "prelu":
        return PReLU(dtype=dtype)
    if not isinstance(spec, (str, ActivationFunction)):
        raise TypeError(f"{where}: expected an activation name, got {type(spec).__name__}")
    fn = activation(spec) if isinstance(spec, str) else spec
    if fn.kind != "pointwise" and where != "output":
        raise ValueError(f"{where}: {fn.name} changes the width; hidden activations must be "
                         "pointwise (see actlearn.list_activations('pointwise'))")
    return fn


class MLP(Module):
    """A multilayer perceptron ``sizes[0] → sizes[1] → … → sizes[-1]``.

    ``activation`` follows every hidden layer: a registry name (``actlearn.list_activations()``),
    a bound ``actlearn.activation(...)``, a Module, or a list with one per hidden layer. The name
    "prelu" gives a learnable :class:`PReLU` per layer. ``output_activation`` (default none: the
    network returns logits) follows the last layer. ``init`` and ``gain`` go to every
    :class:`Linear` (``gain=None``: the initialiser's own), and ``dtype`` to every layer with
    parameters (float64 by default; ``dtype=np.float32`` for a float32 network).

    >>> net = MLP([2, 8, 1], activation="tanh", rng=np.random.default_rng(0))
    >>> net(np.zeros((5, 2))).shape
    (5, 1)
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: ActivationSpec | Sequence[ActivationSpec] = "relu",
        output_activation: ActivationSpec | None = None,
        init: str = "he",
        rng: np.random.Generator | None = None,
        gain: float | None = None,
        dtype: DTypeLike = np.float64,
    ) -> None:
        dtype = float_dtype(dtype)
        sizes = [check_size(f"sizes[{i}]", n) for i, n in enumerate(sizes)]
        if len(sizes) < 2:
            raise ValueError(f"MLP needs at least an input and an output size, got {sizes}")
        rng = np.random.default_rng(0) if rng is None else rng
        hidden = len(sizes) - 2
        specs = list(activation) if isinstance(activation, (list, tuple)) else [activation] * hidden
        if len(specs) != hidden:
            raise ValueError(
                f"MLP with sizes {sizes} has {hidden} hidden layers but got {len(specs)} "
                "activations"
            )
        pairs = zip(sizes[:-1], sizes[1:], strict=True)
        self.layers = [Linear(a, b, init=init, rng=rng, gain=gain, dtype=dtype) for a, b in pairs]
        self.activations = [_bind(spec, f"activation {i}", dtype) for i, spec in enumerate(specs)]
        self.output_activation = (
            None if output_activation is None else _bind(output_activation, "output", dtype)
        )

    def forward(self, x: Any) -> Tensor:
        chain = self._chain()
        if chain is not None:  # every layer one Linear and a registry activation: one node
            try:
                h = affine_chain(x, chain)  # (which makes an array x a constant Tensor)
            except ValueError:
                self.layers[0].check_input(as_tensor(x))  # a wrong width is named as Linear does
                raise
        else:
            h = as_tensor(x)
            first = self.layers[0]
            if type(first) is Linear:
                first.check_input(h)  # the later layers' inputs come from the layers before
            for layer, act in zip(self.layers, self.activations, strict=False):
                if type(act) is ActivationFunction and type(layer) is Linear:  # one node
                    h = affine(h, layer.weight, layer.bias, activation=act)
                else:
                    h = _act(act, layer(h))
            h = self.layers[-1](h)
        return h if self.output_activation is None else _act(self.output_activation, h)

    def _chain(self) -> list[Layer] | None:
        """(W, b, f) per layer for :func:`~actlearn.engine.chain.affine_chain`, or None when a
        layer is not a plain Linear or a hidden activation is a Module (such as PReLU)."""
        layers = self.layers
        last = layers[-1]
        if type(last) is not Linear or len(layers) != len(self.activations) + 1:
            return None
        chain: list[Layer] = []
        for layer, act in zip(layers, self.activations):  # noqa: B905 (lengths checked above)
            if type(layer) is not Linear or type(act) is not ActivationFunction:
                return None
            chain.append((layer.weight, layer.bias, act))
        chain.append((last.weight, last.bias, None))
        return chain

    def __repr__(self) -> str:
        first = self.layers[0].weight.shape[-2]
        sizes = [first] + [layer.weight.shape[-1] for layer in self.layers]
        names = [getattr(a, "name", type(a).__name__) for a in self.activations]
        return f"MLP({sizes}, activation={names})"


def _act(act: ActivationFunction | Module, h: Tensor) -> Tensor:
    return h._apply(act.record, act.params) if isinstance(act, ActivationFunction) else act(h)
