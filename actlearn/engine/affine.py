r"""The affine map :math:`y = xW + b` as one graph node (what every dense layer computes).

``x @ W + b`` written with two operators records two nodes and allocates two outputs; fused,
the bias is added into the product's own buffer and backward reads the three gradients
straight off the chain rule:

.. math:: \bar x = \bar y\, W^\top, \qquad \bar W = x^\top \bar y, \qquad
          \bar b = \textstyle\sum_n \bar y_n \ (\text{summed over every leading axis}).

For a batch of rows (x of shape (N, n_in)) the values and gradients are those of ``x @ W + b``
bit for bit: the same NumPy calls in the same order.

A *stack* of B layers (see :mod:`actlearn.nn.stacked`) has W of shape (B, n_in, n_out) and b of
shape (B, 1, n_out), and maps x of shape (B, N, n_in) member by member; then
:math:`\bar W_b = x_b^\top \bar y_b` and :math:`\bar b_b = \sum_n \bar y_{bn}`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from actlearn.activations.bound import ActivationFunction
from actlearn.engine.node import Node, _grad_enabled, restore, result, silence
from actlearn.engine.nonlinear import times_slope
from actlearn.engine.tensor import Tensor

Rule = Callable[[np.ndarray], None]
_sum = np.add.reduce  # ndarray.sum without its Python wrapper
#: The leading axes of an n-d input, summed over for the bias gradient.
_LEADING = [tuple(range(n - 1)) for n in range(8)]


def _parameter(value: Any, name: str) -> Node:
    if not isinstance(value, Node):
        raise TypeError(f"affine: {name} must be a Tensor, got {type(value).__name__}")
    return value


def affine(
    x: Any, weight: Tensor, bias: Tensor | None = None, activation: ActivationFunction | None = None
) -> Tensor:
    r""":math:`y = xW + b` for x of shape (..., n_in), W (n_in, n_out) and b (n_out,) or None.

    ``x`` may be an array (it becomes a constant); ``weight`` and ``bias`` are Tensors.
    With a pointwise ``activation`` f (a bound ``actlearn.activation(...)``) the node computes
    :math:`h = f(xW + b)` and starts its backward pass with :math:`\bar z = \bar h \odot
    f'(z)`: a dense layer and its activation as one node, with the registry's formulas.

    >>> W = Tensor(np.array([[1.0, 2.0], [3.0, 4.0]]), requires_grad=True)
    >>> b = Tensor(np.array([0.5, -0.5]), requires_grad=True)
    >>> y = affine(np.array([[1.0, 1.0]]), W, b)
    >>> y.data
    array([[4.5, 5.5]])
    >>> y.sum().backward()
    >>> W.grad, b.grad
    (array([[1., 1.],
           [1., 1.]]), array([1., 1.]))
    """
    x_node = x if isinstance(x, Node) else Tensor(x)
    w, b = weight, bias
    if not isinstance(w, Node) or not (b is None or isinstance(b, Node)):
        _parameter(weight, "weight")  # raises, naming the argument
        _parameter(bias, "bias")
    stacked = check_shapes(x_node.data.shape, w.data.shape, b)
    token = silence()  # ieee(), at half the cost
    try:
        data = product(x_node.data, w.data, b)
    finally:
        restore(token)
    parents = (x_node, w) if b is None else (x_node, w, b)
    if activation is None:
        out = result(w, data, parents, "affine")
        if out.requires_grad:
            out._backward = _layer_backward(x_node, w, b, stacked)
        return out
    record, params = activation.record, activation.params
    if record.derivative is None:
        raise ValueError(f"affine: {record.name} is a vector activation; apply it separately")
    z = data
    together = record.forward_and_derivative
    if together is not None and _grad_enabled() and any(node.requires_grad for node in parents):
        # the slope will be needed (result() below records the node): computed with the value
        value, slope = together(z, **params) if params else together(z)
        out = result(w, value, parents, f"affine+{record.name}")
        rule = _layer_backward(x_node, w, b, stacked)
        out._backward = lambda g: rule(g * slope)  # (slope kept for a second backward pass)
        return out
    out = result(w, record.forward(z, **params) if params else record.forward(z), parents,
                 f"affine+{record.name}")
    if out.requires_grad:
        rule = _layer_backward(x_node, w, b, stacked)
        derivative = partial(record.derivative, **params) if params else record.derivative
        out._backward = lambda g: rule(times_slope(g, derivative(z)))
    return out


def product(x_data: np.ndarray, w_data: np.ndarray, b: Node | None) -> np.ndarray:
    """xW + b, the bias added into the product's own buffer (no second (N, n_out) array)."""
    data = x_data @ w_data
    if b is not None:
        bias_data = b.data
        if bias_data.dtype.itemsize <= data.dtype.itemsize:
            data += bias_data
        else:  # a float64 bias on a float32 product: promote, as NumPy's x @ W + b does
            data = data + bias_data
    return data


def check_shapes(xs: tuple[int, ...], ws: tuple[int, ...], b: Node | None) -> bool:
    """True for a stack of layers (W of shape (B, n_in, n_out)), False for one layer; a
    ValueError naming the shapes when x, W and b do not fit."""
    if len(ws) == 3:  # a stack: one layer per member, applied member by member
        _check_stack(xs, ws, b)
        return True
    if len(ws) != 2 or not xs or xs[-1] != ws[0] or (b is not None and b.data.shape != ws[1:]):
        _check_rows(xs, ws, b)  # raises, naming the shapes
    return False


def input_grad(g: np.ndarray, w_data: np.ndarray, stacked: bool) -> np.ndarray:
    """x̄ = ȳWᵀ (per member for a stack)."""
    return g @ (np.swapaxes(w_data, 1, 2) if stacked else w_data.T)


def parameter_grads(g: np.ndarray, x_data: np.ndarray, w: Node, b: Node | None,
                    stacked: bool) -> None:
    """Accumulate W̄ = xᵀȳ and b̄ = Σ ȳ over every leading axis of x (per member for a
    stack) into the parameters that require them."""
    if w.requires_grad:
        if stacked:
            w._accum(np.swapaxes(x_data, 1, 2) @ g)
        elif x_data.ndim == 2:
            w._accum(x_data.T @ g)
        else:
            n_in, n_out = w.data.shape
            w._accum(x_data.reshape(-1, n_in).T @ g.reshape(-1, n_out))
    if b is not None and b.requires_grad:
        if stacked:
            b._accum(_sum(g, 1, keepdims=True))
        else:
            ndim = x_data.ndim
            lead = _LEADING[ndim] if ndim < 8 else tuple(range(ndim - 1))
            b._accum(_sum(g, lead) if lead else g.copy())


def _layer_backward(x: Node, w: Node, b: Node | None, stacked: bool) -> Rule:
    """x̄ = ȳWᵀ, W̄ = xᵀȳ and b̄ = Σ ȳ over every leading axis of x (rows, batches, ...); for a
    stack, per member: x̄_b = ȳ_b W_bᵀ, W̄_b = x_bᵀ ȳ_b, b̄_b = Σ_n ȳ_bn."""
    x_data, w_data = x.data, w.data

    def backward(g: np.ndarray) -> None:
        if x.requires_grad:
            x._accum(input_grad(g, w_data, stacked))
        parameter_grads(g, x_data, w, b, stacked)

    return backward


def _check_rows(xs: tuple[int, ...], ws: tuple[int, ...], b: Node | None) -> None:
    if len(ws) != 2 or not xs or xs[-1] != ws[0]:
        raise ValueError(
            f"affine: inputs of shape {xs} and a weight of shape {ws} do not fit "
            "(the weight must be (n_in, n_out) with n_in the input's last axis, or a stack "
            "(B, n_in, n_out) for inputs (B, N, n_in))"
        )
    if b is not None and b.data.shape != (ws[1],):
        raise ValueError(f"affine: the bias must have shape ({ws[1]},), got {b.data.shape}")


def _check_stack(xs: tuple[int, ...], ws: tuple[int, ...], b: Node | None) -> None:
    members, n_in, n_out = ws
    if len(xs) != 3 or xs[0] != members or xs[2] != n_in:
        raise ValueError(
            f"affine: a stack of {members} layers with weights of shape {ws} needs inputs of "
            f"shape ({members}, N, {n_in}), got {xs}"
        )
    if b is not None and b.data.shape != (members, 1, n_out):
        raise ValueError(
            f"affine: the stacked bias must have shape ({members}, 1, {n_out}), got {b.data.shape}"
        )
