"""Reductions and shape changes: sum, mean, prod, reshape, transpose, indexing."""

from __future__ import annotations

from typing import Any

import numpy as np

from actlearn.engine.node import Node, ieee, restore, result, silence

Axis = int | tuple[int, ...] | None
_sum = np.add.reduce  # ndarray.sum without its Python wrapper


def normalise_axes(axis: Axis, ndim: int, op: str) -> tuple[int, ...]:
    """``axis`` as a sorted tuple of non-negative axes (None: all of them)."""
    if axis is None:
        return tuple(range(ndim))
    axes = (axis,) if isinstance(axis, (int, np.integer)) else tuple(axis)
    for ax in axes:
        if not -ndim <= ax < ndim:
            raise ValueError(f"{op}: axis {ax} is out of range for a tensor with {ndim} axes")
    return tuple(sorted(ax % ndim for ax in axes)) if ndim else ()


def _is_basic(index: Any) -> bool:
    """True for ints, slices, None and Ellipsis (NumPy views, no repeated elements)."""
    items = index if isinstance(index, tuple) else (index,)
    return all(
        isinstance(item, (int, np.integer, slice)) or item is None or item is Ellipsis
        for item in items
    )


class Shaping(Node):
    """sum, mean, prod, reshape, transpose, .T, indexing and slicing."""

    __slots__ = ()

    def sum(self, axis: Axis = None, keepdims: bool = False) -> Any:
        r""":math:`\sum_i x_i` over ``axis`` (all by default); each input gets the output's grad."""
        x = self.data
        if axis is None:
            token = silence()  # ieee(): inf + (−inf) is NaN, silently
            try:
                data = _sum(x, axis=None, keepdims=keepdims)
            finally:
                restore(token)
            out = result(self, data, (self,), "sum")
            kept = (1,) * x.ndim
        else:
            axes = normalise_axes(axis, x.ndim, "sum")
            token = silence()
            try:
                data = _sum(x, axis=axes, keepdims=keepdims)
            finally:
                restore(token)
            out = result(self, data, (self,), "sum")
            kept = tuple(1 if i in axes else n for i, n in enumerate(x.shape))
        if out.requires_grad:

            def backward(g: np.ndarray) -> None:
                grad = np.empty(x.shape, dtype=x.dtype)
                grad[...] = g.reshape(kept)
                self._accum(grad)

            out._backward = backward
        return out

    def mean(self, axis: Axis = None, keepdims: bool = False) -> Any:
        r""":math:`\frac1n\sum_i x_i` over ``axis``: the sum divided by the count."""
        axes = normalise_axes(axis, self.data.ndim, "mean")
        count = 1
        for ax in axes:
            count *= self.data.shape[ax]
        return self.sum(axes, keepdims) / count

    def prod(self, axis: int) -> Any:
        r""":math:`\prod_i x_i` along ``axis``; :math:`\partial/\partial x_k = \prod_{i\ne k} x_i`.

        The gradient multiplies exclusive cumulative products, so zeros are handled exactly.
        """
        x = self.data
        (ax,) = normalise_axes(axis, x.ndim, "prod")
        with ieee():
            data = np.prod(x, axis=ax)
        out = result(self, data, (self,), "prod")
        if out.requires_grad:

            def backward(g: np.ndarray) -> None:
                moved = np.moveaxis(x, ax, -1)
                ones = np.ones(moved.shape[:-1] + (1,), dtype=x.dtype)
                before = np.cumprod(np.concatenate([ones, moved[..., :-1]], axis=-1), axis=-1)
                after = np.cumprod(np.concatenate([ones, moved[..., :0:-1]], axis=-1), axis=-1)
                others = before * after[..., ::-1]
                self._accum(np.moveaxis(others * g[..., None], -1, ax))

            out._backward = backward
        return out

    def reshape(self, *shape: Any) -> Any:
        """The same elements in a new shape (one entry may be -1), as ``ndarray.reshape``."""
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        x = self.data
        try:
            data = x.reshape(shape)
        except ValueError:
            raise ValueError(f"reshape: cannot reshape shape {x.shape} into {shape}") from None
        out = result(self, data, (self,), "reshape")
        if out.requires_grad:
            out._backward = lambda g: self._accum(g.reshape(x.shape))
        return out

    def transpose(self, *axes: int) -> Any:
        """Axes permuted (reversed by default), as ``ndarray.transpose``."""
        if len(axes) == 1 and isinstance(axes[0], (tuple, list)):
            axes = tuple(axes[0])
        perm = tuple(range(self.data.ndim))[::-1] if not axes else axes
        try:
            data = self.data.transpose(perm)
        except ValueError:
            raise ValueError(
                f"transpose: axes {perm} are not a permutation for shape {self.data.shape}"
            ) from None
        out = result(self, data, (self,), "transpose")
        if out.requires_grad:
            inverse = tuple(np.argsort(perm))
            out._backward = lambda g: self._accum(g.transpose(inverse))
        return out

    @property
    def T(self) -> Any:  # noqa: N802
        """The transpose (axes reversed)."""
        return self.transpose()

    def swapaxes(self, axis1: int, axis2: int) -> Any:
        """Two axes exchanged, e.g. ``k.swapaxes(-1, -2)`` for a batch of matrices."""
        perm = list(range(self.data.ndim))
        perm[axis1], perm[axis2] = perm[axis2], perm[axis1]
        return self.transpose(tuple(perm))

    def __getitem__(self, index: Any) -> Any:
        """Indexing and slicing as NumPy; repeated fancy indices accumulate their gradients."""
        if isinstance(index, Node):
            index = index.data.astype(np.intp)
        x = self.data
        out = result(self, x[index], (self,), "index")
        if out.requires_grad:
            basic = _is_basic(index)

            def backward(g: np.ndarray) -> None:
                grad = np.zeros(x.shape, dtype=x.dtype)
                if basic:
                    grad[index] = g
                else:
                    np.add.at(grad, index, g)
                self._accum(grad)

            out._backward = backward
        return out
