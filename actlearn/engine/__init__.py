"""Reverse-mode automatic differentiation over NumPy arrays.

``Tensor`` records operations; ``loss.backward()`` fills ``.grad``; ``no_grad()`` switches
recording off inside a ``with`` block.
"""

from actlearn.engine.node import is_grad_enabled, no_grad
from actlearn.engine.tensor import Tensor

__all__ = ["Tensor", "is_grad_enabled", "no_grad"]
