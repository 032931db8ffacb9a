"""Reverse-mode automatic differentiation over NumPy arrays.

``Tensor`` records operations; ``loss.backward()`` fills ``.grad``; ``no_grad()`` switches
recording off inside a ``with`` block; ``affine(x, W, b)`` is a dense layer's map as one node;
``operation`` and ``custom_op`` add new operations with their backward rules.

Precision follows NumPy (see :mod:`actlearn.engine.tensor`): a float32 tensor stays float32
through every operation and its gradient is float32; lists and Python numbers become float64
tensors, but as operands Python numbers are weak (``float32_tensor * 2.0`` is float32); mixed
float32/float64 operands give float64, and each gradient is returned in its own tensor's dtype.
"""

from actlearn.engine.affine import affine
from actlearn.engine.custom import custom_op, operation
from actlearn.engine.node import is_grad_enabled, no_grad
from actlearn.engine.tensor import Tensor

__all__ = ["Tensor", "affine", "custom_op", "is_grad_enabled", "no_grad", "operation"]
