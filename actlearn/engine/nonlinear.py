"""Activations on tensors, read from the registry: its forward, derivative and vjp are the only
home of each formula, so the engine never re-types one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from actlearn.activations.bound import ActivationFunction, bound_kernels
from actlearn.activations.registry import Activation, bind_params, get
from actlearn.engine.node import Node, _grad_enabled, result

_NO_PARAMS: Mapping[str, Any] = {}
_RELU, _SIGMOID, _TANH = get("relu"), get("sigmoid"), get("tanh")
_SOFTMAX, _LOG_SOFTMAX = get("softmax"), get("log_softmax")
_LAST_AXIS: Mapping[str, Any] = {"axis": -1}
#: id(record) -> (record, its defaults, checked): ``t.activation(name)`` without parameters
#: binds them once per record (a record redefined under the same name is a new object).
_DEFAULTS: dict[int, tuple[Activation, Mapping[str, Any]]] = {}


def _defaults(record: Activation) -> Mapping[str, Any]:
    entry = _DEFAULTS.get(id(record))
    if entry is None or entry[0] is not record:
        entry = _DEFAULTS[id(record)] = (record, bind_params(record, {}))
    return entry[1]


def times_slope(g: np.ndarray, slope: np.ndarray) -> np.ndarray:
    r""":math:`\bar y \odot f'(x)`, multiplied into ``slope`` when it is a fresh array of g's
    shape (a derivative kernel's own output), else into a new one."""
    if type(slope) is np.ndarray and slope.base is None and slope.shape == g.shape:
        slope *= g  # np.multiply(slope, g, out=slope)
        return slope
    return g * slope


def _axis_params(record: Activation, axis: int) -> Mapping[str, Any]:
    return _LAST_AXIS if axis == -1 and type(axis) is int else bind_params(record, {"axis": axis})


class Nonlinear(Node):
    """``t.activation(name, **params)``, the shortcuts relu/sigmoid/tanh, softmax, log_softmax."""

    __slots__ = ()

    def activation(self, name: str | ActivationFunction, **params: Any) -> Any:
        r"""Apply a registry activation: :math:`y = f(x)`, and backward

        * pointwise: :math:`\bar x = \bar y \odot f'(x)` with the record's ``derivative``
          (PyTorch's value at kinks), or f'(x) computed with f(x) when the record has a kernel
          for both and the result will need a gradient;
        * vector (softmax, glu, ...): :math:`\bar x = \bar y^\top J_f(x)` via the record's ``vjp``
          (or its ``vjp_of_output`` where the Jacobian is a function of the output).

        ``name`` may also be a bound ``actlearn.activation(...)``, which skips the lookup.

        >>> import numpy as np
        >>> from actlearn import Tensor
        >>> t = Tensor(np.array([-1.0, 2.0]), requires_grad=True)
        >>> t.activation("leaky_relu", negative_slope=0.1).sum().backward()
        >>> t.grad
        array([0.1, 1. ])
        """
        if isinstance(name, ActivationFunction):
            if params:
                raise TypeError("activation(f): parameters are already bound in f")
            return self._apply(name.record, name.params, name.kernels)
        record = get(name)
        return self._apply(record, bind_params(record, params) if params else _defaults(record))

    def _apply(self, record: Activation, params: Mapping[str, Any],
               kernels: tuple[Any, Any] | None = None) -> Any:
        x = self.data
        together = record.forward_and_derivative
        if together is not None and self.requires_grad and _grad_enabled():
            # the slope will be needed: computed now with the value, from one costly pass
            data, slope = together(x, **params) if params else together(x)
            out = result(self, data, (self,), record.name)
            out._backward = lambda g: self._accum(g * slope)  # (slope kept for a 2nd pass)
            return out
        forward, derivative = kernels or bound_kernels(record, params)
        data = forward(x)
        out = result(self, data, (self,), record.name)
        if out.requires_grad:
            if derivative is not None:

                def backward(g: np.ndarray) -> None:
                    self._accum(times_slope(g, derivative(x)))

            elif record.vjp_of_output is not None:  # softmax and kin: reuse the output
                vjp_of_output = record.vjp_of_output

                def backward(g: np.ndarray) -> None:
                    self._accum(vjp_of_output(data, g, **params))

            else:
                vjp = record.vjp

                def backward(g: np.ndarray) -> None:
                    self._accum(vjp(x, g, **params))

            out._backward = backward
        return out

    def relu(self) -> Any:
        """max(x, 0); derivative 0 at the kink x = 0."""
        return self._apply(_RELU, _NO_PARAMS)

    def sigmoid(self) -> Any:
        """1 / (1 + exp(-x)), computed stably."""
        return self._apply(_SIGMOID, _NO_PARAMS)

    def tanh(self) -> Any:
        """Hyperbolic tangent."""
        return self._apply(_TANH, _NO_PARAMS)

    def softmax(self, axis: int = -1) -> Any:
        """exp(z) / sum(exp(z)) along ``axis``, shifted by the max for stability."""
        return self._apply(_SOFTMAX, _axis_params(_SOFTMAX, axis))

    def log_softmax(self, axis: int = -1) -> Any:
        """z - logsumexp(z) along ``axis``; stable for any finite logits."""
        return self._apply(_LOG_SOFTMAX, _axis_params(_LOG_SOFTMAX, axis))
