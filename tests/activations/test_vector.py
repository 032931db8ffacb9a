"""Vector activations: shapes along any axis, exact Jacobians, and VJPs by finite differences."""

from __future__ import annotations

import numpy as np
import pytest

import actlearn as al
from actlearn.activations import registry

SHAPES_AXES = [((4,), -1), ((4,), 0), ((2, 4), -1), ((4, 3), 0), ((2, 4, 6), 1), ((2, 3, 4), -1)]


def _expected_shape(name: str, shape: tuple[int, ...], axis: int) -> tuple[int, ...]:
    out = list(shape)
    out[axis] = {"glu": shape[axis] // 2, "crelu": 2 * shape[axis]}.get(name, shape[axis])
    return tuple(out)


@pytest.mark.parametrize(("shape", "axis"), SHAPES_AXES, ids=str)
def test_output_shape_along_the_axis(vector_name: str, shape, axis: int) -> None:
    f = al.activation(vector_name, axis=axis)
    z = np.random.default_rng(0).normal(size=shape)
    out = f(z)
    assert isinstance(out, np.ndarray) and out.dtype == np.float64
    assert out.shape == _expected_shape(vector_name, shape, axis)
    assert f.vjp(z, np.ones_like(out)).shape == shape


@pytest.mark.parametrize(("shape", "axis"), SHAPES_AXES, ids=str)
def test_vjp_matches_central_differences(vector_name: str, shape, axis: int) -> None:
    f = al.activation(vector_name, axis=axis)
    rng = np.random.default_rng(3)
    z = rng.normal(scale=2.0, size=shape)
    z += np.sign(z) * 0.01  # keep crelu's kink at 0 more than h away
    grad_out = rng.normal(size=f(z).shape)
    h = 1e-6
    numeric = np.zeros_like(z)
    for index in np.ndindex(z.shape):
        step = np.zeros_like(z)
        step[index] = h
        numeric[index] = np.sum(grad_out * (f(z + step) - f(z - step))) / (2 * h)
    np.testing.assert_allclose(f.vjp(z, grad_out), numeric, rtol=1e-6, atol=1e-8)


Z = np.array([0.7, -1.2, 0.0, 2.5])


def test_softmax_jacobian_is_diag_p_minus_outer_p() -> None:
    p = al.softmax(Z)
    np.testing.assert_allclose(al.activation("softmax").jacobian(Z), np.diag(p) - np.outer(p, p),
                               rtol=1e-15, atol=1e-17)  # fmt: skip


def test_softmin_and_log_softmax_jacobians() -> None:
    q = al.softmin(Z)
    np.testing.assert_allclose(al.activation("softmin").jacobian(Z), np.outer(q, q) - np.diag(q),
                               rtol=1e-15, atol=1e-17)  # fmt: skip
    p = al.softmax(Z)
    np.testing.assert_allclose(al.activation("log_softmax").jacobian(Z), np.eye(4) - p,
                               rtol=1e-15, atol=1e-17)  # fmt: skip


def test_glu_jacobian_gates_and_differentiates_the_gate() -> None:
    a, b = Z[:2], Z[2:]
    s = 1 / (1 + np.exp(-b))
    expected = np.hstack([np.diag(s), np.diag(a * s * (1 - s))])
    np.testing.assert_allclose(al.activation("glu").jacobian(Z), expected, rtol=1e-14)


def test_crelu_jacobian_stacks_both_relu_halves() -> None:
    positive = (Z > 0).astype(float)
    negative = (Z < 0).astype(float)
    expected = np.vstack([np.diag(positive), -np.diag(negative)])  # 0 at z = 0 (torch)
    np.testing.assert_array_equal(al.activation("crelu").jacobian(Z), expected)


def test_jacobian_rows_are_vjps_with_unit_vectors(vector_name: str) -> None:
    f = al.activation(vector_name)
    jac = f.jacobian(Z)
    for i in range(jac.shape[0]):
        np.testing.assert_array_equal(jac[i], f.vjp(Z, np.eye(jac.shape[0])[i]))


def test_axis_selects_the_normalised_direction() -> None:
    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    np.testing.assert_allclose(al.softmax(z, axis=0)[:, 0], al.softmax(np.array([1.0, 0.0])))
    np.testing.assert_allclose(al.softmax(z, axis=1)[1], [1 / 3] * 3)
    np.testing.assert_allclose(al.softmax(z, axis=-2), al.softmax(z.T, axis=1).T)


def test_softmax_of_the_lesson_scores() -> None:
    percent = 100 * al.softmax(np.array([2.33, -1.46, 0.56]))
    np.testing.assert_array_equal(np.round(percent, 2), [83.83, 1.89, 14.28])


@pytest.mark.parametrize(("shape", "axis"), SHAPES_AXES, ids=str)
def test_vjp_of_output_is_the_vjp_given_the_output(shape, axis: int) -> None:
    rng = np.random.default_rng(5)
    z = rng.normal(scale=3.0, size=shape)
    grad_out = rng.normal(size=shape)
    for name in ("softmax", "log_softmax", "softmin"):
        record = registry.get(name)
        y = record.forward(z, axis=axis)
        np.testing.assert_array_equal(record.vjp_of_output(y, grad_out, axis=axis),
                                      record.vjp(z, grad_out, axis=axis))
    for name in ("glu", "crelu"):  # their Jacobians are not functions of the output
        assert registry.get(name).vjp_of_output is None
