"""Figures for lesson 07: softmax on a score vector, temperature, sigmoid as softmax, Jacobian.

Every function takes values and returns a :class:`~actlearn.plots.style.CourseFigure`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

import actlearn as al
from actlearn.labs.softmax import entropy, tempered_softmax
from actlearn.plots.style import (
    DIVERGING_CMAP,
    CourseFigure,
    bars,
    color,
    figure,
    label,
    zero_lines,
)

SEED_SCORES: tuple[float, ...] = (2.33, -1.46, 0.56)


def _vector(scores: ArrayLike) -> np.ndarray:
    z = np.asarray(scores, dtype=np.float64)
    if z.ndim != 1 or z.size < 2:
        raise ValueError(f"scores must be a 1-D vector of at least 2 numbers, got shape {z.shape}")
    return z


def _names(labels: Sequence[str] | None, n: int) -> list[str]:
    if labels is None:
        return [f"class {i + 1}" for i in range(n)]
    if len(labels) != n:
        raise ValueError(f"labels must name each of the {n} scores, got {len(labels)}")
    return list(labels)


def scores_to_probabilities(
    scores: ArrayLike = SEED_SCORES, labels: Sequence[str] | None = None
) -> CourseFigure:
    """Two bar charts: the raw scores z, and softmax(z) with each share printed as a percentage."""
    z = _vector(scores)
    names = _names(labels, z.size)
    probs = al.softmax(z)
    fig, (left, right) = figure(2)
    bars(left, names, z)
    left.axhline(0, color="0.6", lw=0.8)
    label(left, "raw scores (logits) z", "class", "score")
    bars(right, names, probs, [f"{100 * p:.1f} %" for p in probs])
    right.set_ylim(0, 1.1)
    label(right, "softmax(z): shares of Σ e^z", "class", "probability")
    return fig


def normalisations(
    scores: ArrayLike = SEED_SCORES, labels: Sequence[str] | None = None
) -> CourseFigure:
    """Grouped bars: plain normalising z / Σz beside softmax(z), with the valid band [0, 1].

    When Σz = 0 the plain ratios are undefined: their bars are left out and the axes say so."""
    z = _vector(scores)
    names = _names(labels, z.size)
    with np.errstate(divide="ignore", invalid="ignore"):
        plain = z / z.sum()
    probs = al.softmax(z)
    where = np.arange(z.size)
    fig, (ax,) = figure(size=(6.0, 3.6))
    ax.axhspan(0, 1, color="0.92", zorder=0, label="valid probabilities [0, 1]")
    defined = np.isfinite(plain)
    if defined.any():
        ax.bar(where[defined] - 0.2, plain[defined], width=0.4, color=color(3),
               label="z / Σz (plain normalising)")
    if not defined.all():
        ax.text(0.02, 0.95, "Σz = 0: z / Σz is undefined", transform=ax.transAxes, va="top",
                color=color(3))
    ax.bar(where + 0.2, probs, width=0.4, color=color(0), label="e^z / Σe^z (softmax)")
    ax.set_xticks(where, names)
    ax.axhline(0, color="0.6", lw=0.8)
    label(ax, "dividing by the sum is not enough", "class", "value")
    ax.legend(loc="upper right")
    return fig


def temperature_bars(
    scores: ArrayLike = SEED_SCORES,
    temperature: float = 1.0,
    labels: Sequence[str] | None = None,
    t_range: tuple[float, float] = (0.05, 20.0),
) -> CourseFigure:
    """Left: bars of softmax(z / T) at ``temperature``. Right: each p_i as T sweeps ``t_range``
    (log scale), with the chosen T marked. The left title reports the entropy."""
    z = _vector(scores)
    names = _names(labels, z.size)
    probs = tempered_softmax(z, temperature)
    fig, (left, right) = figure(2)
    bars(left, names, probs, [f"{100 * p:.1f} %" for p in probs])
    left.set_ylim(0, 1.1)
    label(left, f"T = {temperature:.3g}: entropy {float(entropy(probs)):.3f} nats",
          "class", "probability")
    temps = np.geomspace(*t_range, 200)
    sweep = al.softmax(z[None, :] / temps[:, None])
    for i, name in enumerate(names):
        right.plot(temps, sweep[:, i], color=color(i), label=name)
    right.axhline(1 / z.size, color="0.5", ls=":", lw=1, label="uniform 1/n")
    right.axvline(temperature, color="0.2", ls="--", lw=1, label=f"T = {temperature:.3g}")
    right.set_xscale("log")
    right.set_ylim(0, 1.02)
    label(right, "probabilities as the temperature changes", "temperature T (log scale)",
          "probability")
    right.legend(loc="center left", fontsize=9)
    return fig


def sigmoid_as_softmax(low: float = -8.0, high: float = 8.0) -> CourseFigure:
    """Both entries of softmax([x, 0]) on [low, high] drawn over σ(x) and σ(−x) = 1 − σ(x);
    the title reports the largest difference."""
    xs = np.linspace(low, high, 401)
    sigmoid = al.activation("sigmoid")
    two_class = al.softmax(np.stack([xs, np.zeros_like(xs)], axis=-1))
    gap = float(max(np.abs(two_class[:, 0] - sigmoid(xs)).max(),
                    np.abs(two_class[:, 1] - sigmoid(-xs)).max()))
    fig, (ax,) = figure(size=(6.0, 3.8))
    ax.plot(xs, sigmoid(xs), color=color(0), lw=5, alpha=0.4, label="σ(x)")
    ax.plot(xs, two_class[:, 0], color=color(0), ls="--", label="softmax([x, 0])₁")
    ax.plot(xs, sigmoid(-xs), color=color(1), lw=5, alpha=0.4, label="σ(−x) = 1 − σ(x)")
    ax.plot(xs, two_class[:, 1], color=color(1), ls="--", label="softmax([x, 0])₂")
    zero_lines(ax)
    label(ax, f"sigmoid is two-class softmax (largest gap {gap:.1e})", "score x of class 1",
          "probability")
    ax.legend(loc="center right", fontsize=9)
    return fig


def jacobian_heatmap(
    scores: ArrayLike = SEED_SCORES, labels: Sequence[str] | None = None
) -> CourseFigure:
    """Heat map of the softmax Jacobian J = diag(p) − p pᵀ, each entry printed in its cell."""
    z = _vector(scores)
    names = _names(labels, z.size)
    jac = al.activation("softmax").jacobian(z)
    bound = float(np.abs(jac).max()) or 1.0
    fig, (ax,) = figure(size=(4.8, 4.0))
    image = ax.imshow(jac, cmap=DIVERGING_CMAP, vmin=-bound, vmax=bound)
    for (i, j), value in np.ndenumerate(jac):
        ink = "white" if abs(value) > 0.6 * bound else "black"
        ax.text(j, i, f"{value:+.3f}", ha="center", va="center", fontsize=10, color=ink)
    ax.set_xticks(range(z.size), [f"z{j + 1}" for j in range(z.size)])
    ax.set_yticks(range(z.size), [f"p{i + 1} ({n})" for i, n in enumerate(names)])
    ax.grid(False)
    fig.colorbar(image, ax=ax, label="∂p_i / ∂z_j")
    label(ax, "softmax Jacobian diag(p) − ppᵀ", "score z_j", "probability p_i")
    return fig
