"""Elementwise arithmetic and matrix products, each forward pass beside its chain rule.

Operands broadcast as in NumPy; each gradient is summed back to its operand's shape. Plain
numbers take a fast path (no constant node). ``t - 1`` is ``t + (-1)`` and ``-a`` is ``a * -1``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from actlearn.engine.node import Node, ieee, restore, result, silence, unbroadcast

_NUMBER = (int, float)


def shape_error(op: str, a: np.ndarray, b: np.ndarray) -> ValueError:
    return ValueError(f"{op}: operands of shapes {a.shape} and {b.shape} do not broadcast")


class Arithmetic(Node):
    """The operators + - * / ** @ and unary minus, with reversed operands (2 * t, 1 / t)."""

    __slots__ = ()

    def _operands(self, other: Any, op: str, ufunc: np.ufunc) -> tuple[Node, Node, np.ndarray]:
        """(self, other as a node, ufunc of their data), or a ValueError naming both shapes."""
        b = self._lift(other, op)
        token = silence()  # ieee(), at half the cost
        try:
            return self, b, ufunc(self.data, b.data)
        except ValueError:
            raise shape_error(op, self.data, b.data) from None
        finally:
            restore(token)

    def _lift(self, other: Any, op: str) -> Node:
        """``other`` as a node: Tensors pass through, arrays and numbers become constants (a
        Python number and an integer or boolean array take the float dtype NumPy gives them
        beside this tensor's data; a float array keeps its own)."""
        if isinstance(other, Node):
            return other
        if type(other) in _NUMBER:  # a Python number is weak: it takes this tensor's dtype
            return result(self, np.asarray(other, dtype=self.data.dtype), (), "const")
        arr = np.asarray(other)
        kind = arr.dtype.kind
        if kind not in "biuf":
            raise TypeError(f"{op}: cannot combine a Tensor with {type(other).__name__}")
        if kind != "f":
            arr = arr.astype(np.result_type(arr.dtype, self.data.dtype))
        return result(self, arr, (), "const")

    def __add__(self, other: Any) -> Any:
        if isinstance(other, _NUMBER):
            token = silence()
            try:
                data = self.data + other
            finally:
                restore(token)
            out = result(self, data, (self,), "+")
            if out.requires_grad:
                out._backward = self._accum
            return out
        a, b, data = self._operands(other, "+", np.add)
        out = result(self, data, (a, b), "+")
        if out.requires_grad:
            a_shape, b_shape = a.data.shape, b.data.shape

            def backward(g: np.ndarray) -> None:
                to_a = None
                if a.requires_grad:
                    to_a = g if g.shape == a_shape else unbroadcast(g, a_shape)
                    a._accum(to_a)
                if b.requires_grad:
                    to_b = g if g.shape == b_shape else unbroadcast(g, b_shape)
                    # Two operands never share one gradient array (one may be edited in place).
                    b._accum(to_b.copy() if to_b is to_a else to_b)

            out._backward = backward
        return out

    __radd__ = __add__

    def __mul__(self, other: Any) -> Any:
        if isinstance(other, _NUMBER):
            a = self
            token = silence()
            try:
                data = a.data * other
            finally:
                restore(token)
            out = result(self, data, (a,), "*")
            if out.requires_grad:
                out._backward = lambda g: a._accum(g * other)
            return out
        a, b, data = self._operands(other, "*", np.multiply)
        out = result(self, data, (a, b), "*")
        if out.requires_grad:

            def backward(g: np.ndarray) -> None:
                if a.requires_grad:
                    a._accum(unbroadcast(g * b.data, a.data.shape))
                if b.requires_grad:
                    b._accum(unbroadcast(g * a.data, b.data.shape))

            out._backward = backward
        return out

    __rmul__ = __mul__

    def __neg__(self) -> Any:
        return self * -1.0

    def __sub__(self, other: Any) -> Any:
        r""":math:`a - b`; :math:`\partial/\partial a = 1`, :math:`\partial/\partial b = -1`.

        A number is folded into a ``+`` node (``t - 1`` is ``t + (-1)``)."""
        if isinstance(other, _NUMBER):
            return self + (-other)
        a, b, data = self._operands(other, "-", np.subtract)
        out = result(self, data, (a, b), "-")
        if out.requires_grad:
            a_shape, b_shape = a.data.shape, b.data.shape

            def backward(g: np.ndarray) -> None:
                if a.requires_grad:
                    a._accum(g if g.shape == a_shape else unbroadcast(g, a_shape))
                if b.requires_grad:
                    b._accum(-(g if g.shape == b_shape else unbroadcast(g, b_shape)))

            out._backward = backward
        return out

    def __rsub__(self, other: Any) -> Any:
        """``c - t`` for a number or array c: one ``-`` node whose gradient is −1."""
        if not isinstance(other, _NUMBER):
            return self._lift(other, "-") - self
        a = self
        with ieee():
            data = other - a.data
        out = result(self, data, (a,), "-")
        if out.requires_grad:
            out._backward = lambda g: a._accum(-g)
        return out

    def __truediv__(self, other: Any) -> Any:
        r""":math:`a/b`; :math:`\partial/\partial a = 1/b`, :math:`\partial/\partial b = -a/b^2`."""
        a = self
        if isinstance(other, _NUMBER):
            token = silence()
            try:
                data = a.data / other
            finally:
                restore(token)
            out = result(self, data, (a,), "/")
            if out.requires_grad:
                out._backward = lambda g: a._accum(g / other)
            return out
        a, b, data = self._operands(other, "/", np.divide)
        out = result(self, data, (a, b), "/")
        if out.requires_grad:

            def backward(g: np.ndarray) -> None:
                g_over_b = g / b.data
                if a.requires_grad:
                    a._accum(unbroadcast(g_over_b, a.data.shape))
                if b.requires_grad:
                    b._accum(unbroadcast(-g_over_b * data, b.data.shape))

            out._backward = backward
        return out

    def __rtruediv__(self, other: Any) -> Any:
        return self._lift(other, "/") / self

    def __pow__(self, exponent: Any) -> Any:
        r""":math:`x^p` for a number p; :math:`\partial/\partial x = p\,x^{p-1}`."""
        if not isinstance(exponent, _NUMBER):
            raise TypeError(
                f"Tensor ** {type(exponent).__name__}: the exponent must be a number; for a "
                "tensor exponent write (e * base.log()).exp()"
            )
        x = self.data
        with ieee():
            data = x**exponent
        out = result(self, data, (self,), f"**{exponent}")
        if out.requires_grad:
            if exponent == 0:
                out._backward = lambda g: self._accum(np.zeros(x.shape, dtype=x.dtype))
            else:
                out._backward = lambda g: self._accum(g * (exponent * x ** (exponent - 1)))
        return out

    def __rpow__(self, base: Any) -> Any:
        r""":math:`c^x` for a number c > 0; :math:`\partial/\partial x = c^x \ln c`."""
        if not isinstance(base, _NUMBER) or base <= 0:
            raise TypeError(f"number ** Tensor needs a positive number base, got {base!r}")
        with ieee():
            data = float(base) ** self.data
        out = result(self, data, (self,), "rpow")
        if out.requires_grad:
            out._backward = lambda g: self._accum(g * data * np.log(base))
        return out

    def __matmul__(self, other: Any) -> Any:
        r"""Matrix product (batched over leading axes, 1-D operands as in NumPy).

        :math:`\partial L/\partial A = G B^\top`, :math:`\partial L/\partial B = A^\top G`.
        """
        a, b = self, self._lift(other, "@")
        token = silence()
        try:
            data = a.data @ b.data
        except ValueError:
            raise ValueError(
                f"@: shapes {a.data.shape} and {b.data.shape} are not aligned (the last axis "
                "of the left operand must match the second-to-last of the right)"
            ) from None
        finally:
            restore(token)
        out = result(self, data, (a, b), "@")
        if out.requires_grad:
            out._backward = _matmul_backward(a, b)
        return out

    def __rmatmul__(self, other: Any) -> Any:
        return self._lift(other, "@") @ self


def _matmul_backward(a: Node, b: Node) -> Any:
    """The closure for ``a @ b``; 1-D operands are lifted to matrices and squeezed back."""
    x, y = a.data, b.data
    if x.ndim == 2 and y.ndim == 2:

        def backward_2d(g: np.ndarray) -> None:
            if a.requires_grad:
                a._accum(g @ y.T)
            if b.requires_grad:
                b._accum(x.T @ g)

        return backward_2d
    if x.ndim == y.ndim > 2 and x.shape[:-2] == y.shape[:-2]:  # a stack, nothing broadcast
        xt, yt = np.swapaxes(x, -1, -2), np.swapaxes(y, -1, -2)

        def backward_stacked(g: np.ndarray) -> None:
            if a.requires_grad:
                a._accum(g @ yt)
            if b.requires_grad:
                b._accum(xt @ g)

        return backward_stacked
    x2 = x[None, :] if x.ndim == 1 else x
    y2 = y[:, None] if y.ndim == 1 else y

    def backward(g: np.ndarray) -> None:
        if y.ndim == 1:
            g = g[..., None]
        if x.ndim == 1:
            g = np.expand_dims(g, -2)
        if a.requires_grad:
            a._accum(unbroadcast(g @ np.swapaxes(y2, -1, -2), x2.shape).reshape(x.shape))
        if b.requires_grad:
            b._accum(unbroadcast(np.swapaxes(x2, -1, -2) @ g, y2.shape).reshape(y.shape))

    return backward
