"""Every exercise: a correct answer passes with the fixed text; the table covers the course."""

from __future__ import annotations

import inspect
import sys

import numpy as np
import pytest

from actlearn.grading import check, exercise_names, get_exercise, grade, spec_table
from actlearn.grading.checks import Values
from actlearn.grading.exercises import broken_modules
from tests.grading_answers import ANSWERS

REQUIRED = {
    "sigmoid",
    "sigmoid_derivative",
    "tanh_from_sigmoid",
    "relu",
    "leaky_relu",
    "softmax",
    "log_softmax",
    "cross_entropy",
    "softplus",
    "elu",
    "selu",
    "step",
    "prelu_grad_a",
    "collapse_linear",
    "sigmoid_chain_gradient",
    "vanishing_depth",
}


def test_every_spec_module_loads():
    assert dict(broken_modules()) == {}


def test_the_table_covers_the_course_exercises():
    assert REQUIRED <= set(exercise_names())
    table = spec_table()
    for name in exercise_names():
        assert f"`{get_exercise(name).signature}`" in table


def test_every_required_exercise_has_a_model_answer_here():
    assert REQUIRED <= set(ANSWERS)


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_a_correct_answer_passes_with_the_fixed_text(name):
    verdict = grade(name, ANSWERS[name])
    exercise = get_exercise(name)
    expected = [f"{name}: PASSED {len(exercise.checks)}/{len(exercise.checks)} checks"]
    expected += [f"  ✓ {c.title}" for c in exercise.checks]
    assert str(verdict).splitlines() == expected
    assert verdict.hints == ()


@pytest.mark.parametrize("name", exercise_names())
def test_a_stub_fails_every_check_with_its_message(name):
    def stub(*args, **kwargs):
        raise NotImplementedError("write your answer here")

    verdict = grade(name, stub)
    assert verdict.score == (0, len(get_exercise(name).checks))
    assert "raised NotImplementedError: write your answer here" in str(verdict)


def test_a_failing_verdict_shows_neither_hidden_inputs_nor_reference_code():
    exercise = get_exercise("sigmoid")
    text = str(grade("sigmoid", lambda x: 1.0 / (1.0 + np.exp(x))))
    hidden = [
        c
        for check in exercise.checks
        if isinstance(check, Values) and not check.visible
        for c in check.cases(exercise)
    ]
    numbers = {f"{v:.6g}" for case in hidden for v in np.ravel(case.args[0]) if v != 0}
    assert numbers and not any(n in text for n in numbers)
    source = inspect.getsource(exercise.reference)
    assert not any(line.strip() in text for line in source.splitlines() if len(line.strip()) > 12)


def test_unknown_names_suggest_close_ones():
    with pytest.raises(ValueError, match="did you mean 'sigmoid'"):
        grade("sigmod", np.tanh)


def test_check_prints_the_verdict_and_never_raises(capsys):
    check("relu", ANSWERS["relu"])
    assert capsys.readouterr().out.startswith("relu: PASSED 6/6 checks\n")
    check("no_such_exercise", ANSWERS["relu"])
    assert "unknown exercise 'no_such_exercise'" in capsys.readouterr().out
    check("relu", lambda x: sys.exit(0))
    assert "called sys.exit(0)" in capsys.readouterr().out


def test_a_non_function_answer_is_named():
    verdict = grade("relu", np.maximum(np.arange(3.0), 0.0))
    assert "the answer is an array of shape (3,) and dtype float64, not a function" in str(verdict)


def test_wrong_dtype_and_shape_are_named():
    text = str(grade("relu", lambda x: x > 0))
    assert "returned dtype bool, expected float64" in text
    text = str(grade("softmax", lambda z, axis=-1: np.exp(z).ravel() / np.exp(z).sum()))
    assert "for an input of shape (2, 3) returned shape (6,)" in text
