"""``Tensor``: a NumPy float array that records the operations applied to it.

Precision follows NumPy. A tensor keeps the float dtype of its data (float32 stays float32);
integers, booleans, lists and Python numbers become float64, the default. An operation's
result has the dtype NumPy gives the same operation on the arrays, so mixed operands promote
as in NumPy: float32 with float32 is float32, float32 with a float64 array is float64, and a
Python number is *weak* (``float32_tensor * 2.0`` stays float32; under NumPy 2 a NumPy
float64 scalar is not weak and promotes, as it does for arrays). A constant array of integers
combines as NumPy would combine it with the tensor's data. Every gradient has the dtype of its
tensor: where a float32 tensor fed a float64 result, the gradient is rounded back to float32.

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
    """Reverse-mode automatic differentiation over NumPy float arrays (float64 by default).

    ``Tensor(data, requires_grad=False, dtype=None)`` copies ``data`` into a new array of its
    own float dtype (float32 stays float32; integers, lists and numbers become float64), or of
    ``dtype`` when given. Operations broadcast and promote like NumPy (module docstring) and
    build a graph whenever an input requires a gradient; ``loss.backward()`` then fills
    ``.grad`` (an ndarray of the tensor's shape and dtype) for every leaf that requires one.
    Gradients accumulate across ``backward()`` calls.

    >>> Tensor(np.ones(2, dtype=np.float32)).dtype, Tensor([1, 2]).dtype
    (dtype('float32'), dtype('float64'))
    """

    __slots__ = ()

    def __init__(self, data: Any, requires_grad: bool = False, dtype: Any = None) -> None:
        if isinstance(data, Node):
            data = data.data
        arr = np.asarray(data)
        if arr.dtype.kind not in "biuf":
            raise TypeError(
                f"Tensor expects real numbers (an array, list or number); got "
                f"{type(data).__name__}" + (f" of dtype {arr.dtype}" if arr.dtype != object else "")
            )
        if dtype is None:
            dtype = arr.dtype if arr.dtype.kind == "f" else np.float64
        elif np.dtype(dtype).kind != "f":
            raise TypeError(f"Tensor dtype must be a float type, got {np.dtype(dtype)}")
        self.data = np.array(arr, dtype=dtype)
        self.grad = None
        self.requires_grad = bool(requires_grad)
        self._parents = ()
        self._backward = None
        self._op = "leaf"

    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def dtype(self) -> np.dtype:
        """The float dtype of the data (and of the gradient)."""
        return self.data.dtype

    def astype(self, dtype: Any) -> Tensor:
        """The values in another float dtype, differentiably: the gradient flows back rounded
        to this tensor's dtype. The same dtype gives the tensor itself, as NumPy's
        ``astype(copy=False)``.

        >>> Tensor([0.1]).astype(np.float32).dtype
        dtype('float32')
        """
        dtype = np.dtype(dtype)
        if dtype.kind != "f":
            raise TypeError(f"astype: a tensor holds floats, got {dtype}")
        if dtype == self.data.dtype:
            return self
        out = result(self, self.data.astype(dtype), (self,), "astype")
        if out.requires_grad:
            out._backward = self._accum  # _accum rounds to this tensor's dtype
        return out

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
