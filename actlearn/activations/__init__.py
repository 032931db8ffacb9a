"""NumPy forward passes and derivatives of every activation, grouped by family.

These are the raw formulas; :mod:`actlearn.registry` binds parameters, validates input and is
the one place the rest of the package (engine, plots, grader) reads them from.
"""

from actlearn.activations.exponential import SELU_ALPHA, SELU_SCALE
from actlearn.activations.vector import log_softmax, softmax, softmin

__all__ = ["SELU_ALPHA", "SELU_SCALE", "log_softmax", "softmax", "softmin"]
