"""Figures for lesson 05: the ReLU family, sparsity, dying units, PReLU slope, scale invariance."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from actlearn.activations.bound import activation
from actlearn.labs.relu.training import DyingRun, SlopeRun
from actlearn.plots.style import CourseFigure, color, figure, label, zero_lines

X_RANGE = (-5.0, 15.0)


def _curve(ax, name: str, title: str, x: np.ndarray, **params: float) -> None:
    f = activation(name, **params)
    y = f(x)
    jumps = np.flatnonzero(np.abs(np.diff(y)) > 50 * (x[1] - x[0]))
    ax.plot(np.insert(x, jumps + 1, np.nan), np.insert(y, jumps + 1, np.nan), color=color(0),
            lw=2, label="f(x)")
    ax.plot(x, f.derivative(x), color=color(1), ls="--", label="f'(x)")
    zero_lines(ax)
    ax.legend(loc="upper left")
    label(ax, title, "x", "value")


def family_panels(negative_slope: float = 0.1, threshold: float = 10.0) -> CourseFigure:
    """ReLU, threshold at T (value 0), leaky ReLU with slope α, ReLU6: each with its derivative.

    The dashed derivative follows the registry's convention at the kinks (PyTorch's values).
    """
    fig, axes = figure(2, 2, size=(10.4, 7.0))
    x = np.linspace(*X_RANGE, 2001)
    _curve(axes[0], "relu", "ReLU: max(0, x)", x)
    _curve(axes[1], "threshold", f"Threshold: x if x > T = {threshold:g}, else 0", x,
           threshold=threshold, value=0.0)
    _curve(axes[2], "leaky_relu", f"Leaky ReLU, α = {negative_slope:g}", x,
           negative_slope=negative_slope)
    _curve(axes[3], "relu6", "ReLU6: min(max(0, x), 6)", x)
    return fig


def crelu_plot(low: float = -3.0, high: float = 3.0) -> CourseFigure:
    """CReLU's two output channels [relu(x), relu(−x)] for one input channel x."""
    fig, (ax,) = figure(size=(6.0, 3.6))
    x = np.linspace(low, high, 601)
    out = activation("crelu")(x[:, None])
    ax.plot(x, out[:, 0], color=color(0), lw=2, label="channel 1: relu(x)")
    ax.plot(x, out[:, 1], color=color(2), lw=2, ls="--", label="channel 2: relu(−x)")
    zero_lines(ax)
    ax.legend(loc="upper center")
    label(ax, "CReLU doubles the channels: nothing is thrown away", "x", "output")
    return fig


def sparsity_plot(fractions: Mapping[str, float]) -> CourseFigure:
    """Horizontal bars: the fraction of exact zeros each activation leaves in a random layer."""
    fig, (ax,) = figure(size=(6.4, 0.45 * len(fractions) + 1.4))
    names = list(fractions)
    values = [fractions[n] for n in names]
    ax.barh(names, values, color=[color(0) if v > 0 else color(5) for v in values])
    for i, v in enumerate(values):
        ax.text(v + 0.01, i, f"{v:.1%}", va="center")
    ax.set_xlim(0, 1.15)
    ax.invert_yaxis()
    label(ax, "Sparsity of a random layer", "fraction of outputs exactly 0", "activation")
    return fig


def _run_label(run: DyingRun) -> str:
    bias = f", bias {run.bias_init:g}" if run.bias_init else ""
    return f"{run.activation}, lr {run.lr:g}{bias}"


def dying_plot(runs: Sequence[DyingRun]) -> CourseFigure:
    """Dead hidden units (left) and training loss (right, log scale) per step for each run."""
    fig, (left, right) = figure(2, size=(10.4, 3.9))
    for i, run in enumerate(runs):
        left.plot(np.arange(len(run.dead)), run.dead, color=color(i), lw=2, label=_run_label(run))
        right.plot(np.arange(1, len(run.loss) + 1), run.loss, color=color(i), lw=1.5,
                   label=_run_label(run))
    left.set_ylim(-1, max(run.width for run in runs) + 1)
    left.legend(loc="best")
    right.set_yscale("log")
    label(left, "Dead units (zero gradient on every input)", "step", "dead hidden units")
    label(right, "Training loss", "step", "MSE")
    return fig


def prelu_slope_plot(run: SlopeRun, target: float = -1.0) -> CourseFigure:
    """The learned slope a per step (left) and the data with the trained PReLU unit (right)."""
    fig, (left, right) = figure(2, size=(10.4, 3.9))
    left.plot(np.arange(len(run.slope)), run.slope, color=color(0), lw=2, label="slope a")
    left.axhline(target, color="0.3", ls="--", lw=1, label=f"a = {target:g} (target)")
    left.legend(loc="upper right")
    label(left, f"PReLU slope: {run.slope[0]:g} → {run.slope[-1]:.3f}", "step", "a")
    right.plot(run.x, run.y, "o", ms=3, color=color(5), label="data |x − 1/2| + noise")
    right.plot(run.x, run.fitted, color=color(3), lw=2, label="trained PReLU unit")
    right.legend(loc="upper center")
    label(right, "The fitted V shape", "x", "y")
    return fig


def scale_invariance_plot(a: float = 3.0, other: str = "tanh") -> CourseFigure:
    """relu(a x) against a·relu(x) (identical for a > 0) and the same test for ``other``."""
    fig, axes = figure(2, size=(10.4, 3.7))
    x = np.linspace(-3.0, 3.0, 601)
    for ax, name in zip(axes, ("relu", other), strict=True):
        f = activation(name)
        ax.plot(x, f(a * x), color=color(0), lw=3, alpha=0.6, label=f"{name}({a:g}x)")
        ax.plot(x, a * f(x), color=color(3), ls="--", lw=1.5, label=f"{a:g}·{name}(x)")
        gap = np.max(np.abs(f(a * x) - a * f(x)))
        zero_lines(ax)
        ax.legend(loc="upper left")
        label(ax, f"{name}: max gap {gap:.3g}", "x", "output")
    return fig
