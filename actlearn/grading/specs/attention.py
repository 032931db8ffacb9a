"""Exercise 10: scaled dot-product attention with an optional mask, in NumPy.

The reference is :func:`actlearn.nn.scaled_dot_product_attention`. The lambdas are wrong
answers learners write, kept only to recognise them in hints.
"""

from __future__ import annotations

import numpy as np

from actlearn import nn
from actlearn.grading.checks import NoMutation, Stable, Values
from actlearn.grading.compare import Case, show
from actlearn.grading.spec import Exercise, Misconception
from actlearn.labs.attention.sentence import causal_mask


def reference(Q: np.ndarray, K: np.ndarray, V: np.ndarray,
              mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(output, weights) of the library's attention, as NumPy arrays."""
    with np.errstate(all="ignore"):
        output, weights = nn.scaled_dot_product_attention(Q, K, V, mask)
    return output.data, weights.data


def _case(Q, K, V, mask=None, text: str | None = None) -> Case:
    kwargs = {} if mask is None else {"mask": mask}
    if text is None:
        text = f"Q = {show(Q)}, K = {show(K)}, V = {show(V)}"
        if mask is not None:
            text += f", mask = {show(mask.astype(int))} (1 = may attend)"
    return Case((Q, K, V), kwargs, text)


def _visible(rng: np.random.Generator) -> list[Case]:
    Q = np.array([[1.0, 0.0], [0.0, 2.0]])
    K = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    V = np.array([[1.0, 0.0], [0.0, 1.0], [5.0, 5.0]])
    return [_case(Q, K, V)]


def _visible_mask(rng: np.random.Generator) -> list[Case]:
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    V = np.array([[1.0], [2.0], [3.0]])
    return [_case(X, X, V, causal_mask(3))]


def _random(rng: np.random.Generator, shape_q, shape_k, d_v, masked=False) -> Case:
    Q, K = rng.normal(size=shape_q), rng.normal(size=shape_k)
    V = rng.normal(size=(*shape_k[:-1], d_v))
    mask = None
    if masked:
        mask = rng.random((shape_q[-2], shape_k[-2])) < 0.6
        mask[:, 0] = True  # every query keeps at least one key
    return _case(Q, K, V, mask, "hidden" + (" with a mask" if masked else ""))


def _hidden(rng: np.random.Generator) -> list[Case]:
    return [_random(rng, (4, 8), (6, 8), 3), _random(rng, (1, 2), (5, 2), 4),
            _random(rng, (5, 3), (5, 3), 5, masked=True), _random(rng, (3, 16), (7, 16), 2)]


def _batched(rng: np.random.Generator) -> list[Case]:
    cases = [_random(rng, (2, 4, 8), (2, 6, 8), 3), _random(rng, (3, 5, 4), (3, 5, 4), 4)]
    Q, K, V = (rng.normal(size=(2, 5, 4)) for _ in range(3))
    cases.append(_case(Q, K, V, causal_mask(5), "batched (2, 5, 4) with a causal mask"))
    return cases


def _extreme(rng: np.random.Generator) -> list[Case]:
    Q = np.array([[30.0, 30.0], [-30.0, 30.0]])
    K = np.array([[30.0, 30.0], [30.0, -30.0], [-30.0, 30.0]])
    V = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    return [_case(Q, K, V), _case(2 * Q, K, V)]


def _softmax_attention(Q, K, V, mask=None, scale=None, axis=-1, keep=None):
    d = Q.shape[-1]
    scores = Q @ np.swapaxes(K, -1, -2) / (np.sqrt(d) if scale is None else scale)
    if mask is not None and keep is not False:
        allowed = ~mask if keep == "inverted" else mask
        scores = np.where(allowed, scores, -np.inf)
    weights = _plain_softmax(scores, axis=axis)
    return weights @ V, weights


def _plain_softmax(scores: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax as a learner writes it: a row of -inf gives NaN (no special case)."""
    exps = np.exp(scores - scores.max(axis=axis, keepdims=True))
    return exps / exps.sum(axis=axis, keepdims=True)


def _after_softmax(Q, K, V, mask=None):
    weights = _plain_softmax(Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1]))
    if mask is not None:
        weights = weights * mask
    return weights @ V, weights


def _untransposed(Q, K, V, mask=None):
    return _softmax_attention(Q, np.swapaxes(K, -1, -2), V, mask)


UNSTABLE = ("Scores reach the thousands here and e^score overflows: use a stable softmax "
            "(subtract the row maximum first), as in lesson 07.")

EXERCISES = (
    Exercise(
        "attention",
        "attention(Q, K, V, mask=None) -> (output, weights)",
        "weights = softmax(Q K^T / sqrt(d_k)) over the keys (masked keys get weight 0), "
        "output = weights V",
        reference,
        (Values(_visible),
         Values(_visible_mask, title="right values with a causal mask"),
         Values(_hidden, visible=False, title="right values on hidden cases"),
         Values(_batched, visible=False, title="batched inputs (..., T, d)"),
         NoMutation(_hidden),
         Stable(_extreme, hint=UNSTABLE)),
        (Misconception("Divide the scores by sqrt(d_k), the square root of the key dimension.",
                       lambda Q, K, V, mask=None: _softmax_attention(Q, K, V, mask, scale=1.0)),
         Misconception("The scale is sqrt(d_k), not d_k: dividing by d_k flattens the weights.",
                       lambda Q, K, V, mask=None: _softmax_attention(
                           Q, K, V, mask, scale=Q.shape[-1])),
         Misconception("Normalise each query's scores over the keys: softmax along the last "
                       "axis, so every row of the weights sums to 1.",
                       lambda Q, K, V, mask=None: _softmax_attention(Q, K, V, mask, axis=-2)),
         Misconception("The mask is ignored: set the scores of masked keys to -inf before the "
                       "softmax.", lambda Q, K, V, mask=None: _softmax_attention(
                           Q, K, V, mask, keep=False)),
         Misconception("The mask is inverted: True marks the keys a query MAY attend to.",
                       lambda Q, K, V, mask=None: _softmax_attention(
                           Q, K, V, mask, keep="inverted")),
         Misconception("Masking after the softmax leaves rows that no longer sum to 1: mask the "
                       "scores (-inf) before normalising.", _after_softmax),
         Misconception("Return both the output and the weights: (weights @ V, weights).",
                       lambda Q, K, V, mask=None: _softmax_attention(Q, K, V, mask)[0]),
         Misconception("Scores are Q @ K^T: each query is compared with every key (transpose K).",
                       _untransposed),
         Misconception("Scores are Q @ K^T with only K's last two axes swapped: "
                       "np.swapaxes(K, -1, -2) works for 2-D and batched inputs alike, while "
                       "K.T on a batch (B, T, d) reverses all three axes.", raised="matmul")),
    ),
)
