"""Exercise 10 (attention): a right answer passes, typical mistakes get the intended hint."""

from __future__ import annotations

import numpy as np
import pytest

from actlearn.grading import grade


def _softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def attention(Q, K, V, mask=None, scale=None, axis=-1, mask_mode="ok", transpose="swap",
              stable=True, out_only=False):
    d = Q.shape[-1]
    Kt = {"swap": np.swapaxes(K, -1, -2), "T": K.T, "none": K}[transpose]
    scores = Q @ Kt / (np.sqrt(d) if scale is None else scale)
    if mask is not None and mask_mode in ("ok", "inverted"):
        scores = np.where(mask if mask_mode == "ok" else ~mask, scores, -np.inf)
    if stable:
        weights = _softmax(scores, axis)
    else:
        e = np.exp(scores)
        weights = e / e.sum(axis=axis, keepdims=True)
    if mask is not None and mask_mode == "after":
        weights = weights * mask
    return weights @ V if out_only else (weights @ V, weights)


def test_a_correct_answer_passes_without_hints() -> None:
    verdict = grade("attention", lambda Q, K, V, mask=None: attention(Q, K, V, mask))
    assert verdict.passed and verdict.hints == (), str(verdict)


@pytest.mark.parametrize(("options", "words"), [
    ({"scale": 1.0}, "Divide the scores by sqrt(d_k)"),
    ({"scale": "d"}, "not d_k"),
    ({"axis": -2}, "softmax along the last axis"),
    ({"mask_mode": "ignored"}, "The mask is ignored"),
    ({"mask_mode": "inverted"}, "The mask is inverted"),
    ({"mask_mode": "after"}, "Masking after the softmax"),
    ({"out_only": True}, "Return both"),
    ({"transpose": "T"}, "reverses all three axes"),
    ({"transpose": "none"}, "Scores are Q @ K^T"),
    ({"stable": False}, "stable softmax"),
])
def test_a_wrong_answer_gets_the_intended_hint(options, words) -> None:
    def answer(Q, K, V, mask=None):
        opts = dict(options)
        if opts.get("scale") == "d":
            opts["scale"] = Q.shape[-1]
        return attention(Q, K, V, mask, **opts)

    verdict = grade("attention", answer)
    assert not verdict.passed
    assert any(words in hint for hint in verdict.hints), str(verdict)


def test_the_stub_fails_every_check() -> None:
    def stub(Q, K, V, mask=None):
        raise NotImplementedError("write your answer here")

    verdict = grade("attention", stub)
    assert verdict.score == (0, 6)
