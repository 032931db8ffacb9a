"""The registry's contract: every name, its parameters and defaults, and errors on bad input."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import actlearn as al
from actlearn.activations import registry

POINTWISE = {
    "step", "linear", "sigmoid", "tanh", "relu", "threshold", "leaky_relu", "prelu", "relu6",
    "elu", "celu", "selu", "gelu", "softplus", "log_sigmoid", "softsign", "tanhshrink",
    "hardtanh", "hardsigmoid", "hardswish", "silu", "mish", "sin",
}  # fmt: skip
VECTOR = {"softmax", "softmin", "log_softmax", "glu", "crelu"}

#: (parameters without a default, defaults) exactly as the contract lists them.
EXPECTED_PARAMS: dict[str, tuple[tuple[str, ...], dict[str, object]]] = {
    "step": ((), {"threshold": 0.0}),
    "linear": ((), {"slope": 1.0}),
    "threshold": (("threshold", "value"), {}),
    "leaky_relu": ((), {"negative_slope": 0.01}),
    "prelu": ((), {"a": 0.25}),
    "elu": ((), {"alpha": 1.0}),
    "celu": ((), {"alpha": 1.0}),
    "gelu": ((), {"approximate": "none"}),
    "softplus": ((), {"beta": 1.0, "threshold": 20.0}),
    "hardtanh": ((), {"min_val": -1.0, "max_val": 1.0}),
    "sin": ((), {"omega_0": 1.0}),
    **{name: ((), {"axis": -1}) for name in VECTOR},
}


def test_every_contract_name_is_registered_with_its_kind() -> None:
    names = al.list_activations()
    assert names == sorted(names)
    assert POINTWISE | VECTOR <= set(names)
    assert POINTWISE <= set(al.list_activations("pointwise"))
    assert VECTOR <= set(al.list_activations("vector"))
    for name in names:
        assert registry.get(name).kind == al.activation(name, **_required(name)).kind


def _required(name: str) -> dict[str, float]:
    return {"threshold": 1.0, "value": 0.0} if name == "threshold" else {}


def test_parameters_and_defaults_are_exactly_the_contract(act_name: str) -> None:
    required, defaults = EXPECTED_PARAMS.get(act_name, ((), {}))
    record = registry.get(act_name)
    assert record.required == required
    assert dict(record.defaults) == defaults
    assert {k: type(v) for k, v in record.defaults.items()} == {
        k: type(v) for k, v in defaults.items()
    }
    if not required:
        assert dict(al.activation(act_name).params) == defaults


def test_the_bound_object_exposes_name_kind_params_and_record(bound, act_name: str) -> None:
    f = bound(act_name)
    assert f.name == act_name
    assert f.kind in ("pointwise", "vector")
    assert f.record is registry.get(act_name)
    assert act_name in repr(f)
    with pytest.raises(TypeError):
        f.params["extra"] = 1.0  # read-only mapping


def test_records_and_the_table_are_read_only() -> None:
    record = registry.get("elu")
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.name = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        record.defaults["alpha"] = 2.0  # type: ignore[index]
    with pytest.raises(TypeError):
        registry.REGISTRY["mine"] = record  # type: ignore[index]


@pytest.mark.parametrize(
    ("typo", "closest"),
    [
        ("rleu", "relu"),
        ("softmaxx", "softmax"),
        ("leakyrelu", "leaky_relu"),
        ("Tanh", "tanh"),
        ("ReLU", "relu"),
        ("GELU", "gelu"),
    ],
)
def test_an_unknown_activation_names_the_closest(typo: str, closest: str) -> None:
    with pytest.raises(ValueError, match=typo) as info:
        al.activation(typo)
    assert closest in str(info.value)


def test_a_name_that_is_not_a_string_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="str"):
        al.activation(3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "bad", "valid"),
    [
        ("leaky_relu", "slope", ["negative_slope"]),
        ("softplus", "alpha", ["beta", "threshold"]),
        ("hardtanh", "min", ["min_val", "max_val"]),
        ("softmax", "dim", ["axis"]),
        ("relu", "inplace", []),
    ],
)
def test_an_unknown_parameter_names_the_valid_ones(name: str, bad: str, valid: list[str]) -> None:
    with pytest.raises((TypeError, ValueError)) as info:
        al.activation(name, **{bad: 1})
    message = str(info.value)
    assert name in message and repr(bad) in message
    for param in valid:
        assert param in message


@pytest.mark.parametrize(
    ("name", "params", "allowed"),
    [
        ("softplus", {"beta": -1.0}, "> 0"),
        ("softplus", {"beta": 0.0}, "> 0"),
        ("celu", {"alpha": 0.0}, "> 0"),
        ("celu", {"alpha": -2.0}, "> 0"),
        ("hardtanh", {"min_val": 1.0, "max_val": 1.0}, "min_val must be < max_val"),
        ("hardtanh", {"min_val": 2.0, "max_val": -2.0}, "min_val must be < max_val"),
        ("gelu", {"approximate": "erf"}, "'none', 'tanh'"),
        ("gelu", {"approximate": None}, "'none', 'tanh'"),
        ("softplus", {"beta": float("nan")}, "finite"),
        ("leaky_relu", {"negative_slope": float("inf")}, "finite"),
    ],
)
def test_an_invalid_value_says_what_is_allowed(name: str, params: dict, allowed: str) -> None:
    with pytest.raises(ValueError, match=name) as info:
        al.activation(name, **params)
    assert allowed in str(info.value)


@pytest.mark.parametrize("given", [{}, {"threshold": 1.0}, {"value": 0.0}])
def test_threshold_without_both_parameters_is_a_value_error(given: dict) -> None:
    with pytest.raises(ValueError, match="must be given") as info:
        al.activation("threshold", **given)
    for missing in {"threshold", "value"} - set(given):
        assert repr(missing) in str(info.value)


@pytest.mark.parametrize(("name", "params"), [("elu", {"alpha": "1"}), ("softmax", {"axis": 1.0})])
def test_a_parameter_of_the_wrong_type_is_a_type_error(name: str, params: dict) -> None:
    with pytest.raises(TypeError, match=name):
        al.activation(name, **params)


NON_NUMERIC = [
    ("text", "str"),
    (["1.0", "2.0"], "list"),
    (np.array([1.0, None], dtype=object), "object"),
    (1 + 2j, "complex"),
    (np.array([1.0, 2.0j]), "complex128"),
]


@pytest.mark.parametrize(("value", "type_name"), NON_NUMERIC, ids=lambda v: type(v).__name__)
def test_non_numeric_input_is_a_type_error_naming_activation_and_type(
    bound, act_name: str, value: object, type_name: str
) -> None:
    f = bound(act_name)
    calls = [f, lambda v: f.vjp(v, np.ones(4))]
    if f.kind == "pointwise":
        calls.append(f.derivative)
    for call in calls:
        with pytest.raises(TypeError) as info:
            call(value)
        assert act_name in str(info.value) and type_name in str(info.value)


def test_vector_activations_have_no_elementwise_derivative(bound, vector_name: str) -> None:
    with pytest.raises(TypeError, match="vjp"):
        bound(vector_name).derivative(np.zeros(4))


def test_jacobian_needs_1d_input(bound, act_name: str) -> None:
    with pytest.raises(ValueError, match="1-D"):
        bound(act_name).jacobian(np.zeros((2, 2)))


def test_glu_needs_an_even_axis() -> None:
    with pytest.raises(ValueError, match="even"):
        al.activation("glu")(np.zeros(3))


def test_top_level_functions_are_the_registered_ones() -> None:
    z = np.array([[0.5, -1.0, 2.0], [3.0, 0.0, -4.0]])
    for name, top in (("softmax", al.softmax), ("log_softmax", al.log_softmax),
                      ("softmin", al.softmin)):  # fmt: skip
        for axis in (0, 1, -1):
            np.testing.assert_array_equal(top(z, axis=axis), al.activation(name, axis=axis)(z))
