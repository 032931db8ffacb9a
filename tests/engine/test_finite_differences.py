"""Tests for actlearn.engine.finite_differences.numerical_jacobian."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import actlearn as al
from actlearn.engine.finite_differences import numerical_jacobian


@given(arrays(np.float64, st.integers(2, 5), elements=st.floats(-5, 5)))
def test_matches_softmax_jacobian(z: np.ndarray) -> None:
    exact = al.activation("softmax").jacobian(z)
    np.testing.assert_allclose(numerical_jacobian(al.softmax, z), exact, atol=1e-8)


def test_shape_is_outputs_by_inputs() -> None:
    jac = numerical_jacobian(lambda v: np.array([v.sum(), v[0] * v[1], 3.0]), [2.0, 5.0])
    np.testing.assert_allclose(jac, [[1, 1], [5, 2], [0, 0]], atol=1e-8)


def test_does_not_modify_the_point() -> None:
    x = np.array([1.0, 2.0])
    numerical_jacobian(np.sin, x)
    np.testing.assert_array_equal(x, [1.0, 2.0])


def test_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="1-D point"):
        numerical_jacobian(np.sin, np.ones((2, 2)))
    with pytest.raises(ValueError, match="eps must be > 0"):
        numerical_jacobian(np.sin, [1.0], eps=0.0)
