"""Shared cases for the activation-registry tests: names, parameter variants and kinks.

Test functions receive them by argument name (parametrized by ``pytest_generate_tests``):

* ``act_name``: every registered activation; ``pointwise_name`` / ``vector_name``: one kind;
* ``act_variant``: ``(name, params)`` for every pointwise activation under several settings.

Fixtures: ``bound(name, **params)`` binds an activation, adding the parameters that have no
default (``threshold`` needs both of its own); ``kinks_of(name, params)`` lists where a
pointwise activation (or its NumPy float switch) is not differentiable, known independently
of the code under test.
"""

from __future__ import annotations

from typing import Any

import pytest

import actlearn as al
from tests.workers import long_ones_first, make_scheduler


# Under ``--dist loadgroup``, tests that share an expensive fixture share a worker, and the
# longest tests start first (see tests/workers.py).
@pytest.hookimpl(optionalhook=True)  # (an xdist hook: pytest runs without xdist too)
def pytest_xdist_make_scheduler(config, log):
    return make_scheduler(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    long_ones_first(items)


#: Parameters an activation cannot be built without (PyTorch's Threshold has no defaults).
REQUIRED: dict[str, dict[str, float]] = {"threshold": {"threshold": 1.0, "value": -2.0}}

#: Every pointwise activation, at its defaults and at other settings that change its shape.
VARIANTS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("step", {}),
    ("step", {"threshold": 1.5}),
    ("linear", {}),
    ("linear", {"slope": -2.5}),
    ("sigmoid", {}),
    ("tanh", {}),
    ("relu", {}),
    ("threshold", {"threshold": 1.0, "value": -2.0}),
    ("threshold", {"threshold": 10.0, "value": 0.0}),
    ("threshold", {"threshold": -0.5, "value": 3.0}),
    ("leaky_relu", {}),
    ("leaky_relu", {"negative_slope": 0.2}),
    ("leaky_relu", {"negative_slope": -0.5}),
    ("prelu", {}),
    ("prelu", {"a": 0.1}),
    ("relu6", {}),
    ("elu", {}),
    ("elu", {"alpha": 0.5}),
    ("elu", {"alpha": 2.0}),
    ("celu", {}),
    ("celu", {"alpha": 0.5}),
    ("celu", {"alpha": 3.0}),
    ("selu", {}),
    ("gelu", {}),
    ("gelu", {"approximate": "tanh"}),
    ("softplus", {}),
    ("softplus", {"beta": 2.0, "threshold": 10.0}),
    ("softplus", {"beta": 0.5}),
    ("log_sigmoid", {}),
    ("softsign", {}),
    ("tanhshrink", {}),
    ("hardtanh", {}),
    ("hardtanh", {"min_val": -2.0, "max_val": 3.0}),
    ("hardsigmoid", {}),
    ("hardswish", {}),
    ("silu", {}),
    ("mish", {}),
    ("sin", {}),
    ("sin", {"omega_0": 30.0}),
)


def make(name: str, **params: Any) -> al.ActivationFunction:
    """``al.activation(name, **params)``, with the required parameters filled in if absent."""
    return al.activation(name, **{**REQUIRED.get(name, {}), **params})


def kinks(name: str, params: dict[str, Any]) -> list[float]:
    """Where the function or its derivative jumps (softplus: its switch to x at threshold/β)."""
    p = {**make(name, **params).params}
    fixed = {
        "relu": [0.0],
        "leaky_relu": [0.0],
        "prelu": [0.0],
        "elu": [0.0],
        "celu": [0.0],
        "selu": [0.0],
        "softsign": [0.0],
        "relu6": [0.0, 6.0],
        "hardsigmoid": [-3.0, 3.0],
        "hardswish": [-3.0, 3.0],
    }
    if name in ("step", "threshold"):
        return [p["threshold"]]
    if name == "hardtanh":
        return [p["min_val"], p["max_val"]]
    if name == "softplus":
        return [p["threshold"] / p["beta"]]
    return fixed.get(name, [])


def variant_id(variant: tuple[str, dict[str, Any]]) -> str:
    name, params = variant
    return "-".join([name, *(f"{k}={v}" for k, v in params.items())])


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    names = {
        "act_name": al.list_activations(),
        "pointwise_name": al.list_activations("pointwise"),
        "vector_name": al.list_activations("vector"),
    }
    for arg, values in names.items():
        if arg in metafunc.fixturenames:
            metafunc.parametrize(arg, values)
    if "act_variant" in metafunc.fixturenames:
        metafunc.parametrize("act_variant", VARIANTS, ids=[variant_id(v) for v in VARIANTS])


@pytest.fixture(scope="session")
def bound():
    """``bound(name, **params)``: the activation with required parameters filled in."""
    return make


@pytest.fixture(scope="session")
def kinks_of():
    """``kinks_of(name, params)``: the x values to keep away from when differentiating."""
    return kinks
