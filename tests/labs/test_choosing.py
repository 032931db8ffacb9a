"""Lesson 13's library: cost measurement, saturation statistics, comparison table, GLU blocks."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actlearn as al
from actlearn.labs.choosing import comparison, cost, gated_ffn, saturation


def test_measure_costs_reports_ratios_to_relu_and_keys_repeats_by_params() -> None:
    costs = cost.measure_costs(["relu", "tanh", al.activation("elu", alpha=2.0),
                                al.activation("elu")], n=2000, repeats=2)
    assert list(costs) == ["relu", "tanh", "elu", "elu(1.0)"]
    assert costs["relu"].forward_ratio == 1.0 and costs["relu"].derivative_ratio == 1.0
    for c in costs.values():
        assert c.forward > 0 and c.derivative > 0
        assert c.forward_ratio == pytest.approx(c.forward / costs["relu"].forward)
    assert cost.ratios(costs)["tanh"] == costs["tanh"].forward_ratio


def test_measure_costs_rejects_vector_activations_and_bad_sizes() -> None:
    with pytest.raises(ValueError, match="softmax is a vector activation"):
        cost.measure_costs(["softmax"], n=10)
    with pytest.raises(ValueError, match="n must be a positive integer"):
        cost.measure_costs(["relu"], n=0)
    with pytest.raises(ValueError, match="without its derivative"):
        cost.ratios(cost.measure_costs(["relu"], n=10, derivative=False), "derivative")


def test_response_of_relu_sigmoid_and_tanh_matches_their_closed_forms() -> None:
    rng = np.random.default_rng(1)
    relu = saturation.response("relu", 1.0, 200_000, rng)
    assert relu.sparsity == pytest.approx(0.5, abs=0.01) and relu.blocked == relu.sparsity
    assert relu.mean_output == pytest.approx(1 / math.sqrt(2 * math.pi), abs=0.01)
    assert relu.rms_slope == pytest.approx(math.sqrt(0.5), abs=0.01)
    sig = saturation.response("sigmoid", 1.0, 200_000, rng)
    assert sig.mean_output == pytest.approx(0.5, abs=0.01) and sig.sparsity == 0.0
    assert sig.rms_slope < 0.25
    wide = saturation.response("tanh", 10.0, 200_000, rng)
    # |tanh'(z)| < 0.01 exactly when |z| > atanh(sqrt(0.99)) ≈ 2.99
    edge = math.atanh(math.sqrt(0.99))
    assert wide.blocked == pytest.approx(math.erfc(edge / (10 * math.sqrt(2))), abs=0.01)
    assert wide.gradient_after(3) == pytest.approx(wide.rms_slope**3)


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["sigmoid", "tanh", "softsign"]))
def test_blocked_fraction_of_squashing_functions_grows_with_scale(name) -> None:
    curve = saturation.blocked_curve(name, [0.3, 1, 3, 10, 30, 100], n=5000)
    assert np.all(np.diff(curve) >= 0) and curve[0] < 0.01 and curve[-1] > 0.6


def test_output_gradients_vanish_for_squared_error_only() -> None:
    ce, se = saturation.output_gradients(np.array([-12.0, 0.0, 12.0]), target=1.0)
    np.testing.assert_allclose(ce, al.activation("sigmoid")([-12.0, 0.0, 12.0]) - 1.0)
    assert abs(ce[0]) > 0.99 and abs(se[0]) < 1e-5
    with pytest.raises(ValueError, match="target must be 0 or 1"):
        saturation.output_gradients(np.zeros(2), 0.5)


def test_preactivations_reject_bad_scale() -> None:
    with pytest.raises(ValueError, match="scale must be positive"):
        saturation.preactivations(0.0, 10, np.random.default_rng(0))
    with pytest.raises(TypeError, match="pointwise activation"):
        saturation.response(al.activation("softmax"))


def test_property_rows_cover_every_pointwise_activation_with_computed_values() -> None:
    rows = comparison.property_rows(costs={"relu": 1.0})
    assert [r["name"] for r in rows] == al.list_activations(kind="pointwise")
    by_name = {r["name"]: r for r in rows}
    assert by_name["relu"]["cost"] == 1.0 and by_name["tanh"]["cost"] is None
    assert by_name["sigmoid"]["df0"] == pytest.approx(0.25)
    assert by_name["tanh"]["zero_centred"] and not by_name["sigmoid"]["zero_centred"]
    table = comparison.format_table(rows).splitlines()
    assert table[0].split() == ["activation", "range", "monotonic", "E[f(z)]", "zero-centred",
                                "smooth", "saturates", "f'(0)"]
    assert len(table) == len(rows) + 2 and set(table[1]) <= {"-", " "}


def test_zero_centred_is_the_measured_gaussian_mean_within_a_tenth() -> None:
    rows = {r["name"]: r for r in comparison.property_rows()}
    for name in ("relu", "leaky_relu", "prelu", "gelu", "silu", "mish", "hardswish", "elu"):
        assert rows[name]["gaussian_mean"] >= 0.1 and not rows[name]["zero_centred"], name
    for name in ("tanh", "selu", "softsign", "hardtanh", "linear", "sin"):
        assert abs(rows[name]["gaussian_mean"]) < 0.1 and rows[name]["zero_centred"], name
    # E[relu(z)] = 1/sqrt(2 pi); leaky ReLU keeps 99 % of it (slope 0.01 on the left)
    assert rows["relu"]["gaussian_mean"] == round(1 / math.sqrt(2 * math.pi), 3)
    assert rows["leaky_relu"]["gaussian_mean"] == round(0.99 / math.sqrt(2 * math.pi), 3)


def test_fitting_finds_activations_by_output_range() -> None:
    assert comparison.fitting(0.0, 1.0, exact=True) == ["hardsigmoid", "sigmoid", "step"]
    assert "tanh" in comparison.fitting(-1.0, 1.0, exact=True)
    assert "relu" not in comparison.fitting(-1.0, 1.0)
    assert "linear" in comparison.fitting(-math.inf, math.inf, exact=True)


def test_glu_variant_matches_the_registry_glu_on_the_concatenation() -> None:
    rng = np.random.default_rng(2)
    x, W, V = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    np.testing.assert_allclose(gated_ffn.glu_variant(x, W, V, "sigmoid"),
                               al.activation("glu")(np.concatenate([x @ V, x @ W], axis=-1)))
    silu = al.activation("silu")
    np.testing.assert_allclose(gated_ffn.swiglu(x, W, V), silu(x @ W) * (x @ V))
    w = gated_ffn.init_feed_forward(3, 4, gated=True, rng=rng)
    out = gated_ffn.gated_feed_forward(x, w.W, w.V, w.W2)
    np.testing.assert_allclose(out, (silu(x @ w.W) * (x @ w.V)) @ w.W2)
    plain = gated_ffn.init_feed_forward(3, 4, gated=False, rng=rng)
    assert plain.V is None
    assert gated_ffn.feed_forward(x, plain.W, plain.W2).shape == (5, 3)


def test_glu_variant_names_bad_shapes() -> None:
    with pytest.raises(ValueError, match="W must be a matrix with 3 rows"):
        gated_ffn.glu_variant(np.ones((2, 3)), np.ones((2, 4)), np.ones((3, 4)))
    with pytest.raises(ValueError, match="same shape"):
        gated_ffn.glu_variant(np.ones((2, 3)), np.ones((3, 4)), np.ones((3, 5)))


@given(st.integers(1, 10_000))
def test_gated_width_keeps_the_weight_count_within_one_row(d) -> None:
    plain = gated_ffn.weight_count(d, gated_ffn.hidden_width(d, gated=False), gated=False)
    gated = gated_ffn.weight_count(d, gated_ffn.hidden_width(d, gated=True), gated=True)
    assert plain == 8 * d * d
    assert 0 <= plain - gated < 3 * d


def test_learning_curves_gain_from_data_and_spread_across_activations() -> None:
    from actlearn.labs.choosing.data_size import digits_learning_curves

    curves = digits_learning_curves(("relu", "tanh"), sizes=(20, 300), steps=60)
    assert curves.sizes == (20, 300) and curves.n_test == 450
    assert set(curves.accuracy) == {"relu", "tanh"}
    for name in curves.accuracy:
        assert all(0.0 <= a <= 1.0 for a in curves.accuracy[name])
        assert curves.gain_from_data(name) > 0.1  # more data helps a lot
    assert curves.spread_across_activations(1) < 0.1
    with pytest.raises(ValueError, match="sizes must lie"):
        digits_learning_curves(("relu",), sizes=(5000,))


def test_regression_fits_a_smooth_curve_with_tanh_and_a_linear_output() -> None:
    from actlearn.labs.choosing.data_size import regression_fits, regression_target

    (tanh,) = regression_fits(("tanh",), steps=300)
    assert tanh.name == "tanh" and tanh.x.shape == tanh.prediction.shape == (401,)
    assert tanh.mse < 0.02
    assert tanh.mse == pytest.approx(np.mean((tanh.prediction - regression_target(tanh.x)) ** 2))
