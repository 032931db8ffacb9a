"""The activation registry: one frozen record per activation, the single home of its formulas.

A record holds the NumPy forward pass, its derivative (pointwise) or vector-Jacobian product
(vector), the SymPy builder, and the parameters with PyTorch's defaults. The engine, the plots
and the grader all read these records; :func:`actlearn.activation` binds parameters to one.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from actlearn.activations import params as p
from actlearn.activations.kernels import exponential as exp_
from actlearn.activations.kernels import gated, periodic, piecewise, sigmoidal, vector

Kind = Literal["pointwise", "vector"]


@dataclass(frozen=True)
class Activation:
    """One activation: its formulas and its parameters (defaults as PyTorch's)."""

    name: str
    summary: str
    kind: Kind
    forward: Callable[..., Any]
    derivative: Callable[..., Any] | None = None  # pointwise: elementwise f'(x)
    # pointwise, optional: (f(x), f'(x)) in one call, sharing their costly pass; the same
    # values as forward and derivative (tests/activations/test_together.py)
    forward_and_derivative: Callable[..., Any] | None = None
    vjp: Callable[..., Any] | None = None  # vector: (z, grad_out, **params) -> grad_in
    # vector, optional: the same VJP from the output y = forward(z): (y, grad_out, **params)
    vjp_of_output: Callable[..., Any] | None = None
    defaults: Mapping[str, Any] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    check: p.Check = p.no_check

    def __post_init__(self) -> None:
        object.__setattr__(self, "defaults", MappingProxyType(dict(self.defaults)))

    @property
    def parameter_names(self) -> tuple[str, ...]:
        return self.required + tuple(self.defaults)

    @property
    def builder(self) -> Callable[..., Any] | None:
        """Pointwise: the SymPy builder ``actlearn.activations.expressions.<name>`` (SymPy is
        imported on first use, not with the registry); None for a vector activation."""
        if self.kind != "pointwise":
            return None
        from actlearn.activations import expressions

        return getattr(expressions, self.name)


def _pointwise(name, summary, module, defaults=None, required=(), check=p.no_check):
    fn = getattr(module, name)
    return Activation(
        name=name,
        summary=summary,
        kind="pointwise",
        forward=fn,
        derivative=getattr(module, f"{name}_grad"),
        forward_and_derivative=getattr(module, f"{name}_and_grad", None),
        defaults=defaults or {},
        required=required,
        check=check,
    )


def _vector(name, summary):
    return Activation(
        name=name,
        summary=summary,
        kind="vector",
        forward=getattr(vector, name),
        vjp=getattr(vector, f"{name}_vjp"),
        vjp_of_output=getattr(vector, f"{name}_vjp_of_output", None),
        defaults={"axis": -1},
        check=p.integer_axis,
    )


_RECORDS = (
    _pointwise(
        "step",
        "Heaviside step at a threshold",
        piecewise,
        defaults={"threshold": 0.0},
        check=p.real("threshold"),
    ),
    _pointwise(
        "linear",
        "identity times a slope",
        piecewise,
        defaults={"slope": 1.0},
        check=p.real("slope"),
    ),
    _pointwise("sigmoid", "logistic function 1/(1+e^-x)", sigmoidal),
    _pointwise("tanh", "hyperbolic tangent", sigmoidal),
    _pointwise("relu", "max(x, 0)", piecewise),
    _pointwise(
        "threshold",
        "x above a threshold, a fixed value otherwise",
        piecewise,
        required=("threshold", "value"),
        check=p.real("threshold", "value"),
    ),
    _pointwise(
        "leaky_relu",
        "ReLU with a small negative slope",
        piecewise,
        defaults={"negative_slope": 0.01},
        check=p.real("negative_slope"),
    ),
    _pointwise(
        "prelu",
        "ReLU with a learnable negative slope a",
        piecewise,
        defaults={"a": 0.25},
        check=p.real("a"),
    ),
    _pointwise("relu6", "ReLU capped at 6", piecewise),
    _pointwise(
        "elu", "exponential linear unit", exp_, defaults={"alpha": 1.0}, check=p.positive("alpha")
    ),
    _pointwise(
        "celu",
        "continuously differentiable ELU",
        exp_,
        defaults={"alpha": 1.0},
        check=p.positive("alpha"),
    ),
    _pointwise("selu", "scaled ELU, self-normalising", exp_),
    _pointwise(
        "gelu",
        "x times the normal CDF",
        gated,
        defaults={"approximate": "none"},
        check=p.one_of("approximate", ("none", "tanh")),
    ),
    _pointwise(
        "softplus",
        "smooth ReLU log(1+e^(beta x))/beta",
        sigmoidal,
        defaults={"beta": 1.0, "threshold": 20.0},
        check=p.positive("beta", "threshold"),
    ),
    _pointwise("log_sigmoid", "log of the sigmoid", sigmoidal),
    _pointwise("softsign", "x/(1+|x|)", sigmoidal),
    _pointwise("tanhshrink", "x - tanh(x)", sigmoidal),
    _pointwise(
        "hardtanh",
        "x clipped to [min_val, max_val]",
        piecewise,
        defaults={"min_val": -1.0, "max_val": 1.0},
        check=p.ordered("min_val", "max_val"),
    ),
    _pointwise("hardsigmoid", "piecewise-linear sigmoid relu6(x+3)/6", piecewise),
    _pointwise("hardswish", "x * hardsigmoid(x)", piecewise),
    _pointwise("silu", "x * sigmoid(x) (swish)", gated),
    _pointwise("mish", "x * tanh(softplus(x))", gated),
    _pointwise(
        "sin",
        "sin(omega_0 x), SIREN's activation",
        periodic,
        defaults={"omega_0": 1.0},
        check=p.positive("omega_0"),
    ),
    _vector("softmax", "exponentiate and normalise along an axis"),
    _vector("softmin", "softmax of -z"),
    _vector("log_softmax", "log of softmax, via log-sum-exp"),
    _vector("glu", "gated linear unit a * sigmoid(b), halves the axis"),
    _vector("crelu", "concatenated [relu(z), relu(-z)], doubles the axis"),
)

REGISTRY: Mapping[str, Activation] = MappingProxyType({r.name: r for r in _RECORDS})


def list_activations(kind: Kind | None = None) -> list[str]:
    """Sorted activation names, all of them or only one ``kind`` ("pointwise" or "vector");
    activations defined in this session (:func:`register`) are included."""
    every = {**REGISTRY, **_USER}
    return sorted(name for name, r in every.items() if kind is None or r.kind == kind)


def get(name: str) -> Activation:
    """The record called ``name``; an unknown name raises ValueError listing the closest ones."""
    if not isinstance(name, str):
        raise TypeError(f"activation name must be a str, got {type(name).__name__}")
    try:
        return REGISTRY[name] if name in REGISTRY else _USER[name]
    except KeyError:
        known = [*REGISTRY, *_USER]
        lowered = name.lower().replace("-", "_")
        close = [lowered] if lowered in known else []
        close += difflib.get_close_matches(lowered, known, n=3, cutoff=0.5)
        close = list(dict.fromkeys(close))[:3]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ValueError(
            f"unknown activation {name!r}{hint} (actlearn.list_activations() lists all "
            f"{len(known)})"
        ) from None


def bind_params(record: Activation, given: Mapping[str, Any]) -> dict[str, Any]:
    """Defaults overlaid with ``given``, checked: unknown or missing names, invalid values."""
    unknown = sorted(set(given) - set(record.parameter_names))
    if unknown:
        valid = ", ".join(record.parameter_names) or "none"
        raise TypeError(
            f"{record.name}: unknown parameter {', '.join(map(repr, unknown))}; "
            f"valid parameters: {valid}"
        )
    missing = [name for name in record.required if name not in given]
    if missing:
        raise ValueError(
            f"{record.name}: parameter(s) {', '.join(map(repr, missing))} must be given "
            f"(no default, as in PyTorch)"
        )
    bound = {**record.defaults, **given}
    record.check(record.name, bound)
    return bound


# Activations defined in this session -----------------------------------------------------
#
# The built-in table above is frozen. A learner's own activation (``al.define_activation``)
# enters through one explicit door, :func:`register`, and leaves through :func:`unregister`;
# :func:`get` and :func:`list_activations` then see it like a built-in. The table lives as
# long as the Python process (a notebook kernel): a restarted kernel, or a worker process
# started by :mod:`actlearn.parallel`, has only the built-ins until it defines its own again.

_USER: dict[str, Activation] = {}


def register(record: Activation) -> str | None:
    """Add ``record`` to this session's activations, under ``record.name``.

    A built-in name cannot be taken (ValueError saying so); a name defined earlier in the
    session is replaced, and the returned note says so (None when the name was new).
    """
    if not isinstance(record, Activation):
        raise TypeError(f"register: expected an Activation record, got {type(record).__name__}")
    name = record.name
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"register: the name must be a Python identifier, got {name!r}")
    if name in REGISTRY:
        raise ValueError(
            f"register: {name!r} is a built-in activation and cannot be replaced; "
            f"choose another name (e.g. 'my_{name}')"
        )
    note = f"{name!r} was already defined in this session: replaced" if name in _USER else None
    _USER[name] = record
    return note


def unregister(name: str) -> None:
    """Remove the session activation ``name`` (built-ins cannot be removed)."""
    if name in REGISTRY:
        raise ValueError(f"unregister: {name!r} is a built-in activation and cannot be removed")
    if name not in _USER:
        raise ValueError(f"unregister: no activation {name!r} was defined in this session")
    del _USER[name]


def user_defined(kind: Kind | None = None) -> list[str]:
    """Names of the activations defined in this session, sorted (none: an empty list)."""
    return sorted(name for name, r in _USER.items() if kind is None or r.kind == kind)
