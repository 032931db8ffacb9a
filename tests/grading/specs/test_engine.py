"""Exercise 09 (swish_backward): right rules pass gradcheck; typical mistakes get their hint."""

from __future__ import annotations

import numpy as np
import pytest

import actlearn as al
from actlearn.grading import get_exercise, grade
from actlearn.grading.specs.engine import (
    BETA_FACTOR,
    CHAIN,
    INNER_BETA,
    PRODUCT,
    SHAPES,
    STABLE,
    SUM_BETA,
    gradcheck_answer,
    reference,
    visible_cases,
)

sigmoid = al.activation("sigmoid")


def _parts(x, b):
    s = sigmoid(b * x)
    return s, s * (1 - s)


def right(g, x, b):
    s, ds = _parts(x, b)
    return g * (s + b * x * ds), np.sum(g * x * x * ds)


def right_other_form(g, x, b):
    # the same derivative written through y = x s: dy/dx = s + b (y - y s)
    s = sigmoid(b * x)
    y = x * s
    return g * (s + b * (y - y * s)), float(np.sum(g * x * y * (1 - s)))


def no_chain(g, x, b):
    s, ds = _parts(x, b)
    return s + b * x * ds, np.sum(x * x * ds)


def no_product(g, x, b):
    s, ds = _parts(x, b)
    return g * s, np.sum(g * x * x * ds)


def no_inner_beta(g, x, b):
    s, ds = _parts(x, b)
    return g * (s + x * ds), np.sum(g * x * x * ds)


def beta_not_summed(g, x, b):
    s, ds = _parts(x, b)
    return g * (s + b * x * ds), g * x * x * ds


def beta_one_x(g, x, b):
    s, ds = _parts(x, b)
    return g * (s + b * x * ds), np.sum(g * x * ds)


def naive_sigmoid(g, x, b):
    s = 1.0 / (1.0 + np.exp(-b * x))
    return g * (s + b * x * s * (1 - s)), np.sum(g * x * x * s * (1 - s))


def only_grad_x(g, x, b):
    return right(g, x, b)[0]


@pytest.mark.parametrize("answer", [right, right_other_form])
def test_right_rules_pass_with_the_fixed_text(answer) -> None:
    verdict = grade("swish_backward", answer)
    exercise = get_exercise("swish_backward")
    expected = ["swish_backward: PASSED 5/5 checks"] + [f"  ✓ {c.title}" for c in exercise.checks]
    assert str(verdict).splitlines() == expected


@pytest.mark.parametrize(("answer", "hint"), [
    (no_chain, CHAIN), (no_product, PRODUCT), (no_inner_beta, INNER_BETA),
    (beta_not_summed, SUM_BETA), (beta_one_x, BETA_FACTOR), (naive_sigmoid, STABLE),
])
def test_each_misconception_gets_its_hint(answer, hint) -> None:
    verdict = grade("swish_backward", answer)
    assert not verdict.passed
    assert verdict.hints[0] == hint


def test_gradcheck_failures_name_the_gradient_and_hide_hidden_numbers() -> None:
    text = str(grade("swish_backward", beta_one_x))
    assert "gradcheck FAILED: worst relative error" in text
    assert "in grad_beta (yours " in text
    hidden_line = next(line for line in text.splitlines() if "hidden cases:" in line)
    assert "yours" not in hidden_line and "finite differences" not in hidden_line


def test_a_missing_gradient_is_a_shape_problem() -> None:
    verdict = grade("swish_backward", only_grad_x)
    assert "expected a tuple (grad_x, grad_beta)" in str(verdict)
    assert SHAPES in verdict.hints


def test_gradcheck_answer_accepts_the_reference_and_rejects_a_wrong_rule() -> None:
    case = visible_cases(np.random.default_rng(0))[1]
    assert gradcheck_answer(case, reference(*case.args))
    grad_x, grad_beta = reference(*case.args)
    assert not gradcheck_answer(case, (grad_x, grad_beta + 0.1))
