"""Lesson 14's exercises: right answers pass, typical wrong ones fail with the intended hint."""

from __future__ import annotations

import numpy as np
import pytest

from actlearn.grading import grade
from actlearn.grading.specs.training import EXERCISES, HIDDEN_RUNS, HINTS
from actlearn.labs.training.diagnosis import FIXES, PROBLEMS, SYMPTOMS
from tests.grading_answers import ANSWERS


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def test_the_exercises_and_the_labels() -> None:
    assert [e.name for e in EXERCISES] == ["batchnorm_forward", "mish_derivative", "log_sigmoid",
                                           "bce_with_logits", "diagnose"]
    assert set(HINTS) == set(PROBLEMS)
    assert all(set(s.fixes) <= set(FIXES) for s in SYMPTOMS.values())
    assert len(HIDDEN_RUNS) > len(PROBLEMS)


def test_batchnorm_forward_matches_torch_in_training_mode() -> None:
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(0).normal(2.0, 3.0, (16, 5))
    gamma, beta = np.linspace(0.5, 2.0, 5), np.linspace(-1.0, 1.0, 5)
    bn = torch.nn.BatchNorm1d(5, dtype=torch.float64)
    with torch.no_grad():
        bn.weight.copy_(torch.from_numpy(gamma))
        bn.bias.copy_(torch.from_numpy(beta))
    expected = bn.train()(torch.from_numpy(x)).detach().numpy()
    np.testing.assert_allclose(ANSWERS["batchnorm_forward"](x, gamma, beta), expected,
                               rtol=1e-12, atol=1e-12)


def _bn(variance, axis=0, eps_inside=True, affine=True):
    def answer(x, gamma, beta, eps=1e-5):
        mean = x.mean(axis=axis, keepdims=True)
        var = variance(x, axis, mean)
        x_hat = (x - mean) / (np.sqrt(var + eps) if eps_inside else np.sqrt(var) + eps)
        return gamma * x_hat + beta if affine else x_hat
    return answer


def _biased(x, axis, mean):
    return ((x - mean) ** 2).mean(axis=axis, keepdims=True)


@pytest.mark.parametrize(("name", "answer", "words"), [
    ("batchnorm_forward", _bn(lambda x, a, m: x.var(axis=a, ddof=1, keepdims=True)),
     "biased variance"),
    ("batchnorm_forward", _bn(_biased, axis=1), "axis=1 standardises each sample"),
    ("batchnorm_forward", _bn(_biased, axis=None), "not one for the whole batch"),
    ("batchnorm_forward", _bn(_biased, eps_inside=False), "inside the square root"),
    ("batchnorm_forward", _bn(_biased, affine=False), "gamma"),
    ("batchnorm_forward",
     _bn(lambda x, a, m: (x * x).mean(axis=a, keepdims=True) - m * m), "E[x²] − E[x]²"),
    ("mish_derivative", lambda x: np.tanh(np.logaddexp(0, x)), "alone is missing"),
    ("mish_derivative", lambda x: np.tanh(np.logaddexp(0, x)) + x * (
        1 - np.tanh(np.logaddexp(0, x)) ** 2), "σ(x) is missing"),
    ("mish_derivative", lambda x: np.tanh(np.log(1 + np.exp(x))) + x * (
        1 - np.tanh(np.log(1 + np.exp(x))) ** 2) * _sigmoid(x), "overflow"),
    ("log_sigmoid", lambda x: np.log(_sigmoid(x)), "−softplus(−x)"),
    ("log_sigmoid", lambda x: np.logaddexp(0, -x), "minus sign in front is missing"),
    ("bce_with_logits", lambda z, y: float(-np.mean(
        y * np.log(_sigmoid(z)) + (1 - y) * np.log(1 - _sigmoid(z)))), "log 0 = −inf"),
    ("bce_with_logits", lambda z, y: float(z.size * ANSWERS["bce_with_logits"](z, y)),
     "np.mean"),
])
def test_a_typical_mistake_fails_with_its_hint(name, answer, words) -> None:
    verdict = grade(name, answer)
    assert not verdict.passed
    assert any(words in hint for hint in verdict.hints), verdict.hints


def _diagnose_with(**changes):
    def answer(run):
        problem, fix = ANSWERS["diagnose"](run)
        return changes.get(problem, (problem, fix))
    return answer


def test_diagnose_a_wrong_problem_gets_the_hint_for_the_right_one() -> None:
    verdict = grade("diagnose", _diagnose_with(**{"dead units": ("learning rate too low",
                                                                  "raise the learning rate")}))
    assert verdict.score == (0, 2)
    assert "for a run with 'dead units' named 'learning rate too low'" in str(verdict)
    assert any("update ratio of −inf means no update" in hint for hint in verdict.hints)


def test_diagnose_a_wrong_fix_and_bad_values_are_named() -> None:
    verdict = grade("diagnose", _diagnose_with(saturation=("saturation",
                                                           "raise the learning rate")))
    assert "named the problem but chose the fix 'raise the learning rate'" in str(verdict)
    verdict = grade("diagnose", lambda run: "healthy")
    assert "returned a str, expected a tuple (problem, fix)" in str(verdict)
    verdict = grade("diagnose", lambda run: ("vanishing", "nothing"))
    assert "named 'vanishing', not one of PROBLEMS" in str(verdict)


def test_diagnose_accepts_every_listed_fix() -> None:
    fixes = {problem: (problem, SYMPTOMS[problem].fixes[-1]) for problem in PROBLEMS}
    assert grade("diagnose", _diagnose_with(**fixes)).passed
