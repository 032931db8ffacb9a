"""Figures for lesson 09: learning rates on a quadratic bowl, a training curve, digit mistakes.

Every function takes values and returns a :class:`~actlearn.plots.style.CourseFigure`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from actlearn.labs.engine.descent import CURVATURES, descend
from actlearn.plots.style import CMAP, CourseFigure, color, figure, label
from actlearn.training import History


def learning_rate(lr: float = 0.05, steps: int = 40) -> CourseFigure:
    """Left: contours of J(θ) = ½(θ₁² + 10 θ₂²) and the path of ``steps`` gradient-descent
    updates with learning rate ``lr``. Right: J after each step (log scale)."""
    path = descend(lr, steps)
    fig, (left, right) = figure(2, size=(9.6, 3.9))
    g1, g2 = np.meshgrid(np.linspace(-5, 5, 201), np.linspace(-3, 3, 121))
    bowl = 0.5 * (CURVATURES[0] * g1**2 + CURVATURES[1] * g2**2)
    left.contour(g1, g2, bowl, levels=np.geomspace(0.05, 60, 10), cmap=CMAP, linewidths=0.8)
    shown = path.thetas[np.all(np.abs(path.thetas) < 50, axis=1)]
    left.plot(shown[:, 0], shown[:, 1], "o-", color=color(3), ms=3, lw=1.2,
              label="θ after each step")
    left.plot(*path.thetas[0], "s", color="black", ms=6, label="start")
    left.plot(0, 0, "*", color=color(2), ms=12, label="minimum")
    left.set_xlim(-5, 5)
    left.set_ylim(-3, 3)
    label(left, f"α = {lr:.3g}: {path.verdict()}", "θ₁ (curvature 1)", "θ₂ (curvature 10)")
    left.legend(loc="lower right", fontsize=8)
    right.semilogy(np.arange(path.losses.size), path.losses, "o-", color=color(3), ms=3)
    right.axhline(path.losses[0], color="0.5", ls=":", lw=1, label="start")
    label(right, "loss after each step", "step", "J(θ) (log scale)")
    right.legend(loc="best", fontsize=8)
    return fig


def learning_rate_sweep(lrs: Sequence[float] = (0.005, 0.05, 0.15, 0.21), steps: int = 40
                        ) -> CourseFigure:
    """J(θ) per step for several learning rates on the same bowl (log scale)."""
    fig, (ax,) = figure(size=(6.0, 3.8))
    for k, lr in enumerate(lrs):
        path = descend(lr, steps)
        ax.semilogy(np.arange(path.losses.size), path.losses, color=color(k), lw=1.6,
                    label=f"α = {lr:g} ({path.verdict()})")
    ax.axvline(0, color="0.8", lw=0.8)
    label(ax, "too small crawls, too large blows up", "step", "J(θ) (log scale)")
    ax.legend(loc="best", fontsize=9)
    return fig


def training_curve(history: History, title: str = "training loss") -> CourseFigure:
    """The loss of every step (thin) and each epoch's mean (dots), on a log scale."""
    fig, (ax,) = figure(size=(6.4, 3.8))
    steps = np.arange(1, history.steps + 1)
    ax.semilogy(steps, history.loss, color=color(0), lw=0.8, alpha=0.5, label="each step")
    epochs = np.asarray(history.epoch)
    ends = [int(steps[epochs == e][-1]) for e in np.unique(epochs)]
    ax.semilogy(ends, history.epoch_loss(), "o-", color=color(3), ms=3, label="epoch mean")
    label(ax, title, "step", "cross-entropy (log scale)")
    ax.legend(loc="upper right")
    return fig


def digit_mistakes(
    images: np.ndarray, truth: np.ndarray, predicted: np.ndarray, limit: int = 12
) -> CourseFigure:
    """Up to ``limit`` of the 8x8 digits whose prediction is wrong, titled "true → predicted"."""
    wrong = np.flatnonzero(truth != predicted)[:limit]
    n = max(len(wrong), 1)
    fig, axes = figure(n, size=(1.25 * n + 0.4, 1.9))
    for ax, i in zip(axes, wrong, strict=False):
        ax.imshow(images[i], cmap="gray_r", vmin=0, vmax=16)
        ax.set_title(f"{truth[i]} → {predicted[i]}", fontsize=10)
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    if not len(wrong):
        axes[0].set_title("no mistakes")
    axes[0].set_ylabel("test image")
    axes[0].set_xlabel("true → predicted")
    fig.suptitle(f"{int(np.sum(truth != predicted))} of {len(truth)} test digits misread")
    return fig
