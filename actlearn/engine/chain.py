r"""A chain of dense layers as one graph node: what :class:`~actlearn.nn.MLP` computes.

For layers :math:`l = 1, \dots, L` with weights :math:`W_l`, biases :math:`b_l` and pointwise
activations :math:`f_l` (or none),

.. math:: h_0 = x, \qquad z_l = h_{l-1} W_l + b_l, \qquad h_l = f_l(z_l),

and the node's value is :math:`h_L`. Backward runs the chain rule from the top layer down:

.. math:: \bar z_l = \bar h_l \odot f_l'(z_l), \qquad \bar W_l = h_{l-1}^\top \bar z_l, \qquad
          \bar b_l = \textstyle\sum_n \bar z_{l,n}, \qquad \bar h_{l-1} = \bar z_l W_l^\top.

Each layer makes the same NumPy calls as :func:`~actlearn.engine.affine.affine` with its
activation (shared code: :func:`~actlearn.engine.affine.product`,
:func:`~actlearn.engine.affine.input_grad`, :func:`~actlearn.engine.affine.parameter_grads`),
and each :math:`\bar h_l` is rounded to :math:`h_l`'s dtype as a node's gradient would be,
so values and gradients are those of the layers recorded one node each, bit for bit. What one
node saves is the per-layer bookkeeping: one output tensor, one backward closure and one
floating-point-state switch per chain instead of per layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from actlearn.activations.bound import ActivationFunction
from actlearn.engine.affine import check_shapes, input_grad, parameter_grads, product
from actlearn.engine.node import Node, _grad_enabled, as_float, restore, result, silence
from actlearn.engine.nonlinear import times_slope
from actlearn.engine.tensor import Tensor

_sum = np.add.reduce
#: How a layer's parameter gradients are read off, fixed by its shapes: ``_ROWS`` for inputs
#: (N, n_in) (W̄ = hᵀḡ and b̄ = Σ_n ḡ_n, inline), ``_STACK`` for a stack of layers (W of shape
#: (B, n_in, n_out)), ``_LEADING`` for any other input: a single row (n_in,) or several
#: leading axes (..., n_in) (:func:`~actlearn.engine.affine.parameter_grads`).
_ROWS, _STACK, _LEADING = 0, 1, 2
_ROW_AXIS = (0,)  # the axis summed for a bias gradient of 2-D inputs
#: Where a layer's input gradient goes: nowhere (nothing below needs one), to the layer below,
#: or to the chain's input x, accumulated as any node's.
_NOWHERE, _BELOW, _INPUT = 0, 1, 2
#: (input shape, weight shape, bias shape or None) -> the layer's kind, for every combination
#: check_shapes has accepted: the check runs once per distinct shapes, not once per call.
_FITTING: dict[tuple, int] = {}
_FITTING_MAX = 1024  # forgotten all at once past this many (a new batch size each call, say)
#: One layer: (weight, bias or None, pointwise activation or None).
Layer = tuple[Tensor, Tensor | None, ActivationFunction | None]


def affine_chain(x: Any, layers: Sequence[Layer]) -> Tensor:
    r""":math:`h_L` of the chain :math:`h_l = f_l(h_{l-1} W_l + b_l)`, :math:`h_0 = x`, as one
    node whose parents are x and every weight and bias.

    ``layers`` holds (W, b or None, f or None) per layer, f a pointwise bound
    ``actlearn.activation(...)``. Shapes are checked layer by layer as by ``affine``; W may be
    a stack (B, n_in, n_out) as in :mod:`actlearn.nn.stacked`.

    >>> W1 = Tensor(np.array([[1.0, -1.0]]), requires_grad=True)
    >>> W2 = Tensor(np.array([[1.0], [1.0]]), requires_grad=True)
    >>> from actlearn import activation
    >>> y = affine_chain(np.array([[2.0]]), [(W1, None, activation("relu")), (W2, None, None)])
    >>> y.data, y.op
    (array([[2.]]), 'affine_chain')
    >>> y.backward()
    >>> W1.grad, W2.grad
    (array([[2., 0.]]), array([[2.],
           [0.]]))
    """
    if not layers:
        raise ValueError("affine_chain: needs at least one layer")
    x_node = x if isinstance(x, Node) else Tensor(x)
    parents: list[Node] = [x_node]
    # per layer: (input data, W's data, W, b, kind, z, f' or None, f'(z) if computed with f(z)
    # or None, where the input's gradient goes)
    saved = []
    grad_on = _grad_enabled()
    feeds = _INPUT if grad_on and x_node.requires_grad else _NOWHERE
    h = x_node.data
    token = silence()
    try:
        for w, b, act in layers:
            if not isinstance(w, Node) or not (b is None or isinstance(b, Node)):
                raise TypeError(f"affine_chain: layer {len(saved)} needs Tensor parameters, "
                                f"got {type(w).__name__} and {type(b).__name__}")
            w_data = w.data
            key = (h.shape, w_data.shape, None if b is None else b.data.shape)
            kind = _FITTING.get(key)
            if kind is None:  # shapes not seen yet: a ValueError naming them if they do not fit
                kind = _fit(key, b)
            z = product(h, w_data, b)  # the bias added into the product's own buffer
            below = feeds  # where this layer's input gradient goes
            if b is None:
                parents.append(w)
                if feeds or grad_on and w.requires_grad:
                    feeds = _BELOW
            else:
                parents += w, b
                if feeds or grad_on and (w.requires_grad or b.requires_grad):
                    feeds = _BELOW
            # feeds is now set iff the backward pass will reach this layer
            slope = None
            if act is None:
                derivative = None
                out = z
            else:
                forward, derivative = act.kernels  # the parameters bound
                if derivative is None:
                    raise ValueError(f"affine_chain: {act.name} is a vector activation; "
                                     "apply it separately")
                if feeds and act.together is not None:  # the slope will be needed: with f
                    out, slope = act.together(z)
                else:
                    out = forward(z)
                if type(out) is not np.ndarray:
                    out = as_float(out)
            # (z is kept only for a derivative still to be taken)
            saved.append((h, w_data, w, b, kind, None if slope is not None else z, derivative,
                          slope, below))
            h = out
    finally:
        restore(token)
    node = result(x_node, h, tuple(parents), "affine_chain")
    if node.requires_grad:
        node._backward = _chain_backward(x_node, saved)
    return node


def _fit(key: tuple, b: Node | None) -> int:
    """The kind of a layer with the shapes in ``key`` (remembered in ``_FITTING``), or the
    ValueError of :func:`~actlearn.engine.affine.check_shapes` naming them."""
    xs, ws, _ = key
    kind = _STACK if check_shapes(xs, ws, b) else _ROWS if len(xs) == 2 else _LEADING
    if len(_FITTING) >= _FITTING_MAX:
        _FITTING.clear()
    _FITTING[key] = kind
    return kind


def _chain_backward(x: Node, saved: list) -> Any:
    """The chain rule of the module docstring, from the top layer down; it stops below the
    lowest layer whose input needs no gradient."""

    def backward(g: np.ndarray) -> None:
        for h, w_data, w, b, kind, z, derivative, slope, feeds in reversed(saved):
            if slope is not None:  # computed with the value (kept for a second pass)
                g = g * slope
            elif derivative is not None:
                g = times_slope(g, derivative(z))
            if feeds:  # h̄ = ḡWᵀ (input_grad), a matrix product: always an ndarray
                g_in = g @ w_data.T if kind != _STACK else input_grad(g, w_data, True)
                if feeds == _INPUT:  # the chain's input: accumulated as any node's
                    x._accum(g_in)
            if kind == _ROWS:  # parameter_grads' rows case, inline: W̄ = hᵀḡ, b̄ = Σ_n ḡ_n
                if w.requires_grad:
                    grad = h.T @ g
                    if w.grad is None and grad.dtype is w.data.dtype:
                        w.grad = grad  # what _accum does with a first gradient of w's dtype
                    else:
                        w._accum(grad)
                if b is not None and b.requires_grad:
                    grad = _sum(g, _ROW_AXIS)
                    if b.grad is None and grad.dtype is b.data.dtype:
                        b.grad = grad
                    else:
                        b._accum(grad)
            else:
                parameter_grads(g, h, w, b, kind == _STACK)
            if feeds != _BELOW:
                return
            g = g_in if g_in.dtype == h.dtype else g_in.astype(h.dtype)  # h's node's dtype

    return backward
