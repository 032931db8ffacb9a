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
