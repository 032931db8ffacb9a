"""``Module``: the base of every layer; it finds its parameters by walking its attributes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

import numpy as np

from actlearn.engine import Tensor

M = TypeVar("M", bound="Module")
DTypeLike = Any  # np.float32, np.float64, "float32", np.dtype(...)


def float_dtype(dtype: DTypeLike) -> np.dtype:
    """``dtype`` as a NumPy float dtype, or a TypeError naming it (layers hold floats).

    >>> float_dtype("float32")
    dtype('float32')
    """
    try:
        resolved = np.dtype(dtype)
    except TypeError:
        resolved = None
    if resolved is None or resolved.kind != "f":
        raise TypeError(f"dtype must be a float type such as np.float32 or np.float64, got "
                        f"{dtype!r}")
    return resolved


def as_tensor(x: Any) -> Tensor:
    """``x`` itself if it is a Tensor, else a constant Tensor (no gradient) holding it."""
    return x if isinstance(x, Tensor) else Tensor(x)


class Module:
    """A layer or a network: ``module(x)`` calls ``forward(x)``.

    Parameters are the attributes that are Tensors with ``requires_grad=True``, the
    parameters of attributes that are Modules, and those inside lists or tuples of them, in
    the order the attributes were set. Sub-modules are found the same way (:meth:`modules`).

    ``training`` is True for a new module; :meth:`train` and :meth:`eval` set it on the module
    and all its sub-modules (layers such as BatchNorm1d behave differently in the two modes).

    >>> class Scale(Module):
    ...     def __init__(self):
    ...         self.factor = Tensor(2.0, requires_grad=True)
    ...     def forward(self, x):
    ...         return x * self.factor
    >>> [name for name, _ in Scale().named_parameters()]
    ['factor']
    """

    training: bool = True  # a class default, so subclasses need not call super().__init__()

    def forward(self, *args: Any, **kwargs: Any) -> Tensor:
        raise NotImplementedError(f"{type(self).__name__} must define forward()")

    def __call__(self, *args: Any, **kwargs: Any) -> Tensor:
        return self.forward(*args, **kwargs)

    def named_parameters(self, prefix: str = "") -> Iterator[tuple[str, Tensor]]:
        """(dotted name, tensor) for every parameter, each tensor once."""
        seen: set[int] = set()
        for name, tensor in self._walk(prefix):
            if id(tensor) not in seen:
                seen.add(id(tensor))
                yield name, tensor

    def _attributes(self, prefix: str) -> Iterator[tuple[str, Any]]:
        """(dotted name, item) for every attribute, and for every entry of a list or tuple one."""
        for attr, value in vars(self).items():
            items = enumerate(value) if isinstance(value, (list, tuple)) else [(None, value)]
            for index, item in items:
                yield prefix + attr + ("" if index is None else f".{index}"), item

    def _walk(self, prefix: str) -> Iterator[tuple[str, Tensor]]:
        for name, item in self._attributes(prefix):
            if isinstance(item, Tensor) and item.requires_grad:
                yield name, item
            elif isinstance(item, Module):
                yield from item._walk(name + ".")

    def modules(self) -> Iterator[Module]:
        """This module, then every sub-module (depth first, each once).

        >>> class Pair(Module):
        ...     def __init__(self):
        ...         self.layers = [Module(), Module()]
        >>> len(list(Pair().modules()))
        3
        """
        seen: set[int] = set()
        pending: list[Module] = [self]
        while pending:
            module = pending.pop()
            if id(module) in seen:
                continue
            seen.add(id(module))
            yield module
            subs = [item for _, item in module._attributes("") if isinstance(item, Module)]
            pending.extend(reversed(subs))

    def train(self: M, mode: bool = True) -> M:
        """Set ``training = mode`` on this module and every sub-module; returns the module.

        >>> Module().train(False).training, Module().eval().training
        (False, False)
        """
        if not isinstance(mode, (bool, np.bool_)):
            raise ValueError(f"train(mode): mode must be True or False, got {mode!r}")
        for module in self.modules():
            module.training = bool(mode)
        return self

    def eval(self: M) -> M:
        """Evaluation mode, ``train(False)``: BatchNorm1d uses its running statistics."""
        return self.train(False)

    def astype(self: M, dtype: DTypeLike) -> M:
        """Cast every parameter (and every float array a module keeps, such as BatchNorm's
        running statistics) of this module and its sub-modules to ``dtype``, in place;
        returns the module. Gradients are dropped; build the optimizer afterwards (Adam's
        moment buffers take the parameters' dtype when it is created).

        >>> from actlearn.nn import Linear
        >>> Linear(2, 3).astype(np.float32).weight.dtype
        dtype('float32')
        """
        dtype = float_dtype(dtype)
        for module in self.modules():
            for attr, value in vars(module).items():
                if isinstance(value, np.ndarray) and value.dtype.kind == "f":
                    setattr(module, attr, value.astype(dtype))
            for _, item in module._attributes(""):
                if isinstance(item, Tensor):
                    item.data = item.data.astype(dtype, copy=False)
                    item.grad = None
        return self

    def parameters(self) -> list[Tensor]:
        """The trainable tensors, for an optimizer: ``SGD(model.parameters(), lr=0.1)``."""
        return [tensor for _, tensor in self.named_parameters()]

    def zero_grad(self) -> None:
        """Set every parameter's ``.grad`` to None."""
        for tensor in self.parameters():
            tensor.grad = None

    def num_parameters(self) -> int:
        """The total number of trainable scalars."""
        return int(sum(np.size(t.data) for t in self.parameters()))

    def __repr__(self) -> str:
        inner = ", ".join(
            f"{name}={value!r}"
            for name, value in vars(self).items()
            if isinstance(value, (Module, list, tuple))
        )
        return f"{type(self).__name__}({inner})"
