"""``Tensor``: a float64 NumPy array that records the operations applied to it.

>>> import numpy as np
>>> x = Tensor(np.array([1.0, 2.0, 3.0]), requires_grad=True)
>>> loss = (x * x).sum()
>>> loss.backward()
>>> x.grad
array([2., 4., 6.])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from actlearn.engine.elementwise import Elementwise
from actlearn.engine.node import Node, result
from actlearn.engine.nonlinear import Nonlinear
from actlearn.engine.shaping import Shaping


class Tensor(Elementwise, Shaping, Nonlinear):
    """Reverse-mode automatic differentiation over float64 NumPy arrays.

    ``Tensor(data, requires_grad=False)`` copies ``data`` into a new float64 array. Operations
    broadcast like NumPy and build a graph whenever an input requires a gradient;
    ``loss.backward()`` then fills ``.grad`` (an ndarray of the tensor's shape) for every leaf
    that requires one. Gradients accumulate across ``backward()`` calls.
    """

    __slots__ = ()

    def __init__(self, data: Any, requires_grad: bool = False) -> None:
        if isinstance(data, Node):
            data = data.data
        arr = np.asarray(data)
        if arr.dtype.kind not in "biuf":
            raise TypeError(
                f"Tensor expects real numbers (an array, list or number); got "
                f"{type(data).__name__}" + (f" of dtype {arr.dtype}" if arr.dtype != object else "")
            )
        self.data = np.array(arr, dtype=np.float64)
        self.grad = None
        self.requires_grad = bool(requires_grad)
        self._parents = ()
        self._backward = None
        self._op = "leaf"

    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def ndim(self) -> int:
        return self.data.ndim

    @property
    def size(self) -> int:
        return self.data.size

    @property
    def parents(self) -> tuple[Tensor, ...]:
        """The inputs this tensor was computed from, in argument order (empty for leaves)."""
        return self._parents  # type: ignore[return-value]

    @property
    def op(self) -> str:
        """The name of the operation that produced this tensor ("leaf" for inputs)."""
        return self._op

    @property
    def is_leaf(self) -> bool:
        """True for tensors not computed from a tensor that requires grad."""
        return not self._parents

    def detach(self) -> Tensor:
        """The same data (shared, not copied) cut from the graph: requires_grad is False."""
        return result(self, self.data, (), "detach")

    def item(self) -> float:
        """The value of a one-element tensor as a Python float."""
        if self.data.size != 1:
            raise ValueError(f"item() needs a one-element tensor, got shape {self.data.shape}")
        return float(self.data.reshape(()))

    def numpy(self) -> np.ndarray:
        """The data array itself (not a copy)."""
        return self.data

    def zero_grad(self) -> None:
        """Forget the accumulated gradient (``.grad = None``)."""
        self.grad = None

    def __len__(self) -> int:
        if self.data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return len(self.data)

    def __float__(self) -> float:
        return self.item()

    def __repr__(self) -> str:
        body = np.array2string(self.data, separator=", ", prefix="Tensor(")
        grad = ", requires_grad=True" if self.requires_grad else ""
        return f"Tensor({body}{grad})"
