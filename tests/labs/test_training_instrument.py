"""Instrumented training: per-layer statistics, update ratios and the initial loss."""

import math

import numpy as np
import pytest

from actlearn import nn
from actlearn.labs.training.deep_mlp import DeepMLP
from actlearn.labs.training.instrument import (
    RecordedDivergenceError,
    dead_fraction,
    saturated_fraction,
    train_instrumented,
    update_ratio,
)
from actlearn.training import DivergenceError


def rng(seed=0):
    return np.random.default_rng(seed)


def data(n=256, n_in=32, classes=5, seed=0):
    r = rng(seed)
    return r.normal(size=(n, n_in)), r.integers(0, classes, n)


def run(net, steps=1, lr=0.1, batch=None, record_every=1, seed=2):
    X, y = data()
    return train_instrumented(net, X, y, steps=steps, lr=lr, batch=batch, rng=rng(seed),
                              record_every=record_every)


def test_a_relu_net_with_a_strongly_negative_bias_is_entirely_dead():
    net = DeepMLP([32, 64, 64, 5], activation="relu", init="he", rng=rng(1))
    for layer in net.layers[:-1]:
        layer.bias.data[:] = -100.0
    result = run(net)
    assert [layer.dead[0] for layer in result.layers] == [1.0, 1.0]
    assert all(np.all(layer.act_grad[0] * (layer.pre[0] > 0) == 0) for layer in result.layers)
    healthy = run(DeepMLP([32, 64, 64, 5], activation="relu", init="he", rng=rng(1)))
    assert all(layer.dead[0] < 0.1 for layer in healthy.layers)


@pytest.mark.parametrize(("gain", "low", "high"), [(100.0, 0.95, 1.0), (5 / 3, 0.0, 0.1)])
def test_tanh_saturates_with_a_huge_init_scale_and_not_with_gain_5_over_3(gain, low, high):
    assert nn.init.calculate_gain("tanh") == 5 / 3
    net = DeepMLP([32, 100, 100, 100, 5], activation="tanh", init="xavier", gain=gain, rng=rng(1))
    for layer in run(net).layers:
        assert low <= layer.saturated[0] <= high


def test_the_update_ratio_moves_by_exactly_one_decade_with_ten_times_the_learning_rate():
    small, large = (run(DeepMLP([32, 50, 50, 5], rng=rng(1)), lr=lr) for lr in (0.01, 0.1))
    assert small.update_ratio.shape == (1, 3)
    assert small.weight_names == ["layers.0.weight", "layers.1.weight", "layers.2.weight"]
    np.testing.assert_allclose(large.update_ratio - small.update_ratio, 1.0, rtol=0, atol=1e-12)


def test_a_zero_last_layer_starts_at_the_uniform_guess_loss_log_c():
    net = DeepMLP([32, 50, 50, 5], activation="tanh", last_scale=0.0, rng=rng(1))
    result = run(net, steps=3, batch=16)
    assert result.num_classes == 5
    assert result.expected_initial_loss == -math.log(1 / 5)
    assert result.initial_loss == pytest.approx(math.log(5), rel=1e-15)
    assert result.update_ratio[0, -1] == math.inf  # ‖W‖ = 0 for the last layer
    assert run(DeepMLP([32, 50, 50, 5], rng=rng(1))).initial_loss > math.log(5) + 0.1


def test_records_have_the_documented_shapes_and_runs_are_deterministic():
    first = run(DeepMLP([32, 20, 10, 5], rng=rng(1)), steps=25, batch=8, record_every=10)
    again = run(DeepMLP([32, 20, 10, 5], rng=rng(1)), steps=25, batch=8, record_every=10)
    assert first.loss.shape == (25,) and first.update_ratio.shape == (25, 3)
    assert first.recorded_steps.tolist() == [0, 10, 20]
    assert [layer.pre.shape for layer in first.layers] == [(3, 8, 20), (3, 8, 10)]
    for a, b in zip(first.layers, again.layers, strict=True):
        for field in ("pre", "act", "act_grad", "saturated", "dead"):
            np.testing.assert_array_equal(getattr(a, field), getattr(b, field))
    np.testing.assert_array_equal(first.loss, again.loss)
    edges, counts = first.histograms("act", record=1, bins=10)
    assert edges.shape == (11,) and counts.shape == (2, 10)
    assert counts.sum(axis=1).tolist() == [8 * 20, 8 * 10]


def test_activation_gradients_are_the_back_propagated_ones():
    """At step 0 the last hidden layer's ∂L/∂a is (softmax(z) − onehot)/N · Wᵀ."""
    net = DeepMLP([32, 20, 10, 5], activation="tanh", rng=rng(1))
    w, b = net.layers[-1].weight.data.copy(), net.layers[-1].bias.data.copy()
    X, y = data()
    result = train_instrumented(net, X, y, steps=1, lr=0.1, batch=None, rng=rng(2))
    a = result.layers[-1].act[0]
    z = a @ w + b
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1.0
    np.testing.assert_allclose(result.layers[-1].act_grad[0], p / len(y) @ w.T, rtol=1e-12)


def test_batch_norm_standardises_the_recorded_pre_activations():
    net = DeepMLP([32, 40, 40, 5], activation="tanh", norm="batch", gain=5.0, rng=rng(1))
    assert [type(m).__name__ for m in net.norms] == ["BatchNorm1d", "BatchNorm1d"]
    assert all(layer.bias is None for layer in net.layers[:-1])
    result = run(net, batch=64)
    for layer in result.layers:
        np.testing.assert_allclose(layer.pre[0].mean(axis=0), 0.0, atol=1e-12)
        np.testing.assert_allclose(layer.pre[0].std(axis=0), 1.0, rtol=1e-3)
    assert "norm='batch'" in repr(net)


def test_a_plain_mlp_and_a_learning_rate_schedule():
    net = nn.MLP([32, 16, 5], activation="relu", rng=rng(1))
    result = run(net, steps=4, lr=lambda step: 0.1 if step < 2 else 0.01, record_every=2)
    assert result.layers[0].name == "relu" and result.recorded_steps.tolist() == [0, 2]
    assert math.isnan(result.layers[0].saturated[0])
    with pytest.raises(TypeError, match="DeepMLP or an nn.MLP without output activation"):
        run(nn.MLP([32, 5], output_activation="softmax"))


def test_divergence_and_bad_arguments():
    with pytest.raises(DivergenceError, match="smaller learning rate"):
        run(DeepMLP([32, 100, 100, 5], activation="relu", init="he", rng=rng(1)), steps=50,
            lr=1e30)
    with pytest.raises(ValueError, match="record_every must be a positive int"):
        run(DeepMLP([32, 8, 5]), record_every=0)
    with pytest.raises(ValueError, match="norm must be None, 'batch' or 'layer'"):
        DeepMLP([32, 8, 5], norm="group")


def test_a_divergence_carries_the_steps_before_it():
    X, y = data()
    net = DeepMLP([32, 100, 100, 5], activation="relu", init="he", rng=rng(1))
    with pytest.raises(RecordedDivergenceError) as caught:
        train_instrumented(net, X, y, steps=50, lr=1e30, batch=None, rng=rng(2), record_every=2)
    record, step = caught.value.record, int(str(caught.value).split("at step ")[1].split(";")[0])
    assert 0 < step < 50 and record.loss.shape == (step,) and np.isfinite(record.loss).all()
    assert record.update_ratio.shape == (step, 3)
    assert record.recorded_steps.tolist() == list(range(0, step, 2))
    assert all(layer.pre.shape[0] == len(record.recorded_steps) for layer in record.layers)
    X[0, 0] = np.nan  # the loss is NaN at step 0: nothing recorded
    with pytest.raises(RecordedDivergenceError, match="at step 0;") as caught:
        train_instrumented(DeepMLP([32, 8, 5], rng=rng(1)), X, y, steps=5, lr=0.1, batch=None)
    assert caught.value.record is None


def test_the_statistics_on_their_own():
    assert saturated_fraction([[0.98, -0.99], [0.5, 0.0]], "tanh") == 0.5
    assert saturated_fraction([0.01, 0.5, 0.99, 0.985], "sigmoid") == 0.5
    assert dead_fraction([[-1.0, 0.0, 1.0], [-2.0, 0.0, -1.0]], "relu") == pytest.approx(2 / 3)
    assert dead_fraction([[-1.0], [-2.0]], "leaky_relu") == 0.0
    assert update_ratio(np.full((2, 2), 10.0), np.ones((2, 2)), 0.01) == pytest.approx(-3.0)
    assert update_ratio(np.ones((2, 2)), np.zeros((2, 2)), 0.1) == -math.inf
