"""Figures for lesson 13: saturation measured, output-layer gradients, cost, gated units.

Every function takes values and returns a :class:`~actlearn.plots.style.CourseFigure`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

import actlearn as al
from actlearn.activations.params import REQUIRED_PARAMS
from actlearn.labs.choosing.data_size import LearningCurves, RegressionFit, regression_target
from actlearn.labs.choosing.gated_ffn import VARIANTS
from actlearn.labs.choosing.saturation import (
    BLOCKED_BELOW,
    blocked_curve,
    output_gradients,
    response,
)
from actlearn.plots.style import (
    DIVERGING_CMAP,
    CourseFigure,
    bars,
    color,
    figure,
    label,
    zero_lines,
)


def _bound(name: str) -> al.ActivationFunction:
    return al.activation(name, **REQUIRED_PARAMS.get(name, {}))


def response_plot(name: str = "sigmoid", scale: float = 1.0, n: int = 20_000,
                  seed: int = 0) -> CourseFigure:
    """Left: f and f' with the density of z ~ N(0, scale²) shaded; right: what was measured
    on ``n`` such z (blocked fraction, sparsity, mean output, rms slope)."""
    fn = _bound(name)
    stats = response(fn, scale, n, np.random.default_rng(seed))
    half = max(4.0, 3.0 * scale)
    x = np.linspace(-half, half, 801)
    density = np.exp(-0.5 * (x / scale) ** 2)
    fig, (left, right) = figure(2, size=(10.0, 3.8))
    left.fill_between(x, 0, density, color="0.85", label="density of z (peak = 1)")
    left.plot(x, fn(x), color=color(0), lw=2, label=f"{name}(x)")
    left.plot(x, fn.derivative(x), color=color(1), lw=2, ls="--", label=f"{name}'(x)")
    zero_lines(left)
    left.legend(loc="upper left", fontsize=9)
    label(left, f"{name} under z ~ N(0, {scale:.3g}²)", "pre-activation z", "value")
    names = ["blocked\n|f'| < 0.01", "sparsity\nf = 0", "mean\noutput", "rms slope"]
    values = [stats.blocked, stats.sparsity, stats.mean_output, stats.rms_slope]
    bars(right, names, values, [f"{v:.2f}" for v in values])
    right.axhline(0, color="0.6", lw=0.8)
    right.set_ylim(min(0.0, *values) - 0.1, max(1.0, *values) + 0.15)
    label(right, f"measured on {n:,} samples", "statistic", "value")
    return fig


def blocked_fraction_plot(names: Sequence[str] = ("sigmoid", "tanh", "relu", "leaky_relu", "gelu"),
                          scales: Sequence[float] | None = None, n: int = 20_000,
                          seed: int = 0) -> CourseFigure:
    """P(|f'(z)| < 0.01) against the pre-activation scale s, one line per activation."""
    s = np.geomspace(0.1, 100.0, 61) if scales is None else np.asarray(scales, dtype=np.float64)
    fig, (ax,) = figure(size=(6.4, 3.8))
    for i, name in enumerate(names):
        curve = blocked_curve(_bound(name), s, n, np.random.default_rng(seed))
        ax.plot(s, curve, color=color(i), lw=2, label=name)
    ax.set_xscale("log")
    ax.set_ylim(-0.03, 1.03)
    ax.legend(loc="upper left", fontsize=9)
    label(ax, f"units passing back < {BLOCKED_BELOW:g} of the gradient",
          "scale s of z ~ N(0, s²)", "blocked fraction")
    return fig


def output_gradient_plot(target: float = 1.0) -> CourseFigure:
    """|∂loss/∂z| of a sigmoid output under cross-entropy and squared error, log scale."""
    z = np.linspace(-12.0, 12.0, 481)
    ce, se = output_gradients(z, target)
    fig, (ax,) = figure(size=(6.4, 3.8))
    ax.plot(z, np.abs(ce), color=color(0), lw=2, label="cross-entropy: |p − y|")
    ax.plot(z, np.abs(se), color=color(3), lw=2, ls="--", label="squared error: |p − y|·σ'(z)")
    ax.set_yscale("log")
    ax.set_ylim(1e-6, 3.0)
    ax.axvline(0, color="0.6", lw=0.8)
    wrong_side = -8.0 if target == 1.0 else 8.0
    ax.text(wrong_side, 2e-3, "confidently\nwrong", ha="center", color="0.3")
    ax.legend(loc="lower center", fontsize=9)
    label(ax, f"sigmoid output, target y = {target:g}", "logit z", "|gradient at the logit|")
    return fig


def learning_curves_plot(curves: LearningCurves) -> CourseFigure:
    """Test accuracy against training-set size (log scale), one line per activation."""
    fig, (ax,) = figure(size=(6.4, 3.8))
    for i, (name, accuracy) in enumerate(curves.accuracy.items()):
        ax.plot(curves.sizes, 100 * np.asarray(accuracy), color=color(i), lw=2, marker="o",
                label=name)
    ax.set_xscale("log")
    ax.set_xticks(curves.sizes, [str(n) for n in curves.sizes])
    ax.legend(loc="lower right", fontsize=9)
    label(ax, f"8×8 digits: accuracy on {curves.n_test} held-out digits",
          "training digits (log scale)", "test accuracy (%)")
    return fig


def regression_plot(fits: Sequence[RegressionFit]) -> CourseFigure:
    """The target curve and each activation's fitted curve, with the test MSE in the legend."""
    if not fits:
        raise ValueError("regression_plot: fits is empty")
    x = fits[0].x
    fig, (ax,) = figure(size=(6.4, 3.8))
    ax.plot(x, regression_target(x), color="0.2", lw=3, alpha=0.35, label="target")
    for i, fit in enumerate(fits):
        ax.plot(x, fit.prediction, color=color(i), lw=1.5, label=f"{fit.name} (MSE {fit.mse:.1e})")
    ax.legend(loc="upper left", fontsize=9)
    label(ax, "regression, linear output: sin 2x + 0.3x from 64 noisy samples", "x", "y")
    return fig


def cost_plot(ratios: Mapping[str, float],
              title: str = "forward pass on 10⁶ values") -> CourseFigure:
    """Horizontal bars of cost relative to ReLU, cheapest on top, with ReLU's 1 marked."""
    if not ratios:
        raise ValueError("cost_plot: ratios is empty; pass {name: cost relative to ReLU}")
    items = sorted(ratios.items(), key=lambda kv: kv[1], reverse=True)
    names, values = [k for k, _ in items], [v for _, v in items]
    fig, (ax,) = figure(size=(6.4, 0.26 * len(items) + 1.4))
    drawn = ax.barh(names, values, color=color(0))
    ax.bar_label(drawn, labels=[f"{v:.1f}×" for v in values], padding=2, fontsize=8)
    ax.axvline(1.0, color=color(3), lw=1, ls="--", label="ReLU = 1")
    ax.set_xscale("log")
    ax.set_xlim(min(0.5, min(values) / 1.5), max(values) * 3)
    ax.legend(loc="lower right", fontsize=9)
    label(ax, f"measured cost relative to ReLU, {title}", "time / time of ReLU (log)", "activation")
    return fig


def gate_surfaces(variants: Sequence[str] = ("GLU", "ReGLU", "GEGLU", "SwiGLU"),
                  limit: float = 3.0) -> CourseFigure:
    """Heat maps of one gated unit g(u)·v over the (u, v) plane, u = x·w and v = x·v."""
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        raise ValueError(f"gate_surfaces: unknown variants {unknown}; known: {list(VARIANTS)}")
    grid = np.linspace(-limit, limit, 121)
    u, v = np.meshgrid(grid, grid)
    surfaces = [al.activation(VARIANTS[name])(u) * v for name in variants]
    top = max(float(np.abs(s).max()) for s in surfaces)
    fig, axes = figure(len(variants), size=(3.1 * len(variants) + 1.0, 3.3))
    for ax, name, surface in zip(axes, variants, surfaces, strict=True):
        image = ax.imshow(surface, origin="lower", extent=(-limit, limit, -limit, limit),
                          cmap=DIVERGING_CMAP, vmin=-top, vmax=top)
        ax.grid(False)
        label(ax, f"{name}: {VARIANTS[name]}(u)·v", "gate input u = x·w", "value input v = x·v")
    fig.colorbar(image, ax=axes, shrink=0.85, label="unit output")
    return fig
