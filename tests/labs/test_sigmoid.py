"""actlearn.labs.sigmoid: Newton's method on σ(w x + b), cross-entropy, the decision boundary."""

from __future__ import annotations

import numpy as np
import pytest

import actlearn as al
from actlearn.engine.finite_differences import numerical_jacobian
from actlearn.labs.sigmoid import cross_entropy, fit_logistic


def _overlapping(rng: np.random.Generator, n: int = 200) -> tuple[np.ndarray, np.ndarray]:
    y = rng.integers(0, 2, n).astype(float)
    return rng.normal(2.0 * y, 1.0), y


def test_the_fit_is_a_stationary_point_of_the_loss() -> None:
    x, y = _overlapping(np.random.default_rng(0))
    fit = fit_logistic(x, y, ridge=0.0)
    sigmoid = al.activation("sigmoid")
    loss = lambda t: cross_entropy(sigmoid(t[0] * x + t[1]), y)  # noqa: E731
    grad = numerical_jacobian(loss, [fit.w, fit.b])[0]
    np.testing.assert_allclose(grad, 0.0, atol=1e-7)
    assert fit.loss == pytest.approx(loss([fit.w, fit.b]))
    assert fit.steps < 15


def test_the_boundary_of_symmetric_classes_is_halfway() -> None:
    x, y = _overlapping(np.random.default_rng(1), 4000)
    assert fit_logistic(x, y).boundary == pytest.approx(1.0, abs=0.1)
    np.testing.assert_allclose(fit_logistic(x, y).probability([1.0e3, -1.0e3]), [1.0, 0.0])


def test_separable_classes_stay_finite_thanks_to_the_ridge() -> None:
    fit = fit_logistic([0.0, 1.0, 3.0, 4.0], [0, 0, 1, 1])
    assert np.isfinite(fit.w) and fit.w > 0
    assert fit.boundary == pytest.approx(2.0, abs=1e-6)


def test_cross_entropy_of_confident_right_answers_is_zero() -> None:
    assert cross_entropy([1.0, 0.0], [1, 0]) == 0.0
    assert cross_entropy([0.5, 0.5], [1, 0]) == pytest.approx(np.log(2))


def test_bad_labels_and_lengths_are_named() -> None:
    with pytest.raises(ValueError, match="labels y must be 0 or 1"):
        fit_logistic([0.0, 1.0], [0, 2])
    with pytest.raises(ValueError, match="same length"):
        fit_logistic([0.0, 1.0], [0])


def test_bce_with_logits_is_finite_where_the_naive_form_breaks() -> None:
    from actlearn.labs.sigmoid import bce_naive, bce_with_logits

    z = np.array([-800.0, -40.0, -3.0, 0.0, 3.0, 40.0, 800.0])
    for y in (0.0, 1.0):
        stable = bce_with_logits(z, np.full_like(z, y))
        assert np.all(np.isfinite(stable))
        # softplus(z) - y z, the textbook simplification
        np.testing.assert_allclose(stable, al.activation("softplus")(z) - y * z, rtol=1e-12,
                                   atol=1e-15)
        naive = bce_naive(z, np.full_like(z, y))
        moderate = np.abs(z) <= 3
        np.testing.assert_allclose(naive[moderate], stable[moderate], rtol=1e-12)
    assert np.isinf(bce_naive(np.array([40.0]), np.array([0.0])))[0]
    # log-sigmoid is -softplus(-x) (to ~e^-20 relative past softplus's switch to the identity)
    x = np.linspace(-50, 50, 1001)
    np.testing.assert_allclose(al.activation("log_sigmoid")(x), -al.activation("softplus")(-x),
                               rtol=1e-9, atol=1e-300)


def test_lstm_step_matches_the_equations_and_memory_cell_keeps_a_value() -> None:
    from actlearn.labs.sigmoid import lstm_step, run_memory

    rng = np.random.default_rng(0)
    W, U, b = rng.normal(size=(3, 8)), rng.normal(size=(2, 8)), rng.normal(size=8)
    x, h, c = rng.normal(size=(5, 3)), rng.normal(size=(5, 2)), rng.normal(size=(5, 2))
    h_new, c_new, (i, f, g, o) = lstm_step(x, h, c, W, U, b)
    pre = x @ W + h @ U + b
    sig = al.activation("sigmoid")
    np.testing.assert_allclose(i, sig(pre[:, 0:2]))
    np.testing.assert_allclose(g, np.tanh(pre[:, 4:6]))
    np.testing.assert_allclose(c_new, f * c + i * g)
    np.testing.assert_allclose(h_new, o * np.tanh(c_new))
    steps = np.zeros((21, 3))
    steps[0] = (0.8, 1.0, 0.0)
    steps[-1, 2] = 1.0
    for k in (10.0, 20.0):
        trace = run_memory(steps, sharpness=k)
        assert trace.c[-1] == pytest.approx(trace.c[0] * sig(k / 2) ** 20, rel=1e-9)
        assert np.all((trace.i > 0) & (trace.i < 1) & (trace.f > 0) & (trace.f < 1))
    with pytest.raises(ValueError, match="shape"):
        run_memory(np.zeros((3, 2)))
