"""Figures for lesson 06: softplus, ELU/CELU, SELU's fixed point and depth statistics, GELU's
approximations, and the hard variants."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from actlearn.activations.bound import activation
from actlearn.labs.smooth import approximations, selfnorm
from actlearn.plots.style import (
    CourseFigure,
    color,
    figure,
    functions_and_slopes,
    label,
    zero_lines,
)

SMOOTH = ("softplus", "elu", "celu", "selu", "gelu", "silu", "mish")


def softplus_plot(beta: float = 1.0, threshold: float = 20.0) -> CourseFigure:
    """Left: softplus_β, ReLU and the slope σ(βx). Right: softplus_β(x) − x near the switch
    x_s = threshold/β, in units of 1e-9: the log form's tiny excess drops to exactly 0."""
    fig, (left, right) = figure(2, size=(10.4, 3.9))
    f = activation("softplus", beta=beta, threshold=threshold)
    x = np.linspace(-4.0, 4.0, 801)
    left.plot(x, activation("relu")(x), color="0.5", lw=1, label="relu")
    left.plot(x, f(x), color=color(0), lw=2, label=f"softplus, β = {beta:g}")
    left.plot(x, f.derivative(x), color=color(1), ls="--", label="slope σ(βx)")
    zero_lines(left)
    left.legend(loc="upper left")
    label(left, "A smooth ReLU; β sharpens the corner", "x", "value")
    switch = approximations.softplus_switch(beta, threshold)
    xs = np.linspace(switch.point - 2.0 / beta, switch.point + 2.0 / beta, 801)
    excess = (f(xs) - xs) / 1e-9
    right.plot(xs, excess, ".", ms=2, color=color(0))
    right.axvline(switch.point, color=color(3), ls=":", lw=1.2,
                  label=f"switch at x = {switch.point:g}")
    right.legend(loc="upper right")
    label(right, f"The switch: a jump of {switch.jump:.2e}", "x", "softplus(x) − x  (× 1e-9)")
    return fig


def smooth_family_plot(names: Sequence[str] = SMOOTH, low: float = -4.0,
                       high: float = 3.0) -> CourseFigure:
    """The smooth ReLU relatives (left) and their derivatives (right)."""
    return functions_and_slopes(names, low, high, ("Smooth activations", "Their slopes"),
                                size=(10.4, 4.2), legend_columns=2)


def elu_celu_plot(alpha: float = 2.0) -> CourseFigure:
    """ELU and CELU with the same α (left) and their derivatives (right): ELU's slope jumps
    from α to 1 at x = 0 unless α = 1, CELU's is continuous for every α."""
    fig, (left, right) = figure(2, size=(10.4, 3.9))
    x = np.linspace(-5.0, 2.0, 701)
    for i, name in enumerate(("elu", "celu")):
        f = activation(name, alpha=alpha)
        left.plot(x, f(x), color=color(i), lw=2, label=f"{name}, α = {alpha:g}")
        right.plot(x, f.derivative(x), color=color(i), lw=2, label=name)
    left.axhline(-alpha, color="0.5", ls=":", lw=1, label=f"−α = {-alpha:g}")
    for ax in (left, right):
        zero_lines(ax)
        ax.legend(loc="upper left")
    label(left, "ELU and CELU saturate at −α", "x", "f(x)")
    label(right, "Slopes: ELU jumps at 0 unless α = 1", "x", "f'(x)")
    return fig


def selu_fixed_point_plot(solution: selfnorm.SeluSolution) -> CourseFigure:
    """The (α, λ) plane: where the mean is 0 (a vertical line, since λ only scales) and where
    the variance is 1, with Newton's iterates and the published constants."""
    from actlearn.activations import SELU_ALPHA, SELU_SCALE

    fig, (ax,) = figure(size=(6.6, 4.2))
    alphas = np.linspace(0.8, 2.6, 61)
    scales = [1.0 / np.sqrt(selfnorm.activation_moments("elu", alpha=a)[1]) for a in alphas]
    ax.plot(alphas, scales, color=color(0), lw=2, label="variance = 1")
    ax.axvline(solution.alpha, color=color(1), lw=2, label="mean = 0")
    path = np.array(solution.path)
    ax.plot(path[:, 0], path[:, 1], "o--", color=color(3), ms=4, label="Newton iterates")
    ax.plot([SELU_ALPHA], [SELU_SCALE], "*", ms=14, color=color(7),
            label=f"published ({SELU_ALPHA:.4f}, {SELU_SCALE:.4f})")
    ax.legend(loc="upper right")
    label(ax, "SELU's constants: two equations, one solution", "α", "λ (scale)")
    return fig


def depth_statistics_plot(runs: Sequence[selfnorm.DepthStatistics]) -> CourseFigure:
    """Mean (left) and variance (right, log scale) of the activations after each layer."""
    fig, (left, right) = figure(2, size=(10.4, 3.9))
    for i, run in enumerate(runs):
        layer = np.arange(len(run.mean))
        left.plot(layer, run.mean, color=color(i), lw=1.8, label=run.name)
        right.plot(layer, np.maximum(run.variance, 1e-300), color=color(i), lw=1.8,
                   label=run.name)
    right.axhline(1.0, color="0.4", ls=":", lw=1)
    right.set_yscale("log")
    left.legend(loc="best")
    label(left, "Mean of the activations", "layer", "mean")
    label(right, "Variance of the activations", "layer", "variance")
    return fig


def gelu_approximation_plot(low: float = -4.0, high: float = 4.0) -> CourseFigure:
    """GELU with its tanh and sigmoid approximations (left) and their errors (right, log)."""
    fig, (left, right) = figure(2, size=(10.4, 3.9))
    x = np.linspace(low, high, 801)
    exact = activation("gelu")
    approx = {"tanh form": activation("gelu", approximate="tanh"),
              "x σ(1.702 x)": approximations.gelu_sigmoid}
    left.plot(x, exact(x), color=color(0), lw=3, alpha=0.5, label="GELU x Φ(x)")
    for i, (name, g) in enumerate(approx.items(), start=1):
        err = approximations.max_error(g, exact)
        left.plot(x, g(x), color=color(i), ls="--", label=name)
        right.plot(x, np.maximum(np.abs(g(x) - exact(x)), 1e-17), color=color(i),
                   label=f"{name}: max {err.max_abs:.1e}")
    zero_lines(left)
    left.legend(loc="upper left")
    right.set_yscale("log")
    right.set_ylim(1e-7, 1.0)
    right.legend(loc="lower center")
    label(left, "GELU and two approximations", "x", "f(x)")
    label(right, "Absolute error", "x", "|approximation − GELU|")
    return fig


def hard_vs_smooth_plot() -> CourseFigure:
    """hardsigmoid vs sigmoid, hardswish vs SiLU, hardtanh vs tanh, each with the max gap."""
    fig, axes = figure(3, size=(13.0, 3.6))
    x = np.linspace(-5.0, 5.0, 1001)
    for ax, (hard, smooth) in zip(
        axes, (("hardsigmoid", "sigmoid"), ("hardswish", "silu"), ("hardtanh", "tanh")),
        strict=True,
    ):
        h, s = activation(hard), activation(smooth)
        ax.plot(x, s(x), color=color(0), lw=2, label=smooth)
        ax.plot(x, h(x), color=color(3), ls="--", lw=2, label=hard)
        err = approximations.max_error(h, s)
        zero_lines(ax)
        ax.legend(loc="upper left")
        label(ax, f"{hard}: max gap {err.max_abs:.3f}", "x", "f(x)")
    return fig
