"""New operations from outside the engine: custom_op (a forward and a backward rule) and
operation (one recorded output with its vector-Jacobian product)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from actlearn import Tensor
from actlearn.engine import custom_op, no_grad, operation
from actlearn.engine.gradcheck import gradcheck

logaddexp = custom_op(np.logaddexp,
                      lambda g, a, b: (g / (1 + np.exp(b - a)), g / (1 + np.exp(a - b))),
                      "logaddexp")
values = arrays(np.float64, 4, elements=st.floats(-5, 5))


@given(values, values)
def test_a_right_rule_passes_gradcheck(a: np.ndarray, b: np.ndarray) -> None:
    ta, tb = Tensor(a, requires_grad=True), Tensor(b, requires_grad=True)
    assert gradcheck(logaddexp, ta, tb)


def test_a_wrong_rule_fails_gradcheck() -> None:
    wrong = custom_op(np.logaddexp, lambda g, a, b: (g * 0.5, g * 0.5))
    ta, tb = Tensor([1.0, -2.0], requires_grad=True), Tensor([0.0, 3.0], requires_grad=True)
    assert not gradcheck(wrong, ta, tb)


def test_it_composes_with_built_in_operations_and_constants() -> None:
    square = custom_op(lambda x: x * x, lambda g, x: 2 * x * g, "square")
    t = Tensor([1.0, 2.0], requires_grad=True)
    out = (square(t * 3.0) + t).sum()
    assert out.parents[0].op == "+"
    out.backward()
    np.testing.assert_allclose(t.grad, 18 * np.array([1.0, 2.0]) + 1)
    assert logaddexp(t, 0.0).shape == (2,)


def test_constant_inputs_get_no_gradient_and_no_graph() -> None:
    square = custom_op(lambda x: x * x, lambda g, x: 2 * x * g)
    out = square(np.array([2.0]))
    assert not out.requires_grad and out.parents == ()


def test_bad_backward_results_are_named() -> None:
    t = Tensor([1.0, 2.0], requires_grad=True)
    short = custom_op(lambda a, b: a + b, lambda g, a, b: g, "add")
    with pytest.raises(ValueError, match="add: backward must return 2 gradients"):
        short(t, t).sum().backward()
    shaped = custom_op(lambda x: x, lambda g, x: g.sum(), "ident")
    with pytest.raises(ValueError, match=r"ident: gradient 0 has shape \(\), but input 0"):
        shaped(t).sum().backward()
    with pytest.raises(TypeError, match="needs at least one input"):
        custom_op(lambda: 0.0, lambda g: ())()


def test_operation_records_an_output_with_its_rule() -> None:
    x = Tensor([1.0, -3.0], requires_grad=True)
    y = Tensor([2.0, 5.0])  # a constant: its gradient is never asked for
    out = operation("scaled", x.data * y.data, (x, y), lambda g: (g * y.data, None))
    assert out.op == "scaled" and out.parents == (x, y)
    out.sum().backward()
    np.testing.assert_array_equal(x.grad, [2.0, 5.0])
    assert y.grad is None


def test_operation_under_no_grad_records_nothing() -> None:
    x = Tensor([1.0], requires_grad=True)
    calls = []
    with no_grad():
        out = operation("f", x.data, (x,), calls.append)
    assert not out.requires_grad and out.parents == () and calls == []


def test_operation_refuses_non_tensors_and_wrong_gradients() -> None:
    with pytest.raises(TypeError, match="f: input 0 must be a Tensor, got list"):
        operation("f", 1.0, ([1.0],), lambda g: g)
    x = Tensor([1.0, 2.0], requires_grad=True)
    bad = operation("g", x.data, (x,), lambda g: np.ones(3))
    with pytest.raises(ValueError, match=r"g: gradient 0 has shape \(3,\), but input 0 has shape"):
        bad.sum().backward()
