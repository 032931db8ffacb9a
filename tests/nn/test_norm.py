"""BatchNorm1d and LayerNorm: values, one-node backward against finite differences, modes."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actlearn import Tensor, gradcheck, nn, no_grad
from actlearn.nn.stacked import stack_models


def rng(seed=0):
    return np.random.default_rng(seed)


def randomised(layer, seed=1):
    """The layer with random γ and β (ones and zeros would hide mistakes)."""
    r = rng(seed)
    layer.weight.data[...] = r.normal(size=layer.weight.shape)
    layer.bias.data[...] = r.normal(size=layer.bias.shape)
    return layer


def test_batchnorm_training_normalises_with_the_biased_batch_variance():
    bn = randomised(nn.BatchNorm1d(3))
    x = rng(2).normal(3.0, 2.0, size=(8, 3))
    x_hat = (x - x.mean(0)) / np.sqrt(x.var(0) + 1e-5)  # np.var is the biased variance
    np.testing.assert_allclose(bn(x).data, x_hat * bn.weight.data + bn.bias.data, rtol=1e-13)


def test_batchnorm_updates_running_statistics_with_the_unbiased_variance():
    bn = nn.BatchNorm1d(2, momentum=0.25)
    np.testing.assert_array_equal(bn.running_mean, [0.0, 0.0])
    np.testing.assert_array_equal(bn.running_var, [1.0, 1.0])
    x1, x2 = rng(1).normal(size=(5, 2)), rng(2).normal(size=(7, 2))
    bn(x1)
    bn(x2)
    mean, var = np.zeros(2), np.ones(2)
    for x in (x1, x2):
        mean = 0.75 * mean + 0.25 * x.mean(0)
        var = 0.75 * var + 0.25 * x.var(0, ddof=1)
    np.testing.assert_allclose(bn.running_mean, mean, rtol=1e-14)
    np.testing.assert_allclose(bn.running_var, var, rtol=1e-14)


def test_batchnorm_eval_uses_the_running_statistics_and_does_not_update_them():
    bn = randomised(nn.BatchNorm1d(3))
    for seed in range(3):
        bn(rng(seed).normal(2.0, 3.0, size=(16, 3)))
    mean, var = bn.running_mean.copy(), bn.running_var.copy()
    assert bn.eval() is bn and not bn.training
    x = rng(9).normal(size=(1, 3))  # one row is fine in eval mode
    expected = (x - mean) / np.sqrt(var + bn.eps) * bn.weight.data + bn.bias.data
    np.testing.assert_allclose(bn(x).data, expected, rtol=1e-13)
    np.testing.assert_array_equal(bn.running_mean, mean)
    np.testing.assert_array_equal(bn.running_var, var)


def test_momentum_zero_and_one_keep_or_replace_the_running_statistics():
    x = rng().normal(size=(4, 2))
    keep, replace = nn.BatchNorm1d(2, momentum=0.0), nn.BatchNorm1d(2, momentum=1.0)
    keep(x)
    replace(x)
    np.testing.assert_array_equal(keep.running_mean, [0.0, 0.0])
    np.testing.assert_allclose(replace.running_var, x.var(0, ddof=1), rtol=1e-14)


@pytest.mark.parametrize("training", [True, False])
def test_batchnorm_backward_passes_gradcheck(training):
    bn = randomised(nn.BatchNorm1d(3))
    bn(rng(5).normal(1.0, 2.0, size=(10, 3)))  # running statistics away from 0 and 1
    bn.train(training)
    x = Tensor(rng(3).normal(size=(6, 3)), requires_grad=True)
    assert gradcheck(lambda x, w, b: bn(x), x, bn.weight, bn.bias, atol=1e-8, rtol=1e-6)


def test_batchnorm_is_one_node_and_the_input_gradient_sums_to_zero_per_feature():
    bn = randomised(nn.BatchNorm1d(4))
    x = Tensor(rng(3).normal(size=(9, 4)), requires_grad=True)
    y = bn(x)
    assert y.op == "batch_norm" and set(map(id, y.parents)) == {id(x), id(bn.weight),
                                                                 id(bn.bias)}
    y.backward(rng(4).normal(size=y.shape))
    # y is unchanged by a shift of a whole column of x, so its gradient has zero column sums.
    np.testing.assert_allclose(x.grad.sum(axis=0), 0.0, atol=1e-12)


def test_parameters_are_exactly_weight_and_bias():
    bn, ln = nn.BatchNorm1d(5), nn.LayerNorm((2, 3))
    assert [name for name, _ in bn.named_parameters()] == ["weight", "bias"]
    assert bn.parameters() == [bn.weight, bn.bias]
    np.testing.assert_array_equal(bn.weight.data, np.ones(5))
    np.testing.assert_array_equal(bn.bias.data, np.zeros(5))
    assert ln.parameters() == [ln.weight, ln.bias] and ln.weight.shape == (2, 3)
    assert nn.LayerNorm(4).weight.shape == (4,)


def test_batchnorm_with_one_row_in_training_mode_is_an_error():
    with pytest.raises(ValueError, match=r"BatchNorm1d: training mode needs at least 2 rows.*"
                                         r"N=1.*\.eval\(\)"):
        nn.BatchNorm1d(3)(np.ones((1, 3)))


@pytest.mark.parametrize(
    ("make", "x", "message"),
    [
        (lambda: nn.BatchNorm1d(3), np.ones((4, 2)), r"BatchNorm1d\(3\) expects .*\(N, 3\)"),
        (lambda: nn.BatchNorm1d(3), np.ones((4, 3, 2)), r"\(N, 3\), got \(4, 3, 2\)"),
        (lambda: nn.LayerNorm((2, 3)), np.ones((4, 3, 2)), r"\(\.\.\., 2, 3\), got \(4, 3, 2\)"),
        (lambda: nn.LayerNorm(3), np.ones(()), r"LayerNorm\(\(3,\)\) expects"),
    ],
)
def test_wrong_input_shapes_are_named(make, x, message):
    with pytest.raises(ValueError, match=message):
        make()(x)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: nn.BatchNorm1d(0), "num_features must be a positive int"),
        (lambda: nn.BatchNorm1d(3, eps=0.0), "BatchNorm1d: eps must be a positive number"),
        (lambda: nn.BatchNorm1d(3, eps=True), "eps must be a positive number"),
        (lambda: nn.BatchNorm1d(3, momentum=1.5), r"momentum must be a number in \[0, 1\]"),
        (lambda: nn.BatchNorm1d(3, momentum=None), r"momentum must be a number in \[0, 1\]"),
        (lambda: nn.LayerNorm(()), "normalized_shape must be a positive int or a non-empty"),
        (lambda: nn.LayerNorm((3, 0)), r"normalized_shape\[1\] must be a positive int"),
        (lambda: nn.LayerNorm(3, eps=-1e-5), "LayerNorm: eps must be a positive number"),
    ],
)
def test_bad_settings_are_named(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_stacked_layers_are_refused_clearly():
    for layer in (nn.BatchNorm1d(2), nn.LayerNorm(2)):
        stack = stack_models([layer, layer])
        with pytest.raises(ValueError, match="stacked models.*not supported"):
            stack(np.ones((2, 4, 2)))


def test_layernorm_normalises_each_sample_over_the_last_axes():
    ln = randomised(nn.LayerNorm((3, 4)))
    x = rng(2).normal(1.0, 3.0, size=(2, 5, 3, 4))
    mean = x.mean(axis=(-2, -1), keepdims=True)
    var = x.var(axis=(-2, -1), keepdims=True)
    expected = (x - mean) / np.sqrt(var + 1e-5) * ln.weight.data + ln.bias.data
    np.testing.assert_allclose(ln(x).data, expected, rtol=1e-12, atol=1e-14)
    assert ln.eval()(x).data.tolist() == ln.train()(x).data.tolist()  # no mode dependence


@pytest.mark.parametrize(("shape", "normalized"), [((5, 4), 4), ((2, 3, 4), (3, 4)), ((4,), 4)])
def test_layernorm_backward_passes_gradcheck(shape, normalized):
    ln = randomised(nn.LayerNorm(normalized))
    x = Tensor(rng(3).normal(size=shape), requires_grad=True)
    y = ln(x)
    assert y.op == "layer_norm"
    assert gradcheck(lambda x, w, b: ln(x), x, ln.weight, ln.bias, atol=1e-8, rtol=1e-6)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 6), c=st.integers(1, 4), seed=st.integers(0, 2**16),
       scale=st.floats(0.1, 100.0))
def test_batchnorm_output_has_zero_mean_and_unit_variance_per_feature(n, c, seed, scale):
    x = rng(seed).normal(0.0, scale, size=(n, c))
    y = nn.BatchNorm1d(c, eps=1e-12)(x).data
    np.testing.assert_allclose(y.mean(0), 0.0, atol=1e-9)
    np.testing.assert_allclose(y.var(0), 1.0, rtol=1e-6)


def test_repr_and_constant_inputs():
    assert repr(nn.BatchNorm1d(4)) == "BatchNorm1d(4, eps=1e-05, momentum=0.1)"
    assert repr(nn.LayerNorm((2, 3), eps=1e-6)) == "LayerNorm((2, 3), eps=1e-06)"
    y = nn.BatchNorm1d(2)(np.full((3, 2), 7.0))  # zero variance: ε keeps it finite
    np.testing.assert_array_equal(y.data, 0.0)
    assert y.data.dtype == np.float64


def test_running_statistics_update_in_training_mode_even_without_gradients():
    bn = nn.BatchNorm1d(2)
    with no_grad():
        y = bn(rng(1).normal(5.0, 1.0, size=(4, 2)))
    assert not y.requires_grad and np.all(bn.running_mean > 0.3)
