"""Elementwise functions: exp, log, abs, sin, cos, maximum, minimum, clip.

Each names its derivative in the docstring and, at kinks, the value PyTorch's autograd uses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from actlearn.engine.arithmetic import Arithmetic, shape_error
from actlearn.engine.node import ieee, result, unbroadcast


class Elementwise(Arithmetic):
    """exp, log, abs, sin, cos, maximum, minimum, clip."""

    __slots__ = ()

    def _elementwise(self, data: np.ndarray, local_grad: Callable[[], Any], op: str) -> Any:
        """Output ``data`` with chain rule ``grad_in = grad_out * local_grad()``."""
        out = result(self, data, (self,), op)
        if out.requires_grad:
            out._backward = lambda g: self._accum(g * local_grad())
        return out

    def exp(self) -> Any:
        r""":math:`e^x`, derivative :math:`e^x` (the output itself)."""
        with ieee():
            data = np.exp(self.data)
        return self._elementwise(data, lambda: data, "exp")

    def log(self) -> Any:
        r""":math:`\ln x`, derivative :math:`1/x` (x ≤ 0 gives NaN or -inf, as NumPy)."""
        x = self.data
        with ieee():
            data = np.log(x)
        return self._elementwise(data, lambda: 1.0 / x, "log")

    def abs(self) -> Any:
        r""":math:`|x|`, derivative sign(x); at the kink x = 0 it is 0 (PyTorch's convention)."""
        x = self.data
        return self._elementwise(np.abs(x), lambda: np.sign(x), "abs")

    def sin(self) -> Any:
        r""":math:`\sin x`, derivative :math:`\cos x`."""
        x = self.data
        with ieee():
            data = np.sin(x)
        return self._elementwise(data, lambda: np.cos(x), "sin")

    def cos(self) -> Any:
        r""":math:`\cos x`, derivative :math:`-\sin x`."""
        x = self.data
        with ieee():
            data = np.cos(x)
        return self._elementwise(data, lambda: -np.sin(x), "cos")

    def maximum(self, other: Any) -> Any:
        """Elementwise max(a, b); at ties each operand gets half the gradient (as PyTorch)."""
        a, b = self, self._lift(other, "maximum")
        try:
            data = np.maximum(a.data, b.data)
        except ValueError:
            raise shape_error("maximum", a.data, b.data) from None
        out = result(self, data, (a, b), "maximum")
        if out.requires_grad:

            def backward(g: np.ndarray) -> None:
                share = np.add(a.data > b.data, 0.5 * (a.data == b.data), dtype=g.dtype)
                if a.requires_grad:
                    a._accum(unbroadcast(g * share, a.data.shape))
                if b.requires_grad:
                    b._accum(unbroadcast(g * (1.0 - share), b.data.shape))

            out._backward = backward
        return out

    def minimum(self, other: Any) -> Any:
        """Elementwise min(a, b) = -max(-a, -b); ties split the gradient like maximum."""
        return -((-self).maximum(-self._lift(other, "minimum")))

    def clip(self, low: float | None = None, high: float | None = None) -> Any:
        """x limited to [low, high]; gradient 1 inside the closed interval, 0 outside (PyTorch)."""
        if low is None and high is None:
            raise ValueError("clip: give low, high or both")
        x = self.data
        data = np.clip(x, low, high)

        def inside() -> np.ndarray:
            keep = np.ones(x.shape, dtype=bool)
            if low is not None:
                keep &= x >= low
            if high is not None:
                keep &= x <= high
            return keep

        return self._elementwise(data, inside, "clip")
