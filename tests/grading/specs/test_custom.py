"""Exercise 15 (my_activation): the property checker passes good designs and names the
property that fails, and where, for the others."""

from __future__ import annotations

import pytest
import sympy as sp

import actlearn as al
from actlearn.activations import registry
from actlearn.grading.grader import run_exercise
from actlearn.grading.specs.custom import EXERCISES, PRIVATE_NAME

EXERCISE = EXERCISES[0]


@pytest.mark.parametrize("formula", ["x * sigmoid(x)", "x**2 + x/2",
                                     al.symbolic.x / (1 + sp.exp(-al.symbolic.x))])
def test_good_designs_pass(formula) -> None:
    verdict = run_exercise(EXERCISE, lambda: formula)
    assert verdict.passed and verdict.hints == (), verdict
    assert PRIVATE_NAME not in registry.user_defined()


@pytest.mark.parametrize(("formula", "failing", "words"), [
    ("x * sigmoid(x) + relu(x - 1)", "smooth", "kink at x = 1"),
    ("softplus(x) - log(2)", "non-monotonic", "never decreases"),
    ("x / 2 + sin(x)**2", "bounded below", "→ −∞ as x → −∞"),
    ("x * tanh(softplus(x))", "f'(0)", "f'(0) = 0.6"),
])
def test_each_failing_property_is_named_with_where(formula: str, failing: str,
                                                   words: str) -> None:
    verdict = run_exercise(EXERCISE, lambda: formula)
    text = str(verdict)
    assert not verdict.passed and words in text, text
    failed = [line for line in text.splitlines() if line.strip().startswith("✗")]
    assert len(failed) == 1 and failing in failed[0], text


def test_a_refused_formula_says_why_once() -> None:
    text = str(run_exercise(EXERCISE, lambda: "exp(x)"))
    assert "f(1000): overflow" in text and text.count("not checked") == 3


def test_code_is_never_run_and_a_stub_fails() -> None:
    text = str(run_exercise(EXERCISE, lambda: "__import__('os').getcwd()"))
    assert "calling anything but a function name" in text

    def stub():
        raise NotImplementedError

    assert not run_exercise(EXERCISE, stub).passed
