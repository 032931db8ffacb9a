"""affine(x, W, b): one node, the same numbers as x @ W + b, clear errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actlearn import Tensor, gradcheck
from actlearn.engine import affine
from actlearn.nn import Linear


def _params(rng: np.random.Generator, n_in: int, n_out: int) -> tuple[Tensor, Tensor]:
    return (Tensor(rng.normal(size=(n_in, n_out)), requires_grad=True),
            Tensor(rng.normal(size=n_out), requires_grad=True))


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_rows_match_matmul_plus_bias_bit_for_bit(n: int, n_in: int, n_out: int, seed: int):
    rng = np.random.default_rng(seed)
    x = Tensor(rng.normal(size=(n, n_in)), requires_grad=True)
    W, b = _params(rng, n_in, n_out)
    upstream = rng.normal(size=(n, n_out))
    fused = affine(x, W, b)
    fused.backward(upstream)
    grads = [t.grad.copy() for t in (x, W, b)]
    for t in (x, W, b):
        t.grad = None
    composed = x @ W + b
    composed.backward(upstream)
    np.testing.assert_array_equal(fused.data, composed.data)
    for got, t in zip(grads, (x, W, b), strict=True):
        np.testing.assert_array_equal(got, t.grad)


def test_one_node_with_its_inputs_as_parents():
    rng = np.random.default_rng(0)
    W, b = _params(rng, 3, 2)
    x = Tensor(rng.normal(size=(4, 3)))
    out = affine(x, W, b)
    assert out.op == "affine" and out.parents == (x, W, b)
    assert affine(x, W).parents == (x, W)


@pytest.mark.parametrize("shape", [(3,), (2, 4, 3)])
def test_a_single_row_and_batched_rows_pass_gradcheck(shape):
    rng = np.random.default_rng(1)
    W, b = _params(rng, 3, 2)
    x = Tensor(rng.normal(size=shape), requires_grad=True)
    assert gradcheck(lambda x_, W_, b_: affine(x_, W_, b_).sum(), x, W, b)
    np.testing.assert_allclose(affine(x, W, b).data, x.data @ W.data + b.data, rtol=1e-15)


def test_arrays_become_constants_and_no_bias_is_allowed():
    rng = np.random.default_rng(2)
    W, _ = _params(rng, 3, 2)
    x = rng.normal(size=(5, 3))
    out = affine(x, W)
    out.sum().backward()
    np.testing.assert_array_equal(out.data, x @ W.data)
    np.testing.assert_allclose(W.grad, x.T @ np.ones((5, 2)))


def test_bad_shapes_and_types_are_named():
    rng = np.random.default_rng(3)
    W, b = _params(rng, 3, 2)
    shapes = r"inputs of shape \(4, 5\) and a weight of shape \(3, 2\)"
    with pytest.raises(ValueError, match=shapes):
        affine(np.ones((4, 5)), W, b)
    with pytest.raises(ValueError, match=r"bias must have shape \(2,\), got \(3,\)"):
        affine(np.ones((4, 3)), W, Tensor(np.zeros(3)))
    with pytest.raises(TypeError, match="weight must be a Tensor, got ndarray"):
        affine(np.ones((4, 3)), W.data)


def test_linear_records_one_affine_node():
    layer = Linear(3, 2, rng=np.random.default_rng(4))
    out = layer(np.ones((2, 3)))
    assert out.op == "affine" and out.parents[1:] == (layer.weight, layer.bias)


def test_affine_names_a_parameter_that_is_not_a_tensor_and_refuses_a_vector_activation() -> None:
    import actlearn as al

    x, w = Tensor(np.ones((2, 3))), Tensor(np.ones((3, 2)))
    with pytest.raises(TypeError, match="affine: weight must be a Tensor, got ndarray"):
        affine(x, np.ones((3, 2)))
    with pytest.raises(TypeError, match="affine: bias must be a Tensor, got ndarray"):
        affine(x, w, np.ones(2))
    with pytest.raises(ValueError, match="affine: softmax is a vector activation; apply it "
                                         "separately"):
        affine(x, w, None, activation=al.activation("softmax"))
