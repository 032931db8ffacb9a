"""Verdict text: deterministic, identical for every correct answer, score and header parse."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from actlearn.grading import grade
from actlearn.grading.compare import mismatch, show
from actlearn.grading.verdict import CheckResult, Verdict, parse_header


def test_score_and_passed():
    verdict = Verdict("relu", (CheckResult("a", True), CheckResult("b", False, "why")))
    assert verdict.score == (1, 2) and not verdict.passed
    assert Verdict("relu", (CheckResult("a", True),)).passed
    assert not Verdict("relu", ()).passed


def test_text_lists_every_check_then_the_hints():
    verdict = Verdict("relu", (CheckResult("a", True), CheckResult("b", False, "why")), ("h",))
    assert str(verdict).splitlines() == [
        "relu: FAILED 1/2 checks",
        "  ✓ a",
        "  ✗ b: why",
        "Hints:",
        "  - h",
    ]


def test_header_round_trips():
    verdict = Verdict("softmax", (CheckResult("a", True),) * 3)
    assert parse_header(str(verdict)) == ("softmax", True, 3, 3)
    assert parse_header("not a verdict") is None


def test_two_different_correct_answers_print_the_same_verdict():
    def stable(x):
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

    def via_tanh(x):
        return 0.5 * (1.0 + np.tanh(0.5 * x))

    assert str(grade("sigmoid", stable)) == str(grade("sigmoid", via_tanh))


def test_the_same_wrong_answer_prints_the_same_verdict_twice():
    def wrong(x):
        return np.tanh(x)

    first, second = grade("sigmoid", wrong), grade("sigmoid", wrong)
    assert str(first) == str(second) and not first.passed


@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=4)))
def test_an_array_matches_itself_nan_and_inf_included(values):
    assert mismatch(values, values.copy(), 1e-7, 1e-12) is None


@given(st.floats(allow_nan=False, allow_infinity=False, width=64))
def test_show_is_deterministic_for_numbers(value):
    assert show(np.float64(value)) == show(np.float64(value)) == f"{value:.6g}"
