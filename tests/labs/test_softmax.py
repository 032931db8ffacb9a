"""Tests for actlearn.labs.softmax: tempered softmax and entropy."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import actlearn as al
from actlearn.labs.softmax import entropy, tempered_softmax

scores = arrays(np.float64, st.integers(2, 6), elements=st.floats(-50, 50))
temps = st.floats(0.05, 20.0)


@given(scores, temps)
def test_tempered_softmax_is_softmax_of_scaled_scores(z: np.ndarray, t: float) -> None:
    p = tempered_softmax(z, t)
    np.testing.assert_allclose(p, al.softmax(z / t), rtol=1e-12, atol=1e-300)
    assert p.sum() == pytest.approx(1.0)


@given(scores)
def test_entropy_between_zero_and_log_n(z: np.ndarray) -> None:
    h = float(entropy(al.softmax(z)))
    assert -1e-12 <= h <= np.log(z.size) + 1e-12


def test_temperature_limits_are_argmax_and_uniform() -> None:
    z = np.array([2.33, -1.46, 0.56])
    np.testing.assert_allclose(tempered_softmax(z, 1e-3), [1.0, 0.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(tempered_softmax(z, 1e6), np.full(3, 1 / 3), atol=1e-5)
    assert entropy(tempered_softmax(z, 0.5)) < entropy(tempered_softmax(z, 2.0))


def test_entropy_values_and_axis() -> None:
    assert float(entropy([1.0, 0.0, 0.0])) == 0.0
    rows = np.array([[0.5, 0.5], [1.0, 0.0]])
    np.testing.assert_allclose(entropy(rows), [np.log(2), 0.0])
    np.testing.assert_allclose(entropy(rows.T, axis=0), [np.log(2), 0.0])


@pytest.mark.parametrize("bad", [0.0, -1.0, np.inf, np.nan])
def test_temperature_must_be_positive_and_finite(bad: float) -> None:
    with pytest.raises(ValueError, match="temperature must be a finite number > 0"):
        tempered_softmax([1.0, 2.0], bad)


def test_entropy_rejects_negative_entries() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        entropy([1.5, -0.5])


def test_softmax_regression_separates_iris_and_reports_probabilities() -> None:
    from actlearn.data import iris
    from actlearn.labs.softmax import softmax_regression

    table = iris()
    model = softmax_regression(table.data, table.target, steps=200)
    assert model.weight.shape == (4, 3) and model.bias.shape == (3,)
    assert model.accuracy(table.data, table.target) > 0.9
    probs = model.probabilities(table.data)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)
    assert model.losses[-1] < model.losses[0]
    with pytest.raises(ValueError, match="shape"):
        softmax_regression(table.data[:, 0], table.target)


def test_two_class_softmax_regression_is_a_sigmoid_of_the_score_difference() -> None:
    from actlearn.labs.softmax import softmax_regression

    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    model = softmax_regression(X, y, steps=50)
    s = model.scores(X)
    np.testing.assert_allclose(model.probabilities(X)[:, 1],
                               al.activation("sigmoid")(s[:, 1] - s[:, 0]), rtol=1e-12)


def test_step_votes_counts_classes_switched_on() -> None:
    from actlearn.labs.softmax import step_votes

    assert step_votes(np.array([[1.0, 2.0], [-1.0, -2.0], [3.0, -1.0]])).tolist() == [2, 0, 1]
    assert step_votes(np.array([0.5, 0.5, 0.5]), threshold=0.4) == 3
