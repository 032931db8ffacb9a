"""Exercise 13 (choose_activation): right choices pass, wrong ones get the intended hint."""

from __future__ import annotations

import pytest

import actlearn as al
from actlearn.grading.grader import run_exercise
from actlearn.grading.specs.choosing import EXERCISES, GROUPS, SCENARIOS

EXERCISE = EXERCISES[0]
GOOD = {
    "binary_output": "sigmoid", "multiclass_output": "softmax", "regression_output": "linear",
    "positive_output": "softplus", "hidden_default": "relu", "dead_units": "leaky_relu",
    "self_normalising": "selu", "gate": "sigmoid", "transformer_ffn": "gelu",
    "implicit_image": "sin", "int8_mobile": "relu6",
}


def _with(**changes: str):
    choices = {**GOOD, **changes}
    return lambda scenario: choices[scenario]


def test_every_scenario_is_graded_once_and_accepts_only_registry_names() -> None:
    keys = [key for _, group in GROUPS for key in group]
    assert sorted(keys) == sorted(SCENARIOS) == sorted(GOOD)
    for scenario in SCENARIOS.values():
        assert set(scenario.accepted) <= set(al.list_activations())


def test_a_right_choice_per_scenario_passes_with_no_hint() -> None:
    verdict = run_exercise(EXERCISE, _with())
    assert verdict.passed and verdict.hints == ()


def test_every_accepted_name_passes() -> None:
    for key, scenario in SCENARIOS.items():
        for name in scenario.accepted:
            assert run_exercise(EXERCISE, _with(**{key: name})).passed, (key, name)


@pytest.mark.parametrize(("scenario", "choice", "words"), [
    ("binary_output", "relu", "[0, ∞)"),
    ("binary_output", "softmax", "single logit is always 1"),
    ("multiclass_output", "sigmoid", "need not sum to 1"),
    ("regression_output", "relu", "[0, ∞)"),
    ("positive_output", "relu", "exactly 0"),
    ("positive_output", "linear", "strictly positive"),
    ("hidden_default", "sigmoid", "0.25^20"),
    ("hidden_default", "linear", "collapse"),
    ("hidden_default", "step", "zero gradient"),
    ("dead_units", "relu", "no gradient for negative inputs"),
    ("self_normalising", "elu", "fixed point"),
    ("gate", "tanh", "(-1, 1)"),
    ("transformer_ffn", "relu", "SwiGLU"),
    ("implicit_image", "relu", "piecewise linear"),
    ("int8_mobile", "relu", "unbounded above"),
    ("int8_mobile", "tanh", "integer arithmetic"),
])
def test_a_wrong_choice_fails_its_group_with_the_intended_hint(scenario, choice, words) -> None:
    verdict = run_exercise(EXERCISE, _with(**{scenario: choice}))
    assert verdict.score == (2, 3)
    assert len(verdict.hints) == 1
    assert verdict.hints[0].startswith(f"{scenario}: ") and words in verdict.hints[0]
    failed = [c for c in verdict.checks if not c.passed][0]
    assert f"for {scenario!r} chose {choice!r}" in failed.detail


def test_a_misspelt_name_is_named_with_a_suggestion() -> None:
    verdict = run_exercise(EXERCISE, _with(hidden_default="ReLU"))
    assert "'ReLU' is not a name from al.list_activations() (did you mean 'relu'" in str(verdict)


def test_a_non_string_answer_is_named() -> None:
    verdict = run_exercise(EXERCISE, _with(gate=0.5))
    assert "returned a float, expected an activation name" in str(verdict)


def test_the_stub_fails_every_check() -> None:
    def stub(scenario):
        raise NotImplementedError("write your answer here")

    verdict = run_exercise(EXERCISE, stub)
    assert verdict.score == (0, 3)
    assert "NotImplementedError" in str(verdict)
