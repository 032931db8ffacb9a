"""Figures for lesson 08: data in the plane, decision boundaries, ReLU pieces summing to a curve.

Every function takes values and returns a :class:`~actlearn.plots.style.CourseFigure`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb

from actlearn.labs.boundaries.approximation import (
    max_error,
    relu_interpolant,
    target,
    train_relu_fit,
)
from actlearn.labs.boundaries.planes import DATASETS, PlaneData, plane_data, train_boundary
from actlearn.plots.style import CourseFigure, color, figure, label

MARKERS = ("o", "s", "^")


def _scatter(ax: Axes, data: PlaneData) -> None:
    for k, name in enumerate(data.class_names):
        points = data.X[data.y == k]
        ax.scatter(points[:, 0], points[:, 1], s=16, color=color(k), marker=MARKERS[k % 3],
                   edgecolors="white", linewidths=0.5, label=name, zorder=3)


def datasets_overview(names: Sequence[str] = DATASETS) -> CourseFigure:
    """One scatter plot per data set of :func:`actlearn.labs.boundaries.planes.plane_data`."""
    fig, axes = figure(len(names), size=(4.0 * len(names), 3.8))
    for ax, name in zip(axes, names, strict=True):
        data = plane_data(name)
        _scatter(ax, data)
        label(ax, f"{name}: {len(data.y)} points, {len(data.class_names)} classes",
              *data.feature_names)
        ax.legend(loc="best", fontsize=8)
    return fig


def _region_image(probs: np.ndarray) -> np.ndarray:
    """RGB image: each pixel mixes the class colours by probability, lightened toward white."""
    palette = np.array([to_rgb(color(k)) for k in range(probs.shape[-1])])
    return 0.45 + 0.55 * (probs @ palette)


def decision_boundary(
    dataset: str = "spirals", activation: str = "relu", width: int = 16, steps: int = 200
) -> CourseFigure:
    """Left: the plane coloured by the class probabilities of ``MLP([2, width, k])`` after
    ``steps`` Adam steps, the boundary (where the predicted class changes) in black, and the
    training points. Right: the training loss with the current step marked."""
    run = train_boundary(dataset, activation, width)
    i = run.index(steps)
    probs = run.probs[i]
    fig, (left, right) = figure(2, size=(9.6, 4.0))
    extent = (run.xs[0], run.xs[-1], run.ys[0], run.ys[-1])
    left.imshow(_region_image(probs), origin="lower", extent=extent, aspect="auto",
                interpolation="bilinear")
    predicted = probs.argmax(axis=-1)
    left.contour(run.xs, run.ys, predicted, levels=np.arange(probs.shape[-1] - 1) + 0.5,
                 colors="black", linewidths=1.2)
    _scatter(left, run.data)
    left.grid(False)
    label(left, f"{activation}, width {width}, {run.steps[i]} steps: "
          f"accuracy {100 * run.accuracy[i]:.1f} %", *run.data.feature_names)
    left.legend(loc="upper right", fontsize=8, framealpha=0.8)
    right.plot(np.arange(1, run.loss.size + 1), run.loss, color=color(0), label="training loss")
    right.axvline(run.steps[i], color="0.2", ls="--", lw=1, label=f"step {run.steps[i]}")
    right.set_ylim(bottom=0)
    label(right, f"{dataset}: cross-entropy during training", "Adam step", "loss")
    right.legend(loc="upper right")
    return fig


def relu_pieces(name: str = "wave", n_pieces: int = 8) -> CourseFigure:
    """Left: the target curve, its sum of ``n_pieces`` ReLU units and the knots. Right: the
    individual units c_k ReLU(x − t_k) that add up to it (plus the constant f(t_0))."""
    f, (low, high) = target(name)
    fit = relu_interpolant(f, low, high, n_pieces)
    xs = np.linspace(low, high, 801)
    error = max_error(f, fit, low, high)
    fig, (left, right) = figure(2, size=(9.6, 3.8))
    left.plot(xs, f(xs), color=color(0), lw=4, alpha=0.45, label=f"target: {name}")
    left.plot(xs, fit(xs), color=color(3), lw=1.6, label=f"sum of {n_pieces} ReLU units")
    left.plot(fit.knots, fit(fit.knots), "o", color=color(3), ms=4, label="knots t_k")
    label(left, f"{n_pieces} pieces: max error {error:.3g}", "x", "f(x)")
    left.legend(loc="best", fontsize=9)
    terms = fit.terms(xs)
    for k in range(n_pieces):
        right.plot(xs, terms[k], color=color(k), lw=1.3)
    right.plot(fit.knots, np.zeros(n_pieces), "|", color="0.2", ms=10, label="knots t_k")
    right.axhline(fit.bias, color="0.3", ls=":", lw=1.2, label=f"constant f(t₀) = {fit.bias:.3g}")
    label(right, "the units c_k · ReLU(x − t_k): hinges at the knots", "x", "contribution")
    right.legend(loc="best", fontsize=9)
    return fig


def approximation_error(name: str = "wave", counts: Sequence[int] = (2, 4, 8, 16, 32, 64, 128)
                        ) -> CourseFigure:
    """Max error of the ReLU interpolant against the number of units (log-log), with the
    1/n² rate drawn through the last point."""
    f, (low, high) = target(name)
    n = np.asarray(counts)
    errors = np.array([max_error(f, relu_interpolant(f, low, high, int(k)), low, high)
                       for k in n])
    fig, (ax,) = figure(size=(5.6, 3.8))
    ax.loglog(n, errors, "o-", color=color(0), label=f"{name}: max |f − f̂|")
    ax.loglog(n, errors[-1] * (n[-1] / n) ** 2, ls="--", color="0.4", label="∝ 1/n²")
    label(ax, "more units, smaller error", "number of ReLU units n", "max error")
    ax.legend(loc="upper right")
    return fig


def trained_vs_constructed(name: str = "wave", width: int = 16, steps: int = 1500) -> CourseFigure:
    """Left: the target, the constructed sum of ``width`` ReLU units, and two networks of the
    same width trained by Adam (all kinks starting at 0, or spread over the interval).
    Right: the two training losses."""
    f, (low, high) = target(name)
    built = relu_interpolant(f, low, high, width)
    runs = {"trained, biases start at 0": train_relu_fit(name, width, steps, spread=False),
            "trained, kinks spread": train_relu_fit(name, width, steps, spread=True)}
    xs = np.linspace(low, high, 801)
    fig, (left, right) = figure(2, size=(9.6, 4.4))
    left.plot(xs, f(xs), color=color(0), lw=4, alpha=0.45, label=f"target: {name}")
    left.plot(xs, built(xs), color=color(3), lw=1.4,
              label=f"constructed (error {max_error(f, built, low, high):.2g})")
    for k, (text, run) in enumerate(runs.items()):
        left.plot(xs, run(xs), color=color(k + 1), lw=1.4, ls="--",
                  label=f"{text} (error {run.max_error:.2g})")
        right.plot(np.arange(1, run.loss.size + 1), run.loss, color=color(k + 1), label=text)
    label(left, f"{width} ReLU units: built by hand vs trained", "x", "f(x)")
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=8)
    right.set_yscale("log")
    label(right, "mean squared error while training", "Adam step", "loss (log scale)")
    right.legend(loc="upper right", fontsize=9)
    return fig
