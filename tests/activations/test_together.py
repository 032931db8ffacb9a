"""f.value_and_derivative(x): f(x) and f'(x) in one call, the values of the two calls.

Where a record has a kernel for both (``forward_and_derivative``, sharing the costly pass: σ's
exponential, tanh, 1 + |x|, Φ's polynomial, sin's range reduction, or hardtanh's one read of
x), its value is f(x) bit for bit and its slope is f'(x) bit for bit, except sigmoid's: e·σ²
from the forward's exponential where ``sigmoid_grad`` takes 1/(2 + 2cosh x), a few ulps
apart. Every variant,
float64 and float32, extremes, ±inf and NaN, a 0-d input, an empty one, one that spans
several blocks, and a strided view. For a vector activation, f.value_and_vjp(z, g) is f(z)
and f.vjp(z, g).
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest

import actlearn as al
from actlearn import Tensor
from actlearn.activations.registry import get
from actlearn.engine.affine import affine
from tests.activations.test_float32 import EXTREMES
from tests.activations.test_stability import FINITE, strict

#: The activations whose record computes f and f' together; the others make two calls.
TOGETHER = {"sigmoid", "silu", "softsign", "tanhshrink", "gelu", "hardtanh", "relu6", "sin"}
#: Sigmoid's slope from the shared exponential, e·σ², against 1/(2 + 2cosh x): relative
#: error bound in ulps, and below the smallest normal number (where x < −708 and both round
#: into subnormals differently) an absolute one.
SIGMOID_ULPS = 8


def _inputs(dtype: type) -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    spread = (rng.standard_normal(70_001) * 25).astype(dtype)  # several blocks of 2^15
    spread[:3] = [np.inf, -np.inf, np.nan]
    extremes = (FINITE if dtype == np.float64 else EXTREMES).astype(dtype)
    special = np.array([np.inf, -np.inf, np.nan, 0.0, -0.0, 1.0], dtype=dtype)
    return [spread, extremes, special, special[3:4].reshape(()), special[:0],
            spread[:3000].reshape(30, 100)[:, ::3]]


def test_the_records_that_compute_value_and_slope_together() -> None:
    have = {name for name in al.list_activations("pointwise")
            if get(name).forward_and_derivative is not None}
    assert have == TOGETHER


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])
def test_value_and_derivative_are_the_two_calls(bound, act_variant, dtype) -> None:
    name, params = act_variant
    f = bound(name, **params)
    for x in _inputs(dtype):
        if name in TOGETHER:  # their kernels warn about nothing (the others: test_stability)
            with strict():
                value, slope = f.value_and_derivative(x)
        else:
            with np.errstate(over="ignore"):  # linear's slope −2.5 at 1e308 overflows
                value, slope = f.value_and_derivative(x)
        assert value.dtype == slope.dtype == dtype and value.shape == slope.shape == x.shape
        with np.errstate(over="ignore"):
            alone_value, alone = f(x), f.derivative(x)
        np.testing.assert_array_equal(value, alone_value)
        if name != "sigmoid":
            np.testing.assert_array_equal(slope, alone)
            continue
        np.testing.assert_array_equal(np.isnan(slope), np.isnan(alone))
        tiny = np.finfo(dtype).tiny
        apart = np.abs(slope - alone)
        allowed = SIGMOID_ULPS * np.finfo(dtype).eps * np.abs(alone) + tiny
        assert np.all((apart <= allowed) | np.isnan(alone)), float(np.nanmax(apart / allowed))


def test_sigmoid_slope_together_has_full_precision_in_both_tails() -> None:
    x = np.array([-700.0, -100.0, -30.0, -1.5, 0.0, 2.5, 30.0, 100.0, 700.0])
    _, slope = al.activation("sigmoid").value_and_derivative(x)
    with mpmath.workdps(40):  # σ'(x) = e^(−x)/(1 + e^(−x))², in 40 digits
        exact = [float(mpmath.exp(-v) / (1 + mpmath.exp(-v)) ** 2) for v in x]
    np.testing.assert_allclose(slope, exact, rtol=4 * np.finfo(float).eps, atol=0)


def test_value_and_derivative_of_a_vector_activation_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="softmax is a vector activation"):
        al.activation("softmax").value_and_derivative(np.zeros(3))


@pytest.mark.parametrize("name", sorted(TOGETHER))
def test_the_engine_takes_the_slope_computed_with_the_value(name) -> None:
    """A node that will need its slope computes it with its value, and keeps it: a second
    backward pass gives the same gradient again (nothing was overwritten in place)."""
    f = al.activation(name)
    x_data = np.linspace(-6, 6, 13)
    upstream = np.linspace(-1.0, 2.0, 13)
    x = Tensor(x_data, requires_grad=True)
    y = x.activation(name)
    (y * upstream).sum().backward()
    expected = upstream * f.value_and_derivative(x_data)[1]
    np.testing.assert_array_equal(x.grad, expected)
    x.grad = None
    (y * upstream).sum().backward()
    np.testing.assert_array_equal(x.grad, expected)
    with al.no_grad():
        np.testing.assert_array_equal(x.activation(name).data, f(x_data))


@pytest.mark.parametrize("name", sorted(TOGETHER))
def test_layers_and_chain_take_the_same_slope(name) -> None:
    """affine with the activation (one node) and nn.MLP (one chain node) give the
    gradients of the layer written with operators, bit for bit, on two backward passes."""
    rng = np.random.default_rng(1)
    X = rng.standard_normal((5, 3))
    W = Tensor(rng.standard_normal((3, 4)), requires_grad=True)
    b = Tensor(rng.standard_normal(4), requires_grad=True)
    mlp = al.nn.MLP([3, 4, 2], activation=name, rng=np.random.default_rng(2))
    first = mlp.layers[0]
    W.data[...], b.data[...] = first.weight.data, first.bias.data
    head = mlp.layers[1]
    reference = ((Tensor(X) @ W + b).activation(name) @ head.weight + head.bias).sum()
    reference.backward()
    for _ in range(2):
        mlp.zero_grad()
        mlp(X).sum().backward()
        np.testing.assert_array_equal(first.weight.grad, W.grad)
        np.testing.assert_array_equal(first.bias.grad, b.grad)
    W2, b2 = Tensor(W.data, requires_grad=True), Tensor(b.data, requires_grad=True)
    head_grad = np.linspace(-1, 1, 4)
    (affine(X, W2, b2, activation=al.activation(name)) * head_grad).sum().backward()
    W.grad = b.grad = None
    ((Tensor(X) @ W + b).activation(name) * head_grad).sum().backward()
    np.testing.assert_array_equal(W2.grad, W.grad)
    np.testing.assert_array_equal(b2.grad, b.grad)


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])
def test_value_and_vjp_are_the_forward_and_the_vjp(vector_name, dtype) -> None:
    """From the output (softmax, log_softmax, softmin) the VJP agrees with the VJP from the
    input to rounding; the others make the two calls, bit for bit."""
    f = al.activation(vector_name)
    rng = np.random.default_rng(4)
    z = (rng.standard_normal((6, 8)) * 5).astype(dtype)
    z[0, :3] = [1000.0, -1000.0, 0.0]
    for x in (z, z[0], z[:, ::2]):
        g = rng.standard_normal(f(x).shape).astype(dtype)
        with strict():
            value, grad = f.value_and_vjp(x, g)
        np.testing.assert_array_equal(value, f(x))
        assert grad.dtype == dtype and grad.shape == x.shape
        if get(vector_name).vjp_of_output is None:
            np.testing.assert_array_equal(grad, f.vjp(x, g))
        else:
            eps = np.finfo(dtype).eps
            np.testing.assert_allclose(grad, f.vjp(x, g), rtol=64 * eps, atol=64 * eps)
