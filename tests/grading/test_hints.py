"""Hints name the misconception behind a wrong answer (and a right answer gets none)."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

from actlearn.grading import grade
from actlearn.grading.checks import LOOP_HINT, MUTATION_HINT
from actlearn.grading.grader import HANG_HINT
from tests.grading_answers import ANSWERS


def _naive_softmax(z, axis=-1):
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def _softmax_no_keepdims(z, axis=-1):
    e = np.exp(z - z.max(axis=axis))
    return e / e.sum(axis=axis)


def _in_place_relu(x):
    x[x < 0] = 0.0
    return x


def _where_elu(x, alpha=1.0):
    return np.where(x > 0, x, alpha * (np.exp(x) - 1.0))


WRONG = [
    ("sigmoid", lambda x: 1.0 / (1.0 + np.exp(x)), "sign in the exponent is flipped"),
    ("sigmoid", np.tanh, "This is tanh"),
    ("sigmoid_derivative", lambda x: x * (1.0 - x), "in terms of the output"),
    ("tanh_from_sigmoid", lambda x: 2.0 * ANSWERS["sigmoid"](x) - 1.0, "tanh(x/2)"),
    ("softplus", lambda x: np.log(1.0 + np.exp(x)), "np.logaddexp"),
    ("relu", lambda x: np.minimum(x, 0.0), "keeps the negative part"),
    ("relu", _in_place_relu, MUTATION_HINT),
    ("relu_derivative", lambda x: (x >= 0).astype(float), "kink x = 0"),
    (
        "leaky_relu",
        lambda x, negative_slope=0.01: np.where(x > 0, x, 0.01 * x),
        "negative_slope argument",
    ),
    ("elu", _where_elu, "np.where evaluates both branches"),
    ("selu", lambda x: ANSWERS["elu"](x, 1.6732632423543772), "scale"),
    ("step", lambda x, threshold=0.0: (x > threshold).astype(float), "At x = threshold exactly"),
    ("softmax", _naive_softmax, "subtract the max"),
    ("softmax", lambda z, axis=-1: np.exp(z) / np.exp(z).sum(), "Normalise along `axis`"),
    ("softmax", lambda z, axis=-1: z / z.sum(axis=axis, keepdims=True), "exponentiate first"),
    ("softmax", _softmax_no_keepdims, "keepdims=True"),
    ("log_softmax", lambda z, axis=-1: np.log(ANSWERS["softmax"](z, axis)), "log 0 = -inf"),
    (
        "cross_entropy",
        lambda lg, t: -np.sum(ANSWERS["log_softmax"](lg)[np.arange(len(t)), t]),
        "Average over the rows",
    ),
    ("collapse_linear", lambda W1, b1, W2, b2: (W1 @ W2, W1 @ b2 + b1), "Order matters"),
    ("collapse_linear", lambda W1, b1, W2, b2: (W2 @ W1, b1 + b2), "first bias also passes"),
    ("prelu_grad_a", lambda x, a, g: g * np.minimum(x, 0.0), "sum the contributions"),
    ("prelu_grad_a", lambda x, a, g: np.sum(g * np.maximum(x, 0.0)), "negative inputs only"),
    (
        "sigmoid_chain_gradient",
        lambda x, n: ANSWERS["sigmoid_derivative"](x) ** n,
        "that layer's own input",
    ),
    (
        "vanishing_depth",
        lambda threshold, x=0.0: math.floor(math.log(threshold, 0.25)) + 1,
        "only the bound",
    ),
]


@pytest.mark.parametrize(
    ("name", "answer", "hint"), WRONG, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(WRONG)]
)
def test_a_wrong_answer_fails_with_the_hint_naming_its_misconception(name, answer, hint):
    verdict = grade(name, answer)
    assert not verdict.passed
    assert any(hint in h for h in verdict.hints), str(verdict)


def test_a_python_loop_is_too_slow_on_a_million_values():
    def loop(x):
        return np.array([max(v, 0.0) for v in x.ravel().tolist()]).reshape(np.shape(x))

    verdict = grade("relu", loop)
    assert verdict.score == (5, 6) and verdict.hints == (LOOP_HINT,)


@pytest.mark.slow
def test_a_hang_is_stopped_and_named():
    verdict = grade("relu", lambda x: time.sleep(3600))
    assert verdict.score == (0, 6) and HANG_HINT in verdict.hints
    assert "did not return within 2 s (stopped)" in str(verdict)
