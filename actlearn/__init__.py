"""actlearn: activation functions from scratch, for a Jupyter course.

>>> import actlearn as al
>>> al.activation("relu")([-1.0, 2.0])
array([0., 2.])
"""

from typing import TYPE_CHECKING, Any

from actlearn.blas import one_thread

one_thread()  # BLAS on one thread unless a count was chosen (see actlearn.blas for why)

from actlearn.activations.bound import (  # noqa: E402
    ActivationFunction,
    activation,
    log_softmax,
    softmax,
    softmin,
)
from actlearn.activations.registry import list_activations  # noqa: E402

__all__ = [
    "ActivationFunction",
    "activation",
    "define_activation",
    "list_activations",
    "log_softmax",
    "softmax",
    "softmin",
    "symbolic",
    "Tensor",
    "no_grad",
    "gradcheck",
    "nn",
    "optim",
    "losses",
]

from actlearn import losses, nn, optim  # noqa: E402
from actlearn.engine import Tensor, no_grad  # noqa: E402
from actlearn.engine.gradcheck import gradcheck  # noqa: E402

if TYPE_CHECKING:
    from actlearn.activations import symbolic
    from actlearn.activations.define import define_activation


def __getattr__(name: str) -> Any:
    """``actlearn.symbolic`` (:mod:`actlearn.activations.symbolic`) and
    ``actlearn.define_activation`` (:mod:`actlearn.activations.define`) load SymPy, a third of
    a second, on first use, not on import."""
    import importlib

    if name == "symbolic":
        return importlib.import_module("actlearn.activations.symbolic")
    if name == "define_activation":
        return importlib.import_module("actlearn.activations.define").define_activation
    raise AttributeError(f"module 'actlearn' has no attribute {name!r}")
