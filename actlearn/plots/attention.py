"""Figures for lesson 10: attention heat maps, a query moving among keys, why 1/√d_k.

Every function takes values and returns a :class:`~actlearn.plots.style.CourseFigure`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from actlearn import nn
from actlearn.labs.attention.scaling import SoftmaxSpread
from actlearn.plots.style import CMAP, CourseFigure, bars, color, figure, label

#: Two-dimensional keys for the query widget: related words point in similar directions.
KEYS_2D: dict[str, tuple[float, float]] = {
    "cat": (2.0, 1.0), "dog": (1.7, 1.5), "tired": (0.4, 2.2), "mat": (1.4, -1.6),
    "on": (-0.6, -2.0), "sat": (-2.1, 0.4),
}


def attention_heatmaps(weights: Sequence[np.ndarray], tokens: Sequence[str],
                       titles: Sequence[str]) -> CourseFigure:
    """One heat map per weight matrix (queries as rows, keys as columns), values printed."""
    if len(weights) != len(titles):
        raise ValueError(f"attention_heatmaps: {len(weights)} matrices but {len(titles)} titles")
    n = len(tokens)
    fig, axes = figure(len(weights), size=(5.4 * len(weights) + 0.8, 5.0))
    for ax, matrix, title in zip(axes, weights, titles, strict=True):
        matrix = np.asarray(matrix)
        if matrix.shape != (n, n):
            raise ValueError(f"attention_heatmaps: expected ({n}, {n}) weights, got {matrix.shape}")
        image = ax.imshow(matrix, cmap=CMAP, vmin=0.0, vmax=1.0)
        for i in range(n):
            for j in range(n):
                ax.text(j, i, f"{matrix[i, j]:.2f}".lstrip("0") if matrix[i, j] < 1 else "1",
                        ha="center", va="center", fontsize=7,
                        color="white" if matrix[i, j] < 0.5 else "black")
        ax.set_xticks(range(n), tokens, rotation=60, ha="right")
        ax.set_yticks(range(n), tokens)
        ax.grid(False)
        label(ax, title, "key (attended to)", "query (attending)")
    fig.colorbar(image, ax=axes, shrink=0.8, label="attention weight")
    return fig


def query_among_keys(angle: float = 30.0, length: float = 2.0,
                     keys: Mapping[str, tuple[float, float]] = KEYS_2D) -> CourseFigure:
    """Left: 2-D keys and a query q = length·(cos angle, sin angle); right: the weights
    softmax(K q / √2) that :func:`actlearn.nn.scaled_dot_product_attention` gives it."""
    names = list(keys)
    K = np.array([keys[name] for name in names])
    theta = np.deg2rad(angle)
    q = length * np.array([[np.cos(theta), np.sin(theta)]])
    _, weights = nn.scaled_dot_product_attention(q, K, np.eye(len(names)))
    w = weights.data[0]
    fig, (left, right) = figure(2, size=(10.0, 4.2))
    for i, (name, (x, y)) in enumerate(zip(names, K, strict=True)):
        left.plot([x], [y], "o", color=color(i), ms=6 + 14 * w[i])
        left.annotate(name, (x, y), textcoords="offset points", xytext=(6, 4))
    left.annotate("", xy=q[0], xytext=(0, 0),
                  arrowprops={"arrowstyle": "->", "lw": 2, "color": "k"})
    left.text(*(q[0] * 0.5 + np.array([-0.25, 0.15])), "q", fontsize=12)
    left.set_xlim(-3.2, 3.2)
    left.set_ylim(-3.2, 3.2)
    left.set_aspect("equal")
    label(left, f"query at {angle:.0f}°, length {length:.2g}", "dimension 1", "dimension 2")
    bars(right, names, w, [f"{v:.2f}" for v in w])
    right.set_ylim(0, 1.1)
    label(right, "weights softmax(q·k / √2)", "key", "attention weight")
    return fig


def variance_plot(d_ks: Sequence[int], variances: Sequence[float]) -> CourseFigure:
    """Measured Var(q·k) against d_k on log–log axes, with the prediction Var = d_k."""
    d = np.asarray(d_ks, dtype=np.float64)
    fig, (ax,) = figure(size=(5.6, 4.0))
    ax.plot(d, d, color="0.4", lw=1, ls="--", label="prediction: d_k")
    ax.plot(d, variances, "o", color=color(0), ms=7, label="measured")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log", base=2)
    ax.legend(loc="upper left")
    label(ax, "scores spread as the dimension grows", "d_k", "Var(q · k)")
    return fig


def spread_plot(curves: Mapping[bool, Sequence[SoftmaxSpread]], n_keys: int = 16) -> CourseFigure:
    """Entropy of the attention weights and the softmax Jacobian's norm against d_k, with and
    without the 1/√d_k scaling."""
    fig, (left, right) = figure(2, size=(10.0, 3.9))
    for i, scaled in enumerate((True, False)):
        rows = curves[scaled]
        d = [r.d_k for r in rows]
        name = "q·k / √d_k" if scaled else "q·k (unscaled)"
        left.plot(d, [r.entropy for r in rows], "o-", color=color(i), lw=2, label=name)
        right.plot(d, [r.jacobian_norm for r in rows], "o-", color=color(i), lw=2, label=name)
    left.axhline(np.log(n_keys), color="0.5", ls=":", lw=1, label=f"uniform: log {n_keys}")
    for ax in (left, right):
        ax.set_xscale("log", base=2)
        ax.legend(loc="lower left", fontsize=9)
    left.set_ylim(bottom=0)
    right.set_ylim(bottom=0)
    label(left, "entropy of the attention weights", "d_k", "entropy (nats)")
    label(right, "gradient through the softmax", "d_k", "‖diag(p) − ppᵀ‖ (mean)")
    return fig
