"""Figures of sigmoid and tanh: shapes and slopes, tanh = 2σ(2x) − 1, softsign beside tanh,
centring, probabilities."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

import actlearn as al
from actlearn.plots.style import CourseFigure, color, figure, label, zero_lines

N_SAMPLES = 4000


def sigmoid_and_tanh(slope: float = 1.0, bias: float = 0.0, x_min: float = -6.0,
                     x_max: float = 6.0) -> CourseFigure:
    """σ(a x + b) and tanh(a x + b) (left) and their slopes in x (right).

    The slopes peak at a/4 (sigmoid) and a (tanh) where a x + b = 0, and vanish in the tails.
    """
    x = np.linspace(x_min, x_max, 801)
    z = slope * x + bias
    fig, (ax_f, ax_d) = figure(ncols=2, size=(9.6, 3.6))
    for i, name in enumerate(("sigmoid", "tanh")):
        f = al.activation(name)
        ax_f.plot(x, f(z), color=color(i), lw=2.4, label=f"{name}(a·x + b)")
        peak = abs(slope) * (0.25 if name == "sigmoid" else 1.0)
        ax_d.plot(x, slope * f.derivative(z), color=color(i), lw=2.4,
                  label=f"slope of {name}, peak {peak:.2g}")
    for ax in (ax_f, ax_d):
        zero_lines(ax)
        ax.legend(fontsize=9, loc="upper left")
    ax_f.set_ylim(-1.15, 1.35)
    top = max(1.0, abs(slope)) * 1.3
    ax_d.set_ylim(-top if slope < 0 else -0.05 * top, 0.05 * top if slope < 0 else top)
    label(ax_f, f"a = {slope:g}, b = {bias:g}", "x", "output")
    label(ax_d, "slope d/dx: largest at a·x + b = 0", "x", "derivative")
    return fig


def tanh_identity(x_min: float = -5.0, x_max: float = 5.0) -> CourseFigure:
    """tanh(x) and 2σ(2x) − 1 on top of each other (left); their difference in floating point."""
    x = np.linspace(x_min, x_max, 801)
    sigmoid, tanh = al.activation("sigmoid"), al.activation("tanh")
    rebuilt = 2.0 * sigmoid(2.0 * x) - 1.0
    fig, (ax_f, ax_e) = figure(ncols=2, size=(9.6, 3.6))
    zero_lines(ax_f)
    ax_f.plot(x, sigmoid(x), color=color(1), lw=1.6, label="σ(x)")
    ax_f.plot(x, tanh(x), color=color(0), lw=5, alpha=0.45, label="tanh(x)")
    ax_f.plot(x, rebuilt, "--", color="black", lw=1.4, label="2σ(2x) − 1")
    ax_f.legend(fontsize=9, loc="upper left")
    ax_e.plot(x, (rebuilt - tanh(x)) / np.finfo(np.float64).eps, color=color(3), lw=1.2)
    label(ax_f, "tanh is a stretched, shifted sigmoid", "x", "output")
    label(ax_e, "difference 2σ(2x) − 1 − tanh(x)", "x", "difference in units of 2.2e-16")
    return fig


def softsign_and_tanh(x_max: float = 10.0) -> CourseFigure:
    """softsign(x) = x / (1 + |x|) beside tanh (left), and their slopes on a log scale (right):
    tanh' = 1 − tanh² decays like e^(−2|x|), softsign' = 1/(1 + |x|)² only polynomially."""
    x = np.linspace(-x_max, x_max, 801)
    fig, (ax_f, ax_d) = figure(ncols=2, size=(9.6, 3.6))
    for i, name in enumerate(("tanh", "softsign")):
        f = al.activation(name)
        ax_f.plot(x, f(x), color=color(i), lw=2.4, label=f"{name}(x)")
        ax_d.plot(x, f.derivative(x), color=color(i), lw=2.4, label=f"{name}'(x)")
    zero_lines(ax_f)
    ax_d.set_yscale("log")
    for ax in (ax_f, ax_d):
        ax.legend(fontsize=9, loc="upper left" if ax is ax_f else "lower center")
    label(ax_f, "two S-curves with range (−1, 1)", "x", "output")
    label(ax_d, "slopes: softsign's tails stay much steeper", "x", "derivative (log scale)")
    return fig


def output_distributions(spread: float = 1.0, shift: float = 0.0, seed: int = 0) -> CourseFigure:
    """Histograms of σ(z) and tanh(z) for z ~ N(shift, spread²), with their means marked.

    For inputs centred on 0 the tanh outputs average about 0, the sigmoid outputs about 1/2.
    """
    z = np.random.default_rng(seed).normal(shift, spread, N_SAMPLES)
    fig, (ax,) = figure(size=(6.0, 3.8))
    bins = np.linspace(-1.0, 1.0, 61)
    for i, name in enumerate(("sigmoid", "tanh")):
        out = al.activation(name)(z)
        counts, _ = np.histogram(out, bins=bins)
        ax.stairs(counts, bins, fill=True, color=color(i), alpha=0.55,
                  label=f"{name}: mean {out.mean():+.2f}")
        ax.axvline(out.mean(), color=color(i), lw=2.2)
    ax.axvline(0.0, color="0.4", lw=0.8)
    ax.legend(fontsize=9, loc="upper left")
    title = f"outputs for inputs z ~ N({shift:g}, {spread:g}²)"
    return label(ax, title, "activation output", "count").figure


def logistic_probability(x: ArrayLike, y: ArrayLike, w: float, b: float,
                         xlabel: str = "feature x", classes: tuple[str, str] = ("0", "1"),
                         ) -> CourseFigure:
    """Labelled 1-D data (drawn at heights 0 and 1) with the fitted p(x) = σ(w x + b).

    The dotted line marks the decision boundary p = 1/2, at x = −b/w.
    """
    x_arr, y_arr = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    pad = 0.1 * np.ptp(x_arr) if x_arr.size > 1 else 1.0
    xs = np.linspace(x_arr.min() - pad, x_arr.max() + pad, 601)
    fig, (ax,) = figure(size=(6.0, 3.8))
    offsets = 0.02 * (np.arange(x_arr.size) % 5 - 2)  # spread repeated values apart
    for k, name in enumerate(classes):
        mask = y_arr == k
        ax.scatter(x_arr[mask], y_arr[mask] + offsets[mask], s=18, color=color(k + 1), alpha=0.7,
                   label=f"class {name}")
    ax.plot(xs, al.activation("sigmoid")(w * xs + b), color=color(0), lw=2.4,
            label="p(class " + classes[1] + " | x)")
    if w != 0:
        ax.axvline(-b / w, color="black", ls=":", lw=1.4, label=f"p = 1/2 at x = {-b / w:.2f}")
    ax.set_ylim(-0.12, 1.12)
    ax.legend(fontsize=9, loc="center right")
    return label(ax, f"σ({w:.2f}·x {'+' if b >= 0 else '−'} {abs(b):.2f})", xlabel,
                 "probability").figure
