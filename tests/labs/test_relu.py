"""Tests for actlearn.labs.relu.family and actlearn.labs.relu.training."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from actlearn.engine import Tensor
from actlearn.labs.relu import family as relu_family
from actlearn.labs.relu import training as rt
from actlearn.nn import PReLU


def test_zero_fraction_counts_exact_zeros_only() -> None:
    assert relu_family.zero_fraction([0.0, 1e-300, -0.0, 2.0]) == 0.5
    with pytest.raises(ValueError, match="empty"):
        relu_family.zero_fraction([])


def test_relu_layer_is_about_half_sparse_smooth_ones_not_at_all() -> None:
    rng = np.random.default_rng(1)
    assert relu_family.layer_sparsity("relu", rng=rng) == pytest.approx(0.5, abs=0.03)
    assert relu_family.layer_sparsity("leaky_relu", rng=rng) == 0.0
    assert relu_family.layer_sparsity("elu", rng=rng) == 0.0


def test_negative_bias_makes_a_layer_sparser_and_threshold_ten_silences_it() -> None:
    assert relu_family.layer_sparsity("relu", bias=-1.0) > relu_family.layer_sparsity("relu") + 0.2
    assert relu_family.layer_sparsity("threshold", threshold=10.0, value=0.0) == 1.0


def test_layer_outputs_shape_and_validation() -> None:
    assert relu_family.layer_outputs("relu", n_in=3, width=5, batch=7).shape == (7, 5)
    with pytest.raises(ValueError, match="sizes"):
        relu_family.layer_outputs("relu", width=0)


@given(arrays(np.float64, (6, 4), elements=st.floats(-5, 5)))
@settings(max_examples=50, deadline=None)
def test_dead_units_are_columns_never_positive(z: np.ndarray) -> None:
    np.testing.assert_array_equal(relu_family.dead_units(z), np.all(z <= 0, axis=0))
    assert not relu_family.dead_units(z, "leaky_relu").any()


def test_dead_units_needs_a_matrix() -> None:
    with pytest.raises(ValueError, match="batch, units"):
        relu_family.dead_units(np.zeros(3))


@given(arrays(np.float64, 8, elements=st.floats(-4, 4)), st.floats(-2, 2))
@settings(max_examples=50, deadline=None)
def test_prelu_slope_gradient_on_the_engine_is_sum_of_negative_parts(x, a) -> None:
    act = PReLU(init=a)
    g = np.linspace(-1, 1, x.size)
    (act(Tensor(x)) * g).sum().backward()
    assert act.weight.grad[0] == pytest.approx(np.sum(g * np.minimum(x, 0.0)), abs=1e-12)


def test_large_learning_rate_kills_relu_units_small_one_does_not() -> None:
    calm = rt.dying_run("relu", lr=0.02, steps=20, rng=np.random.default_rng(4))
    wild = rt.dying_run("relu", lr=0.05, steps=20, rng=np.random.default_rng(4))
    leaky = rt.dying_run("leaky_relu", lr=0.05, steps=20, rng=np.random.default_rng(4))
    assert calm.dead.shape == (21,) and calm.loss.shape == (20,)
    assert calm.dead.max() == 0 and leaky.dead.max() == 0
    assert wild.dead[0] == 0 and wild.dead[-1] > 20
    assert np.all(np.diff(wild.dead) >= 0)  # first-layer units never come back


def test_negative_bias_starts_with_dead_units() -> None:
    run = rt.dying_run("relu", lr=0.02, bias_init=-2.0, steps=5, rng=np.random.default_rng(4))
    assert run.dead[0] > 5 and run.dead[-1] == run.dead[0]
    with pytest.raises(ValueError, match="lr"):
        rt.dying_run(lr=0.0)


def test_prelu_learns_the_absolute_value_slope() -> None:
    run = rt.prelu_slope_run(steps=300)
    assert run.slope[0] == 0.25 and run.slope[-1] == pytest.approx(-1.0, abs=0.05)
    assert run.loss[-1] < 0.01 < run.loss[0]
    assert run.fitted.shape == run.x.shape == run.y.shape


def test_prelu_one_slope_per_channel_recovers_each_shared_settles_in_between() -> None:
    from actlearn.labs.relu.training import prelu_channel_run

    per_channel = prelu_channel_run(shared=False)
    shared = prelu_channel_run(shared=True)
    assert per_channel.learned.shape == (3,) and shared.learned.shape == (1,)
    np.testing.assert_allclose(per_channel.learned, [-1.0, 0.0, 0.5], atol=1e-3)
    assert per_channel.loss[-1] < 1e-6
    assert -0.5 < shared.learned[0] < 0.2 and shared.loss[-1] > 0.05
    with pytest.raises(ValueError, match="slopes"):
        prelu_channel_run(target_slopes=())
