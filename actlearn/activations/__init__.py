"""All about one activation function: the core the rest of actlearn reads.

- :mod:`.kernels`: NumPy forward passes and derivatives, stable for every finite input;
- :mod:`.params`: parameter checks; :mod:`.registry`: one frozen record per activation, the
  single home of its formulas;
- :mod:`.expressions` and :mod:`.symbolic`: SymPy forms and derived derivatives (loaded on first
  use); :mod:`.properties`: range, monotonicity, smoothness, saturation, computed;
- :mod:`.bound`: :class:`ActivationFunction`, an activation with its parameters bound, which is
  what ``actlearn.activation(name, **params)`` returns;
- :mod:`.define`: ``define_activation``, a formula in, a session activation out, read by
  :mod:`.parse` (never runs code), made stable by :mod:`.rewrites` and tested by :mod:`.battery`.
"""

from actlearn.activations.bound import (
    ActivationFunction,
    activation,
    log_softmax,
    softmax,
    softmin,
)
from actlearn.activations.kernels.exponential import SELU_ALPHA, SELU_SCALE
from actlearn.activations.registry import list_activations

__all__ = [
    "SELU_ALPHA",
    "SELU_SCALE",
    "ActivationFunction",
    "activation",
    "list_activations",
    "log_softmax",
    "softmax",
    "softmin",
]
