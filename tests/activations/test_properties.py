"""Computed properties against known truths, and proof that they are computed, not declared."""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actlearn as al
from actlearn.activations.properties import OutputRange

INF = math.inf
#: min of x·Φ(x), at x ≈ −0.75179 (solved with mpmath: Φ(x) + xφ(x) = 0).
GELU_MIN = -0.169971207479903661693868470982

TRUTHS = {
    "sigmoid": {
        "output_range": OutputRange(0.0, 1.0, False, False),
        "monotonic": True, "zero_centred": False, "smoothness": INF, "saturates": "both",
        "f0": 0.5, "df0": 0.25,
    },
    "tanh": {
        "output_range": OutputRange(-1.0, 1.0, False, False),
        "monotonic": True, "zero_centred": True, "smoothness": INF, "saturates": "both",
        "f0": 0.0, "df0": 1.0,
    },
    "relu": {
        "output_range": OutputRange(0.0, INF, True, False),
        "monotonic": True, "zero_centred": False, "smoothness": 0, "saturates": "left",
        "f0": 0.0, "df0": 0.0,
    },
    "elu": {
        "output_range": OutputRange(-1.0, INF, False, False),
        "monotonic": True, "zero_centred": False, "smoothness": 1, "saturates": "left",
        "f0": 0.0, "df0": 1.0,
    },
    "gelu": {
        "output_range": OutputRange(GELU_MIN, INF, True, False),
        "monotonic": False, "zero_centred": False, "smoothness": INF, "saturates": "left",
        "f0": 0.0, "df0": 0.5,
    },
}  # fmt: skip
CASES = [
    pytest.param(name, prop, id=f"{name}-{prop}")
    for name, truths in TRUTHS.items()
    for prop in truths
]  # fmt: skip


def _close(got, expected) -> bool:
    if isinstance(expected, OutputRange):
        return (
            (got.low_closed, got.high_closed) == (expected.low_closed, expected.high_closed)
            and _close(got.low, expected.low)
            and _close(got.high, expected.high)
        )
    if isinstance(expected, float) and math.isfinite(expected):
        return got == pytest.approx(expected, rel=1e-9, abs=1e-12)
    return got == expected


@pytest.mark.parametrize(("name", "prop"), CASES)
def test_property_matches_the_known_truth(name: str, prop: str) -> None:
    got = getattr(al.activation(name).properties, prop)
    assert _close(got, TRUTHS[name][prop]), got


def test_changing_the_leaky_slope_changes_the_computed_properties() -> None:
    gentle = al.activation("leaky_relu").properties
    reversed_ = al.activation("leaky_relu", negative_slope=-0.5).properties
    assert gentle.monotonic and not reversed_.monotonic
    assert gentle.output_range.low == -INF and reversed_.output_range.low == 0.0
    assert not gentle.zero_centred and not reversed_.zero_centred  # means 0.395 and 0.598
    assert al.activation("leaky_relu", negative_slope=1.0).properties.zero_centred  # identity
    assert (gentle.df0, reversed_.df0) == (0.01, -0.5)


def test_zero_centred_means_a_gaussian_mean_within_a_tenth_of_zero() -> None:
    from actlearn.activations.properties import ZERO_MEAN_TOL, gaussian_mean

    assert ZERO_MEAN_TOL == 0.1
    assert gaussian_mean(al.activation("relu")) == pytest.approx(1 / math.sqrt(2 * math.pi))
    assert gaussian_mean(al.activation("sigmoid")) == pytest.approx(0.5)
    assert abs(gaussian_mean(al.activation("selu"))) < 1e-3  # self-normalising: mean 0
    assert gaussian_mean(al.activation("elu")) == pytest.approx(0.1605, abs=1e-4)
    assert al.activation("selu").properties.zero_centred
    assert not al.activation("elu").properties.zero_centred


def test_changing_hardtanh_bounds_changes_the_computed_range() -> None:
    assert al.activation("hardtanh").properties.output_range == OutputRange(-1, 1, True, True)
    wide = al.activation("hardtanh", min_val=-2.0, max_val=3.0).properties
    assert wide.output_range == OutputRange(-2.0, 3.0, True, True)
    shifted = al.activation("hardtanh", min_val=0.5, max_val=2.0).properties
    assert (shifted.f0, shifted.df0, shifted.zero_centred) == (0.5, 0.0, False)


def test_other_parameters_move_other_properties() -> None:
    assert al.activation("elu", alpha=2.0).properties.output_range.low == -2.0
    assert al.activation("elu", alpha=2.0).properties.smoothness == 0  # f'(0⁻) = α ≠ 1
    assert al.activation("celu", alpha=2.0).properties.smoothness == 1
    assert al.activation("softplus", beta=2.0).properties.f0 == pytest.approx(math.log(2) / 2)
    assert al.activation("step", threshold=1.0).properties.f0 == 0.0
    assert al.activation("sin", omega_0=3.0).properties.df0 == 3.0


#: Whether each variant is non-decreasing, from its definition.
NOT_MONOTONIC = {"gelu", "hardswish", "silu", "mish", "sin"}


def _truly_monotonic(name: str, params: dict) -> bool:
    if name in NOT_MONOTONIC:
        return False
    if name == "threshold":
        return params["value"] <= params["threshold"]
    slope = params.get("slope", params.get("negative_slope", 1.0))
    return slope >= 0


@functools.cache
def _bound_once(name: str, params: tuple) -> al.ActivationFunction:
    """One bound object per variant, so its (cached) properties are computed once."""
    extra = {"threshold": 1.0, "value": -2.0} if name == "threshold" else {}
    return al.activation(name, **{**extra, **dict(params)})


def test_monotonic_is_computed_right_for_every_variant(act_variant) -> None:
    name, params = act_variant
    computed = _bound_once(name, tuple(params.items())).properties.monotonic
    assert computed == _truly_monotonic(name, params)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=8))
def test_outputs_lie_in_the_computed_range_and_keep_order(act_variant, xs) -> None:
    name, params = act_variant
    f = _bound_once(name, tuple(params.items()))
    props = f.properties
    x = np.sort(np.array(xs))
    y = f(x)
    rng = props.output_range
    slack = 1e-12 * np.maximum(1.0, np.abs(y))
    assert np.all(y >= rng.low - slack) and np.all(y <= rng.high + slack), (x, y, rng)
    if props.monotonic:
        assert np.all(np.diff(y) >= -slack[1:]), (x, y)


def test_monotonic_truth_is_witnessed_on_a_grid(bound, act_variant) -> None:
    name, params = act_variant
    steps = np.diff(bound(name, **params)(np.linspace(-10.0, 10.0, 20001)))
    if _truly_monotonic(name, params):
        assert np.all(steps >= 0)
    else:
        assert np.any(steps < 0)


def test_vector_properties_are_ranges_only(bound, vector_name: str) -> None:
    props = bound(vector_name).properties
    assert props.monotonic is None and props.smoothness is None and props.f0 is None
    if vector_name in ("softmax", "softmin"):
        assert 0.0 <= props.output_range.low and props.output_range.high <= 1.0
    if vector_name == "log_softmax":
        assert props.output_range.high <= 0.0


def test_rows_for_tables_label_the_smoothness() -> None:
    labels = {n: al.activation(n).properties.as_row()["smoothness"] for n in ("sigmoid", "step")}
    assert labels == {"sigmoid": "C^∞", "step": "discontinuous"}
    row = al.activation("relu").properties.as_row()
    assert row["smoothness"] == "C^0" and row["output_range"] == "[0, ∞)"
