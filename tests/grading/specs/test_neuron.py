"""Exercise 01 (gate_weights): many right weights pass; typical wrong ones get their hint."""

from __future__ import annotations

import numpy as np
import pytest

from actlearn.grading import exercise_names
from actlearn.grading.grader import UNCOUNTED, run_exercise
from actlearn.grading.specs.neuron import (
    EXERCISES,
    HINTS,
    NOT_HINT,
    ON_THE_LINE,
    ZERO_INPUT,
    OffTheLine,
)

EXERCISE = next(e for e in EXERCISES if e.name == "gate_weights")
GOOD = {"and": ([1.0, 1.0], -1.5), "or": ([1.0, 1.0], -0.5), "not": ([-1.0], 0.5),
        "nand": ([-1.0, -1.0], 1.5), "nor": ([-1.0, -1.0], 0.5)}


def _with(**changes):
    table = {**GOOD, **changes}
    return lambda gate: table[gate]


def test_gate_weights_is_registered() -> None:
    assert "gate_weights" in exercise_names()


@pytest.mark.parametrize("answer", [
    _with(),
    _with(**{gate: (np.array(w) * 3.0, b * 3.0) for gate, (w, b) in GOOD.items()}),
    _with(**{"and": ((2.0, 0.5), -2.2), "or": ([0.3, 4.0], -0.1), "not": (np.array([-5.0]), 2)}),
    lambda gate: (np.asarray(GOOD[gate][0]), np.float64(GOOD[gate][1])),
])
def test_any_weights_with_the_right_truth_tables_pass(answer) -> None:
    verdict = run_exercise(EXERCISE, answer)
    assert verdict.passed, str(verdict)
    assert str(verdict).splitlines()[0] == "gate_weights: PASSED 4/4 checks"
    assert verdict.hints == ()


@pytest.mark.parametrize(("answer", "hint", "failed"), [
    (_with(**{"and": ([1.0, 1.0], -0.5)}), HINTS[("and", "or")], "computes AND, OR and NOT"),
    (_with(**{"or": ([1.0, 1.0], -1.5)}), HINTS[("or", "and")], "computes AND, OR and NOT"),
    (_with(**{"nand": ([1.0, 1.0], -1.5)}), HINTS[("nand", "and")], "computes NAND and NOR"),
    (_with(**{"nor": ([1.0, 1.0], -0.5)}), HINTS[("nor", "or")], "computes NAND and NOR"),
    (_with(**{"not": ([1.0], -0.5)}), NOT_HINT, "computes AND, OR and NOT"),
    (_with(**{"and": ([1.0, 1.0], 0.5)}), ZERO_INPUT, "computes AND, OR and NOT"),
    (_with(**{"and": ([1.0, 1.0], -2.0)}), ON_THE_LINE,
     "no input pattern lies on the decision line"),
])
def test_typical_wrong_weights_fail_with_their_hint(answer, hint, failed) -> None:
    verdict = run_exercise(EXERCISE, answer)
    assert not verdict.passed
    assert [c.title for c in verdict.checks if not c.passed and c.detail != UNCOUNTED] == [failed]
    gated = [c for c, spec in zip(verdict.checks, EXERCISE.checks, strict=True) if spec.gated]
    assert all(not c.passed for c in gated) or failed == OffTheLine.title
    assert hint in verdict.hints


def test_the_verdict_shows_the_answer_truth_table_and_the_gate_it_computes() -> None:
    text = str(run_exercise(EXERCISE, _with(**{"and": ([1.0, 1.0], -0.5)})))
    assert ("for gate = 'and' the neuron outputs [0, 1, 1, 1] (that is OR) on "
            "(0, 0), (0, 1), (1, 0), (1, 1); expected [0, 0, 0, 1]") in text


@pytest.mark.parametrize(("answer", "detail"), [
    (lambda gate: ([1.0, 1.0], -1.5), "a 1-input gate needs 1 weight"),
    (lambda gate: {"w": GOOD[gate][0], "b": GOOD[gate][1]}, "returned a dict, expected a pair"),
    (lambda gate: (GOOD[gate][0], [0.5, 0.5]), "the bias is one number"),
    (lambda gate: (["a"] * len(GOOD[gate][0]), 0.0), "not numbers"),
    (lambda gate: ([np.nan] * len(GOOD[gate][0]), 0.0), "not finite"),
])
def test_malformed_answers_are_reported_not_raised(answer, detail) -> None:
    verdict = run_exercise(EXERCISE, answer)
    assert not verdict.checks[0].passed
    assert detail in verdict.checks[0].detail


def test_a_stub_fails_every_check() -> None:
    def stub(gate):
        raise NotImplementedError("choose the weights")

    verdict = run_exercise(EXERCISE, stub)
    assert verdict.score == (0, 4)
    assert "raised NotImplementedError: choose the weights" in str(verdict)
