"""Exercise 12 (siren_bound, siren_weights): right answers pass, typical mistakes get hints."""

from __future__ import annotations

import math

import numpy as np
import pytest

from actlearn import nn
from actlearn.grading import grade
from actlearn.labs.siren.init import weight_bound


def siren_bound(n_in, omega_0=30.0, is_first=False):
    return 1.0 / n_in if is_first else math.sqrt(6.0 / n_in) / omega_0


def siren_weights(n_in, n_out, omega_0=30.0, is_first=False, rng=None):
    c = siren_bound(n_in, omega_0, is_first)
    return rng.uniform(-c, c, size=(n_in, n_out))


@pytest.mark.parametrize(("n_in", "omega_0", "is_first"), [(1, 30.0, True), (3, 10.0, True),
                                                          (64, 30.0, False), (500, 1.0, False)])
def test_the_reference_bound_is_the_one_nn_siren_draws_from(n_in, omega_0, is_first) -> None:
    layer = nn.Siren(n_in, 4000, omega_0, is_first=is_first, rng=np.random.default_rng(0))
    c = weight_bound(n_in, omega_0, is_first)
    top = np.abs(layer.weight.data).max()
    assert top <= c and top > 0.99 * c


@pytest.mark.parametrize(("name", "answer"), [("siren_bound", siren_bound),
                                              ("siren_weights", siren_weights)])
def test_a_correct_answer_passes_without_hints(name, answer) -> None:
    verdict = grade(name, answer)
    assert verdict.passed and verdict.hints == (), str(verdict)


@pytest.mark.parametrize(("answer", "words"), [
    (lambda n, omega_0=30.0, is_first=False: math.sqrt(6 / n), "Two rules"),
    (lambda n, omega_0=30.0, is_first=False: 1 / n if is_first else math.sqrt(6 / n),
     "Hidden layers divide by omega_0"),
    (lambda n, omega_0=30.0, is_first=False: 1 / n if is_first else math.sqrt(6 / n) * omega_0,
     "do not multiply"),
    (lambda n, omega_0=30.0, is_first=False: math.sqrt(6 / n) / omega_0,
     "The first layer is special"),
    (lambda n, omega_0=30.0, is_first=False: 1 / n, "Only the first layer"),
    (lambda n, omega_0=30.0, is_first=False: 1 / n if is_first else 6 / n / omega_0,
     "Take the square root"),
    (lambda n, omega_0=30.0, is_first=False: 1 / n if is_first else math.sqrt(1 / n) / omega_0,
     "The 6 comes from the variances"),
    (lambda n, omega_0=30.0, is_first=False: 1 / math.sqrt(n) if is_first
     else math.sqrt(6 / n) / omega_0, "bias's bound"),
])
def test_wrong_bounds_get_their_hint(answer, words) -> None:
    verdict = grade("siren_bound", answer)
    assert not verdict.passed
    assert any(words in hint for hint in verdict.hints), str(verdict)


@pytest.mark.parametrize(("draw", "words"), [
    (lambda rng, c, shape: rng.normal(0, c, shape), "not a normal one"),
    (lambda rng, c, shape: rng.uniform(-1, 1, shape) * c * 30, "is the 1/omega_0 missing"),
    (lambda rng, c, shape: rng.uniform(0, c, shape), "Centre the draw on 0"),
    (lambda rng, c, shape: rng.uniform(-c / 2, c / 2, shape), "standard deviation c/sqrt(3)"),
])
def test_wrong_weight_draws_get_their_hint(draw, words) -> None:
    def answer(n_in, n_out, omega_0=30.0, is_first=False, rng=None):
        return draw(rng, siren_bound(n_in, omega_0, is_first), (n_in, n_out))

    verdict = grade("siren_weights", answer)
    assert not verdict.passed
    assert any(words in hint for hint in verdict.hints), str(verdict)


def test_a_wrong_shape_is_named() -> None:
    verdict = grade("siren_weights", lambda n, m, omega_0=30.0, is_first=False, rng=None:
                    np.zeros((m, n)))
    assert "returned shape (128, 512), expected shape (512, 128)" in str(verdict)
