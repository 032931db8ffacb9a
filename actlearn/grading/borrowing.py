"""The reference is not an answer: while an exercise is graded, its library code refuses to run.

During class grading, the learner's process runs each exercise's calls inside
:func:`guarded`. For that exercise, every library function that computes the same thing
(``GUARDS``: registry activations by name, and functions or methods by dotted path) has its
code object swapped for one that raises :class:`BorrowedReference`, so an answer that calls
``actlearn.activation("relu")``, ``actlearn.nn.scaled_dot_product_attention`` or the engine's
own ``Tensor.relu`` (which reach the same code) gets no value from it, however it captured
the function. Swapping the code object, not a module attribute, also catches references taken
before grading (``f = al.activation("relu")`` at the top of the notebook); a decorated kernel
(``@quiet``) is guarded through the function it wraps. Other exercises' functions stay usable
as helpers (``swish_backward`` may use the library's sigmoid).

Stdlib and NumPy only, and no grading references: this module is copied into the learner's
process.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
from collections.abc import Iterator
from types import FunctionType

MARK = "uses actlearn's own implementation"
"""Text every refusal carries: the grader flags a submission whose outcomes contain it."""

_FORWARD = ("step", "sigmoid", "relu", "leaky_relu", "prelu", "elu", "selu", "softplus",
            "softmax", "log_softmax")
GUARDS: dict[str, tuple[str, ...]] = {
    **{name: (f"activation:{name}",) for name in _FORWARD},
    "tanh_from_sigmoid": ("activation:tanh",),
    "sigmoid_derivative": ("derivative:sigmoid",),
    "relu_derivative": ("derivative:relu",),
    "sigmoid_chain_gradient": ("derivative:sigmoid", "actlearn.labs.gradients:chain_gradients"),
    "vanishing_depth": ("actlearn.labs.gradients:vanishing_depth",),
    "prelu_grad_a": ("activation:prelu", "actlearn.nn.prelu:PReLU.forward"),
    "cross_entropy": ("actlearn.losses:cross_entropy", "activation:log_softmax"),
    "attention": ("actlearn.nn.attention:scaled_dot_product_attention",),
    "nac_weight": ("actlearn.nn.nalu:NAC.weight",),
    "nalu_forward": ("actlearn.nn.nalu:NALU.forward", "actlearn.nn.nalu:NALU.gate"),
    "collapse_linear": ("actlearn.labs.linear:collapse",),
    "siren_bound": ("actlearn.labs.siren.init:weight_bound",),
    "siren_weights": ("actlearn.labs.siren.init:weight_bound",),
    "swish_backward": ("derivative:silu",),
}
"""Exercise name -> what computes its answer in the library."""


class BorrowedReference(RuntimeError):  # noqa: N818 (it reads as what happened)
    """Raised by library code that an answer called in place of its own."""

    calls = 0

    def __init__(self, *args: object) -> None:
        type(self).calls += 1
        super().__init__(f"{MARK}: write your own code for this exercise")


def _refuse(*args: object, **kwargs: object) -> object:
    raise __import__("actlearn.grading.borrowing", fromlist=["_"]).BorrowedReference()


def _functions(target: str) -> list[FunctionType]:
    """The plain functions behind ``target`` (none when it does not exist here)."""
    kind, _, name = target.partition(":")
    found: list[object] = []
    if kind in ("activation", "derivative"):
        from actlearn.activations.registry import get

        record = get(name)
        found = [record.forward, record.vjp, record.vjp_of_output] if kind == "activation" \
            else [record.derivative]
    else:
        obj: object = importlib.import_module(kind)
        for part in name.split("."):
            obj = getattr(obj, part, None)
        found = [obj]
    plain = [getattr(f, "fget", f) for f in found]
    # a decorator's wrapper (functools.wraps) keeps its function in a closure, so its own code
    # cannot be swapped; every call through it reaches the function inspect.unwrap finds
    plain = [inspect.unwrap(getattr(f, "__func__", f)) for f in plain]
    return [f for f in plain if isinstance(f, FunctionType) and not f.__closure__]


@contextlib.contextmanager
def guarded(exercise: str) -> Iterator[None]:
    """Inside: the library code that computes ``exercise`` raises BorrowedReference."""
    swapped = []
    for target in GUARDS.get(exercise, ()):
        with contextlib.suppress(Exception):  # a target this copy lacks guards nothing
            for function in _functions(target):
                swapped.append((function, function.__code__))
                function.__code__ = _refuse.__code__
    try:
        yield
    finally:
        for function, code in reversed(swapped):
            function.__code__ = code
