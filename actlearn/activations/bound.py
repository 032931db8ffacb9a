"""An activation with its parameters bound: the object ``actlearn.activation(...)`` returns."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property, partial
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from actlearn.activations.registry import Activation, bind_params, get

if TYPE_CHECKING:
    import sympy as sp

    from actlearn.activations.properties import Properties

ArrayLike = Any


def as_input(x: ArrayLike, name: str) -> np.ndarray:
    """x as a float ndarray: its own float dtype (float32 stays float32), float64 for
    integers, booleans, lists and numbers; a TypeError naming the activation for non-real
    input."""
    try:
        arr = np.asarray(x)
    except Exception as exc:  # ragged sequences and the like
        raise TypeError(f"{name} expects a real array or number; got {type(x).__name__}") from exc
    if arr.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} expects a real array or number; got {type(x).__name__}"
            + (f" of dtype {arr.dtype}" if isinstance(x, np.ndarray) else "")
        )
    return arr if arr.dtype.kind == "f" else arr.astype(np.float64)


def bound_kernels(record: Activation, params: Mapping[str, Any]) -> tuple[Any, Any]:
    """The record's forward and derivative with ``params`` bound (the kernels themselves when
    there are none, so a call costs no more than the record's own)."""
    forward, derivative = record.forward, record.derivative
    if params:
        forward = partial(forward, **params)
        derivative = None if derivative is None else partial(derivative, **params)
    return forward, derivative


def bound_together(record: Activation, params: Mapping[str, Any]) -> Any:
    """The record's ``forward_and_derivative`` with ``params`` bound, or None where it has
    none (then f(x) and f'(x) are two calls)."""
    together = record.forward_and_derivative
    if together is not None and params:
        together = partial(together, **params)
    return together


class ActivationFunction:
    """``f = actlearn.activation(name, **params)``: call it, differentiate it, inspect it.

    >>> f = activation("leaky_relu", negative_slope=0.1)
    >>> f([-2.0, 3.0]), f.derivative(0.0)
    (array([-0.2,  3. ]), array(0.1))
    """

    def __init__(self, record: Activation, params: dict[str, Any]) -> None:
        self.record = record
        self.params = MappingProxyType(params)
        #: (forward, derivative) as kernels of one argument, the parameters bound (derivative
        #: None for a vector activation): what the engine calls on every pass, looked up once.
        self.kernels = bound_kernels(record, params)
        #: f(x) and f'(x) from one kernel, sharing their costly pass (None where the record
        #: has no such kernel): what the engine calls when it will need the slope.
        self.together = bound_together(record, params)

    @property
    def name(self) -> str:
        return self.record.name

    @property
    def kind(self) -> str:
        return self.record.kind

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"activation({self.name!r}{', ' if args else ''}{args})"

    def __call__(self, x: ArrayLike) -> np.ndarray:
        """f(x) in x's float dtype (float64 for lists, numbers and integers), same shape as x
        (vector activations: glu halves, crelu doubles the axis)."""
        arr = as_input(x, self.name)
        with np.errstate(under="ignore"):  # underflow to 0 is the correctly rounded answer
            return np.asarray(self.record.forward(arr, **self.params))

    def derivative(self, x: ArrayLike) -> np.ndarray:
        """Elementwise f'(x) (pointwise activations; at kinks, PyTorch's autograd value)."""
        if self.record.derivative is None:
            raise TypeError(
                f"{self.name} is a vector activation: use .vjp(z, grad_out) or .jacobian(z)"
            )
        arr = as_input(x, self.name)
        with np.errstate(under="ignore"):
            return np.asarray(self.record.derivative(arr, **self.params))

    def value_and_derivative(self, x: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """(f(x), f'(x)) in one call: the values of ``f(x)`` and ``f.derivative(x)``, computed
        together where the record has a kernel for both, so that the costly pass they share
        (σ's exponential, Φ's polynomial, tanh) runs once (pointwise activations).

        >>> f = activation("sigmoid")
        >>> f.value_and_derivative([0.0, 2.0])
        (array([0.5       , 0.88079708]), array([0.25      , 0.10499359]))
        """
        if self.record.derivative is None:
            raise TypeError(
                f"{self.name} is a vector activation: use .vjp(z, grad_out) or .jacobian(z)"
            )
        arr = as_input(x, self.name)
        if self.together is None:
            return self(arr), self.derivative(arr)
        with np.errstate(under="ignore"):
            value, slope = self.together(arr)
        return np.asarray(value), np.asarray(slope)

    def vjp(self, x: ArrayLike, grad_out: ArrayLike) -> np.ndarray:
        """grad_outᵀ·J(x): the gradient back-propagation passes to x."""
        arr, grad = self._vjp_inputs(x, grad_out)
        with np.errstate(under="ignore"):
            if self.record.vjp is None:
                return np.asarray(self.record.derivative(arr, **self.params) * grad)
            return np.asarray(self.record.vjp(arr, grad, **self.params))

    def value_and_vjp(self, x: ArrayLike, grad_out: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """(f(x), grad_outᵀ·J(x)) in one call: the values of ``f(x)`` and ``f.vjp(x,
        grad_out)``, the VJP computed from the output where the record can (softmax,
        log_softmax, softmin: their Jacobian is a function of y, so the forward's exponentials
        are not taken again), as the engine computes it.

        >>> value, grad = activation("log_softmax").value_and_vjp([0.0, 0.0], [1.0, 0.0])
        >>> grad
        array([ 0.5, -0.5])
        """
        arr, grad = self._vjp_inputs(x, grad_out)
        of_output = self.record.vjp_of_output
        with np.errstate(under="ignore"):
            value = np.asarray(self.record.forward(arr, **self.params))
            if of_output is None:
                return value, self.vjp(arr, grad)
            return value, np.asarray(of_output(value, grad, **self.params))

    def _vjp_inputs(self, x: ArrayLike, grad_out: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """x and grad_out as float arrays of one dtype (NumPy's promotion: the wider)."""
        arr = as_input(x, self.name)
        grad = as_input(grad_out, f"{self.name} grad_out")
        if grad.dtype != arr.dtype:
            dtype = np.result_type(arr, grad)
            arr, grad = arr.astype(dtype, copy=False), grad.astype(dtype, copy=False)
        return arr, grad

    def jacobian(self, x: ArrayLike) -> np.ndarray:
        """J[i, j] = ∂f_i/∂x_j for a 1-D x (diagonal for pointwise activations)."""
        arr = as_input(x, self.name)
        if arr.ndim != 1:
            raise ValueError(f"{self.name}.jacobian expects a 1-D input, got shape {arr.shape}")
        n_out = self(arr).shape[0]
        return np.stack([self.vjp(arr, np.eye(n_out)[i]) for i in range(n_out)])

    def expr(self, symbolic: bool = False) -> sp.Expr:
        """The SymPy expression in ``actlearn.activations.symbolic.x`` (parameters as numbers, or as
        symbols with ``symbolic=True``); Piecewise at kinks."""
        from actlearn.activations.symbolic import expression

        return expression(self.name, symbolic=symbolic, **self.params)

    @cached_property
    def properties(self) -> Properties:
        """Computed (not declared) properties: range, monotonic, zero-centred, smoothness, ..."""
        from actlearn.activations.properties import compute_properties

        return compute_properties(self)


def activation(name: str, **params: Any) -> ActivationFunction:
    """The activation ``name`` with ``params`` bound (defaults as PyTorch's).

    >>> activation("softplus").params
    mappingproxy({'beta': 1.0, 'threshold': 20.0})
    """
    record = get(name)
    return ActivationFunction(record, bind_params(record, params))


def softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    """Softmax along ``axis`` (stable: shifted by the max). See :func:`activation`."""
    return activation("softmax", axis=axis)(z)


def log_softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    """log(softmax(z)) along ``axis``, through log-sum-exp."""
    return activation("log_softmax", axis=axis)(z)


def softmin(z: ArrayLike, axis: int = -1) -> np.ndarray:
    """softmax(−z) along ``axis``."""
    return activation("softmin", axis=axis)(z)
