"""SGD and Adam against their update rules written out by hand."""

import numpy as np
import pytest

from actlearn import Tensor
from actlearn.optim import SGD, Adam


def param(values):
    return Tensor(np.asarray(values, dtype=float), requires_grad=True)


def test_sgd_step_and_zero_grad():
    w = param([1.0, -2.0])
    opt = SGD([w], lr=0.1)
    w.grad = np.array([0.5, 1.0])
    opt.step()
    np.testing.assert_allclose(w.data, [0.95, -2.1])
    opt.zero_grad()
    assert w.grad is None
    opt.step()  # no gradient: nothing moves
    np.testing.assert_allclose(w.data, [0.95, -2.1])


def test_sgd_momentum_matches_the_recursion():
    w = param([1.0])
    opt = SGD([w], lr=0.1, momentum=0.9)
    expected, velocity = 1.0, 0.0
    for g in [1.0, 0.5, -2.0, 0.25]:
        w.grad = np.array([g])
        opt.step()
        velocity = 0.9 * velocity + g
        expected -= 0.1 * velocity
    assert w.data[0] == pytest.approx(expected, rel=1e-15)


def test_adam_matches_the_paper_rule():
    w = param([1.0, -1.0])
    opt = Adam([w], lr=0.01, betas=(0.9, 0.999), eps=1e-8)
    m = v = np.zeros(2)
    expected = w.data.copy()
    for t, g in enumerate([np.array([0.3, -1.0]), np.array([0.1, 2.0]), np.array([-0.5, 0.5])], 1):
        w.grad = g
        opt.step()
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        m_hat, v_hat = m / (1 - 0.9**t), v / (1 - 0.999**t)
        expected = expected - 0.01 * m_hat / (np.sqrt(v_hat) + 1e-8)
    np.testing.assert_allclose(w.data, expected, rtol=1e-13)


def test_first_adam_step_has_size_lr():
    w = param([3.0, 3.0])
    w.grad = np.array([1e-3, -50.0])
    Adam([w], lr=0.1).step()
    np.testing.assert_allclose(w.data, [2.9, 3.1], rtol=1e-6)


def test_optimizers_minimise_a_quadratic():
    for make in (lambda p: SGD(p, lr=0.1, momentum=0.5), lambda p: Adam(p, lr=0.1)):
        w = param([3.0, -4.0])
        opt = make([w])
        for _ in range(300):
            opt.zero_grad()
            ((w - np.array([1.0, 2.0])) ** 2).sum().backward()
            opt.step()
        np.testing.assert_allclose(w.data, [1.0, 2.0], atol=1e-3)


def test_duplicate_parameters_are_updated_once():
    w = param([1.0])
    opt = SGD([w, w], lr=1.0)
    w.grad = np.array([1.0])
    opt.step()
    assert w.data[0] == 0.0


def test_bad_arguments():
    with pytest.raises(ValueError, match="lr must be a positive number"):
        SGD([param([1.0])], lr=0.0)
    with pytest.raises(ValueError, match="momentum"):
        SGD([param([1.0])], lr=0.1, momentum=1.5)
    with pytest.raises(ValueError, match="betas"):
        Adam([param([1.0])], betas=(0.9, 1.0))
    with pytest.raises(ValueError, match="no parameters"):
        Adam([])
    with pytest.raises(TypeError, match="requires_grad=True"):
        SGD([Tensor([1.0])], lr=0.1)


def test_adam_flat_step_equals_the_step_taken_one_parameter_at_a_time():
    rng = np.random.default_rng(3)
    shapes = [(3, 4), (4,), (), (2, 2)]
    start = [rng.normal(size=s) for s in shapes]
    together = [Tensor(a, requires_grad=True) for a in start]
    alone = [Tensor(a, requires_grad=True) for a in start]
    spare = Tensor(0.0, requires_grad=True)  # never gets a gradient: one parameter at a time
    flat, single = Adam(together, lr=0.1), Adam([*alone, spare], lr=0.1)
    for _ in range(5):
        grads = [rng.normal(size=s) for s in shapes]
        for p, q, g in zip(together, alone, grads, strict=True):
            p.grad, q.grad = g, g.copy()
        flat.step()
        single.step()
        for p, q in zip(together, alone, strict=True):
            np.testing.assert_array_equal(p.data, q.data)
    assert spare.data == 0.0
