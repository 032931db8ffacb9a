r"""A small sentence for lesson 10, with token vectors and projections built by hand.

Each token is a vector of six interpretable features (noun, animate, verb, ...); the
projections are chosen so that a pronoun's *query* looks for animate nouns and
every noun's *key* advertises itself, which makes "it" attend to "cat". Nothing is learned:
the point is to see queries, keys, values and the softmax at work on numbers one can read.

Also :func:`causal_mask`, the lower-triangular mask of autoregressive models, in the
convention of :func:`actlearn.nn.scaled_dot_product_attention` (True = may attend).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SENTENCE: tuple[str, ...] = ("the", "cat", "sat", "on", "the", "mat", "because", "it", "was",
                             "tired")
FEATURES: tuple[str, ...] = ("noun", "animate", "verb", "function", "pronoun", "state")
_LEXICON: dict[str, tuple[float, ...]] = {
    #          noun animate verb function pronoun state
    "the":     (0.0, 0.0, 0.0, 1.0, 0.0, 0.0),
    "cat":     (1.0, 1.0, 0.0, 0.0, 0.0, 0.0),
    "sat":     (0.0, 0.0, 1.0, 0.0, 0.0, 0.0),
    "on":      (0.0, 0.0, 0.0, 1.0, 0.0, 0.0),
    "mat":     (1.0, 0.0, 0.0, 0.0, 0.0, 0.0),
    "because": (0.0, 0.0, 0.0, 1.0, 0.0, 0.0),
    "it":      (0.0, 0.0, 0.0, 0.0, 1.0, 0.0),
    "was":     (0.0, 0.0, 1.0, 1.0, 0.0, 0.0),
    "tired":   (0.0, 0.0, 0.0, 0.0, 0.0, 1.0),
}


@dataclass(frozen=True)
class ToySentence:
    """Tokens, their vectors X (T, d_model) and the projections W_q, W_k (d_model, d_k) and
    W_v (d_model, d_v)."""

    tokens: tuple[str, ...]
    X: np.ndarray
    W_q: np.ndarray
    W_k: np.ndarray
    W_v: np.ndarray

    def qkv(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Q = X W_q, K = X W_k, V = X W_v."""
        return self.X @ self.W_q, self.X @ self.W_k, self.X @ self.W_v


def toy_sentence(tokens: tuple[str, ...] = SENTENCE, strength: float = 3.0) -> ToySentence:
    """The hand-built example. ``strength`` scales the query–key match, i.e. how sharp the
    pronoun's attention is.

    >>> toy = toy_sentence()
    >>> toy.X.shape, toy.qkv()[0].shape
    ((10, 6), (10, 3))
    """
    unknown = [t for t in tokens if t not in _LEXICON]
    if unknown:
        raise ValueError(f"toy_sentence: no vector for {unknown}; known words: {sorted(_LEXICON)}")
    X = np.array([_LEXICON[t] for t in tokens])  # (T, d_model)
    d_model = X.shape[1]
    noun, animate, verb, function, pronoun, state = range(len(FEATURES))
    W_q = np.zeros((d_model, 3))
    W_q[pronoun, 0] = W_q[pronoun, 1] = strength  # a pronoun asks: which animate noun?
    W_q[state, 1] = strength                      # a state asks: who is in it?
    W_q[verb, 0] = strength / 2                    # a verb asks: which noun?
    W_k = np.zeros((d_model, 3))
    W_k[noun, 0] = 1.0                             # keys advertise "noun" ...
    W_k[animate, 1] = 1.0                          # ... and "animate"
    W_k[function, 2] = 1.0
    W_q[function, 2] = 1.0                         # function words look at each other
    W_v = np.eye(d_model)                          # values carry the features themselves
    return ToySentence(tuple(tokens), X, W_q, W_k, W_v)


def causal_mask(length: int) -> np.ndarray:
    """(length, length) boolean, True on and below the diagonal: query i may attend to keys
    j ≤ i only.

    >>> causal_mask(3).astype(int)
    array([[1, 0, 0],
           [1, 1, 0],
           [1, 1, 1]])
    """
    if length < 1:
        raise ValueError(f"causal_mask: length must be at least 1, got {length}")
    return np.tril(np.ones((length, length), dtype=bool))
