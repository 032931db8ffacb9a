"""Exercise 08 (classify_plane): a working network passes; typical mistakes get their hint."""

from __future__ import annotations

import numpy as np
import pytest

from actlearn import losses, nn, optim
from actlearn.engine import no_grad
from actlearn.grading import get_exercise, grade
from actlearn.grading.grader import UNCOUNTED
from actlearn.grading.specs.boundaries import (
    CLASSES,
    LABELS,
    LINEAR,
    NOT_LEARNING,
    TOO_SMALL,
    looks_linear,
)
from actlearn.training import fit

EXERCISE = get_exercise("classify_plane")

pytestmark = pytest.mark.slow


def network(width=32, steps=300, activation="relu", lr=0.05, n_out=None, logits=False,
            standardise=True, hidden_layers=1):
    def classify_plane(X_train, y_train, X_test, rng):
        mean, std = (X_train.mean(axis=0), X_train.std(axis=0)) if standardise else (0.0, 1.0)
        k = n_out or int(y_train.max()) + 1
        net = nn.MLP([2] + [width] * hidden_layers + [k], activation=activation, rng=rng)
        fit(net, losses.cross_entropy, (X_train - mean) / std, y_train,
            optim.Adam(net.parameters(), lr=lr), steps=steps, progress=False)
        with no_grad():
            out = net((X_test - mean) / std).data
        return out if logits else out.argmax(axis=1)
    return classify_plane


def _failed(verdict) -> list[str]:
    """Checks that failed on their own (form checks left uncounted by wrong values aside);
    when values are wrong, every form check is failed or uncounted."""
    failed = [c.title for c in verdict.checks if not c.passed and c.detail != UNCOUNTED]
    if failed:
        assert not any(c.passed for c, spec in zip(verdict.checks, EXERCISE.checks,
                                                    strict=True) if spec.gated)
    return failed


@pytest.mark.parametrize("answer", [network(), network(activation="tanh", width=64),
                                    network(width=32, hidden_layers=2, steps=200)])
def test_working_networks_pass_with_the_fixed_text(answer) -> None:
    verdict = grade("classify_plane", answer)
    exercise = get_exercise("classify_plane")
    assert str(verdict).splitlines()[0] == "classify_plane: PASSED 5/5 checks"
    assert [c.title for c in verdict.checks] == [c.title for c in exercise.checks]
    assert verdict.hints == ()


def test_a_linear_network_is_told_its_boundary_is_a_line() -> None:
    verdict = grade("classify_plane", network(activation="linear"))
    assert len(_failed(verdict)) == 3
    assert verdict.hints[0] == LINEAR


def test_a_small_short_run_is_told_to_grow() -> None:
    verdict = grade("classify_plane", network(width=16, steps=200))
    assert _failed(verdict) == ["two spirals: at least 95 % of the test points right"]
    assert verdict.hints == (TOO_SMALL,)


def test_two_outputs_for_three_arms_is_named() -> None:
    verdict = grade("classify_plane", network(n_out=2))
    assert _failed(verdict) == ["three spiral arms: at least 90 % of the test points right"]
    assert CLASSES in verdict.hints


def test_returning_logits_is_named() -> None:
    verdict = grade("classify_plane", network(logits=True))
    assert "returned shape (100, 2), expected (100,)" in str(verdict)
    assert verdict.hints == (LABELS,)


def test_a_network_that_never_trains_is_told_so() -> None:
    verdict = grade("classify_plane", network(steps=1, lr=1e-6))
    assert NOT_LEARNING in verdict.hints


def test_constant_predictions_are_not_learning() -> None:
    verdict = grade("classify_plane", lambda X, y, X_test, rng: np.zeros(len(X_test), dtype=int))
    assert verdict.hints == (NOT_LEARNING,)


def test_float_labels_are_named() -> None:
    def floats(X_train, y_train, X_test, rng):
        return network()(X_train, y_train, X_test, rng).astype(float)

    assert "returned dtype float64, expected integer class labels" in str(grade("classify_plane",
                                                                                floats))


def test_looks_linear_tells_lines_from_curves() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 2))
    assert looks_linear(X, (X @ [1.0, -2.0] > 0.3).astype(int))
    assert not looks_linear(X, (X[:, 0] * X[:, 1] > 0).astype(int))
    three = np.argmax(X @ rng.normal(size=(2, 3)) + rng.normal(size=3), axis=1)
    assert looks_linear(X, three)
    assert not looks_linear(X, (np.hypot(*X.T) > 1).astype(int) + (X[:, 0] > 0))
