r"""Why attention divides by :math:`\sqrt{d_k}`, measured.

If the entries of a query :math:`q` and a key :math:`k` are independent with mean 0 and
variance 1, then :math:`q \cdot k = \sum_{i=1}^{d_k} q_i k_i` has mean 0 and variance
:math:`d_k`: the scores spread out as the dimension grows. A softmax over widely spread
scores puts almost all its weight on one key (its entropy falls towards 0) and its Jacobian
:math:`\operatorname{diag}(p) - pp^\top` vanishes: the softmax saturates, like a sigmoid at
large inputs, and gradients stop flowing. Dividing the scores by :math:`\sqrt{d_k}` restores
variance 1 for every :math:`d_k`.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

import actlearn as al
from actlearn.labs.softmax import entropy

#: Rows of q and k drawn at a time by :func:`dot_products` (2 MB each at d_k = 1024).
BLOCK_ROWS = 256


def dot_products(d_k: int, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` samples of q·k with q, k having independent N(0, 1) entries in ``d_k`` dimensions.

    The numbers are those of ``q = rng.standard_normal((n, d_k))``, then ``k`` the same way,
    and the row-wise dot products, but q and k are drawn :data:`BLOCK_ROWS` rows at a time, so
    that at d_k = 1024 and n = 20 000 the kernel does not hold 330 MB of them: a copy of
    ``rng`` draws q, while ``rng`` itself, moved past q's draws (drawn once and dropped), draws
    k, and ends where one big draw would have left it.

    >>> round(float(dot_products(64, 20_000, np.random.default_rng(0)).var()) / 64, 1)
    1.0
    """
    if d_k < 1 or n < 1:
        raise ValueError(f"dot_products: d_k and n must be positive, got {d_k} and {n}")
    q_draws = copy.deepcopy(rng)  # draws what rng would draw next: q's numbers
    for start in range(0, n, BLOCK_ROWS):  # move rng past q's draws, to where k's begin
        rng.standard_normal((min(BLOCK_ROWS, n - start), d_k))
    out = np.empty(n)
    for start in range(0, n, BLOCK_ROWS):
        rows = min(BLOCK_ROWS, n - start)
        q, k = q_draws.standard_normal((rows, d_k)), rng.standard_normal((rows, d_k))
        out[start:start + rows] = np.einsum("nd,nd->n", q, k)
    return out


def score_variance(d_ks: Sequence[int], n: int = 20_000,
                   rng: np.random.Generator | None = None) -> np.ndarray:
    """The measured Var(q·k) for each d_k (one generator, drawn in order)."""
    generator = rng if rng is not None else np.random.default_rng(0)
    return np.array([dot_products(d, n, generator).var() for d in d_ks])


@dataclass(frozen=True)
class SoftmaxSpread:
    """Averages over queries of the attention weights' entropy (nats), their largest weight,
    and the Frobenius norm of the softmax Jacobian (how much gradient passes back)."""

    d_k: int
    scaled: bool
    entropy: float
    max_weight: float
    jacobian_norm: float


def _jacobian_norm(probs: np.ndarray) -> np.ndarray:
    r""":math:`\|\operatorname{diag}(p) - pp^\top\|_F` per row, from the matrix itself.

    The expanded form :math:`\sum p_i^2 - 2\sum p_i^3 + (\sum p_i^2)^2` cancels when one
    weight is near 1 (scores (5, −5): a norm of 9e-5 from terms of size 1, off by 6e-13);
    the entries :math:`p_i(1 - p_i)` and :math:`-p_ip_j` are each exact to an ulp.
    """
    jac = -probs[..., :, None] * probs[..., None, :]
    diagonal = np.arange(probs.shape[-1])
    jac[..., diagonal, diagonal] += probs
    return np.sqrt(np.sum(jac * jac, axis=(-2, -1)))


def softmax_spread(d_k: int, scaled: bool, n_keys: int = 16, n_queries: int = 500,
                   rng: np.random.Generator | None = None) -> SoftmaxSpread:
    """Attention weights softmax(q·K / √d_k) (or without the division) for random queries and
    keys with N(0, 1) entries; see :class:`SoftmaxSpread`.

    >>> wide = softmax_spread(512, scaled=False, rng=np.random.default_rng(0))
    >>> narrow = softmax_spread(512, scaled=True, rng=np.random.default_rng(0))
    >>> wide.entropy < 0.2 < 1.5 < narrow.entropy
    True
    """
    generator = rng if rng is not None else np.random.default_rng(0)
    q = generator.standard_normal((n_queries, 1, d_k))
    keys = generator.standard_normal((n_queries, n_keys, d_k))
    scores = np.einsum("qid,qkd->qk", q, keys)
    if scaled:
        scores = scores / np.sqrt(d_k)
    probs = al.softmax(scores, axis=-1)
    return SoftmaxSpread(d_k, scaled, float(entropy(probs).mean()), float(probs.max(-1).mean()),
                         float(_jacobian_norm(probs).mean()))


def spread_curves(d_ks: Sequence[int], n_keys: int = 16, n_queries: int = 500,
                  seed: int = 0) -> dict[bool, list[SoftmaxSpread]]:
    """:func:`softmax_spread` for every d_k, with and without scaling (key: ``scaled``), each
    from ``np.random.default_rng(seed)`` so both see the same queries and keys."""
    return {scaled: [softmax_spread(d, scaled, n_keys, n_queries, np.random.default_rng(seed))
                     for d in d_ks] for scaled in (False, True)}
