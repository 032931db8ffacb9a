"""Exercise 11 (nac_weight, nalu_forward): right answers pass, typical mistakes get their hint."""

from __future__ import annotations

import numpy as np
import pytest

from actlearn import nn
from actlearn.engine import Tensor
from actlearn.grading import grade
from actlearn.grading.specs.nalu import nac_weight_reference, nalu_reference


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def nac_weight(W_hat, M_hat):
    return np.tanh(W_hat) * _sigmoid(M_hat)


def nalu_forward(x, W_hat, M_hat, G, eps=1e-7):
    W, g = nac_weight(W_hat, M_hat), _sigmoid(x @ G)
    return g * (x @ W) + (1 - g) * np.exp(np.log(np.abs(x) + eps) @ W)


def test_references_are_the_library_units() -> None:
    rng = np.random.default_rng(0)
    unit = nn.NALU(3, 2, eps=1e-5, rng=rng)
    x = rng.normal(size=(4, 3))
    expected = unit(Tensor(x)).data
    got = nalu_reference(x, unit.nac.w_hat.data, unit.nac.m_hat.data, unit.gate_weight.data,
                         eps=1e-5)
    np.testing.assert_allclose(got, expected)
    np.testing.assert_allclose(nac_weight_reference(unit.nac.w_hat.data, unit.nac.m_hat.data),
                               unit.nac.weight().data)


@pytest.mark.parametrize(("name", "answer"), [("nac_weight", nac_weight),
                                              ("nalu_forward", nalu_forward)])
def test_a_correct_answer_passes_without_hints(name, answer) -> None:
    verdict = grade(name, answer)
    assert verdict.passed and verdict.hints == ()


NAC_WRONG = [
    (lambda W, M: _sigmoid(W) * np.tanh(M), "roles are swapped"),
    (lambda W, M: np.tanh(W * M), "tanh(W_hat * M_hat) is a different function"),
    (lambda W, M: np.tanh(W) * M, "The mask is the sigmoid of M_hat"),
    (lambda W, M: np.tanh(W) + _sigmoid(M), "adding them does not keep W"),
    (lambda W, M: np.tanh(W) / (1 + np.exp(-M)), "stable form"),
]


@pytest.mark.parametrize(("answer", "words"), NAC_WRONG)
def test_wrong_nac_weights_get_their_hint(answer, words) -> None:
    verdict = grade("nac_weight", answer)
    assert not verdict.passed
    assert any(words in hint for hint in verdict.hints), verdict.hints


def _variant(gate_swapped=False, log=lambda x, eps: np.log(np.abs(x) + eps), raw=False,
             exp_first=False):
    def answer(x, W_hat, M_hat, G, eps=1e-7):
        W = W_hat if raw else nac_weight(W_hat, M_hat)
        g = _sigmoid(x @ G)
        product = np.exp(log(x, eps)) @ W if exp_first else np.exp(log(x, eps) @ W)
        a, m = x @ W, product
        return (1 - g) * a + g * m if gate_swapped else g * a + (1 - g) * m
    return answer


NALU_WRONG = [
    (_variant(gate_swapped=True), "The gate is swapped"),
    (_variant(log=lambda x, eps: np.log(x + eps)), "logarithm of |x|"),
    (_variant(log=lambda x, eps: np.log(np.abs(x))), "add eps inside the logarithm"),
    (_variant(exp_first=True), "Exponentiate after the matrix product"),
    (_variant(raw=True), "Use the NAC weight"),
    (lambda x, W_hat, M_hat, G, eps=1e-7: nac_weight(W_hat, M_hat) @ x, "x @ W, not W @ x"),
]


@pytest.mark.parametrize(("answer", "words"), NALU_WRONG)
def test_wrong_nalu_passes_get_their_hint(answer, words) -> None:
    verdict = grade("nalu_forward", answer)
    assert not verdict.passed
    assert any(words in hint for hint in verdict.hints), verdict.hints


def test_the_stub_fails_every_check() -> None:
    def stub(*args, **kwargs):
        raise NotImplementedError("write your answer here")

    for name in ("nac_weight", "nalu_forward"):
        assert grade(name, stub).score[0] == 0
