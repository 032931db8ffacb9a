"""The graph node behind :class:`~actlearn.engine.Tensor`: data, gradient, parents, backward().

Every operation builds its output with :func:`result` and, when a gradient is needed, attaches a
closure ``backward(grad_out)`` that pushes ``grad_out`` to the parents by the chain rule.
:meth:`Node.backward` orders the graph (each node before its parents, no recursion) and runs the
closures from the output back to the leaves.

Gradient mode is the one piece of state outside the graph: a context variable that
:func:`no_grad` switches off and restores on exit (per thread and per asyncio task).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from actlearn.activations.kernels._util import restore, silence, silent

_GRAD_ENABLED = contextvars.ContextVar("actlearn_grad_enabled", default=True)
_sum = np.add.reduce
_new = object.__new__
_grad_enabled = _GRAD_ENABLED.get


@contextlib.contextmanager
def no_grad() -> Iterator[None]:
    """Inside this block operations record no graph: every result has ``requires_grad=False``.

    Use it for evaluation and for parameter updates. The mode is the engine's only state
    outside the graph: one context variable (so per thread and per asyncio task), restored to
    its previous value on exit, even on an exception.

    >>> import numpy as np
    >>> from actlearn import Tensor
    >>> w = Tensor(np.ones(2), requires_grad=True)
    >>> with no_grad():
    ...     y = w * 2.0
    >>> y.requires_grad
    False
    """
    token = _GRAD_ENABLED.set(False)
    try:
        yield
    finally:
        _GRAD_ENABLED.reset(token)


def is_grad_enabled() -> bool:
    """True outside any :func:`no_grad` block."""
    return _GRAD_ENABLED.get()


#: ``with ieee():`` NumPy's floating-point warnings off, for the numeric core of one operation.
#: Values follow IEEE 754 as PyTorch's do, silently: x/0 = ±inf, log(0) = −inf, exp(1000) =
#: inf, ∞·0 = ∞ − ∞ = 0/0 = NaN. Entered once per forward operation and once around a whole
#: ``backward()``; a few tenths of a µs (:class:`~actlearn.activations.kernels._util.silent`).
ieee = silent
# The hottest paths (backward, affine, the chain, the operators) write the same switch as
# ``token = silence()`` ... ``finally: restore(token)``: half the cost, no context-manager object.


def result(like: Node, data: Any, parents: tuple[Node, ...], op: str) -> Any:
    """The output node of ``op``: it requires grad iff grad mode is on and a parent requires it.

    ``data`` comes from NumPy on engine-owned float arrays, so it is only wrapped when NumPy
    returned a scalar (a 0-d result), keeping its float dtype.
    """
    out = _new(type(like))
    out.data = data if type(data) is np.ndarray else as_float(data)
    out.grad = None
    out._backward = None
    out._op = op
    if _grad_enabled():
        for parent in parents:
            if parent.requires_grad:
                out.requires_grad = True
                out._parents = parents
                return out
    out.requires_grad = False
    out._parents = ()
    return out


def as_float(data: Any) -> np.ndarray:
    """``data`` as an array of its own float dtype (float32 stays float32), or as float64 when
    it holds integers, booleans or Python numbers, as NumPy computes with them.

    >>> as_float(np.float32(1.5)).dtype, as_float([1, 2]).dtype
    (dtype('float32'), dtype('float64'))
    """
    arr = np.asarray(data)
    return arr if arr.dtype.kind == "f" else arr.astype(np.float64)


def unbroadcast(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum ``grad`` over the axes that broadcasting added or stretched, back to ``shape``.

    >>> unbroadcast(np.ones((2, 3)), (3,))
    array([2., 2., 2.])
    """
    grad_shape = grad.shape
    if grad_shape == shape:
        return grad
    # np.add.reduce is what ndarray.sum calls (the same sums), without its Python wrapper
    return np.asarray(_sum(grad, _summed_axes(grad_shape, tuple(shape)))).reshape(shape)


@functools.lru_cache(maxsize=256)
def _summed_axes(grad_shape: tuple[int, ...], shape: tuple[int, ...]) -> tuple[int, ...]:
    """The axes of a gradient of ``grad_shape`` that broadcasting added or stretched from
    ``shape`` (worked out once per pair of shapes)."""
    extra = len(grad_shape) - len(shape)
    return tuple(range(extra)) + tuple(
        extra + i for i, n in enumerate(shape) if n == 1 and grad_shape[extra + i] != 1
    )


class Node:
    """Storage and reverse-mode machinery; the operations live in the mixins of ``Tensor``."""

    __slots__ = ("data", "grad", "requires_grad", "_parents", "_backward", "_op")
    __array_ufunc__ = None  # ndarray (op) Tensor returns NotImplemented, so Tensor's r-op runs

    data: np.ndarray
    grad: np.ndarray | None
    requires_grad: bool
    _parents: tuple[Node, ...]
    _backward: Callable[[np.ndarray], None] | None
    _op: str

    def _accum(self, grad: np.ndarray) -> None:
        if type(grad) is not np.ndarray:  # NumPy turns 0-d results into scalars
            grad = np.asarray(grad)
        dtype = self.data.dtype
        if grad.dtype is not dtype and grad.dtype != dtype:  # mixed operands: x's dtype
            grad = grad.astype(dtype)
        # Never in place: the incoming array may be shared with the node that sent it.
        self.grad = grad if self.grad is None else self.grad + grad

    def _backward_order(self) -> list[Node]:
        """The computed nodes that require grad, each before all of its parents (the order in
        which their backward rules run: reverse topological). Leaves are left out: they have no
        backward rule to run.

        A chain (every computed node with one computed parent, as in most training steps) is
        walked straight down; any other graph by an iterative depth-first search."""
        order = [self]
        node = self
        while True:
            below = None
            for parent in node._parents:
                if parent._parents:  # computed, and requires grad
                    if below is not None:
                        return self._depth_first_order()
                    below = parent
            if below is None:
                return order
            order.append(below)
            node = below

    def _depth_first_order(self) -> list[Node]:
        """:meth:`_backward_order` for any graph: iterative depth-first search, each node
        listed once all of its parents are, then the list reversed."""
        order: list[Node] = []
        visited = {self}
        path = [self]
        pending = [iter(self._parents)]  # pending[i]: parents of path[i] not yet explored
        while pending:
            for parent in pending[-1]:
                if parent._parents and parent not in visited:  # computed, and requires grad
                    visited.add(parent)
                    path.append(parent)
                    pending.append(iter(parent._parents))
                    break
            else:
                pending.pop()
                order.append(path.pop())
        order.reverse()
        return order

    def backward(self, grad: Any = None) -> None:
        r"""Add :math:`\partial\,\text{self} / \partial\,\text{leaf}` to every leaf's ``.grad``.

        A scalar (size-1) output seeds with 1; any other output needs ``grad`` of its own shape
        (the vector in the vector-Jacobian product). Leaves accumulate across calls (call
        ``zero_grad()`` or set ``.grad = None`` between steps); the gradients of intermediate
        nodes are recomputed on each call.
        """
        if not self.requires_grad:
            raise RuntimeError(
                "backward() on a tensor that does not require grad: no parameter it depends on "
                "has requires_grad=True (or it was computed inside no_grad())"
            )
        data = self.data
        if grad is None:
            if data.size != 1:
                raise RuntimeError(
                    f"backward() on a non-scalar tensor of shape {data.shape} needs an "
                    "explicit gradient of that shape, e.g. t.backward(np.ones(t.shape)); "
                    "or reduce it first, e.g. t.sum().backward()"
                )
            seed = np.array(1.0, dtype=data.dtype)
            if data.ndim:
                seed = seed.reshape(data.shape)
        else:
            seed = np.array(grad.data if isinstance(grad, Node) else grad, dtype=data.dtype)
            if seed.shape != data.shape:
                raise ValueError(
                    f"backward(): gradient of shape {seed.shape} does not match the tensor's "
                    f"shape {data.shape}"
                )
        if not self._parents:  # a leaf's own gradient accumulates like any other leaf's
            self._accum(seed)
            return
        order = self._backward_order()
        for node in order:
            node.grad = None
        self.grad = seed  # (a new array of self's dtype: what _accum would store)
        token = silence()  # ieee() for the whole pass
        try:
            for node in order:
                grad, rule = node.grad, node._backward
                if grad is not None and rule is not None:
                    rule(grad)
        finally:
            restore(token)
