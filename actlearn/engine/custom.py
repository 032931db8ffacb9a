r"""New engine operations from outside the engine: a forward value plus its backward rule.

An operation :math:`y = f(x_1, \dots, x_k)` needs, for back-propagation, only the
vector-Jacobian products

.. math:: \bar x_j = \Big(\frac{\partial y}{\partial x_j}\Big)^{\!\top} \bar y, \qquad
          \bar y = \frac{\partial L}{\partial y} \ (\text{``grad_out''}),

one per input, each of its input's shape.

* :func:`operation` records one already computed output in the graph with its rule
  ``vjp(grad_out) -> (x̄_1, ..., x̄_k)``; this is the hook the losses and lessons build on.
* :func:`custom_op` wraps a pair of NumPy functions, ``forward(*arrays)`` and
  ``backward(grad_out, *arrays)``, into a function on tensors.

Either way ``backward()`` and :func:`actlearn.engine.gradcheck.gradcheck` work through the new
operation like through any built-in one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from actlearn.engine.node import Node, as_float, result
from actlearn.engine.tensor import Tensor

Vjp = Callable[[np.ndarray], Any]


def operation(name: str, data: Any, inputs: Sequence[Tensor], vjp: Vjp) -> Tensor:
    r"""The output tensor of operation ``name``: value ``data``, computed from ``inputs``.

    When gradients flow, ``backward()`` calls ``vjp(grad_out)``, which returns one gradient per
    input (a tuple, or one array for a one-input operation; None where an input needs none).
    Each gradient must have its input's shape; the engine checks that and accumulates it.
    Inside :func:`~actlearn.engine.no_grad`, or when no input requires a gradient, nothing is
    recorded and ``vjp`` is never called.

    >>> x = Tensor([1.0, -3.0], requires_grad=True)
    >>> cube = operation("cube", x.data**3, (x,), lambda g: 3 * x.data**2 * g)
    >>> cube.sum().backward()
    >>> x.grad
    array([ 3., 27.])
    """
    if type(inputs) is not tuple:
        inputs = tuple(inputs)
    if not inputs:
        raise TypeError(f"{name}: needs at least one input")
    for t in inputs:
        if not isinstance(t, Node):
            i = next(i for i, u in enumerate(inputs) if u is t)
            raise TypeError(f"{name}: input {i} must be a Tensor, got {type(t).__name__}")
    if type(data) is not np.ndarray or data.dtype.kind != "f":
        data = as_float(data)
    out = result(inputs[0], data, inputs, name)
    if out.requires_grad:

        def backward(grad_out: np.ndarray) -> None:
            grads = vjp(grad_out)
            if type(grads) is np.ndarray and len(inputs) == 1 \
                    and grads.shape == inputs[0].data.shape:
                inputs[0]._accum(grads)  # the common case, checked: one input, one gradient
                return
            if len(inputs) == 1 and not isinstance(grads, (tuple, list)):
                grads = (grads,)
            if not isinstance(grads, (tuple, list)) or len(grads) != len(inputs):
                raise ValueError(
                    f"{name}: backward must return {len(inputs)} gradients (one per input), "
                    f"got {type(grads).__name__}"
                )
            for i, (t, g) in enumerate(zip(inputs, grads, strict=True)):
                if g is None or not t.requires_grad:
                    continue
                g = np.asarray(g)
                if g.shape != t.data.shape:
                    raise ValueError(
                        f"{name}: gradient {i} has shape {g.shape}, but input {i} has shape "
                        f"{t.data.shape}"
                    )
                t._accum(g)

        out._backward = backward
    return out  # type: ignore[return-value]


def custom_op(
    forward: Callable[..., Any], backward: Callable[..., Any], name: str = "custom"
) -> Callable[..., Tensor]:
    r"""An engine operation computing ``forward(*arrays)`` whose backward pass calls
    ``backward(grad_out, *arrays)``.

    ``backward`` returns the gradient of each input (a tuple, or one array for a one-input
    operation); each must have its input's shape. Inputs may be Tensors, arrays or numbers
    (arrays and numbers become constants).

    >>> square = custom_op(lambda x: x * x, lambda g, x: 2 * x * g, "square")
    >>> t = Tensor([1.0, -3.0], requires_grad=True)
    >>> square(t).sum().backward()
    >>> t.grad
    array([ 2., -6.])
    """

    def apply(*inputs: Any) -> Tensor:
        tensors = tuple(x if isinstance(x, Tensor) else Tensor(x) for x in inputs)
        arrays = tuple(t.data for t in tensors)
        value = forward(*arrays) if tensors else None
        return operation(name, value, tensors, lambda grad_out: backward(grad_out, *arrays))

    apply.__name__ = name
    return apply
