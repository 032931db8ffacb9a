"""init.calculate_gain (PyTorch's table) and the gain= of the initialisers."""

import math

import numpy as np
import pytest

from actlearn import nn
from actlearn.nn.init import calculate_gain


@pytest.mark.parametrize(
    ("name", "param", "gain"),
    [
        ("linear", None, 1.0), ("conv1d", None, 1.0), ("conv2d", None, 1.0),
        ("conv3d", None, 1.0), ("conv_transpose1d", None, 1.0),
        ("conv_transpose2d", None, 1.0), ("conv_transpose3d", None, 1.0),
        ("sigmoid", None, 1.0), ("tanh", None, 5 / 3), ("relu", None, math.sqrt(2)),
        ("leaky_relu", None, math.sqrt(2 / (1 + 0.01**2))), ("leaky_relu", 0, math.sqrt(2)),
        ("leaky_relu", 0.2, math.sqrt(2 / 1.04)), ("leaky_relu", 1, 1.0), ("selu", None, 0.75),
    ],
)  # fmt: skip
def test_calculate_gain_values(name, param, gain):
    assert calculate_gain(name, param) == gain


@pytest.mark.parametrize("param", [True, "0.2", [0.2]])
def test_leaky_relu_slope_must_be_a_number(param):
    with pytest.raises(ValueError, match="negative_slope .* not a valid number"):
        calculate_gain("leaky_relu", param)


def test_unknown_nonlinearity_lists_the_accepted_ones():
    with pytest.raises(ValueError, match="unsupported nonlinearity 'gelu'.*conv_transpose3d.*selu"):
        calculate_gain("gelu")


@pytest.mark.parametrize("name", ["he", "xavier", "lecun"])
def test_without_gain_the_draws_are_unchanged(name):
    init = nn.init.initializer(name)
    default = init(30, 20, np.random.default_rng(3))
    np.testing.assert_array_equal(init(30, 20, np.random.default_rng(3), gain=None), default)
    np.testing.assert_array_equal(
        nn.Linear(30, 20, init=name, rng=np.random.default_rng(3)).weight.data, default
    )


@pytest.mark.parametrize(("name", "own"), [("he", math.sqrt(2)), ("xavier", 1.0), ("lecun", 1.0)])
def test_a_gain_scales_the_draws(name, own):
    init = nn.init.initializer(name)
    default = init(30, 20, np.random.default_rng(3))
    scaled = init(30, 20, np.random.default_rng(3), gain=5 / 3)
    np.testing.assert_allclose(scaled, default * (5 / 3) / own, rtol=1e-13)


def test_linear_and_mlp_pass_the_gain_on():
    gain = calculate_gain("tanh")
    net = nn.MLP([4, 8, 3], activation="tanh", init="xavier", gain=gain,
                 rng=np.random.default_rng(0))
    plain = nn.MLP([4, 8, 3], activation="tanh", init="xavier", rng=np.random.default_rng(0))
    for a, b in zip(net.layers, plain.layers, strict=True):
        np.testing.assert_allclose(a.weight.data, gain * b.weight.data, rtol=1e-13)


@pytest.mark.parametrize("gain", [0, -1.0, float("nan"), True, "tanh"])
def test_bad_gains_are_refused(gain):
    with pytest.raises(ValueError, match="gain must be a positive number"):
        nn.Linear(2, 2, gain=gain)
