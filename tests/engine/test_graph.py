"""Graph handling: accumulation, errors, no_grad/detach, parents, a 100,000-node chain."""

import numpy as np
import pytest

from actlearn import Tensor, no_grad
from actlearn.engine import is_grad_enabled


def leaf(values, requires_grad=True):
    return Tensor(np.asarray(values, dtype=float), requires_grad=requires_grad)


def test_gradients_accumulate_across_backward_calls_and_intermediates_reset():
    x = leaf([1.0, 2.0])
    y = (x * x).sum()
    y.backward()
    y.backward()
    np.testing.assert_array_equal(x.grad, 2 * 2 * x.data)
    x.zero_grad()
    assert x.grad is None


def test_leaf_gradients_are_writable_and_never_shared():
    x, y, z = leaf([1.0, 2.0]), leaf([3.0, 4.0]), leaf(3.0)
    (x + y + z).sum().backward()
    assert not np.shares_memory(x.grad, y.grad)
    x.grad[...] = 0.0
    z.grad[...] = 0.0
    np.testing.assert_array_equal(y.grad, [1.0, 1.0])


def test_backward_on_non_scalar_needs_a_gradient():
    x = leaf([1.0, 2.0])
    with pytest.raises(RuntimeError, match=r"non-scalar tensor of shape \(2,\).*explicit"):
        (x * 2.0).backward()
    (x * 2.0).backward(np.array([1.0, -1.0]))
    np.testing.assert_array_equal(x.grad, [2.0, -2.0])
    with pytest.raises(ValueError, match=r"\(3,\).*\(2,\)"):
        (x * 2.0).backward(np.ones(3))


def test_backward_on_tensor_without_grad_is_an_error():
    with pytest.raises(RuntimeError, match="does not require grad"):
        leaf([1.0], requires_grad=False).sum().backward()


@pytest.mark.parametrize(
    ("op", "name"),
    [(lambda a, b: a + b, r"\+"), (lambda a, b: a * b, r"\*"), (lambda a, b: a / b, "/"),
     (lambda a, b: a - b, "-"), (lambda a, b: a.maximum(b), "maximum")],
)
def test_shape_mismatch_names_both_shapes_and_the_op(op, name):
    with pytest.raises(ValueError, match=rf"{name}.*\(2, 3\).*\(4,\)"):
        op(leaf(np.ones((2, 3))), leaf(np.ones(4)))


def test_matmul_mismatch_names_both_shapes():
    with pytest.raises(ValueError, match=r"@.*\(2, 3\).*\(4, 5\)"):
        leaf(np.ones((2, 3))) @ leaf(np.ones((4, 5)))


def test_bad_constructor_input():
    with pytest.raises(TypeError, match="real numbers"):
        Tensor(["a", "b"])
    with pytest.raises(TypeError, match="cannot combine"):
        leaf(1.0) + "x"


def test_constructor_copies_and_converts():
    source = np.array([1, 2, 3])
    t = Tensor(source, requires_grad=True)
    assert t.data.dtype == np.float64
    t.data[0] = 10.0
    assert source[0] == 1


def test_no_grad_and_detach():
    w = leaf([1.0, 2.0])
    assert is_grad_enabled()
    with no_grad():
        assert not is_grad_enabled()
        y = w * 2.0
    assert is_grad_enabled()
    assert not y.requires_grad and y.is_leaf
    d = w.detach()
    assert not d.requires_grad and np.shares_memory(d.data, w.data)
    z = (w * d).sum()
    z.backward()
    np.testing.assert_array_equal(w.grad, d.data)


def test_no_grad_restores_after_an_exception():
    with pytest.raises(KeyError), no_grad():
        {}["missing"]
    assert is_grad_enabled()


def test_graph_records_parents_in_argument_order():
    a, b = leaf(1.0), leaf(2.0)
    c = a * b
    assert c.parents == (a, b) and c.op == "*" and a.op == "leaf"
    constant = Tensor(5.0)
    assert (constant * 2.0).parents == ()


def test_repr_and_item():
    assert repr(leaf([1.0])) == "Tensor([1.], requires_grad=True)"
    assert float(Tensor(2.5)) == 2.5
    with pytest.raises(ValueError, match="one-element"):
        Tensor([1.0, 2.0]).item()


def test_hundred_thousand_node_chain():
    x = leaf([1.0, 2.0])
    y = x
    factor = 1.00001
    for _ in range(100_000):
        y = y * factor
    y.sum().backward()
    np.testing.assert_allclose(x.grad, factor**100_000, rtol=1e-9)
