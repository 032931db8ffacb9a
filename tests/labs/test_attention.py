"""Lesson 10's library: the hand-built sentence, the causal mask, and the 1/sqrt(d_k) statistics."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import actlearn as al
from actlearn import nn
from actlearn.labs.attention.scaling import (
    _jacobian_norm,
    dot_products,
    score_variance,
    softmax_spread,
    spread_curves,
)
from actlearn.labs.attention.sentence import causal_mask, toy_sentence


def test_the_pronoun_attends_to_the_animate_noun() -> None:
    toy = toy_sentence()
    Q, K, V = toy.qkv()
    _, weights = nn.scaled_dot_product_attention(Q, K, V)
    row = weights.data[toy.tokens.index("it")]
    assert toy.tokens[int(np.argmax(row))] == "cat"
    assert row[toy.tokens.index("cat")] > row[toy.tokens.index("mat")] > row[0]
    sharper = toy_sentence(strength=6.0).qkv()
    _, sharp = nn.scaled_dot_product_attention(*sharper)
    assert sharp.data[toy.tokens.index("it")].max() > row.max()


def test_toy_sentence_rejects_unknown_words() -> None:
    with pytest.raises(ValueError, match="no vector for \\['dog'\\]"):
        toy_sentence(("the", "dog"))


@given(st.integers(1, 12))
def test_causal_mask_is_lower_triangular(n) -> None:
    mask = causal_mask(n)
    assert mask.dtype == bool and mask.shape == (n, n)
    assert np.array_equal(mask, np.tril(np.ones((n, n), dtype=bool)))


def test_causal_mask_rejects_empty_lengths() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        causal_mask(0)


@pytest.mark.parametrize(("d_k", "n"), [(1, 1), (3, 255), (5, 256), (7, 257), (64, 1000)])
def test_dot_products_drawn_in_blocks_are_those_of_one_big_draw(d_k: int, n: int) -> None:
    rng, reference = np.random.default_rng(3), np.random.default_rng(3)
    q, k = reference.standard_normal((n, d_k)), reference.standard_normal((n, d_k))
    assert np.array_equal(dot_products(d_k, n, rng), np.einsum("nd,nd->n", q, k))
    assert rng.bit_generator.state == reference.bit_generator.state  # the next draws agree too


def test_score_variance_is_close_to_d_k() -> None:
    variances = score_variance([2, 32, 512], n=40_000, rng=np.random.default_rng(1))
    np.testing.assert_allclose(variances / [2, 32, 512], 1.0, atol=0.05)
    assert dot_products(8, 10, np.random.default_rng(0)).shape == (10,)
    with pytest.raises(ValueError, match="must be positive"):
        dot_products(0, 10, np.random.default_rng(0))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(-5, 5), min_size=2, max_size=6))
@example([5.0, -5.0])  # one weight near 1: the expanded sum of powers cancelled here
def test_jacobian_norm_matches_the_registry_jacobian(scores) -> None:
    z = np.array(scores)
    expected = np.linalg.norm(al.activation("softmax").jacobian(z))
    assert _jacobian_norm(al.softmax(z)) == pytest.approx(expected, abs=1e-12)


def test_scaling_keeps_the_weights_spread_and_unscaled_ones_saturate() -> None:
    curves = spread_curves([1, 64, 1024], n_keys=8, n_queries=200)
    raw, scaled = curves[False], curves[True]
    assert raw[0] == softmax_spread(1, False, 8, 200, np.random.default_rng(0))
    assert raw[0].entropy == pytest.approx(scaled[0].entropy)  # d_k = 1: nothing to scale
    assert raw[-1].entropy < 0.2 and raw[-1].max_weight > 0.9
    assert raw[-1].jacobian_norm < raw[0].jacobian_norm / 3
    assert all(abs(s.entropy - scaled[0].entropy) < 0.2 for s in scaled)
