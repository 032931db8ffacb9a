r"""Gated linear units and the feed-forward blocks of transformers, in NumPy.

A *GLU variant* (Dauphin et al. 2017; Shazeer 2020) multiplies two linear maps of the same
input, one of them passed through a gate activation :math:`g`:

.. math:: \operatorname{GLU}_g(x) = g(xW) \odot (xV)

with :math:`g = \sigma` (GLU), ReLU (ReGLU), GELU (GEGLU), SiLU (SwiGLU, used in LLaMA and
PaLM) or the identity (bilinear). The registry's vector activation ``glu`` is the same gate
applied to a pre-computed concatenation: ``glu([a, b]) = a ⊙ σ(b)``, so
:math:`\operatorname{GLU}_\sigma(x) = \texttt{glu}([xV, xW])`.

A transformer's feed-forward block is :math:`f(xW_1)W_2` with hidden width :math:`4d`
(:math:`8d^2` weights); the gated block :math:`(g(xW) \odot xV)W_2` has three matrices, so
its hidden width is cut to :math:`\tfrac{8}{3}d` to keep the same :math:`8d^2`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import actlearn as al

#: The GLU family by the gate activation each uses (registry names; "linear" = bilinear).
VARIANTS: dict[str, str] = {
    "GLU": "sigmoid",
    "ReGLU": "relu",
    "GEGLU": "gelu",
    "SwiGLU": "silu",
    "bilinear": "linear",
}


def _matrix(name: str, value: np.ndarray, rows: int) -> np.ndarray:
    arr = np.asarray(value, dtype=np.float64)
    if arr.ndim != 2 or arr.shape[0] != rows:
        raise ValueError(f"{name} must be a matrix with {rows} rows (one per input feature), "
                         f"got shape {arr.shape}")
    return arr


def glu_variant(x: np.ndarray, W: np.ndarray, V: np.ndarray, gate: str = "silu") -> np.ndarray:
    r""":math:`g(xW) \odot (xV)` for x of shape (..., d), W and V of shape (d, h).

    ``gate`` is a registry name: "silu" gives SwiGLU, "sigmoid" the original GLU.

    >>> x = np.array([[1.0, 2.0]])
    >>> glu_variant(x, np.eye(2), np.eye(2), gate="linear")   # bilinear: x ⊙ x
    array([[1., 4.]])
    """
    x = np.asarray(x, dtype=np.float64)
    d = x.shape[-1]
    W, V = _matrix("W", W, d), _matrix("V", V, d)
    if W.shape != V.shape:
        raise ValueError(f"W and V must have the same shape, got {W.shape} and {V.shape}")
    return al.activation(gate)(x @ W) * (x @ V)


def swiglu(x: np.ndarray, W: np.ndarray, V: np.ndarray) -> np.ndarray:
    r"""SwiGLU: :math:`\operatorname{silu}(xW) \odot (xV)`, silu(u) = u σ(u)."""
    return glu_variant(x, W, V, gate="silu")


def feed_forward(x: np.ndarray, W1: np.ndarray, W2: np.ndarray,
                 activation: str = "relu") -> np.ndarray:
    r"""The plain transformer block :math:`f(xW_1)W_2`."""
    x = np.asarray(x, dtype=np.float64)
    W1 = _matrix("W1", W1, x.shape[-1])
    W2 = _matrix("W2", W2, W1.shape[1])
    return al.activation(activation)(x @ W1) @ W2


def gated_feed_forward(x: np.ndarray, W: np.ndarray, V: np.ndarray, W2: np.ndarray,
                       gate: str = "silu") -> np.ndarray:
    r"""The gated block :math:`(g(xW) \odot xV)W_2` (SwiGLU for gate="silu")."""
    hidden = glu_variant(x, W, V, gate)
    return hidden @ _matrix("W2", W2, hidden.shape[-1])


def hidden_width(d_model: int, gated: bool, multiple_of: int = 1) -> int:
    """Hidden width with 8·d_model² weights: 4d plain, 8d/3 gated, rounded up to ``multiple_of``.

    >>> hidden_width(512, gated=False), hidden_width(512, gated=True), hidden_width(4096, True, 256)
    (2048, 1365, 11008)
    """
    if d_model < 1 or multiple_of < 1:
        raise ValueError(f"hidden_width: d_model and multiple_of must be positive, got "
                         f"{d_model} and {multiple_of}")
    width = 4 * d_model if not gated else int(8 * d_model / 3)
    return -(-width // multiple_of) * multiple_of


def weight_count(d_model: int, hidden: int, gated: bool) -> int:
    """Weights of a feed-forward block (no biases): 2·d·h plain, 3·d·h gated.

    >>> weight_count(512, 2048, gated=False), weight_count(512, 1365, gated=True)
    (2097152, 2096640)
    """
    return (3 if gated else 2) * d_model * hidden


@dataclass(frozen=True)
class FeedForwardWeights:
    """Weights of one block: ``V`` is None for the plain (ungated) block."""

    W: np.ndarray
    V: np.ndarray | None
    W2: np.ndarray


def init_feed_forward(d_model: int, hidden: int, gated: bool,
                      rng: np.random.Generator) -> FeedForwardWeights:
    r"""Random weights, entries :math:`\mathcal N(0, 1/\text{fan-in})` (LeCun normal)."""
    W = rng.normal(0.0, d_model**-0.5, (d_model, hidden))
    V = rng.normal(0.0, d_model**-0.5, (d_model, hidden)) if gated else None
    W2 = rng.normal(0.0, hidden**-0.5, (hidden, d_model))
    return FeedForwardWeights(W, V, W2)
