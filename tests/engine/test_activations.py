"""Every registry activation through the engine: values and gradients are the registry's."""

import numpy as np
import pytest

import actlearn as al
from actlearn import Tensor, gradcheck

POINTWISE = al.list_activations("pointwise")
VECTOR = al.list_activations("vector")
REQUIRED = {"threshold": {"threshold": 0.5, "value": -1.0}}
# Includes every kink of the family (0, ±1, ±3, 6, 0.5) and points between them.
POINTS = np.array([-7.0, -3.0, -2.2, -1.0, -0.4, 0.0, 0.3, 0.5, 1.0, 1.7, 3.0, 4.4, 6.0, 8.5])
# Away from every kink, where finite differences apply.
SMOOTH_POINTS = np.array([-4.1, -2.7, -1.3, -0.6, -0.15, 0.2, 0.45, 0.8, 1.4, 2.6, 4.9, 7.3])


def test_the_registry_has_pointwise_and_vector_activations():
    assert {"relu", "sigmoid", "tanh", "sin"} <= set(POINTWISE)
    assert {"softmax", "log_softmax"} <= set(VECTOR)


@pytest.mark.parametrize("name", POINTWISE)
def test_pointwise_gradient_is_the_registry_derivative(name):
    f = al.activation(name, **REQUIRED.get(name, {}))
    x = Tensor(POINTS, requires_grad=True)
    upstream = np.linspace(-1.5, 2.0, POINTS.size)
    y = x.activation(name, **REQUIRED.get(name, {}))
    np.testing.assert_array_equal(y.data, f(POINTS))
    (y * upstream).sum().backward()
    # f.value_and_derivative is f.derivative but for sigmoid's few ulps (test_together.py)
    np.testing.assert_array_equal(x.grad, upstream * f.value_and_derivative(POINTS)[1])


@pytest.mark.parametrize("name", POINTWISE)
def test_pointwise_gradient_matches_finite_differences_between_kinks(name):
    x = Tensor(SMOOTH_POINTS, requires_grad=True)
    params = REQUIRED.get(name, {})
    result = gradcheck(lambda t: t.activation(name, **params), x, atol=1e-7, rtol=1e-6)
    assert result, str(result)


def test_bound_activation_object_and_parameters():
    x = Tensor(np.array([-2.0, 0.5]), requires_grad=True)
    f = al.activation("leaky_relu", negative_slope=0.2)
    x.activation(f).sum().backward()
    np.testing.assert_array_equal(x.grad, [0.2, 1.0])
    with pytest.raises(TypeError, match="already bound"):
        x.activation(f, negative_slope=0.3)
    y = Tensor(np.array([0.25]), requires_grad=True)
    y.activation("sin", omega_0=30.0).sum().backward()
    np.testing.assert_allclose(y.grad, 30.0 * np.cos(30.0 * 0.25))


def test_shortcuts_match_named_activations():
    x = np.linspace(-3, 3, 7)
    for short in ("relu", "sigmoid", "tanh"):
        a, b = Tensor(x, requires_grad=True), Tensor(x, requires_grad=True)
        getattr(a, short)().sum().backward()
        b.activation(short).sum().backward()
        np.testing.assert_array_equal(a.grad, b.grad)


def test_unknown_activation_and_bad_parameter_are_reported():
    t = Tensor([1.0])
    with pytest.raises(ValueError, match="relu"):
        t.activation("reluu")
    with pytest.raises(TypeError, match="negative_slope"):
        t.activation("leaky_relu", slope=0.1)


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize("axis", [-1, 0])
def test_vector_activations_use_the_registry_vjp(name, axis):
    rng = np.random.default_rng(3)
    z = rng.normal(size=(4, 6))
    f = al.activation(name, axis=axis)
    t = Tensor(z, requires_grad=True)
    y = t.activation(name, axis=axis)
    np.testing.assert_array_equal(y.data, f(z))
    upstream = rng.normal(size=y.shape)
    y.backward(upstream)
    np.testing.assert_array_equal(t.grad, f.vjp(z, upstream))


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "softmin", "glu"])
def test_smooth_vector_activations_pass_gradcheck(name):
    z = Tensor(np.random.default_rng(4).normal(size=(3, 4)), requires_grad=True)
    assert gradcheck(lambda t: t.activation(name), z, atol=1e-8, rtol=1e-6)


def test_softmax_methods_and_axis():
    z = np.array([[2.33, -1.46, 0.56], [0.0, 0.0, 0.0]])
    np.testing.assert_allclose(Tensor(z).softmax().data[0], [0.8383, 0.0189, 0.1428], atol=1e-4)
    np.testing.assert_allclose(Tensor(z).softmax(axis=0).data.sum(axis=0), 1.0)
    np.testing.assert_allclose(Tensor(z).log_softmax().data, al.log_softmax(z))
    with pytest.raises(TypeError, match="axis"):
        Tensor(z).softmax(axis=1.5)


def test_softmax_gradient_is_stable_at_large_logits():
    z = Tensor(np.array([[1000.0, -1000.0, 0.0]]), requires_grad=True)
    z.log_softmax()[0, 1].backward()
    assert np.all(np.isfinite(z.grad))
    np.testing.assert_allclose(z.grad, [[-1.0, 1.0, 0.0]])
