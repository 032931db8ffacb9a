"""gradcheck itself: it passes correct gradients and pinpoints wrong ones."""

import numpy as np
import pytest

from actlearn import Tensor, gradcheck
from actlearn.engine import operation


def square_with_a_bug(t, wrong_at=None):
    """x² whose backward is 2x except, at ``wrong_at``, 3x."""

    def vjp(g):
        local = 2 * t.data
        if wrong_at is not None:
            local = local.copy()
            local[wrong_at] = 3 * t.data[wrong_at]
        return g * local

    return operation("buggy", t.data**2, (t,), vjp)


def test_a_correct_gradient_passes():
    x = Tensor(np.array([0.3, -1.2, 2.0]), requires_grad=True)
    res = gradcheck(lambda t: square_with_a_bug(t).sum(), x)
    assert res and res.passed
    assert res.max_rel_error < 1e-8 and res.checked == 3
    assert "passed" in str(res)


def test_a_wrong_gradient_is_located():
    x = Tensor(np.array([0.3, -1.2, 2.0]), requires_grad=True)
    y = Tensor(np.ones(2), requires_grad=True)
    res = gradcheck(lambda b, a: b.sum() + square_with_a_bug(a, wrong_at=1).sum(), y, x)
    assert not res
    assert res.where == (1, (1,))
    assert res.analytic == pytest.approx(-3.6) and res.numeric == pytest.approx(-2.4)
    assert res.max_rel_error == pytest.approx(1 / 3)
    assert "FAILED" in str(res) and "tensor 1, element (1,)" in str(res)


def test_non_scalar_outputs_are_checked_through_a_random_projection():
    x = Tensor(np.array([[0.3, -1.2], [2.0, 0.7]]), requires_grad=True)
    assert gradcheck(lambda t: t.sin() * t, x)
    assert not gradcheck(lambda t: square_with_a_bug(t, wrong_at=(1, 0)), x)


def test_inputs_are_restored_and_previous_gradients_kept():
    x = Tensor(np.array([0.5, 1.5]), requires_grad=True)
    x.grad = np.array([7.0, 7.0])
    c = Tensor(np.array([2.0, 3.0]))
    res = gradcheck(lambda a, b: (a * b).sum(), x, c)
    assert res.checked == 2  # the constant is not checked
    np.testing.assert_array_equal(x.data, [0.5, 1.5])
    np.testing.assert_array_equal(x.grad, [7.0, 7.0])


def test_nan_gradient_fails():
    x = Tensor(np.array([0.0, 1.0]), requires_grad=True)
    res = gradcheck(lambda t: (t**0.5).sum(), x)
    assert not res
    assert res.where == (0, (0,))


def test_bad_arguments():
    with pytest.raises(TypeError, match="argument 0 must be a Tensor"):
        gradcheck(lambda t: t, np.ones(2))
    with pytest.raises(ValueError, match="eps"):
        gradcheck(lambda t: t.sum(), Tensor([1.0], requires_grad=True), eps=0.0)
    with pytest.raises(ValueError, match="requires_grad"):
        gradcheck(lambda t: t.sum(), Tensor([1.0]))
