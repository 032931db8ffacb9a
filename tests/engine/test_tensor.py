"""The engine's operations: values and gradients, broadcasting, reversed operands."""

import numpy as np
import pytest

from actlearn import Tensor


def leaf(values, requires_grad=True):
    return Tensor(np.asarray(values, dtype=float), requires_grad=requires_grad)


def test_product_rule_on_a_small_expression():
    x, y = leaf([1.0, 2.0]), leaf([3.0, -1.0])
    (x * y + x).sum().backward()
    np.testing.assert_array_equal(x.grad, [4.0, 0.0])
    np.testing.assert_array_equal(y.grad, [1.0, 2.0])


def test_reused_node_accumulates():
    a = leaf(3.0)
    b = a + a
    c = b * b
    c.backward()
    assert c.item() == 36.0
    assert b.grad == 12.0
    assert a.grad == 24.0  # dc/da = 2b * 2


def test_same_tensor_on_both_sides():
    a = leaf([2.0, -3.0])
    (a * a).sum().backward()
    np.testing.assert_array_equal(a.grad, [4.0, -6.0])


@pytest.mark.parametrize(
    ("shape_a", "shape_b"),
    [((3, 4), (4,)), ((3, 4), (3, 1)), ((3, 1), (1, 4)), ((2, 3, 4), (3, 1)), ((3, 4), ())],
)
def test_broadcasting_reduces_gradients_to_operand_shapes(shape_a, shape_b):
    rng = np.random.default_rng(0)
    a, b = leaf(rng.normal(size=shape_a)), leaf(rng.normal(size=shape_b))
    weights = rng.normal(size=np.broadcast_shapes(shape_a, shape_b))
    (a * b * weights).sum().backward()
    full_a = np.broadcast_to(a.data, weights.shape)
    full_b = np.broadcast_to(b.data, weights.shape)
    np.testing.assert_allclose(a.grad, _reduce_to(weights * full_b, shape_a))
    np.testing.assert_allclose(b.grad, _reduce_to(weights * full_a, shape_b))
    assert a.grad.shape == shape_a and b.grad.shape == shape_b


def _reduce_to(grad, shape):
    while grad.ndim > len(shape):
        grad = grad.sum(0)
    for axis, n in enumerate(shape):
        if n == 1:
            grad = grad.sum(axis, keepdims=True)
    return grad


def test_reversed_operands():
    t = leaf([1.0, 2.0, 4.0])
    out = (2 * t + 1 - t / 4 + 1 / t - 3 - (-t) + 2.0**t).sum()
    out.backward()
    x = t.data
    np.testing.assert_allclose(t.grad, 2 - 0.25 - 1 / x**2 + 1 + 2.0**x * np.log(2.0))
    np.testing.assert_allclose(
        out.data, (2 * x + 1 - x / 4 + 1 / x - 3 + x + 2.0**x).sum(), rtol=1e-15
    )


def test_ndarray_on_the_left_defers_to_tensor():
    t = leaf([[1.0, 2.0]])
    out = np.array([[3.0, 4.0]]) * t + np.ones((1, 2)) - t
    assert isinstance(out, Tensor)
    out = np.eye(2) @ t.T
    assert isinstance(out, Tensor) and out.shape == (2, 1)


def test_division_is_exact_in_the_forward_pass():
    a, b = leaf([1.0, 2.0]), leaf([3.0, 7.0])
    np.testing.assert_array_equal((a / b).data, np.array([1.0, 2.0]) / np.array([3.0, 7.0]))
    (a / b).sum().backward()
    np.testing.assert_allclose(b.grad, -a.data / b.data**2)


def test_power_with_number_exponent():
    x = leaf([0.5, 2.0])
    (x**3).sum().backward()
    np.testing.assert_allclose(x.grad, 3 * x.data**2)
    y = leaf([0.0, 2.0])
    (y**0).sum().backward()
    np.testing.assert_array_equal(y.grad, [0.0, 0.0])


def test_tensor_exponent_is_refused():
    with pytest.raises(TypeError, match="exponent must be a number"):
        leaf(2.0) ** leaf(3.0)


@pytest.mark.parametrize(
    ("shape_a", "shape_b"),
    [((2, 3), (3, 4)), ((3,), (3, 4)), ((2, 3), (3,)), ((3,), (3,)), ((5, 2, 3), (3, 4)),
     ((5, 2, 3), (5, 3, 4)), ((3,), (5, 3, 2))],
)
def test_matmul_gradients(shape_a, shape_b):
    rng = np.random.default_rng(1)
    a, b = leaf(rng.normal(size=shape_a)), leaf(rng.normal(size=shape_b))
    out = a @ b
    g = rng.normal(size=out.shape)
    out.backward(g)
    eps = 1e-6
    for t in (a, b):
        numeric = np.zeros(t.shape)
        for idx in np.ndindex(t.shape):
            saved = t.data[idx]
            t.data[idx] = saved + eps
            up = ((a.data @ b.data) * g).sum()
            t.data[idx] = saved - eps
            down = ((a.data @ b.data) * g).sum()
            t.data[idx] = saved
            numeric[idx] = (up - down) / (2 * eps)
        np.testing.assert_allclose(t.grad, numeric, rtol=1e-6, atol=1e-8)


def test_sum_and_mean_over_axes():
    x = leaf(np.arange(24.0).reshape(2, 3, 4))
    out = x.sum(axis=(0, 2), keepdims=True)
    assert out.shape == (1, 3, 1)
    (out * np.array([1.0, 2.0, 3.0]).reshape(1, 3, 1)).sum().backward()
    np.testing.assert_array_equal(x.grad, np.broadcast_to([[[1.0], [2.0], [3.0]]], (2, 3, 4)))
    y = leaf(np.ones((2, 5)))
    y.mean(axis=-1).sum().backward()
    np.testing.assert_array_equal(y.grad, np.full((2, 5), 0.2))


def test_prod_gradient_handles_zeros():
    x = leaf([[2.0, 0.0, 3.0], [1.0, 4.0, 5.0]])
    x.prod(axis=1).sum().backward()
    np.testing.assert_array_equal(x.grad, [[0.0, 6.0, 0.0], [20.0, 5.0, 4.0]])


def test_reshape_transpose_and_swapaxes():
    x = leaf(np.arange(6.0))
    m = x.reshape(2, 3).T
    assert m.shape == (3, 2)
    (m * np.arange(6.0).reshape(3, 2)).sum().backward()
    np.testing.assert_array_equal(x.grad, np.arange(6.0).reshape(3, 2).T.reshape(-1))
    z = leaf(np.zeros((2, 3, 4)))
    assert z.swapaxes(-1, -2).shape == (2, 4, 3)


def test_indexing_basic_fancy_and_mask():
    x = leaf(np.arange(5.0))
    (x[1:4].sum() + x[[0, 0, 4]].sum() + x[x.data > 2.5].sum() + x[-1]).backward()
    np.testing.assert_array_equal(x.grad, [2.0, 1.0, 1.0, 2.0, 3.0])


def test_rows_and_labels_indexing():
    logits = leaf(np.zeros((3, 4)))
    logits[np.arange(3), np.array([1, 1, 3])].sum().backward()
    expected = np.zeros((3, 4))
    expected[[0, 1, 2], [1, 1, 3]] = 1.0
    np.testing.assert_array_equal(logits.grad, expected)


def test_kink_conventions():
    x = leaf([-1.0, 0.0, 2.0])
    x.abs().sum().backward()
    np.testing.assert_array_equal(x.grad, [-1.0, 0.0, 1.0])
    a, b = leaf([1.0, 2.0, 3.0]), leaf([2.0, 2.0, 2.0])
    a.maximum(b).sum().backward()
    np.testing.assert_array_equal(a.grad, [0.0, 0.5, 1.0])
    np.testing.assert_array_equal(b.grad, [1.0, 0.5, 0.0])
    c = leaf([-2.0, -1.0, 0.0, 1.0, 2.0])
    c.clip(-1.0, 1.0).sum().backward()
    np.testing.assert_array_equal(c.grad, [0.0, 1.0, 1.0, 1.0, 0.0])
    d = leaf([1.0, 3.0])
    d.minimum(2.0).sum().backward()
    np.testing.assert_array_equal(d.grad, [1.0, 0.0])


def test_elementwise_functions():
    x = leaf([0.5, 1.5])
    (x.exp() + x.log() + x.sin() + x.cos()).sum().backward()
    v = x.data
    np.testing.assert_allclose(x.grad, np.exp(v) + 1 / v + np.cos(v) - np.sin(v))


def test_zero_dimensional_tensors_stay_arrays():
    x = leaf(2.0)
    y = (x * 3.0).exp().log()
    assert isinstance(y.data, np.ndarray) and y.shape == ()
    y.backward()
    assert isinstance(x.grad, np.ndarray) and x.grad == pytest.approx(3.0)


def test_shape_and_conversion_errors_name_what_does_not_fit() -> None:
    t = Tensor(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"reshape: cannot reshape shape \(2, 3\) into \(4,\)"):
        t.reshape(4)
    with pytest.raises(ValueError, match=r"transpose: axes \(0, 0\) are not a permutation for "
                                         r"shape \(2, 3\)"):
        t.transpose(0, 0)
    with pytest.raises(TypeError, match=r"len\(\) of a 0-d tensor"):
        len(Tensor(1.0))
    with pytest.raises(TypeError, match="astype: a tensor holds floats, got int64"):
        t.astype(np.int64)
    with pytest.raises(ValueError, match=r"item\(\) needs a one-element tensor, got shape "
                                         r"\(2, 3\)"):
        t.item()


def test_a_tensor_of_integers_indexes_like_an_index_array() -> None:
    x = Tensor(np.array([1.0, 2.0, 3.0]), requires_grad=True)
    picked = x[Tensor([2, 0, 2])]
    np.testing.assert_array_equal(picked.data, [3.0, 1.0, 3.0])
    picked.sum().backward()
    np.testing.assert_array_equal(x.grad, [1.0, 0.0, 2.0])  # a repeated index accumulates
