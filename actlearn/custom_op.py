r"""Define a new engine operation from two NumPy functions: its forward and its backward rule.

An operation :math:`y = f(x_1, \dots, x_k)` needs, for back-propagation, only the
vector-Jacobian products

.. math:: \bar x_j = \Big(\frac{\partial y}{\partial x_j}\Big)^{\!\top} \bar y, \qquad
          \bar y = \frac{\partial L}{\partial y} \ (\text{``grad_out''}),

one per input, each of its input's shape. ``custom_op(forward, backward)`` wraps the pair into
a function on :class:`~actlearn.engine.Tensor` that records itself in the graph, so
``backward()`` and :func:`actlearn.gradcheck.gradcheck` work through it like through any
built-in operation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from actlearn.bound import activation
from actlearn.engine import Tensor
from actlearn.engine.node import result

_SIGMOID = activation("sigmoid")

Forward = Callable[..., Any]
Backward = Callable[..., Any]


def _as_tensor(x: Any) -> Tensor:
    return x if isinstance(x, Tensor) else Tensor(x)


def custom_op(forward: Forward, backward: Backward, name: str = "custom") -> Callable[..., Tensor]:
    r"""An engine operation computing ``forward(*arrays)`` whose backward pass calls
    ``backward(grad_out, *arrays)``.

    ``backward`` returns the gradient of each input (a tuple, or one array for a one-input
    operation); each must have its input's shape. Inputs may be Tensors or numbers (numbers
    become constants).

    >>> square = custom_op(lambda x: x * x, lambda g, x: 2 * x * g, "square")
    >>> t = Tensor([1.0, -3.0], requires_grad=True)
    >>> square(t).sum().backward()
    >>> t.grad
    array([ 2., -6.])
    """

    def apply(*inputs: Any) -> Tensor:
        tensors = tuple(_as_tensor(x) for x in inputs)
        if not tensors:
            raise TypeError(f"{name}: needs at least one input")
        arrays = tuple(t.data for t in tensors)
        out = result(tensors[0], np.asarray(forward(*arrays), dtype=np.float64), tensors, name)
        if out.requires_grad:

            def backward_rule(grad_out: np.ndarray) -> None:
                grads = backward(grad_out, *arrays)
                if len(tensors) == 1 and not isinstance(grads, (tuple, list)):
                    grads = (grads,)
                if not isinstance(grads, (tuple, list)) or len(grads) != len(tensors):
                    raise ValueError(f"{name}: backward must return {len(tensors)} gradients "
                                     f"(one per input), got {type(grads).__name__}")
                for i, (t, g) in enumerate(zip(tensors, grads, strict=True)):
                    if not t.requires_grad:
                        continue
                    g = np.asarray(g, dtype=np.float64)
                    if g.shape != t.shape:
                        raise ValueError(f"{name}: gradient {i} has shape {g.shape}, but input "
                                         f"{i} has shape {t.shape}")
                    t._accum(g)

            out._backward = backward_rule
        return out

    apply.__name__ = name
    return apply


def swish_forward(x: np.ndarray, beta: float | np.ndarray) -> np.ndarray:
    r"""Swish with a trainable slope: :math:`x\,\sigma(\beta x)` (Ramachandran et al. 2017).

    β = 1 is SiLU; as β → ∞ it tends to ReLU, and β = 0 gives x / 2. Exercise 09 asks for
    its backward rule, in x and in β.

    >>> float(swish_forward(np.array(2.0), 0.0))
    1.0
    """
    return x * _SIGMOID(np.asarray(beta) * x)
